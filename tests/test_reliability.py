"""Reliability: concurrent imports, a corpus of bad and hostile input, property-based parsers,
output-path and credential hygiene. What each test shows is summarised in RELIABILITY.md.

Bad input lives in tests/corpus/ (small files); big ones (1 MB cell, 100,000 rows) are generated
in tmp at test time. Every command goes through the real CLI (click's CliRunner, or a
subprocess for concurrency) and must answer with exit code 0 or 1 and never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ecosystem import Batch, Link, LinkType, actor, chantier
from ecosystem.cli import cli
from ecosystem.errors import EcosystemError
from ecosystem.importers import import_files
from ecosystem.importers import opendata
from ecosystem.importers.problems import Location, Problems
from ecosystem.importers.reading import Sheet, read_sheets
from ecosystem.importers.tables import LIEUX, recognise
from ecosystem.importers.vocabulary import parse_role, parse_status
from ecosystem.importers.workshop import split_items, split_names
from ecosystem.model import normalize_name, parse_external_id, parse_level
from ecosystem.store import EmbeddedStore, Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "corpus"
DATA = Path(__file__).parent / "data" / "workshop"
SEED_CSV = DATA / "chantiers_seed_excel_fr.csv"
MAP_CSV = DATA / "carte_chantier_1b_utf8.csv"
MAP_HEADER = "Chantier;Ressource ou acteur;Catégorie;Statut;Porteur;Note\n"

HOSTILE = [
    "'}) DETACH DELETE n //",
    "<script>alert(1)</script>",
    "</script><b>x</b>",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","clic")',
    "+1",
    "-1",
    "@SUM(1)",
]


# --- helpers ----------------------------------------------------------------------------------


def run(args: list[str], *, env: dict[str, str] | None = None, expect: tuple[int, ...] = (0, 1)):
    """Run the CLI in-process; never a traceback, exit code 0 or 1 (or ``expect``)."""
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=True)
    text = result.output
    assert "Traceback" not in text, text
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"unexpected exception {result.exception!r}\n{text}")
    assert result.exit_code in expect, f"exit {result.exit_code}\n{text}"
    return result


def cli_process(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("ECOSYSTEM_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "ecosystem", *args], capture_output=True, text=True, env=full_env, timeout=300, cwd=ROOT
    )


def generated_map(path: Path, rows: int, *, prefix: str = "Acteur") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(MAP_HEADER)
        for i in range(rows):
            f.write(f"1.{i % 50};{prefix} {i};Partenaire;{'connu' if i % 3 else 'opérationnel'};;note {i}\n")
    return path


def shape(graph) -> tuple[list, list]:
    """A territory's content, comparable between stores and runs."""
    nodes = sorted((d["kind"], d["name"]) for _, d in graph.nodes(data=True))
    edges = sorted((graph.nodes[s]["name"], graph.nodes[t]["name"], k) for s, t, k in graph.edges(keys=True))
    return nodes, edges


def reference_shape(tmp_path: Path, files: list[Path], territory: str) -> tuple[list, list]:
    with EmbeddedStore(tmp_path / "reference.db") as ref:
        import_files(ref, files, territory)
        return shape(ref.read_territory(territory))


# --- 1. concurrency ---------------------------------------------------------------------------


