"""Central actors: who holds the ecosystem together, who links chantiers, who is irreplaceable.

In a sentence, for coordinators (README): *les acteurs centraux sont ceux par qui passent le plus
de liens opérationnels entre les chantiers, leurs ressources et leurs enjeux ; un acteur est un
« passeur » si, sans lui, des chantiers aujourd'hui reliés ne le seraient plus, et un « point de
fragilité » d'un chantier s'il en est la seule ressource opérationnelle d'une catégorie
(partenaire, intervenant, matériel ou financement).*

**Operational graph.** An undirected simple graph (parallel links merged, directions ignored)
whose edges are:

* chantier — resource or actor, for each ``OPERATIONAL`` link (solid line);
* chantier — enjeu, for each ``ANSWERS`` link;
* actor — chantier, for each governance link (``PILOTS``, ``OPERATES``, ``ASSOCIATED_WITH``);
* actor — resource, for each ``PROVIDES`` link **whose resource is used through an OPERATIONAL
  link by at least one chantier**. A resource nobody uses yet does not tie its providers to the
  network (otherwise two actors providing the same unused resource would look connected).

Its nodes are the endpoints of those edges: an element without any such link is not part of the
network (it does not dilute the normalised betweenness), and an actor outside it gets degree 0.

**Potential graph.** The same with every ``KNOWN_UNLINKED`` link (dotted line) counted as
operational — including ``PROVIDES`` links of resources used only through known-unlinked links:
the network the territory would have if the known resources were activated. ``ABSENT`` links
never count.

**Per actor** (every actor of the territory, after ``--without``):

* ``degree``: number of distinct neighbours in the operational graph (chantiers it is linked to
  or governs, resources it provides that are in use); ``potential_degree`` the same in the
  potential graph;
* ``betweenness``: normalised betweenness centrality (``networkx.betweenness_centrality``,
  undirected: the share of shortest paths between two other elements that go through the actor);
  ``potential_betweenness`` on the potential graph. Exact up to
  :data:`EXACT_BETWEENNESS_MAX_NODES` (2,000) nodes; above, estimated from
  :data:`BETWEENNESS_SAMPLE_K` (500) source nodes drawn with seed :data:`BETWEENNESS_SEED` (0)
  — deterministic, the same on both stores since the graph is built in a canonical (sorted)
  order. *These two numbers are provisional: the benchmark issue will revisit them.* Floats are
  rounded to 6 decimals so the stores compare exactly;
* ``chantiers`` (not in the JSON): the chantiers the actor takes part in — directly linked in
  the operational graph, or using through an OPERATIONAL link a resource it provides;
* ``broker`` (un « passeur ») and ``connects``: the actor is a broker when removing it — together
  with the resources only it provides, exactly as ``--without`` does — leaves *its* chantiers in
  two or more separate parts of the operational graph. Equivalently: its withdrawal would
  disconnect chantiers (and so the enjeux they answer) that are connected today; chantiers also
  joined through another actor, resource or a shared enjeu do not make it a broker.
  ``connects`` lists its chantiers when it is a broker (empty otherwise);
* ``dependencies`` (points de fragilité): the (chantier, category) pairs, for the four scored
  categories, where **every** OPERATIONAL link of the chantier in that category is the actor
  itself (an actor counts as a *partenaire*) or a resource that only this actor provides: if the
  actor withdrew, the chantier would lose its only operational resource of that category.
  Governance links do not count.

Rows are sorted by betweenness (desc), degree (desc), then name.

The facts (nodes, edges, dependency pairs) come from the graph here, or from the Cypher twin in
``queries/analysis_centrality.cypher`` on Neo4j (which honours ``$without`` itself); betweenness,
brokers and sentences are computed in Python from those facts by :func:`assemble`, so both
stores give identical results.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..i18n import get_language, tr
from ..model import LinkType, NodeKind, normalize_name
from .common import SCORED_CATEGORIES, Result, Scope, category_of

__all__ = [
    "ActorCentrality",
    "EXACT_BETWEENNESS_MAX_NODES",
    "BETWEENNESS_SAMPLE_K",
    "BETWEENNESS_SEED",
    "central_actors",
    "central_actors_cypher",
    "run_central",
    "assemble",
    "operational_graphs",
]

# Betweenness is exact up to this many nodes, sampled above (to be revisited by the benchmark issue).
EXACT_BETWEENNESS_MAX_NODES = 2000  # exact betweenness took ~18 s at 2,700 nodes here
BETWEENNESS_SAMPLE_K = 500
BETWEENNESS_SEED = 0
DECIMALS = 6

_GOVERNANCE = frozenset({LinkType.PILOTS.value, LinkType.OPERATES.value, LinkType.ASSOCIATED_WITH.value})
_OP, _KU = LinkType.OPERATIONAL.value, LinkType.KNOWN_UNLINKED.value


@dataclass(frozen=True)
class ActorCentrality(Result):
    """How central one actor is; ``as_dict()`` is the JSON/CSV form (see the module docstring)."""

    uid: str
    name: str
    degree: int
    betweenness: float
    potential_degree: int
    potential_betweenness: float
    broker: bool
    connects: tuple[str, ...] = ()  # chantier names, when a broker
    dependencies: tuple[tuple[str, str], ...] = ()  # (chantier name, category)
    chantiers: tuple[str, ...] = ()  # chantier names it takes part in (operational graph)
    # chantier name -> how sentences name it ("1.b", or the name when it has no code)
    short_names: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "name": self.name,
            "degree": self.degree,
            "betweenness": self.betweenness,
            "potential_degree": self.potential_degree,
            "potential_betweenness": self.potential_betweenness,
            "broker": self.broker,
            "connects": list(self.connects),
            "dependencies": [{"chantier": c, "category": cat} for c, cat in self.dependencies],
        }

    def _short(self, name: str) -> str:
        return dict(self.short_names).get(name, name)

    def sentences(self) -> list[str]:
        """What a coordinator reads, in the current language."""
        if not self.chantiers:
            out = [tr("central.none", name=self.name)]
        elif len(self.chantiers) == 1:
            out = [tr("central.one", name=self.name, chantier=self._short(self.chantiers[0]))]
        else:
            out = [tr("central.many", name=self.name, count=len(self.chantiers))]
        if self.betweenness > 0:
            out.append(tr("central.betweenness", percent=_percent(self.betweenness)))
        if self.broker:
            out.append(tr("central.broker", chantiers=_and([self._short(c) for c in self.connects])))
        if self.dependencies:
            items = [
                tr("central.dependency.item", chantier=self._short(c), category=tr(f"category.{cat}"))
                for c, cat in self.dependencies
            ]
            out.append(tr("central.dependency", items=_and(items)))
        return out

    def sentence(self) -> str:
        """One paragraph, e.g. « CAF participe à 4 chantiers. C'est un passeur : … »."""
        return " ".join(self.sentences())


