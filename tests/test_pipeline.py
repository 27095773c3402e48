"""The pipeline: steps in order, Indonesian steps only for Indonesian text, a failing step never stops a run."""

from __future__ import annotations

from warta.document import Document
from warta.pipeline import Pipeline, Report, extract, extract_text


class Boom:
    name = "boom"

    def __call__(self, doc: Document) -> Document:
        raise RuntimeError("broken step")


def test_failing_language_step_is_a_warning_not_a_crash() -> None:
    pipe = Pipeline.default()
    pipe.language_steps.insert(0, Boom())
    doc = pipe(Document(id="x", text="Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Jakarta, Senin."))
    assert any("boom failed: RuntimeError: broken step" in w for w in doc.warnings)
    assert doc.paragraphs and doc.language == "id"
    assert doc.events  # the steps after the broken one still ran


def test_english_text_skips_indonesian_steps() -> None:
    doc = extract_text("The minister said on Monday that the government will continue to support the plan, "
                       "and that talks with the delegation were held in Jakarta.")
    assert doc.language == "en"
    assert doc.events == [] and doc.quotes == [] and doc.mentions == []


def test_report_counts_read_written_and_languages(tmp_path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"id": "1", "text": "Menteri Luar Negeri RI bertemu Menlu Jepang di Tokyo dan kedua menteri '
                 'membahas kerja sama."}\n{"id": "2", "text": "The talks were held in Tokyo and the ministers '
                 'agreed to meet again next year."}\nnot json\n', encoding="utf-8")
    report = Report()
    docs = list(extract([f], report=report, on_skip=lambda s: None))
    assert [d.id for d in docs] == ["1", "2"]
    assert report.read == 2 and len(report.skipped) == 1
    assert report.languages == {"id": 1, "en": 1}
    assert "read 2 articles" in report.summary() and "skipped 1 (not JSON: 1)" in report.summary()
