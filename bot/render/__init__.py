"""Discord-free rendering: answers to embed dicts, flags, escaping and Discord's limits."""
from bot.common.countries import flag
from bot.render.embeds import CHART_FILE, answer_pages, message_embed
from bot.render.limits import embed_length, fit_embed
from bot.render.text import clean

__all__ = ["CHART_FILE", "answer_pages", "message_embed", "flag", "embed_length", "fit_embed", "clean"]
