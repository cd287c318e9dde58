"""The step-3 prospective matrix: enjeux placed by impact × maîtrise in four quadrants.

Levels are 1 (faible) to 4 (très fort); 3 and 4 are "high". The quadrants, as the method reads
them:

* ``act`` — high impact, high maîtrise: **priorités d'action**, the territory can move them now;
* ``partner`` — high impact, low maîtrise: **à porter avec des partenaires**, decisive but out of
  the territory's hands alone: alliances, advocacy, anticipation;
* ``quick_win`` — low impact, high maîtrise: **actions faciles à effet limité**;
* ``watch`` — low impact, low maîtrise: **à surveiller**.

An enjeu without both levels is ``unrated``. Facts come from the graph, or from the Cypher
query ``analysis_enjeux`` on Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..i18n import tr
from ..model import normalize_name
from .common import Result, Scope
from .feasibility import feasibility

__all__ = ["QUADRANTS", "EnjeuPlacement", "matrix", "matrix_cypher", "run_matrix", "quadrant_of"]

HIGH = 3
QUADRANTS = ("act", "partner", "quick_win", "watch", "unrated")


def quadrant_of(impact: int | None, maitrise: int | None) -> str:
    """The quadrant of an enjeu rated ``impact`` and ``maitrise`` (1–4)."""
    if impact is None or maitrise is None:
        return "unrated"
    if impact >= HIGH:
        return "act" if maitrise >= HIGH else "partner"
    return "quick_win" if maitrise >= HIGH else "watch"


@dataclass(frozen=True)
class EnjeuPlacement(Result):
    uid: str
    code: str | None
    name: str
    impact: int | None
    maitrise: int | None
    quadrant: str
    chantiers: list[str]

    def sentence(self) -> str:
        text = tr(f"matrix.{self.quadrant}.sentence", name=self.name, impact=self.impact, maitrise=self.maitrise)
        if self.quadrant in ("act", "partner") and not self.chantiers:
            text += " " + tr("matrix.no_chantier")
        return text


def _place(rows: Iterable[Mapping[str, Any]]) -> list[EnjeuPlacement]:
    placed = [
        EnjeuPlacement(
            r["uid"], r.get("code"), r["name"], r.get("impact"), r.get("maitrise"),
            quadrant_of(r.get("impact"), r.get("maitrise")), sorted(set(r.get("chantiers") or []), key=normalize_name),
        )
        for r in rows
    ]
    order = {q: i for i, q in enumerate(QUADRANTS)}
    placed.sort(key=lambda p: (order[p.quadrant], -(p.impact or 0), -(p.maitrise or 0), normalize_name(p.name)))
    return placed


def matrix(graph: nx.MultiDiGraph) -> list[EnjeuPlacement]:
    """Every enjeu of ``graph`` with its quadrant, most urgent first."""
    _, coverage = feasibility(graph)
    return _place(c.as_dict() for c in coverage)


def matrix_cypher(scope: Scope) -> list[EnjeuPlacement]:
    return _place(scope.store.run_query("analysis_enjeux", territory=scope.territory_key, without=[]))


def run_matrix(scope: Scope) -> list[EnjeuPlacement]:
    return matrix_cypher(scope) if scope.graph is None else matrix(scope.graph)
