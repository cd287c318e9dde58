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
* ``betweenness``: normalised betweenness centrality — the numbers
  ``networkx.betweenness_centrality(graph, normalized=True)`` gives (undirected: the share of
  shortest paths between two other elements that go through the actor), computed with igraph,
  whose C code is 30–80× faster than networkx here; ``potential_betweenness`` on the potential
  graph. Exact while nodes × edges stays within :data:`BETWEENNESS_MAX_WORK` (40 million: the
  generated département of ~3,000 elements is exact, about a second per graph). Above, estimated
  from ``BETWEENNESS_MAX_WORK // edges`` source nodes drawn with seed :data:`BETWEENNESS_SEED`
  (0), so that it costs about as much as the largest exact case whatever the size. This is
  networkx's own estimator (``betweenness_centrality(graph, k, seed=0)`` gives the same values):
  deterministic, and the same on both stores since the graph is built in a canonical (sorted)
  order. Measured against the exact values on the generated region (~21,000 elements; ~650 and
  ~430 sources; five seeds), the operational ranking keeps 18–19 of the exact top 20 actors
  (8–10 of the top 10; Spearman 0.86–0.91 on the exact top 100) and the potential one 15–17; the
  largest error is 0.4–1.4 percentage point, on the few actors above 5 %. The sentences then say
  « Environ … % (estimation sur un échantillon …) ». Floats are rounded to 6 decimals so the
  stores compare exactly;
* ``chantiers`` (not in the JSON): the chantiers the actor takes part in — directly linked in
  the operational graph, or using through an OPERATIONAL link a resource it provides;
* ``broker`` (un « passeur ») and ``connects``: the actor is a broker when removing it — together
  with the resources only it provides, exactly as ``--without`` does — leaves *its* chantiers in
  two or more separate parts of the operational graph. Equivalently: its withdrawal would
  disconnect chantiers (and so the enjeux they answer) that are connected today; chantiers also
  joined through another actor, resource or a shared enjeu do not make it a broker.
  ``connects`` lists its chantiers when it is a broker (empty otherwise). Found for every actor
  at once in linear time: each actor is merged with the resources only it provides, and an actor
  is a broker when its chantiers hang from two or more biconnected components (blocks) around it
  in that graph (the parts its removal would separate);
* ``dependencies`` (points de fragilité): the (chantier, category) pairs, for the four scored
  categories, where **every** OPERATIONAL link of the chantier in that category is the actor
  itself (an actor counts as a *partenaire*) or a resource that only this actor provides: if the
  actor withdrew, the chantier would lose its only operational resource of that category.
  Governance links do not count.

Rows are sorted by betweenness (desc), degree (desc), then name.

The facts (nodes with their category, and the edges) come from the graph here, or from the
Cypher twin in ``queries/analysis_centrality.cypher`` on Neo4j (which honours ``$without``
itself); degrees, betweenness, brokers, dependency pairs and sentences are computed in Python
from those facts by :func:`assemble`, so both stores give identical results.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import igraph
import networkx as nx

from ..i18n import get_language, tr
from ..model import LinkType, NodeKind, ResourceCategory, normalize_name
from .common import SCORED_CATEGORIES, Result, Scope

__all__ = [
    "ActorCentrality",
    "BETWEENNESS_MAX_WORK",
    "BETWEENNESS_SEED",
    "central_actors",
    "central_actors_cypher",
    "run_central",
    "assemble",
    "operational_graphs",
]

# Betweenness is exact while nodes x edges <= BETWEENNESS_MAX_WORK (one breadth-first search from
# each node, each visiting every edge), estimated from BETWEENNESS_MAX_WORK // edges sampled
# sources above, so that it never costs much more than the largest exact case. 40 million: the
# generated département (potential graph 2,795 x 11,383 = 32 million) stays exact, ~0.5-1.3 s
# with igraph on the 2-core benchmark machine; the generated region gets ~650 (operational) and
# ~430 (potential) sources, ~1.2-2 s each there. 60 million ranks a little better at region scale
# (19-20 of the exact top 20 instead of 18-19) but brought `central` to 8-10 s on Neo4j while
# other jobs shared the two cores.
BETWEENNESS_MAX_WORK = 40_000_000
BETWEENNESS_SEED = 0
DECIMALS = 6

