"""The interactive map: one self-contained HTML file that works with no network at all.

Coordinators project the map in webinars, open it from a USB key or behind a firewall, so
:func:`write_map` writes **one** file with everything inside:

* **vis-network** (the standalone UMD build, which carries its own CSS) is vendored under
  ``ecosystem/export/assets/`` (origin, version and licence in ``assets/SOURCES.md``) and
  inlined, with this page's own small script and style sheet. The page loads nothing: no
  ``<script src>``, no ``<link>``, no font, no image, no CDN. The browser test opens it with
  networking disabled and fails on any request.
* **The data** — nodes, links, legend, texts — is one JSON document inside
  ``<script type="application/json">``, with ``<``, ``>`` and ``&`` written ``\\u003c``,
  ``\\u003e``, ``\\u0026``: a name such as ``</script><script>alert(1)</script>`` cannot end the
  block, and the page reads it with ``JSON.parse``. The page's script then puts every text in
  as text (``textContent``, ``new Option(text)``, vis-network string tooltips, which it inserts
  with ``innerText``, and canvas labels): **no HTML is ever built from the data**.
* **The layout is computed here**, before export, with a fixed seed: the map opens still and
  fast (``physics: false``), and the same data gives the same map. Each connected part is laid
  out by networkx's spring layout (Fruchterman-Reingold) — parts of 500 elements or more, where
  networkx would need scipy, by the same algorithm written here with numpy — and the parts are
  then placed side by side, isolated elements in a grid below.

Why not pyvis: pyvis's HTML template loads Bootstrap, tom-select and (except with
``cdn_resources='in_line'``) vis-network from CDNs, computes the layout in the browser with
physics, and needs IPython and jsonpickle at run time. Post-processing its output would be
fragile; building the vis-network node and edge dictionaries directly is simpler and lets us
control escaping. The option names are the same ones pyvis passes through.

What the map shows (the legend in the page says the same, in French or English):

* **Shapes and colours** by kind: enjeu (star), chantier (square), actor (disc), resource
  (diamond, coloured by category).
* **Size**: actors by their centrality (betweenness from
  :mod:`ecosystem.analysis.centrality` when that module is there, else their number of links);
  the other elements by their number of links.
* **Links** as the method's legend: OPERATIONAL solid, KNOWN_UNLINKED dashed, ABSENT not drawn
  — unless ``show_absent``, then a faint line labelled "manquant"; governance (pilote / fait /
  associé) as curved blue arrows; ANSWERS and PROVIDES as thin grey lines.
* **Points of attention**: a chantier with a missing category (partenaire, intervenant,
  matériel, financement) has a thick vermilion border, one whose categories are all at least
  known but some still to activate a dashed vermilion border; an actor that is a chantier's
  single operational support in a category (a *point de fragilité*) a thick purple border.
  Tooltips carry the analysis sentences (:meth:`ChantierFeasibility.sentences`...).
* **Focus**: ``focus=`` (a chantier's or enjeu's code or name) exports only its neighbourhood
  (:func:`neighbourhood`); in the page, a selector focuses on any chantier or enjeu and back,
  and a search field selects and zooms to the elements whose name contains the words typed.

Large territories (more than :data:`AGGREGATE_ABOVE_NODES` elements to draw: a département, a
region): drawing 25,000 elements would give a slow, unreadable hairball, so the default view is
**aggregated** (the legend says so, and how to see the detail). It draws every enjeu and
chantier, the actors and resources shared by the most chantiers (at most
:data:`AGGREGATE_HUBS`; "linked to at least N chantiers"), and beside each chantier a grey
hexagon bundling its other resources and partners, labelled with how many there are and how
many are operational / known-unlinked (per category in its tooltip). Every element is still in
the page, positioned, in a compact form (shared styles, links as index rows): the focus selector
— or a double click on a chantier, an enjeu, a drawn actor or a bundle — shows the full detail
of a chantier, an enjeu or a drawn shared actor; the search also finds bundled elements and
selects their bundles. The layout stays about linear in size: groups (the parts that stay
connected once the shared elements are set aside, typically an EPCI each; split by Louvain
communities above :data:`AGGREGATE_BLOCK_MAX`) are laid out one by one and packed side by side,
the shared elements in the middle. Betweenness is not computed for such a territory unless the
caller passes the central-actors rows (actors are then sized by their number of links).
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .. import i18n
from ..analysis.common import SCORED_CATEGORIES, category_of
from ..analysis.feasibility import MISSING, TO_ACTIVATE, ChantierFeasibility, feasibility
from ..errors import EcosystemError
from ..files import write_atomically
from ..i18n import LANGUAGES, get_language, speaking, tr
from ..model import LinkType, NodeKind, ResourceCategory, normalize_name
from .graphfiles import safe_filename

__all__ = [
    "ExportError",
    "UnknownFocusError",
    "VIS_NETWORK_VERSION",
    "write_map",
    "map_data",
    "render_page",
    "json_for_html",
    "neighbourhood",
    "resolve_focus",
    "default_filename",
    "layout",
]

VIS_NETWORK_VERSION = "9.1.13"  # assets/SOURCES.md
VIS_NETWORK_FILE = "vis-network.min.js"

LAYOUT_SEED = 42
NX_LAYOUT_MAX_NODES = 499  # networkx's spring layout needs scipy from 500 nodes on
LAYOUT_ITERATIONS = 50
PIXELS = 120.0  # a part of n elements spans about 2 × PIXELS × √n pixels
SEPARATE_MAX_NODES = 600  # above, labels overlap anyway until one zooms in (and vis hides them)
SEPARATE_ITERATIONS = 80
SEPARATE_PADDING = 14.0
LABEL_WIDTH = 240  # vis-network's widthConstraint.maximum: labels wrap beyond
PART_MARGIN = 260.0
GRID_STEP = (270.0, 150.0)
LABEL_MAX = 60  # characters; the full name is in the tooltip
REPULSION_CHUNK = 1024  # rows of the n × n repulsion computed at once (memory stays O(n))

_E, _C, _A, _R = (NodeKind.ENJEU.value, NodeKind.CHANTIER.value, NodeKind.ACTOR.value, NodeKind.RESOURCE.value)
_OP, _KU, _AB = LinkType.OPERATIONAL.value, LinkType.KNOWN_UNLINKED.value, LinkType.ABSENT.value
_GOVERNANCE = (LinkType.PILOTS.value, LinkType.OPERATES.value, LinkType.ASSOCIATED_WITH.value)

# --- the look: mostly the colour-blind-safe Okabe-Ito palette, readable when projected ----------

_KIND_STYLE = {  # shape, fill, border
    _E: ("star", "#F0E442", "#6E6400"),
    _C: ("square", "#0072B2", "#003B5C"),
    _A: ("dot", "#009E73", "#00513B"),
}
_RESOURCE_SHAPE = "diamond"
_CATEGORY_STYLE = {  # fill, border
    ResourceCategory.PARTENAIRE.value: ("#56B4E9", "#1D6690"),
    ResourceCategory.INTERVENANT.value: ("#CC79A7", "#7A3A63"),
    ResourceCategory.MATERIEL.value: ("#A6761D", "#5A3F0E"),
    ResourceCategory.FINANCEMENT.value: ("#E69F00", "#7A5400"),
    ResourceCategory.LIEU.value: ("#B2DF8A", "#4A7A24"),
    ResourceCategory.AUTRE.value: ("#BDBDBD", "#636363"),
}
_BASE_SIZE = {_E: 30.0, _C: 26.0, _A: 14.0, _R: 13.0}
_EXTRA_SIZE = {_E: 10.0, _C: 14.0, _A: 26.0, _R: 12.0}
_FONT_SIZE = {_E: 28, _C: 28, _A: 22, _R: 21}
_BORDER = 2
_ALERT = "#D55E00"
_FRAGILE = "#6A0DAD"
_ALERT_BORDER = 6
_ALERT_DASHES = [8, 5]

_INK = "#2B2B2B"
_GOVERNANCE_COLOUR = "#2F5FD0"
_GREY = "#A0A0A0"
_ABSENT_COLOUR = "rgba(213,94,0,0.45)"
_DASHES = [10, 8]


def _edge_style(link_type: str) -> dict[str, Any]:
    """vis-network options of one link type (without id, ends, label, title)."""
    if link_type == _OP:
        return {"dashes": False, "width": 3, "color": _colour(_INK)}
    if link_type == _KU:
        return {"dashes": list(_DASHES), "width": 2.5, "color": _colour(_INK)}
    if link_type == _AB:
        return {
            "dashes": False,
            "width": 1.5,
            "color": _colour(_ABSENT_COLOUR, highlight=_ALERT),
            "font": {"size": 17, "color": _ALERT, "strokeWidth": 4, "strokeColor": "#ffffff"},
        }
    if link_type in _GOVERNANCE:
        width = {LinkType.PILOTS.value: 3, LinkType.OPERATES.value: 2.5}.get(link_type, 1.5)
        return {
            "dashes": False,
            "width": width,
            "color": _colour(_GOVERNANCE_COLOUR),
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.9}},
            "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.2},
            "font": {"size": 17, "color": _GOVERNANCE_COLOUR, "strokeWidth": 4, "strokeColor": "#ffffff"},
        }
    return {"dashes": False, "width": 1, "color": _colour(_GREY, highlight="#555555")}  # ANSWERS, PROVIDES


def _colour(colour: str, *, highlight: str | None = None) -> dict[str, Any]:
    return {"color": colour, "highlight": highlight or "#000000", "hover": highlight or "#000000", "inherit": False}


# --- errors ------------------------------------------------------------------------------------


class ExportError(EcosystemError):
    """An export could not be written, or was asked for something the territory does not have."""


class UnknownFocusError(ExportError, LookupError):
    """``focus`` names no chantier or enjeu of the territory (or several)."""


# --- public API --------------------------------------------------------------------------------


def write_map(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    focus: str | None = None,
    show_absent: bool = False,
    title: str | None = None,
    language: str | None = None,
    central: Iterable[Any] | None = None,
    aggregate: bool | None = None,
) -> Path:
    """Write the interactive map of ``graph`` (a territory read back by a store) as one HTML file.

    ``path`` is the file to write, or an existing folder (then the file is named by
    :func:`default_filename`). ``focus``: a chantier's or enjeu's code or name — only it and its
    :func:`neighbourhood` are exported. ``show_absent``: draw ABSENT links (faint, labelled
    "manquant") instead of leaving them out as the method's legend does. ``title`` replaces
    "Carte de l'écosystème — <territoire>". ``language``: "fr" or "en" (default: the current
    language). ``central``: the central-actors rows when the caller already has them (betweenness
    is the costly part of a large map), else they are computed — except for a territory of more
    than :data:`AGGREGATE_ABOVE_NODES` elements, where actors are then sized by their number of
    links. ``aggregate``: draw the aggregated view (see "Large territories" above); by default
    only when more than :data:`AGGREGATE_ABOVE_NODES` elements would be drawn. The file is
    written atomically (temporary file, then rename); the folders are created if needed. Returns
    the path written.
    """
    with speaking(language):
        focus_uid = resolve_focus(graph, focus) if focus else None
        data = _map_data(
            graph, focus_uid, show_absent=show_absent, title=title, today=date.today(), central=central, aggregate=aggregate
        )
        page = render_page(data)
        target = Path(path)
        if target.is_dir() or str(path).endswith(("/", os.sep)):
            target = target / default_filename(graph, focus_uid)
    # A lone surrogate in a name (never in store data, but cheap to guard) becomes a JSON \\uXXXX
    # escape rather than an encoding error: it can only occur inside a JSON string.
    _write(target, page.encode("utf-8", errors="backslashreplace"))
    return target


def map_data(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    show_absent: bool = False,
    title: str | None = None,
    language: str | None = None,
    today: date | None = None,
    central: Iterable[Any] | None = None,
    aggregate: bool | None = None,
) -> dict[str, Any]:
    """The JSON document the page is drawn from (what :func:`write_map` embeds)."""
    with speaking(language):
        focus_uid = resolve_focus(graph, focus) if focus else None
        return _map_data(
            graph, focus_uid, show_absent=show_absent, title=title, today=today or date.today(), central=central,
            aggregate=aggregate,
        )


def render_page(data: Mapping[str, Any]) -> str:
    """The HTML page for ``data`` (from :func:`map_data`): assets inlined, data as escaped JSON."""
    assets = _assets()
    language = data["lang"]
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    parts = {
        "LANG": language,
        "MAP_CSS": assets["css"],
        "NOSCRIPT": html.escape(data["text"]["noscript"]),
        "DATA": json_for_html(data),
        "VIS_JS": assets["vis"],
        "MAP_JS": assets["js"],
    }
    # One pass over the template: what is substituted is never scanned again.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], assets["template"])


def json_for_html(data: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` are
    written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (they can only occur inside JSON strings,
    where those escapes mean the same characters), so no ``</script>`` or ``<!--`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def resolve_focus(graph: nx.MultiDiGraph, text: str) -> str:
    """The uid of the chantier or enjeu ``text`` names: its code ("1.b"), its name, or its uid
    (compared without case, accents or punctuation)."""
    wanted = normalize_name(str(text))
    matches = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") not in (_C, _E):
            continue
        names = {node, data.get("code"), data.get("name"), data.get("title")}
        if wanted and wanted in {normalize_name(str(n)) for n in names if n}:
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownFocusError(
            "map.error.ambiguous_focus", name=text, matches=", ".join(sorted(_display(graph, m) for m in matches))
        )
    known = [_short(graph, n) for n in _focusables(graph)]
    shown = ", ".join(known[:30]) + (", …" if len(known) > 30 else "")
    raise UnknownFocusError("map.error.unknown_focus", name=text, known=shown or tr("cli.none"))


def neighbourhood(graph: nx.MultiDiGraph, uid: str, *, show_absent: bool = False) -> set[str]:
    """What a focus on a chantier or an enjeu keeps.

    A chantier: itself, every element linked to it (resources and actors of its map, its enjeux,
    its governance), and the actors that provide its resources. ABSENT links count only when
    they are drawn (``show_absent``). An enjeu: itself and the neighbourhoods of the chantiers
    that answer it.
    """
    kind = graph.nodes[uid].get("kind")
    if kind == _E:
        keep = {uid}
        for chantier, _, link_type in graph.in_edges(uid, keys=True):
            if link_type == LinkType.ANSWERS.value:
                keep |= _chantier_neighbourhood(graph, chantier, show_absent)
        return keep
    if kind == _C:
        return _chantier_neighbourhood(graph, uid, show_absent)
    raise ValueError(f"{uid!r} is neither a chantier nor an enjeu")


def default_filename(graph: nx.MultiDiGraph, focus_uid: str | None = None) -> str:
    """"carte-<territoire>.html", or "carte-<territoire>-<chantier ou enjeu>.html" for a focus
    (names made safe by :func:`~ecosystem.export.graphfiles.safe_filename`; "map-…" in English)."""
    name = safe_filename(graph.graph.get("territory_name") or graph.graph.get("territory") or "", 60)
    if focus_uid is not None:
        name += "-" + safe_filename(_short(graph, focus_uid), 40)
    return tr("map.filename", name=name) + ".html"


def layout(
    nodes: Iterable[str],
    edges: Iterable[tuple[str, str]],
    boxes: Mapping[str, tuple[float, float, float]] | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions in pixels (deterministic): each connected part laid out by a force-directed
    layout with a fixed seed, then — for parts up to :data:`SEPARATE_MAX_NODES` elements —
    nudged until no two ``boxes`` (width, height, vertical offset of the box centre from the
    node: the shape with its label below) overlap; parts placed side by side, the largest
    first, isolated nodes in a grid below in the order given."""
    return _layout(nodes, edges, boxes, _unit_layout)


