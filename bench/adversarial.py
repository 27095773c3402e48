"""Hostile inputs: every record must finish in under 2 s, and the language steps must grow linearly.

    python bench/adversarial.py [--scale 1.0] [--repeat 3] [--case TEXT ...]

Each case is run bare and behind an Indonesian lead paragraph, through the whole pipeline on one
core with no time limit (the slowest record is printed). Then, for the actors, quotes and events
steps, the same text at 1×, 2×, 4× and 8× of an eighth of the case is timed (the language is set to
Indonesian so that the steps run even when the detector says otherwise): t(8×)/t(1×) should be ≤ 10.
"""

from __future__ import annotations

import argparse
import gc
import time

from warta.document import Document
from warta.pipeline import Pipeline

LEAD = (
    "Jakarta (ANTARA) - Presiden Joko Widodo bertemu dengan Menteri Luar Negeri China Wang Yi di Istana "
    "Merdeka pada Senin (6/3), kata juru bicara kepada wartawan. Kedua pihak sepakat memperkuat kerja sama "
    "ekonomi dan keamanan di kawasan.\n\n"
)
QUOTE_MARKS = "\u201c\u201d\"'\u2018\u2019\u00ab\u00bb"


def _name(i: int) -> str:
    """A distinct made-up two-word name for every i (no leader, no earlier person of the text)."""
    a, b, c = chr(65 + i % 26), chr(97 + i // 26 % 26), chr(97 + i // 676 % 26)
    return f"{a}{b}{c}ko Wira{b}{c}{chr(97 + i % 26)}di"


def cases(scale: float) -> dict[str, str]:
    n = lambda k: max(1, int(k * scale))  # noqa: E731
    return {
        "quote marks 1 MB": (QUOTE_MARKS * (n(1_000_000) // len(QUOTE_MARKS) + 1))[: n(1_000_000)],
        "'Presiden ' x 100k": "Presiden " * n(100_000),
        "' dan' x 100k": " dan" * n(100_000),
        "'Menteri Luar Negeri ' x 50k + name": "Menteri Luar Negeri " * n(50_000) + "Retno Marsudi",
        "'Kata dia “yang 'itu' kata' x 20k": "Kata dia \u201cyang 'itu' kata " * n(20_000),
        "CJK x 50k": "\u4e2d\u6587\u65b0\u95fb\u62a5\u9053" * n(50_000 // 6 + 1),
        # found after the cases: quadratic in the actors step until e2a1ac0
        "'Menteri Energi Yeo Bee Yin dan ' x 20k": "Menteri Energi Yeo Bee Yin dan " * n(20_000),
        "4k distinct titled names": "".join(f"Menteri Desa {_name(i)} dan " for i in range(n(4_000))),
        # quadratic in the events step until issue 11's cue window and quote/date indexes: one sentence of
        # many actors and cues, and one paragraph of quotes each after a cue and holding a date
        "one sentence of 2k meetings": "Presiden Joko Widodo bertemu Perdana Menteri Jepang dan " * n(2_000) + ".",
        "paragraph of 4k dated quotes": (
            "Retno mengatakan bahwa Indonesia siap membantu. "
            "\u201cKami akan datang ke Jakarta minggu depan,\u201d ujarnya. ") * n(4_000),
    }


def run_record(pipe: Pipeline, text: str) -> tuple[float, str | None]:
    doc = Document(id="adv", text=text, origin="<bench>")
    t = time.perf_counter()
    doc = pipe(doc)
    return time.perf_counter() - t, doc.language


def time_steps(pipe: Pipeline, text: str, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds of each language step on ``text`` (language forced to Indonesian)."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        doc = Document(id="adv", text=text, origin="<bench>")
        for step in pipe.steps:
            doc = step(doc)
        doc.language = "id"
        for step in pipe.language_steps:
            gc.collect()  # a collection left over from the step before is not this step's cost
            gc.disable()
            t = time.perf_counter()
            doc = step(doc)
            dt = time.perf_counter() - t
            gc.enable()
            best[step.name] = min(best.get(step.name, dt), dt)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="Shrink every case (for a quick look).")
    ap.add_argument("--repeat", type=int, default=3, help="Best of N for the growth timings.")
    ap.add_argument("--case", action="append", default=[], help="Only the cases whose name holds this text.")
    args = ap.parse_args()
    chosen = {k: v for k, v in cases(args.scale).items() if not args.case or any(c in k for c in args.case)}
    pipe = Pipeline.default()
    run_record(pipe, LEAD)  # load the gazetteers and lexicons once
    slowest = (0.0, "")
    print("whole pipeline, one record each (seconds):")
    for name, text in chosen.items():
        for label, t in (("bare", text), ("lead", LEAD + text)):
            dt, lang = run_record(pipe, t)
            print(f"  {name:40} {label:5} {len(t):>9,} chars  lang {lang or '-':5} {dt:7.3f} s", flush=True)
            if dt > slowest[0]:
                slowest = (dt, f"{name} ({label})")
    print(f"slowest record: {slowest[1]} {slowest[0]:.3f} s  ({'OK' if slowest[0] < 2 else 'OVER'} the 2 s bound)")
    print("growth of the language steps, t(8x)/t(1x) (1x = an eighth of the case, behind the lead):")
    worst = (0.0, "")
    for name, text in chosen.items():
        unit = text[: max(1, len(text) // 8)]
        if " " in unit.strip():
            # end the eighth after a whole word: a word cut in two would make 8x another text than 1x eight
            # times over ('… Negeri M' + 'Menteri …' reads 'MMenteri' as a name and links 50k words to it)
            unit = unit[: unit.rstrip().rfind(" ") + 1]
        times = {m: time_steps(pipe, LEAD + unit * m, args.repeat) for m in (1, 2, 4, 8)}
        parts = []
        for step in (s.name for s in pipe.language_steps):
            t1, t8 = times[1][step], times[8][step]
            ratio = t8 / max(t1, 1e-4)  # below 0.1 ms a ratio is timer noise
            parts.append(f"{step} {t1 * 1000:.1f}→{t8 * 1000:.1f} ms ×{ratio:.1f}")
            if ratio > worst[0]:
                worst = (ratio, f"{step} on {name}")
        print(f"  {name:40} " + "  ".join(parts), flush=True)
    print(f"largest growth ratio: {worst[1]} ×{worst[0]:.1f}  ({'OK' if worst[0] <= 10 else 'OVER'} the ×10 bound)")


if __name__ == "__main__":
    main()