def _percent(share: float) -> str:
    """0.166667 -> "16,7" in French, "16.7" in English (no trailing ",0")."""
    text = f"{share * 100:.1f}".removesuffix(".0")
    return text.replace(".", ",") if get_language() == "fr" else text


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("central.and") + items[-1]


# --- facts -> results (shared by both backends) ----------------------------------------------


def operational_graphs(
    node_rows: Iterable[Mapping[str, Any]], link_rows: Iterable[Mapping[str, Any]]
) -> tuple[nx.Graph, nx.Graph]:
    """The operational and potential graphs (undirected, simple), built in sorted order.

    ``link_rows``: source, target (uids) and ``operational`` (bool); every row is a potential
    edge. Node attributes: kind, name, code (from ``node_rows``).
    """
    info = {row["uid"]: row for row in node_rows}
    potential_edges: set[tuple[str, str]] = set()
    operational_edges: set[tuple[str, str]] = set()
    for row in link_rows:
        s, t = row["source"], row["target"]
        if s not in info or t not in info or s == t:
            continue
        edge = (s, t) if s < t else (t, s)
        potential_edges.add(edge)
        if row["operational"]:
            operational_edges.add(edge)
    graphs = []
    for edges in (operational_edges, potential_edges):
        g = nx.Graph()
        for uid in sorted({n for e in edges for n in e}):
            g.add_node(uid, kind=info[uid]["kind"], name=info[uid]["name"], code=info[uid].get("code"))
        g.add_edges_from(sorted(edges))
        graphs.append(g)
    return graphs[0], graphs[1]


