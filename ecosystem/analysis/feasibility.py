"""Feasibility gaps per chantier, and how the enjeux are covered.

For each chantier and each category the method draws (partenaires, intervenants, matériel,
financement) the state is:

* ``operational`` — at least one OPERATIONAL link in that category;
* ``to_activate`` — only KNOWN_UNLINKED links: known resources to activate;
* ``missing`` — nothing: to find or to create.

Governance gaps: no *pilote*, nobody who *fait*. Freins are listed as recorded.

**Score** (0–100), with weights ``w`` (all 1 by default, configurable)::

    score = 100 × (Σ_categories w_c × [c operational] + w_pilote × [has a pilote] + w_fait × [has someone who fait])
                / (Σ_categories w_c + w_pilote + w_fait)

The **potential score** is the same with every known-unlinked link counted as operational: what
the chantier would reach if the known resources were activated.

The facts (links, governance, enjeux) come from the graph here, or from the Cypher twin in
``queries/analysis_gaps.cypher`` on Neo4j; :func:`assemble` turns them into the same results.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import networkx as nx

from ..errors import ValidationError
from ..i18n import tr
from ..model import LinkStatus, LinkType, normalize_name
from .common import SCORED_CATEGORIES, Result, Scope, order_key, category_of, chantiers, enjeux, label, status_links

__all__ = ["Weights", "ChantierFeasibility", "EnjeuCoverage", "feasibility", "feasibility_cypher", "run_gaps", "assemble"]

OPERATIONAL, TO_ACTIVATE, MISSING = "operational", "to_activate", "missing"


@dataclass(frozen=True)
class Weights:
    """Weights of the feasibility score (see the module docstring)."""

    partenaire: float = 1.0
    intervenant: float = 1.0
    materiel: float = 1.0
    financement: float = 1.0
    pilote: float = 1.0
    fait: float = 1.0

    @classmethod
    def parse(cls, text: str | None) -> Weights:
        """Read "financement=2,pilote=0.5" (unnamed weights keep 1)."""
        if not text:
            return cls()
        names = {f.name for f in fields(cls)}
        values: dict[str, float] = {}
        for part in text.split(","):
            name, sep, value = part.partition("=")
            key = normalize_name(name).replace(" ", "")
            try:
                number = float(value.replace(",", "."))
            except ValueError:
                number = -1.0
            if not sep or key not in names or number < 0:
                raise ValidationError("bad_weights", value=part.strip(), accepted=", ".join(sorted(names)))
            values[key] = number
        weights = cls(**values)
        if sum(getattr(weights, n) for n in names) == 0:
            raise ValidationError("bad_weights", value=text, accepted=", ".join(sorted(names)))
        return weights


def _names(items: Iterable[str]) -> list[str]:
    return sorted(set(items), key=normalize_name)


@dataclass(frozen=True)
class ChantierFeasibility(Result):
    """Where a chantier stands; ``as_dict()`` is the JSON/CSV form."""

    uid: str
    code: str | None
    name: str
    score: int
    potential_score: int
    categories: dict[str, str]
    operational: dict[str, list[str]]
    to_activate: dict[str, list[str]]
    pilotes: list[str]
    operateurs: list[str]
    associes: list[str]
    freins: list[str]
    enjeux: list[str]
    transversal: bool
    strategic: bool | None = None
    feasible: bool | None = None

    def sentences(self) -> list[str]:
        """What a coordinator reads aloud, gap by gap."""
        out = [tr("gaps.score", name=self.name, score=self.score, potential=self.potential_score)]
        name = self.code or self.name  # "Le chantier 1.b n'a aucun financement…"
        for category in SCORED_CATEGORIES:
            state = self.categories[category]
            what = tr(f"gaps.category.{category}")
            if state == TO_ACTIVATE:
                out.append(tr("gaps.to_activate", name=name, what=what, known=_quoted(self.to_activate[category])))
            elif state == MISSING:
                out.append(tr("gaps.missing", name=name, what=what))
        if not self.pilotes:
            out.append(tr("gaps.no_pilote", name=name))
        if not self.operateurs:
            out.append(tr("gaps.no_operateur", name=name))
        if self.freins:
            out.append(tr("gaps.freins", count=len(self.freins), freins=" ; ".join(self.freins)))
        if not self.enjeux:
            out.append(tr("gaps.no_enjeu", name=name))
        elif self.transversal:
            out.append(tr("gaps.transversal", name=name, count=len(self.enjeux)))
        return out

    def sentence(self) -> str:
        return " ".join(self.sentences())


@dataclass(frozen=True)
class EnjeuCoverage(Result):
    """Which chantiers answer an enjeu."""

    uid: str
    code: str | None
    name: str
    impact: int | None
    maitrise: int | None
    chantiers: list[str] = field(default_factory=list)

    def sentence(self) -> str:
        if not self.chantiers:
            return tr("gaps.enjeu_uncovered", name=self.name)
        return tr("gaps.enjeu_covered", name=self.name, count=len(self.chantiers), chantiers=_quoted(self.chantiers))


def _quoted(names: list[str]) -> str:
    return ", ".join(f"« {n} »" for n in names)


# --- facts -> results (shared by both backends) ----------------------------------------------


def assemble(
    chantier_rows: Iterable[Mapping[str, Any]],
    link_rows: Iterable[Mapping[str, Any]],
    enjeu_rows: Iterable[Mapping[str, Any]],
    weights: Weights,
) -> tuple[list[ChantierFeasibility], list[EnjeuCoverage]]:
    """Build the results from plain facts.

    ``chantier_rows``: uid, code, name, freins, strategic, feasible, pilotes, operateurs,
    associes, enjeux (names). ``link_rows``: chantier (uid), name, category, status.
    ``enjeu_rows``: uid, code, name, impact, maitrise, chantiers (names).
    """
    links: dict[str, list[Mapping[str, Any]]] = {}
    for row in link_rows:
        links.setdefault(row["chantier"], []).append(row)
    results = []
    for c in chantier_rows:
        operational: dict[str, list[str]] = {cat: [] for cat in SCORED_CATEGORIES}
        known: dict[str, list[str]] = {cat: [] for cat in SCORED_CATEGORIES}
        for link in links.get(c["uid"], []):
            if link["category"] not in operational:
                continue  # lieu / autre: shown on maps, not scored
            bucket = operational if link["status"] == LinkStatus.OPERATIONAL.value else known
            bucket[link["category"]].append(link["name"])
        states = {
            cat: OPERATIONAL if operational[cat] else TO_ACTIVATE if known[cat] else MISSING for cat in SCORED_CATEGORIES
        }
        pilotes, operateurs = _names(c.get("pilotes") or []), _names(c.get("operateurs") or [])
        score = _score(weights, {cat: s == OPERATIONAL for cat, s in states.items()}, bool(pilotes), bool(operateurs))
        potential = _score(weights, {cat: s != MISSING for cat, s in states.items()}, bool(pilotes), bool(operateurs))
        answered = _names(c.get("enjeux") or [])
        results.append(
            ChantierFeasibility(
                uid=c["uid"],
                code=c.get("code"),
                name=c["name"],
                score=score,
                potential_score=potential,
                categories=states,
                operational={cat: _names(v) for cat, v in operational.items()},
                to_activate={cat: _names(v) for cat, v in known.items()},
                pilotes=pilotes,
                operateurs=operateurs,
                associes=_names(c.get("associes") or []),
                freins=list(c.get("freins") or []),
                enjeux=answered,
                transversal=len(answered) >= 2,
                strategic=c.get("strategic"),
                feasible=c.get("feasible"),
            )
        )
    results.sort(key=lambda r: order_key(r.code, r.name))
    coverage = [
        EnjeuCoverage(e["uid"], e.get("code"), e["name"], e.get("impact"), e.get("maitrise"), _names(e.get("chantiers") or []))
        for e in enjeu_rows
    ]
    coverage.sort(key=lambda r: order_key(r.code, r.name))
    return results, coverage


def _score(weights: Weights, categories: dict[str, bool], pilote: bool, fait: bool) -> int:
    total = sum(getattr(weights, c) for c in SCORED_CATEGORIES) + weights.pilote + weights.fait
    got = sum(getattr(weights, c) for c, ok in categories.items() if ok)
    got += weights.pilote * pilote + weights.fait * fait
    return round(100 * got / total) if total else 0


# --- networkx ----------------------------------------------------------------------------------


def feasibility(graph: nx.MultiDiGraph, weights: Weights | None = None) -> tuple[list[ChantierFeasibility], list[EnjeuCoverage]]:
    """Feasibility of every chantier of ``graph`` and coverage of its enjeux."""
    roles = {LinkType.PILOTS.value: "pilotes", LinkType.OPERATES.value: "operateurs", LinkType.ASSOCIATED_WITH.value: "associes"}
    chantier_rows, link_rows = [], []
    answering: dict[str, list[str]] = {}
    for c in chantiers(graph):
        data = graph.nodes[c]
        row: dict[str, Any] = {
            "uid": c,
            "code": data.get("code"),
            "name": data["name"],
            "freins": data.get("freins", []),
            "strategic": data.get("strategic"),
            "feasible": data.get("feasible"),
            "pilotes": [],
            "operateurs": [],
            "associes": [],
            "enjeux": [],
        }
        for actor, _, link_type in graph.in_edges(c, keys=True):
            if link_type in roles:
                row[roles[link_type]].append(label(graph, actor))
        for _, target, link_type in graph.out_edges(c, keys=True):
            if link_type == LinkType.ANSWERS.value:
                row["enjeux"].append(label(graph, target))
                answering.setdefault(target, []).append(data["name"])
        for target, status in status_links(graph, c):
            if status is not LinkStatus.ABSENT:
                link_rows.append({"chantier": c, "name": label(graph, target), "category": category_of(graph, target), "status": status.value})
        chantier_rows.append(row)
    enjeu_rows = [
        {
            "uid": e,
            "code": graph.nodes[e].get("code"),
            "name": graph.nodes[e]["name"],
            "impact": graph.nodes[e].get("impact"),
            "maitrise": graph.nodes[e].get("maitrise"),
            "chantiers": answering.get(e, []),
        }
        for e in enjeux(graph)
    ]
    return assemble(chantier_rows, link_rows, enjeu_rows, weights or Weights())


# --- Cypher twin -------------------------------------------------------------------------------


def feasibility_cypher(scope: Scope, weights: Weights | None = None) -> tuple[list[ChantierFeasibility], list[EnjeuCoverage]]:
    """The same analysis with the facts read by ``queries/analysis_gaps.cypher``."""
    params = {"territory": scope.territory_key, "without": list(scope.without_uids)}
    store = scope.store
    return assemble(
        store.run_query("analysis_gaps_chantiers", **params),
        store.run_query("analysis_gaps_links", **params),
        store.run_query("analysis_enjeux", **params),
        weights or Weights(),
    )


def run_gaps(scope: Scope, weights: Weights | None = None) -> tuple[list[ChantierFeasibility], list[EnjeuCoverage]]:
    """Feasibility on the scope's store: networkx on the embedded store, Cypher on Neo4j."""
    if scope.graph is None:
        return feasibility_cypher(scope, weights)
    return feasibility(scope.graph, weights)

