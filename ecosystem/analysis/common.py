"""What every analysis shares: the categories the method scores, how a linked node counts,
node labels, and ``without`` (the graph as if some actors had left).

Analyses are pure functions over the ``MultiDiGraph`` a store reads back (see
:mod:`ecosystem.graph`): they never mutate it and do no I/O. Each has a Cypher twin in
``queries/analysis_*.cypher`` used when the store is Neo4j; parity tests check both give the
same results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from ..errors import EcosystemError
from ..model import LinkStatus, NodeKind, ResourceCategory, normalize_name

__all__ = [
    "SCORED_CATEGORIES",
    "UnknownActorError",
    "Result",
    "category_of",
    "chantiers",
    "enjeux",
    "label",
    "status_links",
    "without",
    "resolve_actors",
]

# The four groups of the method's cartography; "lieu" and "autre" are shown, not scored.
SCORED_CATEGORIES: tuple[str, ...] = (
    ResourceCategory.PARTENAIRE.value,
    ResourceCategory.INTERVENANT.value,
    ResourceCategory.MATERIEL.value,
    ResourceCategory.FINANCEMENT.value,
)


class UnknownActorError(EcosystemError, LookupError):
    """``--without`` names an actor the territory does not have."""


@dataclass(frozen=True)
class Result:
    """Base of every analysis row: ``as_dict()`` is the stable JSON/CSV form."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_ACTOR = NodeKind.ACTOR.value
_PARTENAIRE = ResourceCategory.PARTENAIRE.value
_AUTRE = ResourceCategory.AUTRE.value


def category_of(graph: nx.MultiDiGraph, node: str) -> str:
    """The category a linked node brings to a chantier: an actor is a *partenaire*."""
    data = graph.nodes[node]
    if data["kind"] == _ACTOR:
        return _PARTENAIRE
    return str(data.get("category", _AUTRE))


def label(graph: nx.MultiDiGraph, node: str) -> str:
    """How a node is named to people: "1.b — Développer…", "CAF"."""
    return str(graph.nodes[node].get("name", node))


def order_key(code: object, name: object) -> tuple[int, str, str]:
    """Sort chantiers and enjeux by code ("1.b" before "2.a"), those without a code last."""
    return (0 if code else 1, normalize_name(str(code or "")), normalize_name(str(name)))


def _sort_key(graph: nx.MultiDiGraph, node: str) -> tuple[int, str, str]:
    data = graph.nodes[node]
    return order_key(data.get("code"), data.get("name", node))


def _of_kind(graph: nx.MultiDiGraph, kind: NodeKind) -> list[str]:
    nodes = [n for n, k in graph.nodes(data="kind") if k == kind.value]
    return sorted(nodes, key=lambda n: _sort_key(graph, n))


def chantiers(graph: nx.MultiDiGraph) -> list[str]:
    """Chantier uids, by code then name."""
    return _of_kind(graph, NodeKind.CHANTIER)


def enjeux(graph: nx.MultiDiGraph) -> list[str]:
    """Enjeu uids, by code then name."""
    return _of_kind(graph, NodeKind.ENJEU)


def status_links(graph: nx.MultiDiGraph, chantier: str) -> Iterator[tuple[str, LinkStatus]]:
    """``(target, status)`` for each legend link of a chantier."""
    for _, target, link_type in graph.out_edges(chantier, keys=True):
        if link_type in LinkStatus.__members__:
            yield target, LinkStatus(link_type)


def resolve_actors(graph: nx.MultiDiGraph, names: Iterable[str]) -> list[str]:
    """Actor uids for names typed by a person (normalised), or an error naming the known actors."""
    by_key: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] == NodeKind.ACTOR.value:
            by_key[normalize_name(str(data["name"]))] = node
            by_key[normalize_name(node)] = node
    found = []
    for name in names:
        uid = by_key.get(normalize_name(name))
        if uid is None:
            known = sorted({str(graph.nodes[u]["name"]) for u in by_key.values()})
            raise UnknownActorError("unknown_actor", name=name, known=", ".join(known[:20]) or "—")
        found.append(uid)
    return found


def without(graph: nx.MultiDiGraph, actors: Iterable[str]) -> nx.MultiDiGraph:
    """A copy of ``graph`` as if these actors (uids) had left: they are removed, and so are the
    resources that only they provide."""
    gone = set(actors)
    if not gone:
        return graph
    orphaned = {
        node
        for node, data in graph.nodes(data=True)
        if data["kind"] == NodeKind.RESOURCE.value
        and (providers := {s for s, _, k in graph.in_edges(node, keys=True) if k == "PROVIDES"})
        and providers <= gone
    }
    copy = graph.copy()
    copy.remove_nodes_from(gone | orphaned)
    return copy


@dataclass(frozen=True)
class Scope:
    """What an analysis runs on: the store's territory, minus the actors named by ``--without``.

    ``graph`` is the territory read back (embedded store) — already without those actors — or
    None on Neo4j, where the Cypher twin runs with ``territory_key`` and ``without_uids``.
    """

    territory_key: str
    territory_name: str
    without_uids: tuple[str, ...]
    graph: nx.MultiDiGraph | None
    store: Any


def prepare(store: Any, territory: str, without_names: Iterable[str] = ()) -> Scope:
    """Resolve the territory and the ``--without`` actors for one analysis run."""
    from ..store import Neo4jStore

    key, name = store.resolve_territory(territory)
    names = list(without_names)
    if isinstance(store, Neo4jStore):
        actors = nx.MultiDiGraph()
        for row in store.run_query("analysis_actor_names", territory=key):
            actors.add_node(row["uid"], kind=NodeKind.ACTOR.value, name=row["name"])
        return Scope(key, name, tuple(resolve_actors(actors, names)), None, store)
    graph = store.read_territory(key)
    uids = tuple(resolve_actors(graph, names))
    return Scope(key, name, uids, without(graph, uids), store)