def _import_twice_at_once(args_of, territory: str, files: list[Path], env: dict[str, str]) -> list[str]:
    """Start two `ecosystem import` processes together; a clean refusal is retried once."""
    args = [*args_of, "import", *map(str, files), "--territory", territory, "--quiet"]
    full_env = {**os.environ, **env}
    procs = [
        subprocess.Popen([sys.executable, "-m", "ecosystem", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env, cwd=ROOT)
        for _ in range(2)
    ]
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert "Traceback" not in out + err, err
        assert p.returncode in (0, 1), err
        if p.returncode == 1:
            assert len(err.strip().splitlines()) == 1, f"a refusal is one line: {err!r}"
            outcomes.append("refused: " + err.strip())
            retry = cli_process(args, env)
            assert retry.returncode == 0, f"the retry must succeed: {retry.stderr}"
        else:
            outcomes.append("ok")
    return outcomes


@pytest.mark.neo4j
@pytest.mark.parametrize("round_", range(3))
def test_two_imports_at_once_into_neo4j_give_no_duplicate(round_, neo4j_store, neo4j_server_info, tmp_path):
    territory = f"Concurrence Neo4j {round_} {secrets.token_hex(3)}"
    big = generated_map(tmp_path / "carte-2000.csv", 2_000)
    files = [SEED_CSV, MAP_CSV, big]
    env = {"NEO4J_PASSWORD": neo4j_server_info.password or "", "NEO4J_USER": neo4j_server_info.user}
    outcomes = _import_twice_at_once(["--neo4j", neo4j_server_info.uri], territory, files, env)
    print(f"\nneo4j concurrent imports: {outcomes}")

    assert shape(neo4j_store.read_territory(territory)) == reference_shape(tmp_path, files, territory), outcomes
    with neo4j_store._driver.session() as session:
        dup_nodes = session.run(
            "MATCH (n:EcoNode) WITH n.uid AS uid, count(*) AS c WHERE c > 1 RETURN count(*) AS d"
        ).single()["d"]
        dup_links = session.run(
            "MATCH (s:EcoNode)-[r]->(t) WITH s, t, type(r) AS ty, count(*) AS c WHERE c > 1 RETURN count(*) AS d"
        ).single()["d"]
        status_slots = session.run(
            "MATCH (s:EcoNode)-[r:OPERATIONAL|KNOWN_UNLINKED|ABSENT]->(t) WITH s, t, count(r) AS c WHERE c > 1"
            " RETURN count(*) AS d"
        ).single()["d"]
    assert (dup_nodes, dup_links, status_slots) == (0, 0, 0), outcomes


@contextlib.contextmanager
def _another_write_under_way(store):
    """Hold the Neo4j write lock, as an import in progress does, until the block ends."""
    from ecosystem.cypher import query

    with store._driver.session() as session:
        tx = session.begin_transaction()
        tx.run(query("take_write_lock")).consume()
        try:
            yield
        finally:
            tx.rollback()


@pytest.mark.neo4j
def test_a_neo4j_write_waiting_for_another_says_so_once_then_completes(neo4j_store, neo4j_server_info):
    info = neo4j_server_info
    said: list[str] = []
    waiting = Neo4jStore(info.uri, info.user, info.password, notify=said.append, wait_notice_after=0.3)
    territory = f"Attente {secrets.token_hex(3)}"
    batch = Batch([Link(LinkType.OPERATIONAL, chantier("Jeunes", territory, code="1.b"), actor("CAF", territory))])
    try:
        waiting.write(batch)  # nobody else writing: nothing to say
        assert said == []
        done: dict[str, object] = {}
        with _another_write_under_way(neo4j_store):
            writer = threading.Thread(target=lambda: done.update(summary=waiting.write(batch, dry_run=False)))
            writer.start()
            deadline = time.monotonic() + 20
            while not said and time.monotonic() < deadline:
                time.sleep(0.05)
            assert said == [
                "Une autre écriture est en cours sur cette base Neo4j (un autre import ?) : celle-ci attend"
                " qu'elle se termine, puis continuera seule."
            ]
            assert writer.is_alive() and "summary" not in done  # it waits, it does not fail
        writer.join(timeout=60)
        assert "summary" in done and len(said) == 1
        assert [o.nodes for o in neo4j_store.overview() if o.name == territory] == [{"Actor": 1, "Chantier": 1}]
    finally:
        waiting.close()


@pytest.mark.neo4j
def test_the_cli_tells_the_coordinator_when_an_import_waits_for_another(neo4j_store, neo4j_server_info):
    env = {"NEO4J_URI": neo4j_server_info.uri, "NEO4J_PASSWORD": neo4j_server_info.password or "",
           "NEO4J_USER": neo4j_server_info.user}
    territory = f"Attente CLI {secrets.token_hex(3)}"
    with _another_write_under_way(neo4j_store):
        proc = subprocess.Popen(
            [sys.executable, "-m", "ecosystem", "import", str(SEED_CSV), "--territory", territory, "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env}, cwd=ROOT,
        )
        time.sleep(Neo4jStore.WAIT_NOTICE_AFTER + 3)
        assert proc.poll() is None  # still waiting
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Une autre écriture est en cours sur cette base Neo4j" in err
    assert "créé" in out


@pytest.mark.parametrize("round_", range(2))
def test_two_imports_at_once_into_one_embedded_file_give_no_duplicate(round_, tmp_path):
    territory = f"Concurrence SQLite {round_}"
    big = generated_map(tmp_path / "carte-20000.csv", 20_000)  # a write long enough to overlap
    files = [SEED_CSV, MAP_CSV, big]
    db = tmp_path / "shared.db"
    outcomes = _import_twice_at_once(["--store", str(db)], territory, files, {})
    print(f"\nembedded concurrent imports: {outcomes}")

    with EmbeddedStore(db) as store:
        assert shape(store.read_territory(territory)) == reference_shape(tmp_path, files, territory), outcomes
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# --- 2. the bad-input corpus through the CLI --------------------------------------------------

# file -> (exit code, text the output must hold: the file name and, for row problems, row/column)
CORPUS_EXPECTED = {
    "empty.csv": (1, ["empty.csv", "vide"]),
    "header_only.csv": (0, ["header_only.csv", "sans aucune ligne"]),
    "binary_renamed.csv": (1, ["binary_renamed.csv", "binaire"]),
    "wrong_sheet.xlsx": (1, ["wrong_sheet.xlsx", "aucun tableau reconnu"]),
    "unknown_status.csv": (1, ["unknown_status.csv", "ligne 2", "Statut", "peut-être bientôt"]),
    "self_link.csv": (1, ["self_link.csv", "ligne 2", "Ressource ou acteur", "lui-même"]),
    "dates_as_text.csv": (1, ["dates_as_text.csv", "ligne 2", "Impact", "12/03/2024", "Maîtrise"]),
    # A formula saved without a cached value (openpyxl-written, never opened in Excel) reads as
    # an empty cell: refused, naming the sheet, row and column.
    "formula_cells.xlsx": (1, ["formula_cells.xlsx", "Carte des ressources", "ligne 3", "Ressource ou acteur"]),
    "formula_cells.csv": (0, ["Carte des ressources, 3 ligne(s)"]),
    "duplicates_case_accents.csv": (0, ["acteurs : 2 créé(s)"]),
    "hostile_names.csv": (0, ["Carte des ressources, 7 ligne(s)"]),
}


def test_every_corpus_file_has_an_expectation():
    assert {p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx")} == {*CORPUS_EXPECTED, "mixed_encodings.csv"}
    assert all(p.stat().st_size < 200_000 for p in CORPUS.iterdir())


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_file_is_imported_or_refused_clearly(name, tmp_path):
    code, needles = CORPUS_EXPECTED[name]
    db = tmp_path / "e.db"
    result = run(["--store", str(db), "import", str(CORPUS / name), "--territory", "Corpus"])
    assert result.exit_code == code, result.output
    for needle in needles:
        assert needle in result.output, (needle, result.output)
    if code == 1:
        assert "rien n'a été écrit" in result.output
        assert not db.exists() or EmbeddedStore(db).territories() == {}


def test_duplicates_differing_by_case_or_accents_merge_into_one_node(tmp_path):
    with EmbeddedStore(tmp_path / "e.db") as store:
        import_files(store, [CORPUS / "duplicates_case_accents.csv"], "Doublons")
        nodes, edges = shape(store.read_territory("Doublons"))
    assert [n for k, n in nodes if k == "Actor"] == ["Centre Social", "Médiathèque"]  # first spelling kept
    assert len(edges) == 2


def test_formula_text_in_csv_is_imported_as_text_never_evaluated(tmp_path):
    with EmbeddedStore(tmp_path / "e.db") as store:
        import_files(store, [CORPUS / "formula_cells.csv"], "Formules")
        names = {n for _, n in shape(store.read_territory("Formules"))[0]}
    assert {'=HYPERLINK("http://x","clic")', "+1", "@SUM(1)"} <= names


def test_mixed_encodings_in_one_file_are_read_right_or_refused(tmp_path):
    db = tmp_path / "e.db"
    result = run(["--store", str(db), "import", str(CORPUS / "mixed_encodings.csv"), "--territory", "Mixte"])
    if result.exit_code == 1:
        assert "mixed_encodings.csv" in result.output and "encod" in result.output.lower()
        return
    with EmbeddedStore(db) as store:
        names = {n for _, n in shape(store.read_territory("Mixte"))[0]}
    assert {"Médiathèque", "Fédération des Œuvres laïques"} <= names, names


@pytest.mark.parametrize("column", ["name", "note"])
def test_a_one_megabyte_cell_is_imported_or_refused_clearly(column, tmp_path):
    huge = "x" * 1_000_000
    path = tmp_path / "huge.csv"
    name, note = (huge, "n") if column == "name" else ("Centre social", huge)
    path.write_text(MAP_HEADER + f"1.b;{name};Partenaire;connu;;{note}\n", encoding="utf-8")
    db = tmp_path / "e.db"
    started = time.monotonic()
    result = run(["--store", str(db), "import", str(path), "--territory", "Enorme"])
    assert time.monotonic() - started < 60
    if result.exit_code == 0 and column == "note":
        with EmbeddedStore(db) as store:
            graph = store.read_territory("Enorme")
        (link,) = [d for _, _, d in graph.edges(data=True)]
        assert link["note"] == huge


@pytest.mark.neo4j
def test_a_huge_name_into_neo4j_is_written_or_refused_with_one_line(neo4j_store, tmp_path):
    """A 1 MB name makes a 1 MB uid, beyond what a Neo4j index accepts."""
    path = tmp_path / "huge.csv"
    path.write_text(MAP_HEADER + f"1.b;{'x' * 1_000_000};Partenaire;connu;;\n", encoding="utf-8")
    try:
        import_files(neo4j_store, [path], "Enorme Neo4j")
        print("\nhuge name into Neo4j: written")
    except EcosystemError as e:
        print(f"\nhuge name into Neo4j: refused: {str(e)[:200]}")
        assert "\n" not in str(e) and len(str(e)) < 600
        assert "Enorme Neo4j".lower() not in {k for k in neo4j_store.territories()}


@pytest.mark.slow
def test_a_100000_row_file_imports_in_reasonable_time(tmp_path):
    path = generated_map(tmp_path / "carte-100000.csv", 100_000)
    db = tmp_path / "e.db"
    started = time.monotonic()
    result = run(["--store", str(db), "import", str(path), "--territory", "Cent mille", "--quiet"], expect=(0,))
    elapsed = time.monotonic() - started
    print(f"\n100,000-row import into the embedded store: {elapsed:.1f} s")
    assert elapsed < 180, f"{elapsed:.0f} s"
    assert "acteurs : 100000 créé(s)" in result.output
    with EmbeddedStore(db) as store:
        assert store.read_territory("Cent mille").number_of_edges() == 100_000


# --- 2b. property-based: every parser returns a value or raises EcosystemError ---------------

FUZZ = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _xlsx_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Carte des ressources"
    ws.append(["Chantier", "Ressource ou acteur", "Catégorie", "Statut"])
    ws.append(["1.b", "Centre social", "Partenaire", "Opérationnel"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


VALID_XLSX = _xlsx_bytes()


def _consume(path: Path) -> None:
    problems = Problems()
    for sheet in read_sheets(path, problems):
        table = recognise(sheet)
        if table is not None:
            list(table.records())
        else:
            list(sheet.rows)


def _read_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            _consume(path)
        except EcosystemError:
            pass


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_read_sheets_on_arbitrary_bytes(data, suffix):
    _read_bytes(data, suffix)


@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_read_sheets_on_arbitrary_text_files(text, encoding):
    _read_bytes(text.encode(encoding, errors="replace"), ".csv")


@FUZZ
@given(st.data())
def test_read_sheets_on_damaged_workbooks(data):
    raw = bytearray(VALID_XLSX)
    for _ in range(data.draw(st.integers(1, 20))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _read_bytes(bytes(raw), data.draw(st.sampled_from([".csv", ".xlsx"])))


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=40), max_size=8), max_size=20))
def test_recognise_on_arbitrary_rows(rows):
    sheet = Sheet(Location("x.csv"), iter([(i + 1, r) for i, r in enumerate(rows)]))
    try:
        table = recognise(sheet)
        if table is not None:
            list(table.records())
    except EcosystemError:
        pass


@FUZZ
@given(st.text(max_size=500))
def test_text_parsers_on_arbitrary_text(text):
    for parse in (split_items, split_names, normalize_name, parse_status, parse_role, parse_external_id, lambda t: parse_level(t, "Impact")):
        try:
            parse(text)
        except EcosystemError:
            pass
    assert all(isinstance(n, str) and n for n in split_names(text))


@FUZZ
@given(value=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20)))
def test_parse_level_on_arbitrary_values(value):
    try:
        result = parse_level(value, "Impact")
    except EcosystemError:
        return
    assert result is None or 1 <= result <= 4


