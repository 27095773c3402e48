"""Quotes step: every direct quote with its speaker and addressee (spec EVENTS.md §8)."""

from warta.quotes.step import MIN_WORDS, QuotesStep

__all__ = ["MIN_WORDS", "QuotesStep"]
