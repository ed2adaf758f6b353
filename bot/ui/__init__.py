"""Discord views and the glue that sends Replies (see bot/app/respond.py), in time and privately."""
from bot.ui.private import in_time, tell_privately
from bot.ui.send import NO_PINGS, edit_reply, reply_to, send_followup, view_for
from bot.ui.views import DidYouMeanView, OwnedView, PagedView

__all__ = ["NO_PINGS", "edit_reply", "reply_to", "send_followup", "view_for", "DidYouMeanView", "OwnedView", "PagedView",
           "in_time", "tell_privately"]