_GOVERNANCE = frozenset({LinkType.PILOTS.value, LinkType.OPERATES.value, LinkType.ASSOCIATED_WITH.value})
_OP, _KU = LinkType.OPERATIONAL.value, LinkType.KNOWN_UNLINKED.value
_ACTOR, _RESOURCE, _CHANTIER = NodeKind.ACTOR.value, NodeKind.RESOURCE.value, NodeKind.CHANTIER.value


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
    # betweenness estimated from sampled sources (the operational graph is above the work budget)
    estimated: bool = field(default=False, repr=False)

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
            key = "central.betweenness_estimated" if self.estimated else "central.betweenness"
            out.append(tr(key, percent=_percent(self.betweenness)))
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


def _edge_sets(
    info: Mapping[str, Any], link_rows: Iterable[Mapping[str, Any]]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(operational edges, potential edges), each edge a sorted pair of uids present in ``info``."""
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
    return operational_edges, potential_edges


def operational_graphs(
    node_rows: Iterable[Mapping[str, Any]], link_rows: Iterable[Mapping[str, Any]]
) -> tuple[nx.Graph, nx.Graph]:
    """The operational and potential graphs (undirected, simple), built in sorted order.

    ``link_rows``: source, target (uids) and ``operational`` (bool); every row is a potential
    edge. Node attributes: kind, name, code (from ``node_rows``). :func:`assemble` works on the
    same nodes and edges, in the same order, without building networkx graphs.
    """
    info = {row["uid"]: row for row in node_rows}
    graphs = []
    for edges in _edge_sets(info, link_rows):
        g = nx.Graph()
        for uid in sorted({n for e in edges for n in e}):
            g.add_node(uid, kind=info[uid]["kind"], name=info[uid]["name"], code=info[uid].get("code"))
        g.add_edges_from(sorted(edges))
        graphs.append(g)
    return graphs[0], graphs[1]


@dataclass(frozen=True)
class _Network:
    """An undirected simple graph in canonical order: ``nodes`` sorted, ``edges`` as sorted pairs
    of indices into ``nodes`` (the node and edge order of :func:`operational_graphs`)."""

    nodes: list[str]
    edges: list[tuple[int, int]]
    neighbours: dict[str, set[str]]

    @classmethod
    def of(cls, edges: set[tuple[str, str]]) -> _Network:
        nodes = sorted({n for e in edges for n in e})
        index = {uid: i for i, uid in enumerate(nodes)}
        neighbours: dict[str, set[str]] = {uid: set() for uid in nodes}
        for s, t in edges:
            neighbours[s].add(t)
            neighbours[t].add(s)
        return cls(nodes, sorted((index[s], index[t]) for s, t in edges), neighbours)

    def degree(self, uid: str) -> int:
        return len(self.neighbours.get(uid, ()))


def _estimated(network: _Network) -> bool:
    """Is the betweenness of this network estimated from sampled sources rather than exact?"""
    return len(network.nodes) >= 3 and len(network.nodes) * len(network.edges) > BETWEENNESS_MAX_WORK


def _betweenness_values(network: _Network) -> list[float]:
    """Normalised betweenness of ``network.nodes`` (in that order), as
    ``networkx.betweenness_centrality(graph, normalized=True)`` computes it on the same graph
    built in the same order: exact when nodes x edges <= :data:`BETWEENNESS_MAX_WORK`, else
    with ``k = BETWEENNESS_MAX_WORK // edges`` and ``seed=BETWEENNESS_SEED`` (the same sources,
    drawn the same way, and the same rescaling)."""
    nodes, edges = network.nodes, network.edges
    n, m = len(nodes), len(edges)
    if n < 3:  # no node can lie between two others
        return [0.0] * n
    graph = igraph.Graph(n=n, edges=edges, directed=False)
    # igraph counts each unordered pair {s, t} once; networkx sums over the ordered pairs (s, t)
    # of its sources and divides by the number of sources times n - 2.
    if not _estimated(network):
        scale = 2.0 / ((n - 1) * (n - 2))
        return [b * scale for b in graph.betweenness(directed=False)]
    k = max(2, BETWEENNESS_MAX_WORK // m)
    sources = random.Random(BETWEENNESS_SEED).sample(range(n), k)  # networkx's draw
    partial = graph.betweenness(directed=False, sources=sorted(sources))
    # a source never lies on its own paths: its estimate comes from the k - 1 other sources
    as_source, other = 2.0 / ((k - 1) * (n - 2)), 2.0 / (k * (n - 2))
    drawn = set(sources)
    return [b * (as_source if i in drawn else other) for i, b in enumerate(partial)]


def _betweenness(network: _Network) -> dict[str, float]:
    """{uid: normalised betweenness}, rounded to :data:`DECIMALS` so the stores compare exactly."""
    values = _betweenness_values(network)
    return {uid: round(value, DECIMALS) + 0.0 for uid, value in zip(network.nodes, values)}


def _dependency_rows(
    nodes: Mapping[str, Mapping[str, Any]], link_rows: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Single points of failure, from the facts: (actor, chantier, category) when every
    OPERATIONAL link of the chantier in that scored category is the actor itself (a partenaire)
    or a resource that only this actor provides.

    In the facts a chantier -> actor or resource row is a legend link (``operational`` when it is
    OPERATIONAL) and an actor -> resource row is a PROVIDES link.
    """
    kind = {uid: row["kind"] for uid, row in nodes.items()}
    providers: dict[str, set[str]] = {}
    used: dict[str, set[str]] = {}
    for row in link_rows:
        s, t = row["source"], row["target"]
        source_kind, target_kind = kind.get(s), kind.get(t)
        if source_kind == _ACTOR and target_kind == _RESOURCE:
            providers.setdefault(t, set()).add(s)
        elif source_kind == _CHANTIER and row["operational"] and target_kind in (_ACTOR, _RESOURCE):
            used.setdefault(s, set()).add(t)
    rows = []
    for c in sorted(used):
        by_category: dict[str, set[frozenset[str]]] = {}
        for x in used[c]:
            if kind[x] == _ACTOR:
                category, who = ResourceCategory.PARTENAIRE.value, frozenset({x})
            else:
                category = str(nodes[x].get("category") or ResourceCategory.AUTRE.value)
                who = frozenset(providers.get(x, ()))
            if category in SCORED_CATEGORIES:
                by_category.setdefault(category, set()).add(who)
        for category, provider_sets in by_category.items():
            if len(provider_sets) == 1 and len(only := next(iter(provider_sets))) == 1:
                rows.append({"actor": next(iter(only)), "chantier": c, "category": category})
    return rows


