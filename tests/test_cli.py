"""The command line as a coordinator uses it: real files in a temporary folder, real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path
import socket
import sqlite3
import time

import pytest
from click.testing import CliRunner

from ecosystem.cli import cli
from ecosystem.demo import DEMO_TERRITORY


@pytest.fixture
def run(tmp_path, monkeypatch):
    """Run ``ecosystem ARGS`` in an empty folder, with no Neo4j settings from the environment."""
    monkeypatch.chdir(tmp_path)
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "ECOSYSTEM_STORE"):
        monkeypatch.delenv(var, raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None):
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return invoke


def _one_error_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_status_on_a_fresh_folder_says_nothing_is_stored_and_creates_no_file(run, tmp_path):
    result = run("status")
    assert result.exit_code == 0
    assert "Stockage : fichier embarqué ecosystem.db" in result.output
    assert "Aucun territoire enregistré" in result.output
    assert not (tmp_path / "ecosystem.db").exists()


def test_demo_then_status_shows_the_method_example(run, tmp_path):
    demo = run("demo")
    assert demo.exit_code == 0, demo.output
    assert "acteurs : 10 créé(s)" in demo.output
    assert (tmp_path / "ecosystem.db").exists()

    result = run("status")
    assert result.exit_code == 0
    assert f"Territoire : {DEMO_TERRITORY}" in result.output
    lines = {" ".join(line.split()[:-1]): line.split()[-1] for line in result.output.splitlines() if line.strip()}
    assert lines["opérationnels (trait plein)"] == "5"
    assert lines["connus non reliés (pointillé)"] == "9"
    assert lines["absents (pas de lien)"] == "1"
    assert lines["chantiers"] == "2"
    assert all(len(line) <= 80 for line in result.output.splitlines())


def test_running_the_demo_twice_reports_everything_unchanged(run):
    run("demo")
    again = run("demo")
    assert "0 créé(s), 0 mis à jour, 10 inchangé(s)" in again.output


def test_status_json_is_machine_readable(run):
    run("demo")
    data = json.loads(run("status", "--json").output)
    (territory,) = data["territories"]
    assert territory["name"] == DEMO_TERRITORY
    assert territory["links"]["OPERATIONAL"] == 5


def test_english_on_request(run):
    run("demo")
    result = run("--lang", "en", "status")
    assert "Store: embedded file ecosystem.db" in result.output
    assert "operational (solid line)" in result.output


def test_store_option_chooses_the_file(run, tmp_path):
    run("--store", "carte.db", "demo")
    assert (tmp_path / "carte.db").exists()
    assert DEMO_TERRITORY in run("--store", "carte.db", "status").output


def test_status_of_one_unknown_territory_names_the_known_ones(run):
    run("demo")
    result = run("status", "--territory", "Grand Périgueux")
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "Grand Périgueux" in line and DEMO_TERRITORY in line


def test_a_corrupt_store_file_is_one_clear_line(run, tmp_path):
    (tmp_path / "ecosystem.db").write_bytes(b"PK\x03\x04 this is a zip, not a store" * 100)
    result = run("status")
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert line.startswith("Erreur : ") and "ecosystem.db" in line and "sauvegarde" in line


def test_another_sqlite_file_is_not_taken_for_a_store(run, tmp_path):
    with sqlite3.connect(tmp_path / "ecosystem.db") as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    result = run("status")
    assert result.exit_code == 1
    assert "n'est pas une base ecosystem" in _one_error_line(result)


def test_a_store_from_a_newer_version_asks_for_an_upgrade(run, tmp_path):
    run("demo")
    with sqlite3.connect(tmp_path / "ecosystem.db") as conn:
        conn.execute("PRAGMA user_version = 99")
    result = run("status")
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "version plus récente" in line and "pip install --upgrade" in line


def test_an_unreachable_neo4j_is_one_line_and_quick(run):
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    result = run("--neo4j", f"bolt://127.0.0.1:{port}", "status")
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "Neo4j injoignable" in line and f"127.0.0.1:{port}" in line
    assert time.monotonic() - started < 30


def test_a_bad_neo4j_address_says_which_forms_work(run):
    result = run("--neo4j", "http://localhost:7474", "status")
    assert result.exit_code == 1
    assert "bolt://" in _one_error_line(result)


def test_a_usage_error_exits_2(run):
    assert run("no-such-command").exit_code == 2
    assert run("status", "--no-such-option").exit_code == 2


def test_every_command_has_help(run):
    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0
        assert command.help and len(command.help.strip()) > 20, name


@pytest.mark.neo4j
def test_status_and_demo_on_neo4j(run, neo4j_server_info, neo4j_store):
    env = {"NEO4J_URI": neo4j_server_info.uri, "NEO4J_PASSWORD": neo4j_server_info.password}
    demo = run("demo", env=env)
    assert demo.exit_code == 0, demo.output
    result = run("status", env=env)
    assert result.exit_code == 0, result.output
    assert f"Neo4j {neo4j_server_info.uri} (utilisateur neo4j" in result.output
    assert "opérationnels (trait plein)" in result.output
    assert neo4j_server_info.password not in result.output


@pytest.mark.neo4j
def test_the_routing_scheme_works_on_a_single_server(run, neo4j_server_info, neo4j_store):
    uri = neo4j_server_info.uri.replace("bolt://", "neo4j://")
    result = run("--neo4j", uri, "demo", env={"NEO4J_PASSWORD": neo4j_server_info.password})
    assert result.exit_code == 0, result.output
    assert "acteurs : 10" in result.output


@pytest.mark.neo4j
def test_a_wrong_password_is_refused_without_showing_it(run, neo4j_server_info):
    secret = "not-the-password-" + "x" * 8
    result = run("--neo4j", neo4j_server_info.uri, "--neo4j-password", secret, "status")
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert "refusé l'authentification" in line and "NEO4J_PASSWORD" in line
    assert secret not in result.output


def test_demo_writes_the_map_and_the_report_and_says_where(run, tmp_path):
    result = run("demo")
    assert result.exit_code == 0, result.output
    exports = tmp_path / "exports"
    written = sorted(p.name for p in exports.iterdir())
    assert "carte-territoire-exemple-methode-pqn-a-hubikoop.html" in written
    for suffix in ("md", "html", "xlsx"):
        name = f"territoire-exemple-methode-pqn-a-hubikoop-rapport.{suffix}"
        assert name in written and f"exports/{name}" in result.output
    assert "Partenaires sociaux (CAF…)" in (exports / "territoire-exemple-methode-pqn-a-hubikoop-rapport.md").read_text(encoding="utf-8")


def test_map_imports_analyses_and_exports_a_coordinators_files(run, tmp_path):
    data = Path(__file__).parent / "data" / "workshop"
    result = run("map", str(data / "chantiers_seed_excel_fr.csv"), str(data / "carte_chantier_1b_utf8.csv"), "-t", "CC Test", "--out", "sorties")
    assert result.exit_code == 0, result.output
    assert "Import terminé" in result.output
    assert (tmp_path / "sorties" / "carte-cc-test.html").exists()
    assert (tmp_path / "sorties" / "cc-test-rapport.xlsx").exists()
    assert "ecosystem.db" in [p.name for p in tmp_path.iterdir()]