def _layout(
    nodes: Iterable[str],
    edges: Iterable[tuple[str, str]],
    boxes: Mapping[str, tuple[float, float, float]] | None,
    unit_layout: Any,
) -> dict[str, tuple[float, float]]:
    """:func:`layout`, with ``unit_layout`` (networkx graph -> positions within [-1, 1]) for each part."""
    order = list(dict.fromkeys(nodes))
    g = nx.Graph()
    g.add_nodes_from(sorted(order))
    g.add_edges_from(sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b}))
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    blocks: list[dict[str, tuple[float, float]]] = []
    for part in parts:
        if len(part) == 1:
            continue
        sub = nx.Graph()
        sub.add_nodes_from(part)
        sub.add_edges_from(sorted((a, b) if a < b else (b, a) for a, b in g.subgraph(part).edges()))
        unit = unit_layout(sub)
        radius = PIXELS * math.sqrt(len(part))
        block = {n: (x * radius, y * radius) for n, (x, y) in unit.items()}
        if boxes is not None and len(part) <= SEPARATE_MAX_NODES:
            block = _separate(block, boxes)
        blocks.append(block)
    singles = [n for n in order if g.degree(n) == 0]
    if singles:
        blocks.append(_grid(singles))
    return _pack(blocks)


# --- building the data -------------------------------------------------------------------------