def _participation(
    op: _Network, kinds: Mapping[str, str], actor: str
) -> tuple[dict[str, str], set[str]]:
    """({chantier it takes part in: the neighbour of the actor through which it does}, resources
    only it provides), in the operational graph.

    The neighbour is the chantier itself when the actor is linked to it or provides alone a
    resource it uses, else a resource the actor provides with others.
    """
    via: dict[str, str] = {}
    exclusive: set[str] = set()
    shared: list[str] = []
    for n in op.neighbours.get(actor, ()):
        kind = kinds[n]
        if kind == _CHANTIER:
            via[n] = n
        elif kind == _RESOURCE:
            users = [m for m in op.neighbours[n] if kinds[m] == _CHANTIER]
            if all(m == actor for m in op.neighbours[n] if kinds[m] == _ACTOR):
                exclusive.add(n)
                via.update((c, c) for c in users)
            else:
                shared.append(n)
    for n in sorted(shared):
        for c in op.neighbours[n]:
            if kinds[c] == _CHANTIER:
                via.setdefault(c, n)
    return via, exclusive


def _brokers(
    op: _Network, participation: Mapping[str, tuple[Mapping[str, str], set[str]]]
) -> set[str]:
    """The actors whose removal, with the resources only they provide, separates their chantiers.

    Each actor is merged with its exclusive resources (a chantier using one becomes a neighbour
    of the actor). In that graph, removing the actor separates two of its neighbours exactly
    when they lie in different blocks (biconnected components) around it; a chantier reached
    through a resource shared with other providers stays with that resource.
    """
    index = {uid: i for i, uid in enumerate(op.nodes)}
    merged = list(range(len(op.nodes)))
    for actor, (_, exclusive) in participation.items():
        for r in exclusive:
            merged[index[r]] = index[actor]
    edges = {(merged[s], merged[t]) if merged[s] < merged[t] else (merged[t], merged[s]) for s, t in op.edges}
    graph = igraph.Graph(n=len(op.nodes), edges=sorted(e for e in edges if e[0] != e[1]), directed=False)
    blocks, cut_vertices = graph.biconnected_components(return_articulation_points=True)
    cut = set(cut_vertices)
    blocks_of: dict[int, set[int]] = {}
    for b, members in enumerate(blocks):
        for v in members:
            blocks_of.setdefault(v, set()).add(b)
    brokers = set()
    for actor, (via, _) in participation.items():
        a = index.get(actor)
        if a is None or a not in cut or len(via) < 2:
            continue
        around = {min(blocks_of[a] & blocks_of[index[n]]) for n in set(via.values())}
        if len(around) >= 2:
            brokers.add(actor)
    return brokers


