"""`accord score_partners` and the demonstration loader."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accord.prioritization.demo import load_demo_scores
from accord.prioritization.models import RunStatus, ScoreRun

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("score_partners", *args, stdout=out)
    return out.getvalue()


def test_it_scores_with_the_active_version_and_prints_counts(world):
    out = run()
    assert f"Scored 3 organisations with {world.model}" in out
    assert "new since the previous run: 3" in out
    out = run("--as-of", "2026-01-31")
    assert "with a previous score: 3" in out
    assert ScoreRun.objects.filter(status=RunStatus.DONE).count() == 2


def test_with_network_it_also_recomputes_the_partnership_network(world):
    from accord.prioritization.matchmaking.models import NetworkRun

    assert "Partnership network" not in run()
    assert not NetworkRun.objects.exists()
    assert "Partnership network recomputed: network of" in run("--with-network")
    assert NetworkRun.objects.count() == 1


def test_another_version_by_number(world):
    assert "with Version 1:" in run("--model", "1")
    assert ScoreRun.objects.get().model.number == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "two"], "“two” is not a version number"),
        (["--model", "42"], "there is no version 42 (versions: "),
        (["--as-of", "31/01/2026"], "“31/01/2026” is not a date as YYYY-MM-DD"),
    ],
)
def test_bad_arguments_get_a_clear_message(world, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)
    assert not ScoreRun.objects.exists()


def test_the_demo_loader_scores_once(world):
    assert load_demo_scores() == {"scored": 3}
    assert load_demo_scores() == {"scored": 0, "already scored": 1}


def test_load_demo_scores_the_demo_partners_after_the_other_parts(db):
    out = StringIO()
    call_command("load_demo", "--limit", "2", stdout=out)
    text = out.getvalue()
    assert "Prioritisation scores (is_demo):" in text
    run = ScoreRun.objects.get(status=RunStatus.DONE)
    assert run.scored > 0 and run.scores.filter(organisation__is_demo=True).exists()
    # Their engagements were loaded first: someone has a relationship figure.
    assert run.scores.filter(relationship__gt=0).exists()
