"""Cleaning: article body, publication metadata, language and sentences."""

from warta.clean.cleaner import CleanStep, classify, split_units
from warta.clean.language import LanguageStep, detect_language
from warta.clean.meta import MetaStep, parse_timestamp
from warta.clean.sentences import SentenceStep, split_sentences

__all__ = [
    "CleanStep", "LanguageStep", "MetaStep", "SentenceStep",
    "classify", "detect_language", "parse_timestamp", "split_sentences", "split_units",
]
