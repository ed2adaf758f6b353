"""Discord views and the glue that sends Replies (see bot/respond.py)."""
from bot.ui.send import edit_reply, reply_to, send_followup, view_for
from bot.ui.views import DidYouMeanView, OwnedView, PagedView

__all__ = ["edit_reply", "reply_to", "send_followup", "view_for", "DidYouMeanView", "OwnedView", "PagedView"]
