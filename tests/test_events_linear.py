"""The events step does linear work on one run-on sentence of many actors (issue 11).

Work is counted, not timed: the actor mentions each cue is read with (by the rule coder, ``RuleCoder._code``'s
``sm``) and the mentions the candidate generator weighs as sides (calls of ``candidates._rank_kind``), on a
sentence and on the same sentence eight times as long. Before the cue window (``coder.cue_window``) every cue
was read with every mention of its sentence: both counts grew about 64x for 8x the text. Speed itself is
measured in bench/adversarial.py.

A paragraph of many quotes, each after a sentence with a cue and each with a date, is counted in the Python
lines the step runs (as in test_actors_linear.py): every cue looked through every quote for the one it stands
in, and through every date expression of the article for its sentence's and its paragraph's dates (x18 for 8x
the text before ``coder.QuoteIndex`` and ``coder._DateIndex``, x8 now).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import warta.dates
import warta.events
import warta.events.candidates as candidates
from linecount import lines_run
from warta.document import Document
from warta.events.coder import RuleCoder
from warta.events.step import EventsStep
from warta.pipeline import Pipeline

MEETINGS = "Presiden Joko Widodo bertemu Perdana Menteri Jepang dan "


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.default()


def _prepared(pipe: Pipeline, text: str) -> Document:
    """The document as the events step gets it: cleaned, split, with its actors and quotes."""
    doc = Document(id="t", text=text, published="2024-11-12", origin="<test>")
    for step in pipe.steps:
        doc = step(doc)
    doc.language = "id"
    for step in pipe.language_steps:
        if step.name != "events":
            doc = step(doc)
    assert len(doc.sentences) == 1 and len(doc.mentions) > 100  # one sentence, many actors
    return doc


def _work(pipe: Pipeline, monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[int, int, int]:
    """(mentions read by the rule coder, sides weighed by the candidates, instances) on n meetings."""
    doc = _prepared(pipe, MEETINGS * n + ".")
    read = weighed = 0
    code: Callable[..., Any] = RuleCoder._code
    rank_kind = candidates._rank_kind

    def counted_code(self: RuleCoder, doc: Document, text: str, low: str, k: int, sent: Any, sm: list[Any],
                     *rest: Any, **kw: Any) -> Any:
        nonlocal read
        read += len(sm)
        return code(self, doc, text, low, k, sent, sm, *rest, **kw)

    def counted_rank(m: Any) -> int:
        nonlocal weighed
        weighed += 1
        return rank_kind(m)

    instances: list[Any] = []
    generate = candidates.generate

    def kept(*a: Any, **kw: Any) -> list[Any]:
        out = generate(*a, **kw)
        instances.extend(out)
        return out

    with monkeypatch.context() as mp:
        mp.setattr(RuleCoder, "_code", counted_code)
        mp.setattr(candidates, "_rank_kind", counted_rank)
        mp.setattr("warta.events.step.generate", kept)
        EventsStep()(doc)
    return read, weighed, len(instances)


def test_events_work_grows_linearly_on_one_long_sentence(pipe: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = _work(pipe, monkeypatch, 100), _work(pipe, monkeypatch, 800)
    for what, a, b in zip(("mentions read by the rule coder", "sides weighed by the candidates", "instances"),
                          small, large, strict=True):
        assert a > 0, what
        assert b / a <= 10, f"{what}: {a} -> {b}, x{b / a:.1f} for 8x the text"


EVENTS_DIRS = tuple(str(Path(mod.__file__).parent) for mod in (warta.events, warta.dates))
LEAD = ("Jakarta (ANTARA) - Presiden Joko Widodo bertemu dengan Menteri Luar Negeri China Wang Yi di Istana Merdeka "
        "pada Senin (6/3), kata juru bicara kepada wartawan.\n\n")
# one paragraph of quotes, each with a date and after a sentence with a cue: every cue scanned every quote (for
# the one it stands in) and every date expression (for the sentence's and the paragraph's dates)
QUOTES = ("Retno mengatakan bahwa Indonesia siap membantu. "
          "\u201cKami akan datang ke Jakarta minggu depan,\u201d ujarnya. ")


def _lines_run(pipe: Pipeline, text: str) -> int:
    """Python lines the events step runs in warta/events/ and warta/dates/ (a tracer, deterministic)."""
    doc = Document(id="t", text=text, published="2024-11-12", origin="<test>")
    for step in pipe.steps:
        doc = step(doc)
    doc.language = "id"
    events = None
    for step in pipe.language_steps:
        if step.name == "events":
            events = step
        else:
            doc = step(doc)
    assert events is not None and len(doc.quotes) > 50  # the quotes are read, with their speakers
    return lines_run(lambda: events(doc), EVENTS_DIRS)


def test_events_work_grows_linearly_on_a_paragraph_of_quotes(pipe: Pipeline) -> None:
    small, large = _lines_run(pipe, LEAD + QUOTES * 60), _lines_run(pipe, LEAD + QUOTES * 480)
    assert large / small <= 10, f"{small} -> {large} lines, x{large / small:.1f} for 8x the text"