def _map_data(
    graph: nx.MultiDiGraph,
    focus_uid: str | None,
    *,
    show_absent: bool,
    title: str | None,
    today: date,
    central: Iterable[Any] | None = None,
    aggregate: bool | None = None,
) -> dict[str, Any]:
    drawn = [(s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True) if k != _AB or show_absent]
    keep = set(graph.nodes) if focus_uid is None else neighbourhood(graph, focus_uid, show_absent=show_absent)
    if aggregate is None:
        aggregate = len(keep) > AGGREGATE_ABOVE_NODES
    # Analyses and sizes on the whole territory: a focus changes what is shown, not the findings.
    results, coverage = feasibility(graph)
    by_chantier = {r.uid: r for r in results}
    covered = {c.uid: c for c in coverage}
    # Betweenness on a territory that large costs from seconds to minutes: unless the caller has
    # it, actors are sized by their links there (single points of failure stay), focus or not.
    large = aggregate or graph.number_of_nodes() > AGGREGATE_ABOVE_NODES
    centrality = _centrality(graph, central) if central is not None or not large else _light_centrality(graph)
    degree = _degrees(graph, drawn)
    if aggregate:
        return _aggregated_map_data(
            graph, keep, drawn, focus_uid, show_absent=show_absent, title=title, today=today,
            centrality=centrality, by_chantier=by_chantier, covered=covered, degree=degree,
        )

    node_ids = sorted(keep, key=lambda n: _order(graph, n))
    edges = sorted(((s, t, k, d) for s, t, k, d in drawn if s in keep and t in keep), key=lambda e: (e[0], e[1], e[2]))
    maxima = _maxima(graph, degree, centrality)
    sizes = {uid: _size(graph, uid, degree, centrality, maxima) for uid in node_ids}
    boxes = {uid: _box(graph, uid, sizes[uid]) for uid in node_ids}
    positions = layout(node_ids, ((s, t) for s, t, _, _ in edges), boxes)

    providers = _providers(graph)
    nodes = [
        _node(graph, uid, positions[uid], sizes[uid], degree, centrality, by_chantier, covered, providers)
        for uid in node_ids
    ]
    index = {uid: i for i, uid in enumerate(node_ids)}
    vis_edges = [_edge(graph, i, s, t, k, d) for i, (s, t, k, d) in enumerate(edges)]

    territory, heading, subtitle = _heading(graph, focus_uid, title, today)
    subtitle.append(tr("map.counts", nodes=len(nodes), links=len(vis_edges)))

    choices = [
        {
            "id": uid,
            "label": _choice_label(graph, uid),
            "members": sorted(index[m] for m in neighbourhood(graph, uid, show_absent=show_absent) if m in index),
        }
        for uid in _focusables(graph)
        if uid in index
    ]
    return {
        **_page(heading, subtitle, territory, today, show_absent),
        "legend": _legend(
            graph, keep, show_absent, centrality is not None, nodes, sized_by_centrality=centrality.betweenness is not None
        ),
        "options": _options(len(nodes), len(vis_edges)),
        "focus": {"initial": focus_uid, "choices": choices},
        "nodes": nodes,
        "edges": vis_edges,
    }


def _page(heading: str, subtitle: list[str], territory: str, today: date, show_absent: bool) -> dict[str, Any]:
    """The first fields of the page data, the same for the whole and the aggregated view."""
    return {
        "format": "ecosystem-map/1",
        "lang": get_language(),
        "title": heading,
        "subtitle": " · ".join(subtitle),
        "territory": territory,
        "generated": today.isoformat(),
        "showAbsent": show_absent,
        "text": _ui_text(),
    }


def _heading(graph: nx.MultiDiGraph, focus_uid: str | None, title: str | None, today: date) -> tuple[str, str, list[str]]:
    """(territory name, the map's title, the parts of its subtitle but the counts)."""
    territory = str(graph.graph.get("territory_name") or graph.graph.get("territory") or "")
    heading = title if title else tr("map.title", territory=territory)
    subtitle = [tr("map.exported", date=tr("map.date", day=today.day, month=today.month, year=today.year))]
    if title:
        subtitle.insert(0, tr("map.territory", territory=territory))
    if focus_uid is not None:
        subtitle.append(tr("map.focused", name=_display(graph, focus_uid)))
    return territory, heading, subtitle


