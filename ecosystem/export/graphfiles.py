"""Graph files: a territory graph as GraphML, GEXF or node-link JSON — and back, unchanged.

``write_graph(graph, path, fmt)`` writes the ``MultiDiGraph`` a store returns (see
:mod:`ecosystem.graph`) for Gephi, yEd, Cytoscape, networkx or a script; ``read_graph(path)``
reads any of the three back into exactly the same graph: same nodes and attributes, same edges
with their keys (the link type) and attributes, same graph attributes.

What each format keeps, and how
-------------------------------

* **JSON** — networkx's node-link form (``"nodes"`` / ``"edges"``), UTF-8, 2-space indent,
  keys sorted, nodes sorted by id and edges by (source, target, key): regenerating an export of
  unchanged data gives the same bytes. Every value is native JSON; nothing is encoded. A
  top-level ``"ecosystem_export"`` object records the member names used for node ids and edge
  ends/keys (``id``, ``source``, ``target``, ``key`` — another name is chosen only if the data
  already uses one of those as an attribute, so nothing is overwritten).

* **GraphML** and **GEXF** hold only text, integers, decimals and booleans, one type per
  attribute. An attribute is written natively when all its values are of one such type (texts
  XML can carry, integers within 64 bits, finite decimals); otherwise — lists such as
  ``territories`` or a chantier's ``objectives``, mixed types such as ``points`` 3 and 2.5, a
  text with a control character or a carriage return XML would alter — *every* value of that
  attribute is written as **JSON text** (``["Jeunes", "Familles"]``), and its name is listed in
  the bookkeeping record below so :func:`read_graph` decodes it. JSON rather than a
  ``|``-joined list: ``"a|b"`` would be ambiguous as soon as a value contains ``|``, and JSON
  keeps numbers, booleans and empty lists apart. (Gephi shows such columns as text.)

  The bookkeeping record is a JSON object (``format``, ``version``, ``json_attributes`` per
  ``graph`` / ``node`` / ``edge``, ``node_label``, ``edge_key``): in GraphML it is the graph
  attribute ``ecosystem_export``; GEXF has no graph attributes, so there it is the text of
  ``<meta><description>``, which also carries the graph attributes (as JSON).
  :func:`read_graph` removes it: the graph read back has exactly the attributes written.

* **Edge keys.** networkx would write the key as the GraphML edge ``id`` (the same
  ``"OPERATIONAL"`` on many edges: Gephi keeps the first and drops the others as duplicates) and
  as a ``networkx_key`` GEXF attribute, and its GEXF writer turns our ``type`` attribute into the
  GEXF edge type (directed/undirected). Here edge ids are unique (``e0``, ``e1``… in sorted
  order) and the key is the edge **label** — the GEXF ``label`` XML attribute, the GraphML
  ``label`` data (``key``… if the data already has a ``label``) — which Gephi shows on edges.

* **Gephi.** Every node has a ``label``: its name (GraphML: an added ``label`` attribute,
  removed on reading; GEXF: the node's ``label``). ``kind`` (nodes) and ``type`` / ``status``
  (edges) are plain text attributes, so Gephi's *Appearance → Partition* can colour by them.

Writes are atomic (a temporary file in the target folder, then ``os.replace``): a crash or a
full disk never leaves a half-written export, and an existing export is replaced silently.
Node ids, edge keys and attribute names must be texts XML can carry (no control characters);
store graphs always qualify. Tuples come back as lists.

:func:`safe_filename` turns a name from the data (a territory) into a file name that cannot
leave the chosen folder; :func:`export_path` builds ``<folder>/<safe name>.<format>`` with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..files import write_atomically
from ..errors import EcosystemError

__all__ = [
    "EXPORT_ATTRIBUTE",
    "FORMATS",
    "ExportError",
    "export_path",
    "read_graph",
    "safe_filename",
    "write_graph",
]

FORMATS = ("graphml", "gexf", "json")
SUFFIXES = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json"}

EXPORT_ATTRIBUTE = "ecosystem_export"
"""Name of the bookkeeping record (GraphML graph attribute, JSON top-level member)."""

_FORMAT_ID = "ecosystem-graph"
_FORMAT_VERSION = 1

_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_GEXF_NS = "http://www.gexf.net/1.2draft"  # read by Gephi 0.9+ and networkx.read_gexf
_GEXF_SCHEMA = "http://www.gexf.net/1.2draft/gexf.xsd"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_INT64 = (-(2**63), 2**63 - 1)
# What XML 1.0 can carry exactly: no C0 control except tab and newline (a carriage return is
# turned into a newline by every XML parser), no surrogates, no U+FFFE / U+FFFF.
_XML_UNSAFE = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ExportError(EcosystemError):
    """A graph file could not be written or read (message in the user's language)."""


# --- public API ------------------------------------------------------------------------------


def write_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``graph`` to ``path`` as ``fmt`` ("graphml", "gexf" or "json"; default: the suffix).

    The folder is created if missing; an existing file is replaced atomically. ``graph`` is not
    modified. Returns the path written.
    """
    path = Path(path)
    fmt = _format(fmt, path)
    if not isinstance(graph, nx.MultiDiGraph):
        raise TypeError(f"write_graph expects a networkx MultiDiGraph, not {type(graph).__name__}")
    if EXPORT_ATTRIBUTE in graph.graph:
        raise ValueError(f"the graph attribute {EXPORT_ATTRIBUTE!r} is reserved for the export bookkeeping")
    payload = {"graphml": _graphml_bytes, "gexf": _gexf_bytes, "json": _json_bytes}[fmt](graph)
    _write_atomic(path, payload)
    return path


def read_graph(path: str | Path, fmt: str | None = None) -> nx.MultiDiGraph:
    """Read a graph file written by :func:`write_graph` (format from the suffix unless given)."""
    path = Path(path)
    fmt = _format(fmt, path)
    try:
        if fmt == "json":
            with path.open("rb") as fh:
                return _json_graph(json.loads(fh.read().decode("utf-8")))
        root = ET.parse(path).getroot()
        return _graphml_graph(root) if fmt == "graphml" else _gexf_graph(root)
    except OSError as e:
        raise ExportError("export.read_failed", path=path, detail=e.strerror or e) from e
    except (ET.ParseError, UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
        raise ExportError("export.read_failed", path=path, detail=f"{type(e).__name__}: {e}"[:200]) from e


_TRANSLITERATE = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
     "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"}
)  # fmt: skip
_WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def safe_filename(text: object, max_length: int = 80) -> str:
    """A file name (without extension) made from ``text``, safe to join to an output folder.

    Lower-case ASCII letters, digits and ``-`` only — so no ``/``, ``\\``, ``..``, control
    characters, leading dot or dash — at most ``max_length`` characters, never empty. Accents are
    dropped (``é`` → ``e``, ``œ`` → ``oe``). A name with nothing left (punctuation, emoji,
    another script) becomes ``export-<hash>``; an empty one ``export``; a truncated one ends with
    a hash of the full text so two long names sharing a beginning stay distinct. Windows device
    names (``con``, ``nul``…) get ``-export`` appended.

    >>> safe_filename("Territoire exemple (méthode PQN-A / Hubikoop)")
    'territoire-exemple-methode-pqn-a-hubikoop'
    >>> safe_filename("../../etc/passwd")
    'etc-passwd'
    """
    if max_length < 20:
        raise ValueError("max_length must be at least 20")
    raw = "" if text is None else str(text)
    decomposed = unicodedata.normalize("NFKD", raw.translate(_TRANSLITERATE).lower())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", letters).strip("-")  # anything else separates words
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not slug:
        return f"export-{digest}" if raw.strip() else "export"
    if len(slug) > max_length:
        slug = f"{slug[: max_length - len(digest) - 1].rstrip('-')}-{digest}"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-export"
    return slug


def export_path(folder: str | Path, name: object, fmt: str) -> Path:
    """``<folder>/<safe_filename(name)><suffix>`` — e.g. ``exports/territoire-x.graphml``."""
    fmt = _format(fmt, None)
    return Path(folder) / (safe_filename(name) + SUFFIXES[fmt])


# --- shared helpers --------------------------------------------------------------------------


def _format(fmt: str | None, path: Path | None) -> str:
    chosen = fmt if fmt is not None else (path.suffix if path is not None else "")
    key = str(chosen).strip().lower().lstrip(".")
    if key not in FORMATS:
        raise ExportError("export.unknown_format", format=chosen, accepted=", ".join(FORMATS))
    return key


def _write_atomic(path: Path, payload: bytes) -> None:
    try:
        write_atomically(path, payload)
    except OSError as e:
        raise ExportError("export.write_failed", path=path, detail=e.strerror or e) from e


def _xml_safe(text: str) -> bool:
    return _XML_UNSAFE.search(text) is None


def _check_xml_text(text: object, fmt: str) -> str:
    """Node ids, edge keys and attribute names: texts XML carries exactly, or an error."""
    if not isinstance(text, str):
        raise TypeError(f"{fmt} export needs text node ids, edge keys and attribute names, not {text!r}")
    if not _xml_safe(text):
        raise ExportError("export.not_xml_safe", value=repr(text)[1:-1][:80], format=fmt.upper())
    return text


def _display(text: object) -> str:
    """A label for people: unsafe characters become spaces (labels are never read back)."""
    return _XML_UNSAFE.sub(" ", str(text))


def _json_text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if _xml_safe(text) else json.dumps(value, ensure_ascii=True, sort_keys=True)


def _native_type(value: Any) -> str | None:
    """The XML attribute type that holds ``value`` exactly, or None (then: JSON text)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long" if _INT64[0] <= value <= _INT64[1] else None
    if isinstance(value, float):
        return "double" if math.isfinite(value) else None
    if isinstance(value, str):
        return "string" if _xml_safe(value) else None
    return None


class _Column:
    """One attribute of one domain (graph, node or edge): its XML type, and whether it is JSON."""

    def __init__(self, xml_id: str, name: str, xml_type: str, encoded: bool) -> None:
        self.xml_id, self.name, self.xml_type, self.encoded = xml_id, name, xml_type, encoded

    def text(self, value: Any) -> str:
        if self.encoded:
            return _json_text(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(int(value))
        if isinstance(value, float):
            return repr(float(value))
        return str.__str__(value)


def _columns(records: Iterable[Mapping[str, Any]], prefix: str, fmt: str) -> dict[str, _Column]:
    types: dict[str, set[str | None]] = {}
    for record in records:
        for name, value in record.items():
            types.setdefault(_check_xml_text(name, fmt), set()).add(_native_type(value))
    columns = {}
    for i, name in enumerate(sorted(types)):
        found = types[name]
        native = next(iter(found)) if len(found) == 1 else None
        columns[name] = _Column(f"{prefix}{i}", name, native or "string", native is None)
    return columns


def _free_name(preferred: Iterable[str], taken: set[str]) -> str:
    """The first preferred name nobody uses, else the last one with underscores in front."""
    names = list(preferred)
    for name in names:
        if name not in taken:
            return name
    name = names[-1]
    while name in taken:
        name = "_" + name
    return name


def _sorted_parts(graph: nx.MultiDiGraph, fmt: str) -> tuple[list[tuple[str, dict]], list[tuple[str, str, str, dict]]]:
    nodes = sorted(((_check_xml_text(n, fmt), d) for n, d in graph.nodes(data=True)), key=lambda x: x[0])
    edges = sorted(
        ((u, v, _check_xml_text(k, fmt), d) for u, v, k, d in graph.edges(keys=True, data=True)),
        key=lambda x: x[:3],
    )
    return nodes, edges


def _bookkeeping(json_attributes: dict[str, list[str]], **more: Any) -> dict[str, Any]:
    return {"format": _FORMAT_ID, "version": _FORMAT_VERSION, "json_attributes": json_attributes, **more}


def _check_bookkeeping(meta: Any) -> dict[str, Any] | None:
    """The bookkeeping record if this file has one (files from other tools have none)."""
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT_ID:
        return None
    if meta.get("version") != _FORMAT_VERSION:
        raise ValueError(f"export format version {meta.get('version')!r}, this version reads {_FORMAT_VERSION}")
    return meta


def _decode(text: str | None, xml_type: str) -> Any:
    text = text or ""
    kind = xml_type.strip().lower()
    if kind == "boolean":
        lowered = text.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError(f"not a boolean: {text!r}")
    if kind in ("int", "long", "integer", "short", "byte"):
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    return text


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")  # only elements with children: data texts are untouched
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# --- GraphML ---------------------------------------------------------------------------------


def _graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    nodes, edges = _sorted_parts(graph, "graphml")
    node_label = None if any("label" in d for _, d in nodes) else "label"
    edge_key = _free_name(("label", "key", "link_key"), {name for *_, d in edges for name in d})
    node_records = [{**d, node_label: _display(d.get("name", n))} if node_label else d for n, d in nodes]
    edge_records = [{**d, edge_key: k} for _, _, k, d in edges]

    graph_columns = _columns([graph.graph], "dg", "graphml")
    node_columns = _columns(node_records, "dn", "graphml")
    edge_columns = _columns(edge_records, "de", "graphml")
    meta = _bookkeeping(
        {
            "graph": [c.name for c in graph_columns.values() if c.encoded],
            "node": [c.name for c in node_columns.values() if c.encoded and c.name != node_label],
            "edge": [c.name for c in edge_columns.values() if c.encoded and c.name != edge_key],
        },
        node_label=node_label,
        edge_key=edge_key,
    )
    graph_columns[EXPORT_ATTRIBUTE] = _Column(f"dg{len(graph_columns)}", EXPORT_ATTRIBUTE, "string", False)
    graph_data = {**graph.graph, EXPORT_ATTRIBUTE: _json_text(meta)}

    root = ET.Element(
        "graphml",
        {"xmlns": _GRAPHML_NS, "xmlns:xsi": _XSI_NS, "xsi:schemaLocation": f"{_GRAPHML_NS} {_GRAPHML_SCHEMA}"},
    )
    for domain, columns in (("graph", graph_columns), ("node", node_columns), ("edge", edge_columns)):
        for column in columns.values():
            ET.SubElement(
                root, "key", {"id": column.xml_id, "for": domain, "attr.name": column.name, "attr.type": column.xml_type}
            )
    graph_element = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    _graphml_data(graph_element, graph_data, graph_columns)
    for (node, _), record in zip(nodes, node_records, strict=True):
        _graphml_data(ET.SubElement(graph_element, "node", {"id": node}), record, node_columns)
    for i, ((u, v, _, _), record) in enumerate(zip(edges, edge_records, strict=True)):
        edge_element = ET.SubElement(graph_element, "edge", {"id": f"e{i}", "source": u, "target": v})
        _graphml_data(edge_element, record, edge_columns)
    return _serialise(root)


def _graphml_data(element: ET.Element, record: Mapping[str, Any], columns: Mapping[str, _Column]) -> None:
    for name in sorted(record):
        column = columns[name]
        ET.SubElement(element, "data", {"key": column.xml_id}).text = column.text(record[name])


def _graphml_graph(root: ET.Element) -> nx.MultiDiGraph:
    if _local(root.tag) != "graphml":
        raise ValueError(f"not a GraphML document (root element <{_local(root.tag)}>)")
    keys: dict[str, tuple[str, str]] = {}
    defaults: dict[str, dict[str, Any]] = {"graph": {}, "node": {}, "edge": {}}
    for key in _children(root, "key"):
        key_id = key.get("id", "")
        name, xml_type = key.get("attr.name") or key_id, key.get("attr.type") or "string"
        keys[key_id] = (name, xml_type)
        for default in _children(key, "default"):
            for domain in defaults if key.get("for", "all") == "all" else (key.get("for", ""),):
                if domain in defaults:
                    defaults[domain][name] = _decode(default.text, xml_type)

    def data_of(element: ET.Element, domain: str) -> dict[str, Any]:
        data = dict(defaults[domain])
        for item in _children(element, "data"):
            name, xml_type = keys[item.get("key", "")]
            data[name] = _decode(item.text, xml_type)
        return data

    graph_element = _children(root, "graph")[0]
    graph_data = data_of(graph_element, "graph")
    raw_meta = graph_data.pop(EXPORT_ATTRIBUTE, None)
    meta = _check_bookkeeping(json.loads(raw_meta) if isinstance(raw_meta, str) else None)
    encoded = meta["json_attributes"] if meta else {}
    graph = nx.MultiDiGraph()
    graph.graph.update(_decode_json(graph_data, encoded.get("graph", ())))
    node_label = meta.get("node_label") if meta else None
    for node in _children(graph_element, "node"):
        data = data_of(node, "node")
        if node_label:
            data.pop(node_label, None)
        graph.add_nodes_from([(node.get("id"), _decode_json(data, encoded.get("node", ())))])
    edge_key = meta.get("edge_key") if meta else None
    for edge in _children(graph_element, "edge"):
        data = data_of(edge, "edge")
        key = data.pop(edge_key) if edge_key else edge.get("id")
        graph.add_edges_from([(edge.get("source"), edge.get("target"), key, _decode_json(data, encoded.get("edge", ())))])
    return graph


def _decode_json(data: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    for name in names:
        if name in data:
            data[name] = json.loads(data[name])
    return data


# --- GEXF ------------------------------------------------------------------------------------


def _gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    nodes, edges = _sorted_parts(graph, "gexf")
    node_columns = _columns((d for _, d in nodes), "n", "gexf")
    edge_columns = _columns((d for *_, d in edges), "e", "gexf")
    meta = _bookkeeping(
        {
            "graph": [],
            "node": [c.name for c in node_columns.values() if c.encoded],
            "edge": [c.name for c in edge_columns.values() if c.encoded],
        },
        node_label=None,
        edge_key="label",
        graph=dict(graph.graph),  # GEXF has no graph attributes: they travel here, as JSON
    )

    root = ET.Element(
        "gexf",
        {
            "xmlns": _GEXF_NS,
            "xmlns:xsi": _XSI_NS,
            "xsi:schemaLocation": f"{_GEXF_NS} {_GEXF_SCHEMA}",
            "version": "1.2",
        },
    )
    meta_element = ET.SubElement(root, "meta")
    ET.SubElement(meta_element, "creator").text = "ecosystem"
    ET.SubElement(meta_element, "description").text = _json_text(meta)
    graph_element = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for domain, columns in (("node", node_columns), ("edge", edge_columns)):
        if columns:
            declarations = ET.SubElement(graph_element, "attributes", {"class": domain, "mode": "static"})
            for column in columns.values():
                ET.SubElement(declarations, "attribute", {"id": column.xml_id, "title": column.name, "type": column.xml_type})
    nodes_element = ET.SubElement(graph_element, "nodes")
    for node, data in nodes:
        element = ET.SubElement(nodes_element, "node", {"id": node, "label": _display(data.get("name", node))})
        _gexf_values(element, data, node_columns)
    edges_element = ET.SubElement(graph_element, "edges")
    for i, (u, v, key, data) in enumerate(edges):
        element = ET.SubElement(edges_element, "edge", {"id": f"e{i}", "source": u, "target": v, "label": key})
        _gexf_values(element, data, edge_columns)
    return _serialise(root)


def _gexf_values(element: ET.Element, data: Mapping[str, Any], columns: Mapping[str, _Column]) -> None:
    if data:
        values = ET.SubElement(element, "attvalues")
        for name in sorted(data):
            column = columns[name]
            ET.SubElement(values, "attvalue", {"for": column.xml_id, "value": column.text(data[name])})


def _gexf_graph(root: ET.Element) -> nx.MultiDiGraph:
    if _local(root.tag) != "gexf":
        raise ValueError(f"not a GEXF document (root element <{_local(root.tag)}>)")
    meta = None
    for meta_element in _children(root, "meta"):
        for description in _children(meta_element, "description"):
            with contextlib.suppress(ValueError):
                meta = _check_bookkeeping(json.loads(description.text or ""))
    encoded = meta["json_attributes"] if meta else {}
    graph_element = _children(root, "graph")[0]
    columns: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    defaults: dict[str, dict[str, Any]] = {"node": {}, "edge": {}}
    for declarations in _children(graph_element, "attributes"):
        domain = declarations.get("class", "node")
        for attribute in _children(declarations, "attribute"):
            name, xml_type = attribute.get("title") or attribute.get("id", ""), attribute.get("type", "string")
            columns[domain][attribute.get("id", "")] = (name, xml_type)
            for default in _children(attribute, "default"):
                defaults[domain][name] = _decode(default.text, xml_type)

    def data_of(element: ET.Element, domain: str) -> dict[str, Any]:
        data = dict(defaults[domain])
        for values in _children(element, "attvalues"):
            for value in _children(values, "attvalue"):
                name, xml_type = columns[domain][value.get("for") or value.get("id", "")]
                data[name] = _decode(value.get("value"), xml_type)
        return _decode_json(data, encoded.get(domain, ()))

    graph = nx.MultiDiGraph()
    graph.graph.update(meta.get("graph", {}) if meta else {})
    for nodes_element in _children(graph_element, "nodes"):
        for node in _children(nodes_element, "node"):
            data = data_of(node, "node")
            if meta is None and node.get("label") is not None:
                data.setdefault("label", node.get("label"))
            graph.add_nodes_from([(node.get("id"), data)])
    for edges_element in _children(graph_element, "edges"):
        for edge in _children(edges_element, "edge"):
            key = edge.get("label") if meta else edge.get("id")
            graph.add_edges_from([(edge.get("source"), edge.get("target"), key, data_of(edge, "edge"))])
    return graph


# --- JSON (node-link) ------------------------------------------------------------------------


def _json_bytes(graph: nx.MultiDiGraph) -> bytes:
    node_taken = {name for _, d in graph.nodes(data=True) for name in d}
    edge_taken = {name for *_, d in graph.edges(keys=True, data=True) for name in d}
    names = {"name": _free_name(("id",), node_taken)}
    for member in ("source", "target", "key"):
        names[member] = _free_name((member,), edge_taken)
        edge_taken.add(names[member])
    data = _node_link_data(graph, names)
    data["graph"] = dict(graph.graph)
    data["nodes"].sort(key=lambda d: str(d[names["name"]]))
    data["edges"].sort(key=lambda d: (str(d[names["source"]]), str(d[names["target"]]), str(d[names["key"]])))
    data[EXPORT_ATTRIBUTE] = {"format": _FORMAT_ID, "version": _FORMAT_VERSION, "node_link": names}
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in some text: escape it, \udcxx is valid JSON
        return (json.dumps(data, ensure_ascii=True, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _node_link_data(graph: nx.MultiDiGraph, names: dict[str, str]) -> dict[str, Any]:
    if "edges" in inspect.signature(nx.node_link_data).parameters:
        return nx.node_link_data(graph, edges="edges", **names)
    return nx.node_link_data(graph, link="edges", **names)  # networkx < 3.4


def _json_graph(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The inverse of :func:`_node_link_data`.

    Not ``nx.node_link_graph``: it passes edge attributes as keyword arguments, so an attribute
    named ``key`` (legal in our data) makes it fail.
    """
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise ValueError('not a node-link JSON graph (no "nodes" list)')
    meta = data.get(EXPORT_ATTRIBUTE)
    names = {"name": "id", "source": "source", "target": "target", "key": "key"}
    if isinstance(meta, dict) and meta.get("format") == _FORMAT_ID:
        if meta.get("version") != _FORMAT_VERSION:
            raise ValueError(f"export format version {meta.get('version')!r}, this version reads {_FORMAT_VERSION}")
        names.update(meta.get("node_link", {}))
    graph = nx.MultiDiGraph()
    graph.graph.update(data.get("graph", {}))
    graph.add_nodes_from((d[names["name"]], {k: v for k, v in d.items() if k != names["name"]}) for d in data["nodes"])
    ends = {names["source"], names["target"], names["key"]}
    graph.add_edges_from(
        (d[names["source"]], d[names["target"]], d.get(names["key"]), {k: v for k, v in d.items() if k not in ends})
        for d in data.get("edges", data.get("links", []))
    )
    return graph

