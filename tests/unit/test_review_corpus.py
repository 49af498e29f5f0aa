"""The review rules over the labelled corpus: what a principal reviewer would comment on."""

from __future__ import annotations

from benchmarks.review import CORPUS, measure


def test_the_corpus_is_large_and_labelled():
    docs = sorted(CORPUS.glob("*.md"))
    assert len(docs) >= 30
    assert all(doc.with_suffix(".defects.yaml").exists() for doc in docs)
    good = [d for d in docs if d.stem.startswith("good-")]
    assert len(good) >= 8  # docs written to tempt a careless rule


def test_recall_and_precision_stay_high():
    score = measure()
    report = "\n".join([*score.missed, *score.wrong])
    assert score.recall >= 0.90, report
    assert score.precision >= 0.95, report