def _providers(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Per resource, the names of the actors that provide it."""
    providers: dict[str, list[str]] = {}
    for s, t, k in graph.edges(keys=True):
        if k == LinkType.PROVIDES.value:
            providers.setdefault(t, []).append(_display(graph, s))
    return providers


def _node(
    graph: nx.MultiDiGraph,
    uid: str,
    position: tuple[float, float],
    size: float,
    degree: Mapping[str, int],
    centrality: _Centrality | None,
    by_chantier: Mapping[str, ChantierFeasibility],
    coverage: Mapping[str, Any],
    providers: Mapping[str, list[str]],
) -> dict[str, Any]:
    data = graph.nodes[uid]
    kind = str(data.get("kind"))
    category = str(data.get("category") or ResourceCategory.AUTRE.value) if kind == _R else None
    if kind == _R:
        shape = _RESOURCE_SHAPE
        fill, border = _CATEGORY_STYLE.get(category or "", _CATEGORY_STYLE[ResourceCategory.AUTRE.value])
    else:
        shape, fill, border = _KIND_STYLE.get(kind, ("dot", "#BDBDBD", "#636363"))
    name = _display(graph, uid)
    lines = [name, _kind_text(kind, category)]
    alert = None
    if kind == _C and uid in by_chantier:
        result = by_chantier[uid]
        states = [result.categories[c] for c in SCORED_CATEGORIES]
        alert = "missing" if MISSING in states else "to_activate" if TO_ACTIVATE in states else None
        lines += [""] + result.sentences()
    elif kind == _E and uid in coverage:
        lines += ["", coverage[uid].sentence()]
    elif kind == _A:
        lines.append("")
        if centrality is not None:
            fragile = centrality.dependencies.get(uid, [])
            alert = "fragile" if fragile else None
            if uid in centrality.sentences:
                lines += centrality.sentences[uid]
            elif fragile:
                items = ", ".join(
                    tr("map.tooltip.fragile_item", chantier=c, category=tr(f"category.{cat}")) for c, cat in fragile
                )
                lines.append(tr("map.tooltip.fragile", items=items))
            if centrality.betweenness is not None:
                lines.append(tr("map.tooltip.betweenness", value=_decimal(centrality.betweenness.get(uid, 0.0))))
        lines.append(tr("map.tooltip.links", count=degree.get(uid, 0)))
    elif kind == _R:
        if providers.get(uid):
            lines += ["", tr("map.tooltip.provided_by", names=", ".join(sorted(providers[uid], key=normalize_name)))]
        lines.append(tr("map.tooltip.links", count=degree.get(uid, 0)))
    node: dict[str, Any] = {
        "id": uid,
        "label": _label(name),
        "name": name,
        "kind": kind,
        "category": category,
        "title": "\n".join(lines).strip(),
        "x": round(position[0], 1),
        "y": round(position[1], 1),
        "size": size,
        "shape": shape,
        "color": _node_color(fill, border),
        "borderWidth": _BORDER,
        "borderWidthSelected": _BORDER + 2,
        "font": {"size": _font_size(kind)},
        "alert": alert,
    }
    if alert is not None:
        colour = _FRAGILE if alert == "fragile" else _ALERT
        node["color"]["border"] = colour
        node["color"]["highlight"]["border"] = colour
        node["color"]["hover"]["border"] = colour
        node["borderWidth"] = _ALERT_BORDER
        node["borderWidthSelected"] = _ALERT_BORDER + 2
        if alert == "to_activate":
            node["shapeProperties"] = {"borderDashes": list(_ALERT_DASHES)}
    return node


def _edge(graph: nx.MultiDiGraph, i: int, source: str, target: str, link_type: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    edge: dict[str, Any] = {"id": f"e{i}", "from": source, "to": target, "type": link_type}
    edge.update(_edge_style(link_type))
    meaning = tr(f"map.link.{link_type}") if f"map.link.{link_type}" in i18n.MESSAGES else link_type
    lines = [f"{_display(graph, source)} → {_display(graph, target)}", meaning]
    note = attrs.get("note")
    if isinstance(note, str) and note.strip():
        lines.append(note.strip())
    edge["title"] = "\n".join(lines)
    if link_type == _AB:
        edge["label"] = tr("map.edge.absent")
    elif link_type in _GOVERNANCE:
        edge["label"] = tr(f"map.edge.{link_type}")
    return edge


def _options(node_count: int, edge_count: int) -> dict[str, Any]:
    big = node_count > 800 or edge_count > 1500
    return {
        "autoResize": True,
        "width": "100%",
        "height": "100%",
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "multiselect": True,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "nodes": {
            "borderWidth": _BORDER,
            "font": {
                "size": 18,
                "face": "system-ui, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif",
                "color": "#111111",
                "strokeWidth": 5,
                "strokeColor": "#ffffff",
                "multi": False,  # labels are plain text, never markup
            },
            "widthConstraint": {"maximum": LABEL_WIDTH},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 0.5,
            "font": {"size": 14, "align": "middle", "strokeWidth": 4, "strokeColor": "#ffffff", "multi": False},
        },
    }


def _legend(
    graph: nx.MultiDiGraph,
    keep: set[str],
    show_absent: bool,
    has_centrality: bool,
    nodes: list[dict[str, Any]],
    *,
    sized_by_centrality: bool | None = None,
) -> list[dict[str, Any]]:
    def line(link_type: str) -> dict[str, Any]:
        style = _edge_style(link_type)
        return {
            "color": style["color"]["color"],
            "width": style["width"],
            "dashes": style["dashes"] or [],
            "arrow": "arrows" in style,
        }

    def shape(kind: str, category: str | None = None, border: str | None = None, dashes: bool = False) -> dict[str, Any]:
        if kind == _R:
            name, (fill, edge) = _RESOURCE_SHAPE, _CATEGORY_STYLE[category or ResourceCategory.AUTRE.value]
        else:
            name, fill, edge = _KIND_STYLE[kind]
        return {
            "shape": name,
            "fill": fill,
            "border": border or edge,
            "borderWidth": 3.5 if border else 2,
            "borderDashes": dashes,
        }

    method = [
        {"swatch": line(_OP), "text": tr("map.legend.operational")},
        {"swatch": line(_KU), "text": tr("map.legend.known_unlinked")},
        {"swatch": {"none": True}, "text": tr("map.legend.absent")},
    ]
    if show_absent:
        method.append({"swatch": line(_AB), "text": tr("map.legend.absent_shown", label=tr("map.edge.absent"))})
    other = [
        {"swatch": line(LinkType.PILOTS.value), "text": tr("map.legend.governance")},
        {"swatch": line(LinkType.ANSWERS.value), "text": tr("map.legend.answers")},
        {"swatch": line(LinkType.PROVIDES.value), "text": tr("map.legend.provides")},
    ]
    categories = {str(graph.nodes[n].get("category") or "autre") for n in keep if graph.nodes[n].get("kind") == _R}
    kinds = [
        {"swatch": shape(_E), "text": tr("map.kind.Enjeu")},
        {"swatch": shape(_C), "text": tr("map.kind.Chantier")},
        {"swatch": shape(_A), "text": tr("map.kind.Actor")},
    ]
    kinds += [
        {"swatch": shape(_R, c), "text": tr("map.kind.Resource.category", category=tr(f"category.{c}"))}
        for c in (cat.value for cat in ResourceCategory)
        if c in categories
    ]
    alerts = [
        {"swatch": shape(_C, border=_ALERT), "text": tr("map.legend.gap_missing")},
        {"swatch": shape(_C, border=_ALERT, dashes=True), "text": tr("map.legend.gap_to_activate")},
    ]
    if has_centrality:
        alerts.append({"swatch": shape(_A, border=_FRAGILE), "text": tr("map.legend.fragile")})
    count = {a: sum(1 for n in nodes if n["alert"] == a) for a in ("missing", "to_activate", "fragile")}
    notes = [tr("map.legend.counts", missing=count["missing"], to_activate=count["to_activate"])]
    if has_centrality:
        notes.append(tr("map.legend.fragile_count", count=count["fragile"]))
    return [
        {"title": tr("map.legend.method"), "items": method},
        {"title": tr("map.legend.other_links"), "items": other},
        {
            "title": tr("map.legend.shapes"),
            "items": kinds,
            "notes": [
                tr(
                    "map.legend.size_central"
                    if (has_centrality if sized_by_centrality is None else sized_by_centrality)
                    else "map.legend.size_degree"
                )
            ],
        },
        {"title": tr("map.legend.alerts"), "items": alerts, "notes": notes + [tr("map.legend.tooltips")]},
    ]


def _ui_text() -> dict[str, str]:
    return {
        "focusLabel": tr("map.ui.focus"),
        "focusAll": tr("map.ui.focus_all"),
        "searchLabel": tr("map.ui.search"),
        "searchPlaceholder": tr("map.ui.search_placeholder"),
        "results": tr("map.ui.results", count="{count}"),
        "noResult": tr("map.ui.no_result"),
        "fit": tr("map.ui.fit"),
        "legendTitle": tr("map.legend.title"),
        "noscript": tr("map.ui.noscript"),
        "loadError": tr("map.ui.load_error"),
    }


# --- the aggregated view of a large territory ---------------------------------------------------
#
# Above AGGREGATE_ABOVE_NODES elements the default view draws the structure only: every enjeu
# and chantier, the elements shared by the most chantiers (at most AGGREGATE_HUBS of them, cut
# at a number of chantiers so that the rule reads simply: "linked to at least N chantiers"),
# and, beside each chantier, one bundle (a grey hexagon) standing for its other resources and
# partners, with how many are operational / known-unlinked per category. The page holds every
# element, positioned, in a compact form: the focus selector (and a double click) shows the full
# detail of a chantier, an enjeu or a drawn shared actor, and the search finds the elements
# inside bundles. Elements linked to no chantier at all (through any chain) are left out.
#
# The layout stays roughly linear in the number of elements (an O(n²) layout of 25,000 elements
# would take hours): the parts that stay connected once the drawn shared elements are set aside
# form groups (typically one EPCI's roadmap each, ~300 elements); a shared element joins the
# group of its neighbours when they all are in one, else the block of shared elements, put in
# the middle. Each group is laid out on its own by the numpy Fruchterman-Reingold (O(size²)),
# split by Louvain communities above AGGREGATE_BLOCK_MAX elements, the blocks are packed side by
# side, and what the overview draws is then nudged apart, group by group.

AGGREGATE_ABOVE_NODES = 2500  # elements to draw above which the default view is aggregated
AGGREGATE_HUBS = 300  # at most this many shared elements drawn in the aggregated view
AGGREGATE_BLOCK_MAX = 700  # elements per layout block (force-directed layout: O(block²))
AGGREGATE_SEPARATE_MAX = 400  # groups drawing at most this many get their labels nudged apart
BUNDLE_OFFSET = 120.0  # pixels between a chantier and its bundle
_BUNDLE = "BUNDLE"  # the type of the link from a chantier to its bundle, and the prefix of a bundle's id
_BUNDLE_STYLE = ("hexagon", "#E6E6E6", "#5C5C5C")
_BUNDLE_LINK_COLOUR = "#8C8C8C"
_STATUS = (_OP, _KU, _AB)
_SHARED = -1
_NODE_OWN = ("id", "name", "label", "title", "x", "y", "size")


def _aggregated_map_data(
    graph: nx.MultiDiGraph,
    keep: set[str],
    drawn_links: list[tuple[str, str, str, Any]],
    focus_uid: str | None,
    *,
    show_absent: bool,
    title: str | None,
    today: date,
    centrality: _Centrality,
    by_chantier: Mapping[str, ChantierFeasibility],
    covered: Mapping[str, Any],
    degree: Mapping[str, int],
) -> dict[str, Any]:
    kind = {n: str(graph.nodes[n].get("kind")) for n in keep}
    edges = sorted(
        ((s, t, k, d) for s, t, k, d in drawn_links if s in keep and t in keep), key=lambda e: (e[0], e[1], e[2])
    )
    chantiers_of = _chantiers_of(kind, edges)
    hubs, minimum = _hubs(graph, chantiers_of)
    shown = {n for n in keep if kind[n] in (_E, _C)} | set(hubs)
    group = _groups(graph, keep, kind, edges, hubs)
    detail = sorted(group, key=lambda n: _order(graph, n))
    index = {uid: i for i, uid in enumerate(detail)}

    maxima = _maxima(graph, degree, centrality)
    sizes = {uid: _size(graph, uid, degree, centrality, maxima) for uid in detail}
    boxes = {uid: _box(graph, uid, sizes[uid]) for uid in detail}
    positions = _aggregated_layout(graph, detail, group, edges)
    bundles = _bundles(graph, kind, edges, shown, positions, show_absent)
    _separate_overview(positions, bundles, group, shown, boxes)

    providers = _providers(graph)
    nodes = [
        _node(graph, uid, positions[uid], sizes[uid], degree, centrality, by_chantier, covered, providers)
        for uid in detail
    ]
    styles: list[dict[str, Any]] = []
    style_index: dict[str, int] = {}
    rows = []
    for node in nodes:
        style = {k: v for k, v in node.items() if k not in _NODE_OWN}
        key = json.dumps(style, sort_keys=True)
        if key not in style_index:
            style_index[key] = len(styles)
            styles.append(style)
        label = node["label"] if node["label"] != node["name"] else None
        rows.append([node["id"], node["name"], label, style_index[key], node["x"], node["y"], node["size"], node["title"]])

    link_types = sorted({k for _, _, k, _ in edges}, key=lambda k: (_LINK_ORDER.get(k, 99), k))
    type_index = {k: i for i, k in enumerate(link_types)}
    links = []
    for s, t, k, d in edges:
        if s in index and t in index:
            note = d.get("note") if isinstance(d, Mapping) else None
            note = note.strip() if isinstance(note, str) and note.strip() else None
            links.append([index[s], index[t], type_index[k], note] if note else [index[s], index[t], type_index[k]])
    overview_nodes = [index[n] for n in detail if n in shown]
    overview_links = [j for j, link in enumerate(links) if detail[link[0]] in shown and detail[link[1]] in shown]
    bundle_rows = [
        [index[c], round(b["x"], 1), round(b["y"], 1), b["label"], b["title"], b["count"]]
        for c, b in sorted(bundles.items(), key=lambda item: index[item[0]])
    ]
    drawn_count = len(overview_nodes) + len(bundle_rows)
    drawn_links_count = len(overview_links) + len(bundle_rows)

    territory, heading, subtitle = _heading(graph, focus_uid, title, today)
    subtitle.append(tr("map.counts_aggregated", shown=drawn_count, total=len(keep), links=drawn_links_count))

    # The same sets as neighbourhood(), each chantier's computed once.
    provided_by: dict[str, list[str]] = {}
    for s, t, k in graph.edges(keys=True):
        if k == LinkType.PROVIDES.value:
            provided_by.setdefault(t, []).append(s)
    hoods: dict[str, frozenset[int]] = {}

    def hood(chantier: str) -> frozenset[int]:
        if chantier not in hoods:
            around = _chantier_neighbourhood(graph, chantier, show_absent, provided_by)
            hoods[chantier] = frozenset(index[m] for m in around if m in index)
        return hoods[chantier]

    choices = []
    for uid in _focusables(graph) + sorted((h for h in hubs if kind[h] == _A), key=lambda n: _order(graph, n)):
        if uid not in index:
            continue
        if kind[uid] == _C:
            members = set(hood(uid))
        elif kind[uid] == _E:
            members = {index[uid]}
            for chantier, _, link_type in graph.in_edges(uid, keys=True):
                if link_type == LinkType.ANSWERS.value:
                    members |= hood(chantier)
        else:
            members = {index[m] for m in _actor_neighbourhood(graph, uid, show_absent) if m in index}
        choices.append({"id": uid, "label": _choice_label(graph, uid), "members": sorted(members)})

    legend = _legend(graph, keep, show_absent, True, nodes, sized_by_centrality=centrality.betweenness is not None)
    legend.insert(0, _aggregated_legend(len(keep), len(hubs), minimum, len(keep) - len(detail)))
    return {
        **_page(heading, subtitle, territory, today, show_absent),
        "legend": legend,
        "options": _options(drawn_count, drawn_links_count),
        "focus": {"initial": focus_uid, "choices": choices},
        # The aggregated view is drawn from "aggregate"; these stay for readers of the format.
        "nodes": [],
        "edges": [],
        "aggregate": {
            "total": len(keep),
            "hubs": len(hubs),
            "minChantiers": minimum,
            "leftOut": len(keep) - len(detail),
            # every element a focus can show: [id, name, label or null (= name), style, x, y, size, title]
            "styles": styles,
            "nodes": rows,
            # links between them: [from, to, type, note?] (indices into nodes and linkTypes)
            "linkTypes": [_link_type(k) for k in link_types],
            "links": links,
            "overview": {"nodes": overview_nodes, "links": overview_links},
            # [chantier, x, y, label, tooltip, number of elements]
            "bundles": bundle_rows,
            "bundleStyle": _bundle_style(),
            "bundleLink": {"type": _BUNDLE, **_bundle_link_style()},
        },
    }


_LINK_ORDER = {k: i for i, k in enumerate((_OP, _KU, _AB, *_GOVERNANCE, LinkType.ANSWERS.value, LinkType.PROVIDES.value))}


def _chantiers_of(kind: Mapping[str, str], edges: list[tuple[str, str, str, Any]]) -> dict[str, set[str]]:
    """Per actor or resource, the chantiers it is linked to by a drawn status or governance link."""
    found: dict[str, set[str]] = {}
    for s, t, k, _ in edges:
        if k in _STATUS and kind[s] == _C and kind[t] not in (_C, _E):
            found.setdefault(t, set()).add(s)
        elif k in _GOVERNANCE and kind[t] == _C and kind[s] not in (_C, _E):
            found.setdefault(s, set()).add(t)
    return found


def _hubs(graph: nx.MultiDiGraph, chantiers_of: Mapping[str, set[str]]) -> tuple[list[str], int]:
    """The shared elements the aggregated view draws, most shared first, and the fewest chantiers
    one of them is linked to: every element linked to at least that many chantiers (two or more),
    the threshold being the lowest that keeps them within AGGREGATE_HUBS."""
    counts: dict[int, int] = {}
    for chantiers in chantiers_of.values():
        if len(chantiers) >= 2:
            counts[len(chantiers)] = counts.get(len(chantiers), 0) + 1
    minimum, total = 0, 0
    for count in sorted(counts, reverse=True):
        if total + counts[count] > AGGREGATE_HUBS:
            break
        total += counts[count]
        minimum = count
    if not minimum:
        return [], 0
    hubs = [n for n, chantiers in chantiers_of.items() if len(chantiers) >= minimum]
    hubs.sort(key=lambda n: (-len(chantiers_of[n]), _order(graph, n)))
    return hubs, minimum


def _groups(
    graph: nx.MultiDiGraph,
    keep: set[str],
    kind: Mapping[str, str],
    edges: list[tuple[str, str, str, Any]],
    hubs: Iterable[str],
) -> dict[str, int]:
    """The layout group of every element that belongs on the page: the parts that remain
    connected once the drawn shared elements (``hubs``) are set aside, each holding enjeux or
    chantiers (typically one EPCI's roadmap); a shared element joins the group of all its
    neighbours when they are in one group, else the shared group (``_SHARED``); a part without
    enjeu or chantier joins the group of the shared elements it touches, or is left out."""
    hubset = set(hubs)
    order = lambda n: _order(graph, n)  # noqa: E731
    rest = nx.Graph()
    rest.add_nodes_from(sorted(keep - hubset))
    rest.add_edges_from(sorted({(s, t) if s < t else (t, s) for s, t, _, _ in edges if s != t and s not in hubset and t not in hubset}))
    anchored, loose = [], []
    for part in nx.connected_components(rest):
        ranked = sorted(part, key=order)
        (anchored if kind[ranked[0]] in (_E, _C) else loose).append(ranked)  # enjeux and chantiers sort first
    anchored.sort(key=lambda part: order(part[0]))
    group = {n: i for i, part in enumerate(anchored) for n in part}
    touching: dict[str, set[str]] = {}  # a hub's neighbours; the hubs next to an element
    for s, t, _, _ in edges:
        if s in hubset or t in hubset:
            touching.setdefault(s, set()).add(t)
            touching.setdefault(t, set()).add(s)
    for hub in sorted(hubset, key=order):
        found = {group[m] for m in touching.get(hub, ()) if m in group}
        group[hub] = found.pop() if len(found) == 1 else _SHARED
    for part in sorted(loose, key=lambda p: order(p[0])):
        found = {group[m] for n in part for m in touching.get(n, ()) if m in hubset}
        if found:
            chosen = found.pop() if len(found) == 1 else _SHARED
            group.update((n, chosen) for n in part)
    return group


def _aggregated_layout(
    graph: nx.MultiDiGraph,
    detail: list[str],
    group: Mapping[str, int],
    edges: list[tuple[str, str, str, Any]],
) -> dict[str, tuple[float, float]]:
    """Each group laid out as a block (see :func:`_block`), the blocks packed in the order of
    their enjeux, the block of shared elements in the middle. Labels are nudged apart later,
    on what the overview draws (:func:`_separate_overview`)."""
    members: dict[int, list[str]] = {}
    for n in detail:
        members.setdefault(group[n], []).append(n)
    inside: dict[int, list[tuple[str, str]]] = {}
    for s, t, _, _ in edges:
        if s in group and t in group and group[s] == group[t]:
            inside.setdefault(group[s], []).append((s, t))
    order = sorted(g for g in members if g != _SHARED)
    if _SHARED in members:
        order.insert(len(order) // 2, _SHARED)
    blocks = [_block(members[g], inside.get(g, [])) for g in order]
    return _pack([b for b in blocks if b])


def _block(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions of one group: each connected part by the numpy Fruchterman-Reingold layout when
    the group is small enough, else its Louvain communities (recursively; in slices of
    AGGREGATE_BLOCK_MAX if Louvain cannot split it) laid out alike and packed together."""
    if len(nodes) <= AGGREGATE_BLOCK_MAX:
        return _layout(nodes, edges, None, _fruchterman_reingold)
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    g.add_edges_from(sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b}))
    parts = [sorted(p) for p in nx.community.louvain_communities(g, seed=LAYOUT_SEED)]
    if len(parts) < 2:
        ordered = list(nx.bfs_tree(g, min(g.nodes)).nodes)
        seen = set(ordered)
        ordered += [n for n in sorted(nodes) if n not in seen]
        parts = [ordered[i : i + AGGREGATE_BLOCK_MAX] for i in range(0, len(ordered), AGGREGATE_BLOCK_MAX)]
    parts.sort(key=lambda p: (-len(p), p[0]))
    blocks = []
    for part in parts:
        chosen = set(part)
        blocks.append(_block(part, [(a, b) for a, b in edges if a in chosen and b in chosen]))
    return _pack(blocks)


