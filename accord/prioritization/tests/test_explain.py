"""The normalisation rules and the words of a breakdown, on hand-made figures (no database)."""

from datetime import date
from types import SimpleNamespace

from accord.prioritization import explain, render
from accord.prioritization.normalise import log_scaled, recency, reference, saturating

SNAPSHOT = {
    "weights": {"alignment": 40, "resources": 30, "reach": 15, "relationship": 15, "risk": 30},
    "priorities": {"outcomes": 4, "flagships": 1, "countries": 2, "resources": 2},
}


def score(**overrides):
    values = {
        "alignment": 0.875,
        "resources": 0.5,
        "reach": 0.75,
        "relationship": 0.7064,
        "risk": 0.4,
        "total": 49.85,
        "previous_total": None,
    }
    values |= {
        f"{k}_points": v
        for k, v in {
            "alignment": 35.0,
            "resources": 15.0,
            "reach": 11.25,
            "relationship": 10.6,
            "risk": -12.0,
        }.items()
    }
    values["facts"] = {
        "outcomes": 3,
        "flagships": 1,
        "countries": 2,
        "resources": 1,
        "received": 1_250_000.0,
        "offers": 1,
        "covered": 2,
        "counterparts": 1,
        "last": "2026-03-05",
        "recent": 4,
        "diligence": "missing",
    }
    values |= overrides
    return SimpleNamespace(**values)


def test_the_reference_is_the_95th_percentile_of_positive_figures():
    figures = {i: float(i) for i in range(1, 101)} | {0: 0.0}
    assert reference(figures.values()) == 95.0
    scaled = log_scaled(figures)
    assert scaled[95] == 1.0 and scaled[100] == 1.0  # capped
    assert 0 not in scaled  # zero stays absent (0)
    assert round(scaled[9], 4) == round(2.302585 / 4.564348, 4)  # log(10) / log(96)


def test_one_outlier_does_not_flatten_the_others():
    figures = dict.fromkeys(range(1, 40), 1000.0) | {99: 1e12}
    assert log_scaled(figures)[1] == 1.0


def test_saturation_and_recency():
    assert saturating(3, 12, 3) == 1.0 and saturating(1, 12, 3) == 1 / 3
    assert saturating(1, 2, 3) == 0.5  # fewer priorities than "enough": out of what there is
    assert saturating(0, 0, 3) == 0.0
    assert recency(date(2026, 1, 1), date(2026, 6, 30)) == 0.5
    assert recency(None, date(2026, 1, 1)) == 0.0


def test_the_breakdown_says_why_in_words():
    parts = {p.code: p for p in explain.breakdown(score(), SNAPSHOT)}
    assert parts["alignment"].words == (
        "Strong alignment: 3 of the 4 priority outcomes, 1 of the 1 priority flagship programme, "
        "works in 2 priority countries, offers 1 of the 2 resources sought."
    )
    assert parts["resources"].words == (
        "Moderate resource potential: USD 1.2 million received, offers financing or in-kind "
        "support."
    )
    assert parts["reach"].words == (
        "Strong reach: works in 2 countries, 1 counterpart in the partnership network."
    )
    assert parts["relationship"].words == (
        "Strong relationship: last engagement on 5 Mar 2026, 4 engagements in the last two years."
    )
    assert parts["risk"].words == (
        "Medium risk: no approved due-diligence review, which its category needs."
    )


def test_the_bar_has_a_text_alternative_and_segments_that_fit():
    s = score()
    explain.explain(s, SNAPSHOT)
    assert s.summary == (
        "Score 49.9 of 100: strategic alignment 35.0, resource potential 15.0, reach and "
        "influence 11.2, relationship strength 10.6, risk minus 12.0."
    )
    benefit = [seg for seg in s.segments if seg["code"] != "risk"]
    assert sum(seg["width"] for seg in benefit) == 71.85
    risk = next(seg for seg in s.segments if seg["code"] == "risk")
    assert (risk["x"], risk["width"]) == (59.85, 12.0)  # over the end of what it takes away
    html = str(render.bar(s))
    assert 'role="img" aria-label="Score 49.9 of 100' in html
    assert '<rect class="seg seg-risk" x="59.85" y="0" width="12"' in html


def test_trend():
    assert explain.trend(score())["direction"] == "new"
    assert explain.trend(score(previous_total=40.0))["words"] == "up 9.8 points"
    assert explain.trend(score(previous_total=60.0))["direction"] == "down"
    assert explain.trend(score(previous_total=49.83))["words"] == "unchanged"
