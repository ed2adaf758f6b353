"""Quote extraction from news-article text (no Discord, no I/O)."""

from bot.quotes.extract import Extracted, about, extract

__all__ = ["Extracted", "about", "extract"]