def _separate_overview(
    positions: dict[str, tuple[float, float]],
    bundles: dict[str, dict[str, Any]],
    group: Mapping[str, int],
    shown: set[str],
    boxes: Mapping[str, tuple[float, float, float]],
) -> None:
    """Nudge apart, group by group, what the overview draws (elements and bundles), in place."""
    members: dict[int, list[str]] = {}
    for n in sorted(shown):
        if n in group:
            members.setdefault(group[n], []).append(n)
    for chantier in sorted(bundles):
        members.setdefault(group[chantier], []).append(_BUNDLE + chantier)
    for ids in members.values():
        if not 2 <= len(ids) <= AGGREGATE_SEPARATE_MAX:
            continue
        where = {}
        box = {}
        for i in ids:
            if i.startswith(_BUNDLE):
                b = bundles[i[len(_BUNDLE):]]
                where[i], box[i] = (b["x"], b["y"]), _bundle_box(b["label"])
            else:
                where[i], box[i] = positions[i], boxes[i]
        for i, (x, y) in _separate(where, box).items():
            if i.startswith(_BUNDLE):
                bundles[i[len(_BUNDLE):]].update(x=x, y=y)
            else:
                positions[i] = (x, y)


def _bundle_box(label: str) -> tuple[float, float, float]:
    size, font = _bundle_style()["size"], _bundle_style()["font"]["size"]
    lines = label.split("\n")
    width = max(2 * size, min(LABEL_WIDTH, max(len(line) for line in lines) * 0.55 * font))
    height = 2 * size + 4 + len(lines) * font * 1.2
    return width, height, height / 2 - size


