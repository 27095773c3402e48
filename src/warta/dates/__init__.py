"""Dates: find date expressions and resolve them against the publication date (EVENTS.md §5)."""

from warta.dates.core import (
    DateExpr,
    date_for_clause,
    find_expressions,
    is_background,
    parse_interval,
    resolve,
    resolve_text,
)

__all__ = [
    "DateExpr",
    "date_for_clause",
    "find_expressions",
    "is_background",
    "parse_interval",
    "resolve",
    "resolve_text",
]
