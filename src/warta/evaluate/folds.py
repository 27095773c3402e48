"""Cross-validation folds of contiguous publication days.

Articles of the same days report the same events, so no day is split across folds. Runs of
consecutive publication days larger than a fold's share are cut at day boundaries into ``k``
contiguous chunks of about equal size; the remaining small runs (isolated older articles, a lone
later day) are then dealt in date order, each to the currently smallest fold. The result depends
only on the articles' ids and dates, so every command that names "fold 3" means the same articles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

HELD_OUT_FOLD = 4  # 0-based: the fold kept unread as the final check (see docs in `warta eval --help`)


def _day(published: str | None) -> dt.date:
    if not published:
        return dt.date(1900, 1, 1)
    return dt.date.fromisoformat(published[:10]) if len(published) >= 10 else dt.date.fromisoformat(
        published[:7] + "-01")


def _runs(days: list[dt.date]) -> list[list[dt.date]]:
    runs: list[list[dt.date]] = []
    for d in days:
        if runs and (d - runs[-1][-1]).days <= 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _cut(run: list[dt.date], counts: Mapping[dt.date, int], k: int) -> list[list[dt.date]]:
    """Cut one run of days into k contiguous chunks whose sizes are as close as possible to size/k."""
    total = sum(counts[d] for d in run)
    cum, acc = [], 0
    for d in run:
        acc += counts[d]
        cum.append(acc)
    cuts: list[int] = []
    for j in range(1, k):
        target = total * j / k
        best = min(range(len(run)), key=lambda i: (abs(cum[i] - target), i))
        if (not cuts or best > cuts[-1]) and best < len(run) - 1:
            cuts.append(best)
    chunks, start = [], 0
    for c in cuts:
        chunks.append(run[start:c + 1])
        start = c + 1
    chunks.append(run[start:])
    return chunks


def assign_folds(articles: Iterable[tuple[str, str | None]], k: int = 5) -> dict[str, int]:
    """Map article id → fold (0 … k-1) from ``(id, published)`` pairs."""
    items = [(aid, _day(pub)) for aid, pub in articles]
    counts: dict[dt.date, int] = {}
    for _, d in items:
        counts[d] = counts.get(d, 0) + 1
    share = len(items) / k
    fold_of_day: dict[dt.date, int] = {}
    sizes = [0] * k
    small: list[list[dt.date]] = []
    for run in _runs(sorted(counts)):
        if sum(counts[d] for d in run) > share:
            for i, chunk in enumerate(_cut(run, counts, k)):
                for d in chunk:
                    fold_of_day[d] = i
                sizes[i] += sum(counts[d] for d in chunk)
        else:
            small.append(run)
    for run in small:
        f = min(range(k), key=lambda i: (sizes[i], i))
        for d in run:
            fold_of_day[d] = f
        sizes[f] += sum(counts[d] for d in run)
    return {aid: fold_of_day[d] for aid, d in items}