def _bundles(
    graph: nx.MultiDiGraph,
    kind: Mapping[str, str],
    edges: list[tuple[str, str, str, Any]],
    shown: set[str],
    positions: Mapping[str, tuple[float, float]],
    show_absent: bool,
) -> dict[str, dict[str, Any]]:
    """Per drawn chantier with elements not drawn: its bundle (position, label, tooltip, count)."""
    status: dict[str, dict[str, dict[str, int]]] = {}  # chantier -> category -> link type -> count
    roles: dict[str, dict[str, int]] = {}  # chantier -> governance link type -> count
    members: dict[str, set[str]] = {}
    for s, t, k, _ in edges:
        if k in _STATUS and kind[s] == _C and s in shown and t not in shown and kind[t] not in (_C, _E):
            category = category_of(graph, t)
            counts = status.setdefault(s, {}).setdefault(category, {})
            counts[k] = counts.get(k, 0) + 1
            members.setdefault(s, set()).add(t)
        elif k in _GOVERNANCE and kind[t] == _C and t in shown and s not in shown and kind[s] not in (_C, _E):
            roles.setdefault(t, {})[k] = roles.setdefault(t, {}).get(k, 0) + 1
            members.setdefault(t, set()).add(s)
    bundles = {}
    for chantier, hidden in members.items():
        x0, y0 = positions[chantier]
        placed = [positions[m] for m in hidden if m in positions]
        dx = sum(p[0] for p in placed) / len(placed) - x0 if placed else 0.0
        dy = sum(p[1] for p in placed) / len(placed) - y0 if placed else 0.0
        length = math.hypot(dx, dy)
        ux, uy = (dx / length, dy / length) if length > 1e-6 else (0.0, 1.0)
        by_category = status.get(chantier, {})
        # Each element has one status per chantier: these add up to the number of elements.
        short = [(_OP, "operational"), (_KU, "known")] + ([(_AB, "absent")] if show_absent else [])
        first_line = [tr(f"map.bundle.short.{name}", count=n) for k, name in short if (n := sum(c.get(k, 0) for c in by_category.values()))]
        governance_only = len(hidden) - sum(sum(c.values()) for c in by_category.values())
        if governance_only:
            first_line.append(tr("map.bundle.short.governance", count=governance_only))
        lines = [tr("map.bundle.title", chantier=_display(graph, chantier), count=len(hidden))]
        for category in (c.value for c in ResourceCategory):
            counts = by_category.get(category)
            if not counts:
                continue
            parts = [tr("map.bundle.operational", count=counts[_OP])] if counts.get(_OP) else []
            if counts.get(_KU):
                parts.append(tr("map.bundle.known", count=counts[_KU]))
            if counts.get(_AB) and show_absent:
                parts.append(tr("map.bundle.absent", count=counts[_AB]))
            lines.append(
                tr("map.bundle.category", category=tr(f"map.bundle.category.{category}"), count=sum(counts.values()), detail=", ".join(parts))
            )
        if chantier in roles:
            parts = [tr(f"map.bundle.{k}", count=roles[chantier][k]) for k in _GOVERNANCE if roles[chantier].get(k)]
            lines.append(tr("map.bundle.governance", detail=", ".join(parts)))
        lines += ["", tr("map.bundle.hint")]
        bundles[chantier] = {
            "x": x0 + BUNDLE_OFFSET * ux,
            "y": y0 + BUNDLE_OFFSET * uy,
            "count": len(hidden),
            "label": tr("map.bundle.label", count=len(hidden)) + "\n" + " · ".join(first_line),
            "title": "\n".join(lines),
        }
    return bundles


def _actor_neighbourhood(graph: nx.MultiDiGraph, actor: str, show_absent: bool) -> set[str]:
    """What a focus on an actor keeps: itself, the resources it provides, and the chantiers linked
    to it or to them (by a drawn status link or by governance)."""
    keep = {actor}
    for _, target, link_type in graph.out_edges(actor, keys=True):
        if link_type == LinkType.PROVIDES.value or link_type in _GOVERNANCE:
            keep.add(target)
    for node in [actor] + [n for n in keep if graph.nodes[n].get("kind") == _R]:
        for source, _, link_type in graph.in_edges(node, keys=True):
            if link_type in (_OP, _KU) or (link_type == _AB and show_absent):
                keep.add(source)
    return keep