def _betweenness(graph: nx.Graph) -> dict[str, float]:
    n = graph.number_of_nodes()
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        values = nx.betweenness_centrality(graph, normalized=True)
    else:
        k = min(BETWEENNESS_SAMPLE_K, n)
        values = nx.betweenness_centrality(graph, k=k, normalized=True, seed=BETWEENNESS_SEED)
    return {node: round(value, DECIMALS) + 0.0 for node, value in values.items()}


def _kind(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node]["kind"])


def _its_chantiers(op: nx.Graph, actor: str) -> tuple[set[str], set[str]]:
    """(chantiers the actor takes part in, resources only it provides) in the operational graph."""
    chantiers: set[str] = set()
    exclusive: set[str] = set()
    if actor not in op:
        return chantiers, exclusive
    for n in op[actor]:
        kind = _kind(op, n)
        if kind == NodeKind.CHANTIER.value:
            chantiers.add(n)
        elif kind == NodeKind.RESOURCE.value:
            providers = {m for m in op[n] if _kind(op, m) == NodeKind.ACTOR.value}
            if providers == {actor}:
                exclusive.add(n)
            chantiers.update(m for m in op[n] if _kind(op, m) == NodeKind.CHANTIER.value)
    return chantiers, exclusive


def _separates(op: nx.Graph, removed: set[str], chantiers: set[str]) -> bool:
    """Do ``chantiers`` fall into two or more parts of ``op`` once ``removed`` is gone?"""
    start = min(chantiers)
    seen = {start}
    queue = deque([start])
    missing = set(chantiers) - seen
    while queue and missing:
        node = queue.popleft()
        for n in op[node]:
            if n not in seen and n not in removed:
                seen.add(n)
                missing.discard(n)
                queue.append(n)
    return bool(missing)


def _chantier_order(node_rows: Mapping[str, Mapping[str, Any]], uid: str) -> tuple[str, str]:
    row = node_rows[uid]
    return (normalize_name(str(row.get("code") or "~")), normalize_name(str(row["name"])))


def assemble(
    node_rows: Iterable[Mapping[str, Any]],
    link_rows: Iterable[Mapping[str, Any]],
    dependency_rows: Iterable[Mapping[str, Any]],
) -> list[ActorCentrality]:
    """Build the results from plain facts.

    ``node_rows``: uid, kind, name, code of every node present. ``link_rows``: source, target,
    operational (see :func:`operational_graphs`). ``dependency_rows``: actor (uid), chantier
    (uid), category.
    """
    nodes = {row["uid"]: row for row in node_rows}
    op, pot = operational_graphs(nodes.values(), link_rows)
    op_between, pot_between = _betweenness(op), _betweenness(pot)
    deps: dict[str, set[tuple[str, str]]] = {}
    for row in dependency_rows:
        if row["actor"] in nodes and row["chantier"] in nodes:
            deps.setdefault(row["actor"], set()).add((row["chantier"], row["category"]))

    def name(uid: str) -> str:
        return str(nodes[uid]["name"])

    def short(uid: str) -> tuple[str, str]:
        return (name(uid), str(nodes[uid].get("code") or name(uid)))

    def chantier_key(uid: str) -> tuple[str, str]:
        return _chantier_order(nodes, uid)

    # an actor that is no cut vertex and provides nothing alone cannot separate anything
    cut_vertices = set(nx.articulation_points(op))
    results = []
    for uid, row in nodes.items():
        if row["kind"] != NodeKind.ACTOR.value:
            continue
        chantiers, exclusive = _its_chantiers(op, uid)
        broker = (
            len(chantiers) >= 2
            and (uid in cut_vertices or bool(exclusive))
            and _separates(op, {uid} | exclusive, chantiers)
        )
        ordered = sorted(chantiers, key=chantier_key)
        dependencies = sorted(
            deps.get(uid, set()), key=lambda d: (chantier_key(d[0]), SCORED_CATEGORIES.index(d[1]))
        )
        mentioned = sorted(set(ordered) | {c for c, _ in dependencies}, key=chantier_key)
        results.append(
            ActorCentrality(
                uid=uid,
                name=name(uid),
                degree=op.degree(uid) if uid in op else 0,
                betweenness=op_between.get(uid, 0.0),
                potential_degree=pot.degree(uid) if uid in pot else 0,
                potential_betweenness=pot_between.get(uid, 0.0),
                broker=broker,
                connects=tuple(name(c) for c in ordered) if broker else (),
                dependencies=tuple((name(c), cat) for c, cat in dependencies),
                chantiers=tuple(name(c) for c in ordered),
                short_names=tuple(short(c) for c in mentioned),
            )
        )
    results.sort(key=lambda r: (-r.betweenness, -r.degree, normalize_name(r.name), r.uid))
    return results


