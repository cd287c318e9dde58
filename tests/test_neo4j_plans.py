"""Bulk writes stay linear on a brand-new database.

On an empty database the planner's statistics say "no relationships": a pattern it may answer
by scanning every relationship looks free, and a first import of a few thousand links becomes
quadratic (seen: 40,000 links took 290 s instead of 3 s). Each query the stores run is planned
here on a fresh server and must not scan a whole store.
"""

from __future__ import annotations

import pytest

import neo4j_server
from conftest import start_throwaway_server
from ecosystem.cypher import queries

pytestmark = pytest.mark.neo4j

# NodeIndexScan: reading a whole index (e.g. every uid) per row made the missing-links twin quadratic
SCANS = {"AllNodesScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan", "NodeByLabelScan", "NodeIndexScan"}


@pytest.fixture(scope="module")
def fresh_store(tmp_path_factory):
    server = start_throwaway_server(tmp_path_factory.mktemp("fresh-neo4j"))
    store = server.store()
    try:
        store.territories()  # creates the constraints, as on first use
        yield store
    finally:
        store.close()
        neo4j_server.stop(server.home)


def _operators(plan) -> list[str]:
    ops = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        ops.extend(_operators(child))
    return ops


# reads every EcoPending node on purpose: only a failed write's leftovers carry that label
WHOLE_LABEL_ON_PURPOSE = {"clear_staged_leftovers"}


@pytest.mark.parametrize(
    "name",
    sorted(
        n for n in queries()
        if not n.startswith(("schema_", "list_", "overview_")) and n not in WHOLE_LABEL_ON_PURPOSE
    ),
)
def test_no_store_query_scans_everything_on_a_new_database(fresh_store, name):
    with fresh_store._driver.session() as session:
        summary = session.run("EXPLAIN " + queries()[name].text, rows=[], territory="t").consume()
    assert not SCANS & set(_operators(summary.plan)), _operators(summary.plan)