def _link_type(link_type: str) -> dict[str, Any]:
    """What every link of this type shares on the map (its tooltip adds the two names and the note)."""
    style: dict[str, Any] = {"type": link_type, **_edge_style(link_type)}
    if link_type == _AB:
        style["label"] = tr("map.edge.absent")
    elif link_type in _GOVERNANCE:
        style["label"] = tr(f"map.edge.{link_type}")
    meaning = tr(f"map.link.{link_type}") if f"map.link.{link_type}" in i18n.MESSAGES else link_type
    return {"style": style, "meaning": meaning}


def _bundle_style() -> dict[str, Any]:
    shape, fill, border = _BUNDLE_STYLE
    return {
        "kind": "Bundle",
        "category": None,
        "alert": None,
        "shape": shape,
        "size": 17,
        "color": _node_color(fill, border),
        "borderWidth": _BORDER,
        "borderWidthSelected": _BORDER + 2,
        "font": {"size": 20},
    }


def _bundle_link_style() -> dict[str, Any]:
    return {"dashes": False, "width": 2, "color": _colour(_BUNDLE_LINK_COLOUR, highlight="#555555")}


def _aggregated_legend(total: int, hubs: int, minimum: int, left_out: int) -> dict[str, Any]:
    shape, fill, border = _BUNDLE_STYLE
    link = _bundle_link_style()
    notes = [
        tr("map.legend.aggregated_why", total=total, hubs=hubs, minimum=minimum)
        if hubs
        else tr("map.legend.aggregated_why_no_hub", total=total),
        tr("map.legend.aggregated_detail"),
        tr("map.legend.aggregated_search"),
    ]
    if left_out:
        notes.append(tr("map.legend.left_out", count=left_out))
    return {
        "title": tr("map.legend.aggregated"),
        "items": [
            {"swatch": {"shape": shape, "fill": fill, "border": border, "borderWidth": 2, "borderDashes": False}, "text": tr("map.legend.bundle")},
            {"swatch": {"color": link["color"]["color"], "width": link["width"], "dashes": [], "arrow": False}, "text": tr("map.legend.bundle_link")},
        ],
        "notes": notes,
    }


# --- analyses behind small adapters ------------------------------------------------------------


class _Centrality:
    """What the map uses from :mod:`ecosystem.analysis.centrality`: per actor uid, the
    betweenness and the (chantier name, category) pairs it is the single support of."""

    def __init__(
        self,
        betweenness: dict[str, float] | None,
        dependencies: dict[str, list[tuple[str, str]]],
        sentences: dict[str, list[str]],
    ) -> None:
        self.betweenness = betweenness  # None: not computed (actors sized by their links)
        self.dependencies = dependencies
        self.sentences = sentences  # the analysis's own sentences, when its rows have them


def _centrality(graph: nx.MultiDiGraph, rows: Iterable[Any] | None = None) -> _Centrality:
    """What the map takes from the central-actors analysis (computed here unless given)."""
    from ..analysis.centrality import central_actors

    betweenness: dict[str, float] = {}
    dependencies: dict[str, list[tuple[str, str]]] = {}
    sentences: dict[str, list[str]] = {}
    for row in central_actors(graph) if rows is None else rows:
        betweenness[row.uid] = float(row.betweenness)
        if callable(getattr(row, "sentences", None)):
            sentences[row.uid] = [str(s) for s in row.sentences()]
        pairs = []
        for item in row.dependencies or ():
            if isinstance(item, Mapping):
                pairs.append((str(item["chantier"]), str(item["category"])))
            else:
                chantier, category = item
                pairs.append((str(chantier), str(category)))
        if pairs:
            dependencies[row.uid] = pairs
    return _Centrality(betweenness, dependencies, sentences)


def _light_centrality(graph: nx.MultiDiGraph) -> _Centrality:
    """The single points of failure without betweenness (linear time): what a large map shows
    when the caller did not pass the central-actors rows. Same facts as the analysis."""
    from ..analysis.centrality import _graph_facts

    _, _, rows = _graph_facts(graph)
    found: dict[str, set[tuple[str, str]]] = {}
    for row in rows:
        found.setdefault(row["actor"], set()).add((row["chantier"], row["category"]))

    def key(pair: tuple[str, str]) -> tuple[Any, ...]:
        data = graph.nodes[pair[0]]
        return (normalize_name(str(data.get("code") or "~")), normalize_name(str(data.get("name", ""))), SCORED_CATEGORIES.index(pair[1]))

    dependencies = {
        actor: [(str(graph.nodes[c].get("name", c)), category) for c, category in sorted(pairs, key=key)]
        for actor, pairs in found.items()
    }
    return _Centrality(None, dependencies, {})


def _degrees(graph: nx.MultiDiGraph, drawn: list[tuple[str, str, str, Any]]) -> dict[str, int]:
    """Number of distinct neighbours through drawn links."""
    neighbours: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for s, t, _, _ in drawn:
        if s != t:
            neighbours[s].add(t)
            neighbours[t].add(s)
    return {n: len(v) for n, v in neighbours.items()}


def _metric(uid: str, kind: str, degree: Mapping[str, int], centrality: _Centrality | None) -> float:
    if kind == _A and centrality is not None and centrality.betweenness is not None:
        return centrality.betweenness.get(uid, 0.0)
    return float(degree.get(uid, 0))


def _size(
    graph: nx.MultiDiGraph, uid: str, degree: Mapping[str, int], centrality: _Centrality | None, maxima: Mapping[str, float]
) -> float:
    """Radius in pixels: a base per kind, plus up to an extra by (square root of) the share of
    the most central element of the same kind."""
    kind = str(graph.nodes[uid].get("kind"))
    top = maxima.get(kind, 0.0)
    share = math.sqrt(_metric(uid, kind, degree, centrality) / top) if top > 0 else 0.0
    return round(_BASE_SIZE.get(kind, 14.0) + _EXTRA_SIZE.get(kind, 10.0) * share, 1)


def _font_size(kind: str) -> int:
    return _FONT_SIZE.get(kind, 18)


def _box(graph: nx.MultiDiGraph, uid: str, size: float) -> tuple[float, float, float]:
    """Roughly what a node covers on the map: its shape and its label below it (vis-network
    wraps labels at LABEL_WIDTH pixels; a character is about 0.55 font size wide)."""
    font = _font_size(str(graph.nodes[uid].get("kind")))
    text = len(_label(_display(graph, uid))) * 0.55 * font
    lines = math.ceil(text / LABEL_WIDTH) + (1 if text > LABEL_WIDTH else 0)  # word wrapping wastes room
    width = max(2 * size, min(text, LABEL_WIDTH))
    height = 2 * size + 4 + lines * font * 1.2
    return width, height, height / 2 - size


def _maxima(graph: nx.MultiDiGraph, degree: Mapping[str, int], centrality: _Centrality | None) -> dict[str, float]:
    top: dict[str, float] = {}
    for uid, kind in graph.nodes(data="kind"):
        top[kind] = max(top.get(kind, 0.0), _metric(uid, kind, degree, centrality))
    return top


# --- focus helpers -----------------------------------------------------------------------------


def _chantier_neighbourhood(
    graph: nx.MultiDiGraph, chantier: str, show_absent: bool, provided_by: Mapping[str, Iterable[str]] | None = None
) -> set[str]:
    """``provided_by`` (resource -> its providers), when given, saves scanning the in-links of
    resources shared by many chantiers."""
    keep = {chantier}
    for _, target, link_type in graph.out_edges(chantier, keys=True):
        if link_type != _AB or show_absent:
            keep.add(target)
    keep.update(source for source, _, _ in graph.in_edges(chantier, keys=True))
    for node in list(keep):
        if graph.nodes[node].get("kind") == _R:
            if provided_by is not None:
                keep.update(provided_by.get(node, ()))
            else:
                keep.update(s for s, _, k in graph.in_edges(node, keys=True) if k == LinkType.PROVIDES.value)
    return keep


def _focusables(graph: nx.MultiDiGraph) -> list[str]:
    """Enjeux then chantiers, by code then name."""
    return sorted((n for n, k in graph.nodes(data="kind") if k in (_E, _C)), key=lambda n: _order(graph, n))


def _order(graph: nx.MultiDiGraph, node: str) -> tuple[int, str, str, str]:
    data = graph.nodes[node]
    rank = {_E: 0, _C: 1, _A: 2, _R: 3}.get(str(data.get("kind")), 4)
    return (rank, normalize_name(str(data.get("code") or "~")), normalize_name(str(data.get("name", node))), node)


def _display(graph: nx.MultiDiGraph, node: str) -> str:
    """The full name people read; an enjeu's code is put in front, as a chantier's already is."""
    data = graph.nodes[node]
    name = str(data.get("name") or node)
    code = data.get("code")
    if data.get("kind") == _E and code and not name.startswith(str(code)):
        return f"{code} — {name}"
    return name