LIEU_KEYS = ["id", "nom", "pivot", "services", "date_maj", "source", "code_postal", "code_insee", "commune", "adresse",
             "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires", "structure_parente",
             "publics_specifiquement_adresses", "frais_a_charge", "itinerance", "properties", "geometry"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@FUZZ
@given(records=st.lists(st.dictionaries(st.sampled_from(LIEU_KEYS) | st.text(max_size=10), JSON_VALUES, max_size=10), max_size=5))
def test_opendata_json_on_arbitrary_records(records):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lieux.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        try:
            list(opendata.read_lieux_json(path, "T", opendata.LieuFilter(), Problems()))
        except EcosystemError:
            pass


@FUZZ
@given(cells=st.lists(st.lists(st.text(max_size=30), min_size=6, max_size=6), max_size=5))
def test_opendata_table_on_arbitrary_rows(cells):
    header = ["id", "nom", "pivot", "services", "code_postal", "date_maj"]
    sheet = Sheet(Location("lieux.csv"), iter([(1, header), *[(i + 2, c) for i, c in enumerate(cells)]]))
    table = recognise(sheet)
    assert table is not None and table.spec is LIEUX
    try:
        list(opendata.lieux_from_table(table, "T", opendata.LieuFilter(), Problems(), Location("lieux.csv")))
    except EcosystemError:
        pass


# --- 3. hostile input --------------------------------------------------------------------------


def test_hostile_names_come_back_byte_identical_and_touch_nothing_else(store, tmp_path):
    witness = Batch([Link(LinkType.OPERATIONAL, chantier("Jeunes", "Témoin", code="1.b"), actor("CAF", "Témoin"))])
    store.write(witness)
    before = shape(store.read_territory("Témoin"))
    # one territory per name: "+1" and "-1" have the same key (punctuation is not identity)
    for i, name in enumerate(HOSTILE):
        territory = f"Hostile {i} {name}"
        c = chantier(name, territory, code="2.a")
        store.write(Batch([Link(LinkType.KNOWN_UNLINKED, c, actor(name, territory, note=name))]))
        graph = store.read_territory(territory)
        names = sorted(d["name"] for _, d in graph.nodes(data=True))
        assert names == sorted([name, f"2.a — {name}"])
        assert [d["note"] for _, d in graph.nodes(data=True) if d["kind"] == "Actor"] == [name]
        assert graph.graph["territory_name"] == territory
        from ecosystem.export.html_map import write_map

        html = write_map(graph, tmp_path / f"map{i}").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "</script><b>" not in html
    assert shape(store.read_territory("Témoin")) == before
    assert len(store.territories()) == 1 + len(HOSTILE)


def test_hostile_names_are_text_in_every_export_and_paths_stay_inside_out(tmp_path):
    root = tmp_path / "a" / "b"
    root.mkdir(parents=True)
    db, out = root / "h.db", root / "out"
    territory = "../../etc/x"
    base = ["--store", str(db)]
    run([*base, "import", str(CORPUS / "hostile_names.csv"), "--territory", territory], expect=(0,))
    run([*base, "export", "html", "-t", territory, "--out", str(out)], expect=(0,))
    run([*base, "export", "html", "-t", territory, "--focus", "1.b", "--out", str(out)], expect=(0,))
    run([*base, "export", "report", "-t", territory, "--out", str(out)], expect=(0,))
    for fmt in ("graphml", "gexf", "json"):
        run([*base, "export", fmt, "-t", territory, "--out", str(out)], expect=(0,))
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and out not in p.parents and p != db]
    assert outside == []
    assert not (tmp_path / "etc").exists() and not (root / "etc").exists()

    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "</script><b>" not in text, page.name
    (xlsx,) = out.glob("*.xlsx")
    cells = [c for ws in load_workbook(xlsx) for row in ws.iter_rows() for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert any("cmd|" in c.value for c in risky)
    assert all(c.data_type != "f" for c in cells)

    for analysis in ("gaps", "missing", "central"):
        csv_text = run([*base, "analyze", analysis, "-t", territory, "--format", "csv"], expect=(0,)).output
        import csv as csv_module

        for row in csv_module.reader(io.StringIO(csv_text)):
            for cell in row:
                assert cell[:1] not in ("=", "+", "-", "@"), (analysis, cell)
        assert "'=cmd|" in csv_text


@pytest.mark.neo4j
def test_credentials_never_appear_in_messages_logs_or_exports(neo4j_server_info, neo4j_store, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    password = neo4j_server_info.password
    assert password
    uri, user = neo4j_server_info.uri, neo4j_server_info.user
    wrong = "wrong-" + secrets.token_hex(8)
    out = tmp_path / "out"

    refused = run(["--neo4j", uri, "--neo4j-user", user, "--neo4j-password", wrong, "status"], expect=(1,))
    assert len(refused.output.strip().splitlines()) == 1 and wrong not in refused.output

    env = {"NEO4J_PASSWORD": password}
    outputs = [refused.output + caplog.text]
    territory = f"Secret {secrets.token_hex(3)}"
    for args in (
        ["import", str(SEED_CSV), str(MAP_CSV), "-t", territory],
        ["status"],
        ["status", "--json"],
        ["analyze", "gaps", "-t", territory, "--format", "json"],
        ["export", "html", "-t", territory, "--out", str(out)],
        ["export", "report", "-t", territory, "--out", str(out)],
        ["export", "json", "-t", territory, "--out", str(out)],
        ["export", "graphml", "-t", territory, "--out", str(out)],
    ):
        outputs.append(run(["--neo4j", uri, "--neo4j-user", user, *args], env=env, expect=(0,)).output)
    # the password given on the command line, and inside the URI, is never echoed either
    outputs.append(run(["--neo4j", uri, "--neo4j-password", password, "status"], expect=(0,)).output)
    host = uri.split("://", 1)[1]
    outputs.append(run(["--neo4j", f"bolt://{user}:{wrong}@{host}", "--neo4j-password", wrong, "status"], expect=(1,)).output)
    outputs.append(caplog.text)
    for text in outputs:
        assert password not in text and wrong not in text
    exported = list(out.rglob("*"))
    assert exported
    for path in exported:
        if path.is_file():
            data = path.read_bytes()
            assert password.encode() not in data, path.name
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as z:
                    assert not any(password.encode() in z.read(n) for n in z.namelist())


def test_a_neo4j_that_accepts_but_never_answers_gives_a_message_within_a_bounded_time():
    """A hung server (the port accepts, nothing ever answers): never a hang, one line, exit 1."""
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_stay_silent() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_stay_silent, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        result = run(["--neo4j", f"bolt://127.0.0.1:{port}", "--neo4j-password", "secret-pw-123", "status"])
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in accepted:
            conn.close()
        listener.close()
    assert result.exit_code == 1, result.output
    assert elapsed < 90, f"waited {elapsed:.0f} s"
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Neo4j" in lines[0] and "Traceback" not in result.output
    assert "secret-pw-123" not in result.output
    print(f"\nsilent Neo4j: gave up after {elapsed:.1f} s: {lines[0]}")


def test_permission_denied_while_saving_keeps_the_previous_map_and_says_so():
    """The store's folder and file cannot be written (a shared drive, a read-only USB key)."""
    import os
    import tempfile

    from ecosystem.demo import demo_batch

    folder = Path(tempfile.mkdtemp(prefix="ecosystem-readonly-", dir="/tmp"))
    try:
        path = folder / "ecosystem.db"
        with EmbeddedStore(path) as store:
            store.write(demo_batch("Lecture seule"))
        before = path.read_bytes()
        folder.chmod(0o555)
        path.chmod(0o444)
        from ecosystem import Batch, actor
        from ecosystem.errors import StoreUnwritableError

        read_end, write_end = os.pipe()
        pid = os.fork()  # the child writes; as root it first becomes 'nobody', as a coordinator is
        if pid == 0:
            code = 1
            try:
                os.close(read_end)
                if os.geteuid() == 0:
                    os.setgid(65534)
                    os.setuid(65534)
                try:
                    EmbeddedStore(path).write(Batch([actor("Nouvel acteur", "Lecture seule")]))
                    code = 2
                except StoreUnwritableError as e:
                    os.write(write_end, str(e).encode("utf-8"))
                    code = 3
            finally:
                os._exit(code)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            said = pipe.read().decode("utf-8")
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 3
        assert "Impossible d'écrire" in said and "Rien n'a été modifié" in said
        assert path.read_bytes() == before
        with EmbeddedStore(path) as store:
            assert "Nouvel acteur" not in {d["name"] for _, d in store.read_territory("Lecture seule").nodes(data=True)}
    finally:
        folder.chmod(0o755)
        for child in folder.iterdir():
            child.chmod(0o644)
            child.unlink()
        folder.rmdir()
