"""The benchmarks, each a function `case(context) -> list[result]` (see bench/measure.py)."""

from bench.cases.api import api_list
from bench.cases.bulk import bulk_load
from bench.cases.context import Context
from bench.cases.engagement import scorecard_page, timeline_page
from bench.cases.funding import funding_gap_api, funding_gap_page, pipeline_board_page
from bench.cases.generation import generation
from bench.cases.matchmaking import match_suggestions
from bench.cases.pages import detail_page, list_page
from bench.cases.prioritization import prioritization_scoring, ranking_page
from bench.cases.reports import dashboard_page, xlsx_export
from bench.cases.screening import screening
from bench.cases.search_box import search_box

# The bulk loads run last: on PostgreSQL their rolled-back rows stay as dead tuples until the
# vacuum that follows them, and must not slow the page benchmarks down.
ALL = [
    generation,
    list_page,
    detail_page,
    search_box,
    api_list,
    scorecard_page,
    timeline_page,
    funding_gap_page,
    funding_gap_api,
    pipeline_board_page,
    prioritization_scoring,
    ranking_page,
    match_suggestions,
    dashboard_page,
    xlsx_export,
    screening,
    bulk_load,
]

__all__ = ["ALL", "Context"]