def assemble(
    node_rows: Iterable[Mapping[str, Any]],
    link_rows: Iterable[Mapping[str, Any]],
    dependency_rows: Iterable[Mapping[str, Any]] | None = None,
) -> list[ActorCentrality]:
    """Build the results from plain facts.

    ``node_rows``: uid, kind, name, code (and category, for resources) of every node present.
    ``link_rows``: source, target, operational (see :func:`operational_graphs`).
    ``dependency_rows``: actor (uid), chantier (uid), category — derived from the two others by
    the same rule on both stores when not given.
    """
    nodes = {row["uid"]: row for row in node_rows}
    link_rows = list(link_rows)
    if dependency_rows is None:
        dependency_rows = _dependency_rows(nodes, link_rows)
    op_edges, pot_edges = _edge_sets(nodes, link_rows)
    op, pot = _Network.of(op_edges), _Network.of(pot_edges)
    op_between, pot_between = _betweenness(op), _betweenness(pot)
    estimated = _estimated(op)
    deps: dict[str, set[tuple[str, str]]] = {}
    for row in dependency_rows:
        if row["actor"] in nodes and row["chantier"] in nodes:
            deps.setdefault(row["actor"], set()).add((row["chantier"], row["category"]))
    kinds = {uid: str(row["kind"]) for uid, row in nodes.items()}
    actors = [uid for uid, kind in kinds.items() if kind == _ACTOR]
    participation = {uid: _participation(op, kinds, uid) for uid in actors if uid in op.neighbours}
    brokers = _brokers(op, participation)

    def name(uid: str) -> str:
        return str(nodes[uid]["name"])

    def short(uid: str) -> tuple[str, str]:
        return (name(uid), str(nodes[uid].get("code") or name(uid)))

    chantier_keys: dict[str, tuple[str, str]] = {}

    def chantier_key(uid: str) -> tuple[str, str]:
        if uid not in chantier_keys:
            chantier_keys[uid] = _chantier_order(nodes, uid)
        return chantier_keys[uid]

    results = []
    for uid in actors:
        via = participation[uid][0] if uid in participation else {}
        broker = uid in brokers
        ordered = sorted(via, key=chantier_key)
        dependencies = sorted(
            deps.get(uid, set()), key=lambda d: (chantier_key(d[0]), SCORED_CATEGORIES.index(d[1]))
        )
        mentioned = sorted(set(ordered) | {c for c, _ in dependencies}, key=chantier_key)
        results.append(
            ActorCentrality(
                uid=uid,
                name=name(uid),
                degree=op.degree(uid),
                betweenness=op_between.get(uid, 0.0),
                potential_degree=pot.degree(uid),
                potential_betweenness=pot_between.get(uid, 0.0),
                broker=broker,
                connects=tuple(name(c) for c in ordered) if broker else (),
                dependencies=tuple((name(c), cat) for c, cat in dependencies),
                chantiers=tuple(name(c) for c in ordered),
                short_names=tuple(short(c) for c in mentioned),
                estimated=estimated,
            )
        )
    results.sort(key=lambda r: (-r.betweenness, -r.degree, normalize_name(r.name), r.uid))
    return results