def _short(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return str(data.get("code") or data.get("name") or node)


def _choice_label(graph: nx.MultiDiGraph, node: str) -> str:
    kind = graph.nodes[node].get("kind")
    return tr("map.ui.choice", kind=tr(f"map.kind.{kind}"), name=_label(_display(graph, node), 70))


def _label(name: str, limit: int = LABEL_MAX) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _kind_text(kind: str, category: str | None) -> str:
    if kind == _R:
        return tr("map.kind.Resource.category", category=tr(f"category.{category or 'autre'}"))
    key = f"map.kind.{kind}"
    return tr(key) if key in i18n.MESSAGES else kind


def _decimal(value: float) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if get_language() == "fr" else text


# --- layout ------------------------------------------------------------------------------------


def _node_color(fill: str, border: str) -> dict[str, Any]:
    """vis-network's colour of a node: its fill, its border, black when selected or hovered."""
    return {
        "background": fill,
        "border": border,
        "highlight": {"background": fill, "border": "#000000"},
        "hover": {"background": fill, "border": "#000000"},
    }


def _unit_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions of one connected part, centred, the farthest coordinate at 1."""
    try:
        import numpy  # noqa: F401  (networkx's layouts need it too)
    except ImportError as e:
        raise ExportError("map.error.needs_numpy") from e
    if graph.number_of_nodes() <= NX_LAYOUT_MAX_NODES:
        pos = nx.spring_layout(graph, seed=LAYOUT_SEED, iterations=LAYOUT_ITERATIONS)
        return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    return _fruchterman_reingold(graph)


def _fruchterman_reingold(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """networkx's spring layout algorithm (Fruchterman-Reingold, k = 1/√n, linear cooling) for
    large parts, with numpy only: the n × n repulsion is computed by blocks of rows, so memory
    stays proportional to n, and time to n² × iterations (about 1 s for 2,000 elements)."""
    import numpy as np

    order = list(graph.nodes)
    index = {n: i for i, n in enumerate(order)}
    n = len(order)
    src = np.array([index[a] for a, _ in graph.edges()], dtype=np.intp)
    dst = np.array([index[b] for _, b in graph.edges()], dtype=np.intp)
    rng = np.random.default_rng(LAYOUT_SEED)
    x = rng.random(n, dtype=np.float64).astype(np.float32)
    y = rng.random(n, dtype=np.float64).astype(np.float32)
    k2 = np.float32(1.0 / n)
    k = np.float32(math.sqrt(1.0 / n))
    temperature = 0.1
    cooling = temperature / (LAYOUT_ITERATIONS + 1)
    fx = np.empty(n, dtype=np.float32)
    fy = np.empty(n, dtype=np.float32)
    for _ in range(LAYOUT_ITERATIONS):
        for start in range(0, n, REPULSION_CHUNK):
            rows = slice(start, min(n, start + REPULSION_CHUNK))
            dx = x[rows, None] - x[None, :]
            dy = y[rows, None] - y[None, :]
            inverse = dx * dx + dy * dy
            np.maximum(inverse, np.float32(1e-9), out=inverse)
            np.divide(k2, inverse, out=inverse)
            fx[rows] = (inverse * dx).sum(axis=1)
            fy[rows] = (inverse * dy).sum(axis=1)
        ex, ey = x[src] - x[dst], y[src] - y[dst]
        pull = np.sqrt(ex * ex + ey * ey) / k
        ax, ay = ex * pull, ey * pull
        fx -= np.bincount(src, ax, n).astype(np.float32) - np.bincount(dst, ax, n).astype(np.float32)
        fy -= np.bincount(src, ay, n).astype(np.float32) - np.bincount(dst, ay, n).astype(np.float32)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), np.float32(1e-9))
        step = np.minimum(length, np.float32(temperature)) / length
        x += fx * step
        y += fy * step
        temperature -= cooling
    x -= x.mean()
    y -= y.mean()
    extent = float(max(np.abs(x).max(), np.abs(y).max())) or 1.0
    return {node: (float(x[i]) / extent, float(y[i]) / extent) for i, node in enumerate(order)}


def _separate(
    positions: dict[str, tuple[float, float]], boxes: Mapping[str, tuple[float, float, float]]
) -> dict[str, tuple[float, float]]:
    """Nudge overlapping boxes apart, along the axis where they overlap least, a bit at a time,
    so the drawing keeps its shape; deterministic (ties broken by order)."""
    import numpy as np

    order = list(positions)
    n = len(order)
    x = np.array([positions[u][0] for u in order], dtype=np.float64)
    y = np.array([positions[u][1] + boxes[u][2] for u in order], dtype=np.float64)
    half_w = np.array([boxes[u][0] / 2 for u in order])
    half_h = np.array([boxes[u][1] / 2 for u in order])
    need_x = half_w[:, None] + half_w[None, :] + SEPARATE_PADDING
    need_y = half_h[:, None] + half_h[None, :] + SEPARATE_PADDING
    tie = np.sign(np.arange(n)[:, None] - np.arange(n)[None, :]).astype(np.float64)  # 0 on the diagonal
    for _ in range(SEPARATE_ITERATIONS):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        over_x = need_x - np.abs(dx)
        over_y = need_y - np.abs(dy)
        overlapping = (over_x > 0) & (over_y > 0) & (tie != 0)
        if not overlapping.any():
            break
        sign_x = np.where(dx != 0, np.sign(dx), tie)
        sign_y = np.where(dy != 0, np.sign(dy), tie)
        along_x = overlapping & (over_x * need_y <= over_y * need_x)  # the relatively smaller overlap
        along_y = overlapping & ~along_x
        x += 0.3 * np.where(along_x, over_x * sign_x, 0.0).sum(axis=1) / np.maximum(1, along_x.sum(axis=1))
        y += 0.3 * np.where(along_y, over_y * sign_y, 0.0).sum(axis=1) / np.maximum(1, along_y.sum(axis=1))
    return {u: (float(x[i]), float(y[i]) - boxes[u][2]) for i, u in enumerate(order)}


def _grid(nodes: list[str]) -> dict[str, tuple[float, float]]:
    columns = max(1, math.ceil(math.sqrt(len(nodes)) * 1.6))
    step_x, step_y = GRID_STEP
    return {n: ((i % columns) * step_x, (i // columns) * step_y) for i, n in enumerate(nodes)}


def _pack(blocks: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Place blocks left to right in rows (the largest first), then centre everything on 0, 0."""
    boxes = []
    for block in blocks:
        xs = [p[0] for p in block.values()]
        ys = [p[1] for p in block.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    if not boxes:
        return {}
    area = sum((w + PART_MARGIN) * (h + PART_MARGIN) for _, _, w, h in boxes)
    row_limit = max(max(w for _, _, w, _ in boxes), math.sqrt(area) * 1.3)
    placed: dict[str, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    for block, (x0, y0, w, h) in zip(blocks, boxes):
        if cursor_x > 0 and cursor_x + w > row_limit:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height + PART_MARGIN, 0.0
        for node, (x, y) in block.items():
            placed[node] = (x - x0 + cursor_x, y - y0 + cursor_y)
        cursor_x += w + PART_MARGIN
        row_height = max(row_height, h)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {n: (x - cx, y - cy) for n, (x, y) in placed.items()}


# --- assets and writing ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    folder = resources.files(__package__).joinpath("assets")

    def read(name: str) -> str:
        return folder.joinpath(name).read_text(encoding="utf-8")

    # The build ends with a source-map comment: a relative file the page never needs.
    vis = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", read(VIS_NETWORK_FILE))
    assets = {"template": read("map.html"), "css": read("map.css"), "js": read("map.js"), "vis": vis}
    for name in ("vis", "js"):
        lowered = assets[name].lower()
        if "</script" in lowered or "<!--" in lowered:  # would end or confuse the inline <script>
            raise RuntimeError(f"asset {name!r} cannot be inlined in a <script> element")
    if "</style" in assets["css"].lower():
        raise RuntimeError("map.css cannot be inlined in a <style> element")
    return assets


def _write(path: Path, data: bytes) -> None:
    """Atomically (:func:`ecosystem.files.write_atomically`), creating the folders if needed."""
    try:
        write_atomically(path, data)
    except OSError as e:
        raise ExportError("map.error.unwritable", path=str(path), detail=e.strerror or str(e)) from e
