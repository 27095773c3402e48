"""Input repair: mojibake (UTF-8 read as Mac Roman or cp1252) fixed with ftfy, with an offset map.

Only texts that a cheap marker scan flags are repaired (ftfy costs about a millisecond per
article), and then only the runs of non-ASCII characters, one by one, so the map from repaired
to original characters is exact: every changed run is ``(repaired start, repaired end,
original start, original end)``; outside the runs the offsets shift by a constant.
The pipeline works on the repaired text; ``Document.to_record`` maps every span back into the
text as given (``Document.original``).
"""

from __future__ import annotations

import re

from warta.document import Document

# '‚Äú' (“ read as Mac Roman), 'â€œ' (“ read as cp1252), 'Ã©' (é), 'Â ' (no-break space), '¬†' (Mac Roman NBSP)
MARKERS = re.compile("‚Ä|â€|Ã[\u0080-\u00bf\u0152-\u2122]|Â[\u00a0-\u00bf]|¬†")
_RUN = re.compile(r"[^\x00-\x7f]+")
# run -> ftfy's fix of it: fix_encoding is a pure function of its argument and the same runs ("â€œ", "Ã©")
# come back in article after article; cleared when it reaches _CACHE_MAX runs
_FIXED: dict[str, str] = {}
_CACHE_MAX = 50_000


def repair_text(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """(repaired text, changed runs); ``(text, [])`` when nothing is flagged or changed."""
    if text.isascii() or not MARKERS.search(text):  # (every marker is non-ASCII; isascii is O(1))
        return text, []
    from ftfy import fix_encoding  # imported lazily: only flagged texts pay for it

    out: list[str] = []
    runs: list[tuple[int, int, int, int]] = []
    last = 0
    rpos = 0
    cache = _FIXED
    for m in _RUN.finditer(text):
        seg = m.group(0)
        fixed = cache.get(seg)
        if fixed is None:
            fixed = fix_encoding(seg)
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            cache[seg] = fixed
        if fixed == seg:
            continue
        out.append(text[last : m.start()])
        rpos += m.start() - last
        out.append(fixed)
        runs.append((rpos, rpos + len(fixed), m.start(), m.end()))
        rpos += len(fixed)
        last = m.end()
    if not runs:
        return text, []
    out.append(text[last:])
    return "".join(out), runs


class RepairStep:
    """Repair mojibake before any other step; keep the text as given and the offset map on the Document."""

    name = "repair"

    def __call__(self, doc: Document) -> Document:
        if doc.original is not None:  # already repaired
            return doc
        fixed, runs = repair_text(doc.text)
        if runs:
            doc.original, doc.text, doc.repair = doc.text, fixed, runs
            doc._lower = None
            doc.warnings.append(f"mojibake repaired in {len(runs)} place(s) (UTF-8 read as Mac Roman or cp1252)")
        return doc
