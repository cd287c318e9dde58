"""Graph files: GraphML, GEXF and JSON exports read back into exactly the same graph.

"Exactly" is type-strict here: 3 must come back as 3, not 3.0 or True, and a list as a list.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem import files
from ecosystem.demo import DEMO_TERRITORY, demo_batch
from ecosystem.errors import EcosystemError
from ecosystem.export import graphfiles
from ecosystem.export.graphfiles import (
    EXPORT_ATTRIBUTE,
    FORMATS,
    ExportError,
    export_path,
    read_graph,
    safe_filename,
    write_graph,
)
from ecosystem.i18n import set_language
from ecosystem.model import Batch, Link, LinkType, actor, chantier, resource
from ecosystem.store import EmbeddedStore

SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json"}

HOSTILE = [
    "<script>alert(1)</script>",
    "'}) DETACH DELETE n //",
    '=HYPERLINK("http://x")',
    "guillemets \" et apostrophe ' et « chevrons »",
    "ligne 1\nligne 2",
    "retour\r\nchariot\r",
    "tab\there",
    "  espaces autour  ",
    "",
    "emoji 🚀🇫🇷 👩‍👩‍👧",
    "pipe|dans|la|valeur",
    "&amp; &lt;déjà échappé&gt; ]]> <![CDATA[x]]>",
    "contrôle \x01\x08\x0b\x0c\x1f nul \x00",
    "surrogate seul \udc80",
    "non-caractère \ufffe\uffff",
]
XML_SAFE_HOSTILE = [t for t in HOSTILE if not re.search("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]", t)]


# --- helpers ---------------------------------------------------------------------------------


def typed(value):
    """A comparable form that keeps types: 1, 1.0 and True differ; tuples and lists differ."""
    if isinstance(value, dict):
        return {"dict": {k: typed(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def snapshot(graph: nx.MultiDiGraph):
    return (
        typed(dict(graph.nodes(data=True))),
        [(u, v, k, typed(d)) for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])],
        typed(dict(graph.graph)),
    )


def assert_same_graph(read: nx.MultiDiGraph, original: nx.MultiDiGraph) -> None:
    assert type(read) is nx.MultiDiGraph
    nodes, edges, graph = snapshot(read)
    want_nodes, want_edges, want_graph = snapshot(original)
    assert nodes == want_nodes
    assert edges == want_edges
    assert graph == want_graph
    assert EXPORT_ATTRIBUTE not in read.graph


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def elements(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if local(e.tag) == name]


@pytest.fixture
def demo_graph(tmp_path: Path) -> nx.MultiDiGraph:
    store = EmbeddedStore(tmp_path / "ecosystem.db")
    try:
        store.write(demo_batch())
        return store.read_territory(DEMO_TERRITORY)
    finally:
        store.close()


def hostile_graph() -> nx.MultiDiGraph:
    """Hostile texts everywhere a value can be, plus attribute names the formats reserve."""
    g = nx.MultiDiGraph(
        territory="hostile",
        territory_name=HOSTILE[0],
        notes=list(HOSTILE),
        id="graph-id",  # networkx's GraphML writer would have used (and lost) it as the graph id
        node_default="not a default",
        count=3,
    )
    ids = XML_SAFE_HOSTILE
    for i, node in enumerate(ids):
        g.add_node(
            node,
            uid=node,
            kind="Actor" if i % 2 else "Resource",
            name=HOSTILE[i % len(HOSTILE)],
            key=HOSTILE[(i + 3) % len(HOSTILE)],
            territories=["hostile", HOSTILE[(i + 5) % len(HOSTILE)]],
            points=[3, 2.5, "trois", True, None][i % 5],  # one column, five types
            big=2**70 if i == 0 else 1,
            ratio=[0.1, float("inf"), -0.0][i % 3],
            flag=bool(i % 2),
            empty=[],
            nested={"a": [1, 2.0, "x"], "b": None},
            mixed_list=[1, 2.5],
        )
    g.nodes[ids[1]]["label"] = "own label"  # GraphML must not overwrite it with the name
    g.nodes[ids[2]]["id"] = "own id"  # JSON node-link must not overwrite it with the node id
    for i, (source, target) in enumerate(zip(ids, ids[1:], strict=False)):
        key = ids[(i + 2) % len(ids)]
        g.add_edge(source, target, key=key, type=key, note=HOSTILE[i % len(HOSTILE)], status="OPERATIONAL")
        g.add_edge(source, target, key="KNOWN_UNLINKED", type="KNOWN_UNLINKED", status="KNOWN_UNLINKED")
    first, second = ids[0], ids[1]
    g.add_edge(first, second, key="PROVIDES", label="own edge label", source="s", target="t", id="i", weight=2.0)
    g.edges[first, second, "PROVIDES"]["key"] = "own key"  # and the key's fallback name is taken too
    g.add_edge(first, first, key="SELF", type="SELF")  # a loop
    g.nodes[ids[3]]["node_for_adding"] = "networkx's add_node(n, **attr) would choke on this name"
    g.edges[first, second, "PROVIDES"]["u_for_edge"] = "and add_edge(u, v, key, **attr) on this one"
    g.add_node("isolated")  # no attribute at all
    return g


# --- the demo territory, through a real store ------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_territory_round_trips_exactly(demo_graph, tmp_path, fmt):
    assert demo_graph.number_of_nodes() > 15 and demo_graph.number_of_edges() > 20
    path = write_graph(demo_graph, tmp_path / "exports" / f"demo{SUFFIX[fmt]}", fmt)
    assert path == tmp_path / "exports" / f"demo{SUFFIX[fmt]}"
    assert_same_graph(read_graph(path), demo_graph)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_graph_written_is_left_untouched(demo_graph, tmp_path, fmt):
    before = snapshot(demo_graph)
    write_graph(demo_graph, tmp_path / f"x{SUFFIX[fmt]}", fmt)
    assert snapshot(demo_graph) == before


def test_edge_keys_are_the_link_types(demo_graph, tmp_path):
    statuses = {}
    for fmt in FORMATS:
        graph = read_graph(write_graph(demo_graph, tmp_path / f"x{SUFFIX[fmt]}"))
        for u, v, key, data in graph.edges(keys=True, data=True):
            assert key == data["type"]
            statuses[(u, v, key)] = data.get("status")
    assert set(statuses.values()) == {"OPERATIONAL", "KNOWN_UNLINKED", "ABSENT", None}


def test_output_is_stable_whatever_the_insertion_order(demo_graph, tmp_path):
    shuffled = nx.MultiDiGraph(**demo_graph.graph)
    shuffled.add_nodes_from(reversed(list(demo_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(demo_graph.edges(keys=True, data=True))))
    for fmt in FORMATS:
        a = write_graph(demo_graph, tmp_path / "a" / f"x{SUFFIX[fmt]}").read_bytes()
        b = write_graph(shuffled, tmp_path / "b" / f"x{SUFFIX[fmt]}").read_bytes()
        assert a == b, fmt


# --- what the files look like ----------------------------------------------------------------


def test_json_is_node_link_utf8_indented_and_sorted(demo_graph, tmp_path):
    path = write_graph(demo_graph, tmp_path / "demo.json", "json")
    text = path.read_text(encoding="utf-8")
    assert "méthode PQN-A" in text  # ensure_ascii=False
    assert text.startswith('{\n  "directed": true,')
    data = json.loads(text)
    assert data["directed"] is True and data["multigraph"] is True
    assert data["graph"] == {"territory": demo_graph.graph["territory"], "territory_name": DEMO_TERRITORY}
    assert [n["id"] for n in data["nodes"]] == sorted(demo_graph.nodes)
    ends = [(e["source"], e["target"], e["key"]) for e in data["edges"]]
    assert ends == sorted(demo_graph.edges(keys=True))
    chantier_1b = next(n for n in data["nodes"] if n.get("code") == "1.b")
    assert chantier_1b["publics"] == ["Jeunes"]  # a real list, not encoded text
    # networkx reads it without our help
    assert nx.node_link_graph(data, edges="edges").number_of_edges() == demo_graph.number_of_edges()


def test_graphml_is_valid_xml_with_labels_and_unique_edge_ids(demo_graph, tmp_path):
    path = write_graph(demo_graph, tmp_path / "demo.graphml", "graphml")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    keys = {(k.get("for"), k.get("attr.name")): k for k in elements(root, "key")}
    for domain, name in [("node", "kind"), ("node", "label"), ("node", "name"), ("edge", "status"), ("edge", "type")]:
        assert keys[(domain, name)].get("attr.type") == "string", (domain, name)
    assert keys[("node", "impact")].get("attr.type") == "long"
    edge_ids = [e.get("id") for e in elements(root, "edge")]
    assert len(edge_ids) == len(set(edge_ids)) == demo_graph.number_of_edges()  # Gephi drops duplicate ids
    label_key = keys[("node", "label")].get("id")
    for node in elements(root, "node"):
        labels = [d.text for d in node if d.get("key") == label_key]
        assert labels == [demo_graph.nodes[node.get("id")]["name"]]
    # another GraphML reader sees the same nodes, attributes and (JSON-encoded) lists
    other = nx.read_graphml(path)
    assert set(other.nodes) == set(demo_graph.nodes)
    assert other.number_of_edges() == demo_graph.number_of_edges()
    some = next(iter(demo_graph.nodes))
    assert json.loads(other.nodes[some]["territories"]) == demo_graph.nodes[some]["territories"]


def test_gexf_is_valid_xml_gephi_can_colour(demo_graph, tmp_path):
    path = write_graph(demo_graph, tmp_path / "demo.gexf", "gexf")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf"
    declared = {(a.get("title")): a.get("type") for a in elements(root, "attribute")}
    assert declared["kind"] == declared["status"] == declared["type"] == "string"
    for node in elements(root, "node"):
        assert node.get("label") == demo_graph.nodes[node.get("id")]["name"]
    edges = elements(root, "edge")
    assert len({e.get("id") for e in edges}) == len(edges) == demo_graph.number_of_edges()
    assert {e.get("label") for e in edges} == {k for _, _, k in demo_graph.edges(keys=True)}
    assert all(e.get("type") is None for e in edges)  # the GEXF edge type stays "directed"
    other = nx.read_gexf(path)  # a third-party reader accepts it
    assert set(other.nodes) == set(demo_graph.nodes)
    assert other.number_of_edges() == demo_graph.number_of_edges()


def test_lists_are_json_text_and_named_in_the_bookkeeping(tmp_path):
    territory = "Pipe|Land"
    c = chantier("Chantier", territory, code="1", objectives=["a|b", "c"], actions=[], freins=["[x]", '"q"'])
    r = resource("Salle", territory, "lieu", horaires=["lun|mar 9h-12h"])
    g = EmbeddedStore(tmp_path / "s.db")
    g.write(Batch([Link(LinkType.OPERATIONAL, c, r, {"note": "a|b"})]))
    graph = g.read_territory(territory)
    g.close()
    for fmt in ("graphml", "gexf"):
        path = write_graph(graph, tmp_path / f"x{SUFFIX[fmt]}")
        text = path.read_text(encoding="utf-8")
        assert "[&quot;a|b&quot;, &quot;c&quot;]" in text or '["a|b", "c"]' in text
        root = ET.parse(path).getroot()
        if fmt == "graphml":
            record = next(d.text for d in elements(root, "data") if d.text and d.text.startswith('{"edge_key"'))
        else:
            record = elements(root, "description")[0].text
        meta = json.loads(record)
        assert set(meta["json_attributes"]["node"]) == {"objectives", "actions", "freins", "territories", "horaires"}
        assert meta["json_attributes"]["edge"] == []
        back = read_graph(path)
        assert_same_graph(back, graph)
        assert back.nodes[c.uid]["objectives"] == ["a|b", "c"] and back.nodes[c.uid]["actions"] == []


# --- hostile names ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_texts_round_trip(tmp_path, fmt):
    graph = hostile_graph()
    path = write_graph(graph, tmp_path / f"hostile{SUFFIX[fmt]}", fmt)
    if fmt == "json":
        json.loads(path.read_bytes().decode("utf-8"))
    else:
        root = ET.parse(path).getroot()  # well-formed XML
        assert not elements(root, "script")  # the markup in a name stayed text
    assert_same_graph(read_graph(path), graph)


def test_hostile_names_are_readable_labels_in_xml(tmp_path):
    graph = nx.MultiDiGraph()
    for i, name in enumerate(XML_SAFE_HOSTILE):
        graph.add_node(f"n{i}", name=name, kind="Actor")
    expected = {f"n{i}": name for i, name in enumerate(XML_SAFE_HOSTILE)}
    gexf = ET.parse(write_graph(graph, tmp_path / "h.gexf")).getroot()
    assert {n.get("id"): n.get("label") for n in elements(gexf, "node")} == expected
    graphml = ET.parse(write_graph(graph, tmp_path / "h.graphml")).getroot()
    labels = {n.get("id"): d.text or "" for n in elements(graphml, "node") for d in n if d.get("key") == "dn1"}
    assert labels == expected  # dn0 kind, dn1 label, dn2 name: the label is the name


def test_names_with_control_characters_get_a_clean_label(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("n", name="A\x01B\r\nC")
    root = ET.parse(write_graph(graph, tmp_path / "c.gexf")).getroot()
    assert elements(root, "node")[0].get("label") == "A B \nC"
    assert read_graph(tmp_path / "c.gexf").nodes["n"] == {"name": "A\x01B\r\nC"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_an_id_xml_cannot_hold_is_refused_with_advice(tmp_path, fmt):
    graph = nx.MultiDiGraph()
    graph.add_node("bad\x01id", name="x")
    with pytest.raises(ExportError) as caught:
        write_graph(graph, tmp_path / f"x{SUFFIX[fmt]}", fmt)
    assert "JSON" in str(caught.value) and "\\x01" in str(caught.value)
    assert not (tmp_path / f"x{SUFFIX[fmt]}").exists()
    assert_same_graph(read_graph(write_graph(graph, tmp_path / "x.json")), graph)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(
        st.one_of(
            st.text(),
            st.integers(),
            st.floats(allow_nan=False),
            st.booleans(),
            st.lists(st.text(max_size=8), max_size=3),
            st.lists(st.integers(), max_size=3),
        ),
        min_size=1,
        max_size=6,
    ),
    names=st.lists(
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF), min_size=1, max_size=12),
        min_size=1,
        max_size=6,
        unique=True,
    ),
)
def test_any_storable_value_round_trips(values, names):
    graph = nx.MultiDiGraph(territory="t")
    for i, name in enumerate(names):
        graph.add_node(name, value=values[i % len(values)], other=values[(i + 1) % len(values)])
        graph.add_edge(names[0], name, key=name, type="X", value=values[(i + 2) % len(values)])
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            assert_same_graph(read_graph(write_graph(graph, Path(folder) / f"g{SUFFIX[fmt]}")), graph)


# --- writing: atomic, folders, errors --------------------------------------------------------


def test_folders_are_created_and_exports_are_replaced(demo_graph, tmp_path):
    target = tmp_path / "new" / "deeper" / "demo.graphml"
    write_graph(demo_graph, target, "graphml")
    small = nx.MultiDiGraph(territory="t")
    small.add_node("a", name="A")
    write_graph(small, target, "graphml")
    assert_same_graph(read_graph(target), small)
    assert os.listdir(target.parent) == ["demo.graphml"]  # no temporary file left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_exports_get_ordinary_permissions(demo_graph, tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    path = write_graph(demo_graph, tmp_path / "demo.json")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_write_keeps_the_previous_export(demo_graph, tmp_path, monkeypatch):
    target = tmp_path / "exports" / "demo.gexf"
    write_graph(demo_graph, target)
    before = target.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", disk_full)
    with pytest.raises(ExportError) as caught:
        write_graph(nx.MultiDiGraph(), target)
    assert isinstance(caught.value, EcosystemError)
    assert "No space left on device" in str(caught.value) and str(target) in str(caught.value)
    assert target.read_bytes() == before
    assert os.listdir(target.parent) == ["demo.gexf"]


def test_a_folder_that_is_a_file_is_reported(tmp_path):
    (tmp_path / "exports").write_text("not a folder")
    with pytest.raises(ExportError, match="exports"):
        write_graph(nx.MultiDiGraph(), tmp_path / "exports" / "x.json")


def test_format_comes_from_the_argument_or_the_suffix(tmp_path):
    graph = nx.MultiDiGraph(territory="t")
    graph.add_node("a", name="A")
    written = write_graph(graph, tmp_path / "x.data", "GEXF")
    assert ET.parse(written).getroot().tag.endswith("gexf")
    assert_same_graph(read_graph(written, "gexf"), graph)
    with pytest.raises(ExportError) as caught:
        write_graph(graph, tmp_path / "x.csv")
    assert "graphml, gexf, json" in str(caught.value) and "inconnu" in str(caught.value)
    set_language("en")
    with pytest.raises(ExportError, match="Unknown file format \"svg\""):
        write_graph(graph, tmp_path / "x.png", "svg")


def test_unreadable_files_are_reported(tmp_path):
    for name, content in [("a.graphml", "<graphml><oops"), ("b.gexf", "<html/>"), ("c.json", "[1, 2]"), ("d.json", "{")]:
        (tmp_path / name).write_text(content)
        with pytest.raises(ExportError, match="lisible"):
            read_graph(tmp_path / name)
    with pytest.raises(ExportError):
        read_graph(tmp_path / "missing.graphml")


def test_the_bookkeeping_name_is_reserved_and_other_graphs_are_refused(tmp_path):
    with pytest.raises(ValueError, match=EXPORT_ATTRIBUTE):
        write_graph(nx.MultiDiGraph(**{EXPORT_ATTRIBUTE: "x"}), tmp_path / "x.json")
    with pytest.raises(TypeError):
        write_graph(nx.DiGraph(), tmp_path / "x.json")


# --- file names from data --------------------------------------------------------------------

SAFE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (DEMO_TERRITORY, "territoire-exemple-methode-pqn-a-hubikoop"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\System32", "windows-system32"),
        ("CC du Pays de Saint-Aulaye", "cc-du-pays-de-saint-aulaye"),
        ("L’Île-d’Yeu — Œuvre & Cœur", "l-ile-d-yeu-oeuvre-coeur"),
        ("Straße Ærø Łódź", "strasse-aero-lodz"),
        ("ligne\nnouvelle\x00nul\ttab", "ligne-nouvelle-nul-tab"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("'}) DETACH DELETE n //", "detach-delete-n"),
        ('=HYPERLINK("http://x")', "hyperlink-http-x"),
        ("CON", "con-export"),
        ("nul", "nul-export"),
        ("", "export"),
        ("   ", "export"),
    ],
)
def test_safe_filename(text, expected):
    assert safe_filename(text) == expected


def test_safe_filename_never_empty_nor_colliding_for_names_without_latin_letters():
    names = ["!!!", "???", ".", "..", "🚀", "東京", "Ελλάδα"]
    results = [safe_filename(n) for n in names]
    assert all(SAFE.match(r) and r.startswith("export-") for r in results)
    assert len(set(results)) == len(results)


def test_safe_filename_truncates_long_names_and_keeps_them_distinct():
    a, b = "Communauté " * 40 + "A", "Communauté " * 40 + "B"
    fa, fb = safe_filename(a), safe_filename(b)
    assert len(fa) <= 80 and len(fb) <= 80 and fa != fb
    assert fa.startswith("communaute-communaute-") and SAFE.match(fa)
    assert len(safe_filename("x" * 1000, max_length=30)) <= 30


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_safe_filename_stays_in_the_folder(text):
    name = safe_filename(text)
    assert SAFE.match(name) and len(name) <= 80 and ".." not in name
    folder = Path("/srv/exports")
    assert export_path(folder, text, "graphml").parent == folder
    assert export_path(folder, text, "graphml").name == name + ".graphml"


def test_export_path_for_each_format(tmp_path):
    assert export_path(tmp_path, DEMO_TERRITORY, "gexf") == tmp_path / "territoire-exemple-methode-pqn-a-hubikoop.gexf"
    assert export_path(tmp_path, "../x", "json") == tmp_path / "x.json"
    with pytest.raises(ExportError):
        export_path(tmp_path, "x", "pdf")


def test_a_store_graph_with_actors_in_two_territories_round_trips(tmp_path):
    store = EmbeddedStore(tmp_path / "s.db")
    caf_a = actor("CAF de la Dordogne", "Territoire A", external_id="siren:356000000", points=3)
    caf_b = actor("CAF de la Dordogne", "Territoire B", external_id="siren:356000000", points=2.5)
    c = chantier("Jeunes", "Territoire A", code="1", strategic=True, feasible=False)
    store.write(Batch([Link(LinkType.PILOTS, caf_a, c), caf_b]))
    graph = store.read_territory("Territoire A")
    store.close()
    assert graph.nodes[caf_a.uid]["territories"] == ["territoire a", "territoire b"]
    for fmt in FORMATS:
        assert_same_graph(read_graph(write_graph(graph, tmp_path / f"x{SUFFIX[fmt]}")), graph)


def test_the_cli_exports_each_graph_format_into_the_exports_folder(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from ecosystem.cli import cli as command

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(command, ["demo"])
    for fmt in ("graphml", "gexf", "json"):
        result = runner.invoke(command, ["export", fmt])
        assert result.exit_code == 0, result.output
        assert "(21 éléments, 25 liens)" in result.output
        (written,) = (tmp_path / "exports").glob(f"*.{fmt}")
        back = read_graph(written)
        assert back.number_of_nodes() == 21 and back.number_of_edges() == 25
