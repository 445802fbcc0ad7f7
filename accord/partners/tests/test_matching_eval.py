"""The matcher on the labelled evaluation set built from real reference data (bench/evalset.py):
precision and recall at the default threshold meet the targets of the data-quality issue."""

import pytest

from bench.dedupe_eval import PRECISION_TARGET, RECALL_TARGET, evaluate
from bench.evalset import build


@pytest.fixture(scope="module")
def evalset():
    return build()


def test_precision_and_recall_at_the_default_threshold_meet_the_targets(evalset):
    metrics = evaluate(evalset)
    assert len(evalset.true_pairs) > 500 and len(evalset.hard_negatives) > 1000
    assert metrics.precision >= PRECISION_TARGET, metrics.false_positives[:10]
    assert metrics.recall >= RECALL_TARGET, metrics.false_negatives[:10]


def test_the_hard_non_duplicates_include_the_classic_confusions(evalset):
    names = {r.id: r.name for r in evalset.records}
    pairs = {frozenset((names[a], names[b])) for a, b in evalset.hard_negatives}
    assert frozenset(("African Development Bank", "Asian Development Bank")) in pairs
