"""The in-memory form every analysis and export consumes: a networkx ``MultiDiGraph``.

Both stores read a territory back through :func:`build_graph`, so the graph is the same whatever
the store:

* node id: the node's ``uid``; attributes: ``uid``, ``kind``, ``name``, ``key``, ``code`` and
  ``external_id`` when set, ``territories`` (sorted territory keys), and every stored property;
* edge key: the link type (``"OPERATIONAL"``, ``"PROVIDES"``...); attributes: ``type``,
  ``status`` for chantier → resource/actor links, and every stored property;
* graph attributes: ``territory`` (key) and ``territory_name``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from .model import LinkType

__all__ = ["build_graph", "graph_overview", "link_attributes"]


def link_attributes(link_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """Edge attributes: the stored properties plus ``type`` (and ``status`` for legend links)."""
    attrs = dict(props)
    attrs["type"] = link_type
    status = LinkType(link_type).status
    if status is not None:
        attrs["status"] = status.value
    return attrs


def build_graph(
    territory_key: str,
    territory_name: str,
    nodes: Iterable[tuple[str, Mapping[str, Any], Iterable[str]]],
    links: Iterable[tuple[str, str, str, Mapping[str, Any]]],
) -> nx.MultiDiGraph:
    """Build the graph of one territory.

    ``nodes`` yields ``(uid, attributes, territory keys)``; ``links`` yields
    ``(source uid, target uid, link type, stored properties)``.
    """
    graph = nx.MultiDiGraph(territory=territory_key, territory_name=territory_name)
    for uid, attrs, territories in nodes:
        graph.add_node(uid, **dict(attrs), territories=sorted(territories))
    for source, target, link_type, props in links:
        graph.add_edge(source, target, key=link_type, **link_attributes(link_type, props))
    return graph


def graph_overview(graph: nx.MultiDiGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Count nodes per kind and links per type in a territory graph."""
    nodes: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        nodes[kind] = nodes.get(kind, 0) + 1
    links: dict[str, int] = {}
    for _, _, link_type in graph.edges(keys=True):
        links[link_type] = links.get(link_type, 0) + 1
    return nodes, links