# --- networkx ----------------------------------------------------------------------------------


def _graph_facts(
    graph: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The facts :func:`assemble` needs, read from a territory graph (never modified)."""
    node_rows = [
        {"uid": n, "kind": data["kind"], "name": data.get("name", n), "code": data.get("code")}
        for n, data in graph.nodes(data=True)
    ]

    def uses(resource: str) -> set[str]:
        return {k for _, _, k in graph.in_edges(resource, keys=True) if k in (_OP, _KU)}

    link_rows = []
    for s, t, key in graph.edges(keys=True):
        if key in (_OP, _KU):
            link_rows.append({"source": s, "target": t, "operational": key == _OP})
        elif key == LinkType.ANSWERS.value or key in _GOVERNANCE:
            link_rows.append({"source": s, "target": t, "operational": True})
        elif key == LinkType.PROVIDES.value:
            used = uses(t)
            if used:
                link_rows.append({"source": s, "target": t, "operational": _OP in used})
    dependency_rows = []
    for c, data in graph.nodes(data=True):
        if data["kind"] != NodeKind.CHANTIER.value:
            continue
        providers_by_category: dict[str, list[set[str]]] = {}
        for _, x, key in graph.out_edges(c, keys=True):
            if key != _OP:
                continue
            category = category_of(graph, x)
            if category not in SCORED_CATEGORIES:
                continue
            if graph.nodes[x]["kind"] == NodeKind.ACTOR.value:
                providers = {x}
            else:
                providers = {p for p, _, k in graph.in_edges(x, keys=True) if k == LinkType.PROVIDES.value}
            providers_by_category.setdefault(category, []).append(providers)
        for category, lists in providers_by_category.items():
            first = lists[0]
            if len(first) == 1 and all(p == first for p in lists):
                dependency_rows.append({"actor": next(iter(first)), "chantier": c, "category": category})
    return node_rows, link_rows, dependency_rows


def central_actors(graph: nx.MultiDiGraph) -> list[ActorCentrality]:
    """Centrality, brokers and single points of failure of every actor of ``graph``."""
    return assemble(*_graph_facts(graph))


# --- Cypher twin -------------------------------------------------------------------------------


def central_actors_cypher(scope: Scope) -> list[ActorCentrality]:
    """The same analysis with the facts read by ``queries/analysis_centrality.cypher``."""
    params = {"territory": scope.territory_key, "without": list(scope.without_uids)}
    store = scope.store
    return assemble(
        store.run_query("analysis_centrality_nodes", **params),
        store.run_query("analysis_centrality_links", **params),
        store.run_query("analysis_centrality_dependencies", **params),
    )


def run_central(scope: Scope) -> list[ActorCentrality]:
    """Central actors on the scope's store: networkx on the embedded store, Cypher on Neo4j."""
    if scope.graph is None:
        return central_actors_cypher(scope)
    return central_actors(scope.graph)
