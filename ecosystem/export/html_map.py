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
from ..analysis.common import SCORED_CATEGORIES
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
) -> Path:
    """Write the interactive map of ``graph`` (a territory read back by a store) as one HTML file.

    ``path`` is the file to write, or an existing folder (then the file is named by
    :func:`default_filename`). ``focus``: a chantier's or enjeu's code or name — only it and its
    :func:`neighbourhood` are exported. ``show_absent``: draw ABSENT links (faint, labelled
    "manquant") instead of leaving them out as the method's legend does. ``title`` replaces
    "Carte de l'écosystème — <territoire>". ``language``: "fr" or "en" (default: the current
    language). ``central``: the central-actors rows when the caller already has them (betweenness
    is the costly part of a large map), else they are computed. The file is written atomically
    (temporary file, then rename); the folders are created if needed. Returns the path written.
    """
    with speaking(language):
        focus_uid = resolve_focus(graph, focus) if focus else None
        data = _map_data(graph, focus_uid, show_absent=show_absent, title=title, today=date.today(), central=central)
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
) -> dict[str, Any]:
    """The JSON document the page is drawn from (what :func:`write_map` embeds)."""
    with speaking(language):
        focus_uid = resolve_focus(graph, focus) if focus else None
        return _map_data(graph, focus_uid, show_absent=show_absent, title=title, today=today or date.today())


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
        unit = _unit_layout(sub)
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
) -> dict[str, Any]:
    drawn = [(s, t, k, d) for s, t, k, d in graph.edges(keys=True, data=True) if k != _AB or show_absent]
    # Analyses and sizes on the whole territory: a focus changes what is shown, not the findings.
    results, coverage = feasibility(graph)
    by_chantier = {r.uid: r for r in results}
    covered = {c.uid: c for c in coverage}
    centrality = _centrality(graph, central)
    degree = _degrees(graph, drawn)

    keep = set(graph.nodes) if focus_uid is None else neighbourhood(graph, focus_uid, show_absent=show_absent)
    node_ids = sorted(keep, key=lambda n: _order(graph, n))
    edges = sorted(((s, t, k, d) for s, t, k, d in drawn if s in keep and t in keep), key=lambda e: (e[0], e[1], e[2]))
    maxima = _maxima(graph, degree, centrality)
    sizes = {uid: _size(graph, uid, degree, centrality, maxima) for uid in node_ids}
    boxes = {uid: _box(graph, uid, sizes[uid]) for uid in node_ids}
    positions = layout(node_ids, ((s, t) for s, t, _, _ in edges), boxes)

    providers: dict[str, list[str]] = {}
    for s, t, k, _ in graph.edges(keys=True, data=True):
        if k == LinkType.PROVIDES.value:
            providers.setdefault(t, []).append(_display(graph, s))

    nodes = [
        _node(graph, uid, positions[uid], sizes[uid], degree, centrality, by_chantier, covered, providers)
        for uid in node_ids
    ]
    index = {uid: i for i, uid in enumerate(node_ids)}
    vis_edges = [_edge(graph, i, s, t, k, d) for i, (s, t, k, d) in enumerate(edges)]

    territory = str(graph.graph.get("territory_name") or graph.graph.get("territory") or "")
    heading = title if title else tr("map.title", territory=territory)
    subtitle = [tr("map.exported", date=tr("map.date", day=today.day, month=today.month, year=today.year))]
    if title:
        subtitle.insert(0, tr("map.territory", territory=territory))
    if focus_uid is not None:
        subtitle.append(tr("map.focused", name=_display(graph, focus_uid)))
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
        "format": "ecosystem-map/1",
        "lang": get_language(),
        "title": heading,
        "subtitle": " · ".join(subtitle),
        "territory": territory,
        "generated": today.isoformat(),
        "showAbsent": show_absent,
        "text": _ui_text(),
        "legend": _legend(graph, keep, show_absent, centrality is not None, nodes),
        "options": _options(len(nodes), len(vis_edges)),
        "focus": {"initial": focus_uid, "choices": choices},
        "nodes": nodes,
        "edges": vis_edges,
    }


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
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"},
        },
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
    graph: nx.MultiDiGraph, keep: set[str], show_absent: bool, has_centrality: bool, nodes: list[dict[str, Any]]
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
            "notes": [tr("map.legend.size_central" if has_centrality else "map.legend.size_degree")],
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


# --- analyses behind small adapters ------------------------------------------------------------


class _Centrality:
    """What the map uses from :mod:`ecosystem.analysis.centrality`: per actor uid, the
    betweenness and the (chantier name, category) pairs it is the single support of."""

    def __init__(
        self,
        betweenness: dict[str, float],
        dependencies: dict[str, list[tuple[str, str]]],
        sentences: dict[str, list[str]],
    ) -> None:
        self.betweenness = betweenness
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


def _degrees(graph: nx.MultiDiGraph, drawn: list[tuple[str, str, str, Any]]) -> dict[str, int]:
    """Number of distinct neighbours through drawn links."""
    neighbours: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for s, t, _, _ in drawn:
        if s != t:
            neighbours[s].add(t)
            neighbours[t].add(s)
    return {n: len(v) for n, v in neighbours.items()}


def _metric(uid: str, kind: str, degree: Mapping[str, int], centrality: _Centrality | None) -> float:
    if kind == _A and centrality is not None:
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


def _chantier_neighbourhood(graph: nx.MultiDiGraph, chantier: str, show_absent: bool) -> set[str]:
    keep = {chantier}
    for _, target, link_type in graph.out_edges(chantier, keys=True):
        if link_type != _AB or show_absent:
            keep.add(target)
    keep.update(source for source, _, _ in graph.in_edges(chantier, keys=True))
    for node in list(keep):
        if graph.nodes[node].get("kind") == _R:
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