def _chantier_order(node_rows: Mapping[str, Mapping[str, Any]], uid: str) -> tuple[str, str]:
    row = node_rows[uid]
    return (normalize_name(str(row.get("code") or "~")), normalize_name(str(row["name"])))


# --- networkx ----------------------------------------------------------------------------------


def _graph_facts(
    graph: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The facts :func:`assemble` needs, read from a territory graph (never modified): node rows,
    link rows and the dependency rows derived from them."""
    node_rows = [
        {
            "uid": n,
            "kind": data["kind"],
            "name": data.get("name", n),
            "code": data.get("code"),
            "category": data.get("category"),
        }
        for n, data in graph.nodes(data=True)
    ]
    uses: dict[str, set[str]] = {}  # resource -> its legend link types (OPERATIONAL, KNOWN_UNLINKED)
    for _, t, key in graph.edges(keys=True):
        if key in (_OP, _KU):
            uses.setdefault(t, set()).add(key)
    link_rows = []
    for s, t, key in graph.edges(keys=True):
        if key in (_OP, _KU):
            link_rows.append({"source": s, "target": t, "operational": key == _OP})
        elif key == LinkType.ANSWERS.value or key in _GOVERNANCE:
            link_rows.append({"source": s, "target": t, "operational": True})
        elif key == LinkType.PROVIDES.value and t in uses:
            link_rows.append({"source": s, "target": t, "operational": _OP in uses[t]})
    nodes = {row["uid"]: row for row in node_rows}
    return node_rows, link_rows, _dependency_rows(nodes, link_rows)


def central_actors(graph: nx.MultiDiGraph) -> list[ActorCentrality]:
    """Centrality, brokers and single points of failure of every actor of ``graph``."""
    return assemble(*_graph_facts(graph))


# --- Cypher twin -------------------------------------------------------------------------------


def central_actors_cypher(scope: Scope) -> list[ActorCentrality]:
    """The same analysis with the facts read by ``queries/analysis_centrality.cypher``.

    The queries return lists (one row per kind of node, one per chantier or actor with its
    neighbours) rather than one row per node or link: at region scale the driver spends far more
    on 100,000 small records than the server does finding them.
    """
    params = {"territory": scope.territory_key, "without": list(scope.without_uids)}
    store = scope.store
    node_rows = [
        {"uid": uid, "kind": row["kind"], "name": name, "code": code, "category": category}
        for row in store.run_query("analysis_centrality_nodes", **params)
        for uid, name, code, category in row["nodes"]
    ]
    link_rows = [
        {"source": row["source"], "target": target, "operational": operational}
        for row in store.run_query("analysis_centrality_links", **params)
        for operational, targets in ((True, row["operational"]), (False, row["potential"]))
        for target in targets
    ]
    return assemble(node_rows, link_rows)


def run_central(scope: Scope) -> list[ActorCentrality]:
    """Central actors on the scope's store: networkx on the embedded store, Cypher on Neo4j."""
    if scope.graph is None:
        return central_actors_cypher(scope)
    return central_actors(scope.graph)
