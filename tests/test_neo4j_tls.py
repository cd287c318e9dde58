"""Neo4j over TLS, as Aura or a team server requires it: a real server of our own with a
self-signed certificate (tools/neo4j_server.py --tls). The CLI works over bolt+ssc:// and
neo4j+ssc://, and the two usual mistakes (checking a self-signed certificate, connecting
without encryption) get a message that says what to type instead."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import neo4j_server
from conftest import start_throwaway_server
from ecosystem.cli import cli
from ecosystem.demo import DEMO_TERRITORY

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    server = start_throwaway_server(tmp_path_factory.mktemp("neo4j-tls"), tls=True)
    try:
        yield server
    finally:
        neo4j_server.stop(server.home)


@pytest.fixture
def run(tls_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(scheme: str, *args: str):
        address = tls_server.uri.replace("bolt+ssc://", f"{scheme}://", 1)
        env = {"NEO4J_USER": tls_server.user, "NEO4J_PASSWORD": tls_server.password, "ECOSYSTEM_LANG": "fr"}
        return CliRunner().invoke(cli, ["--neo4j", address, *args], env=env, catch_exceptions=False)

    return invoke


def _one_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_the_usual_tls_mistakes_say_what_to_type_and_write_nothing(run):
    before = run("bolt+ssc", "status").output
    for scheme in ("bolt+s", "neo4j+s"):  # the certificate is checked against the system's CAs
        result = run(scheme, "demo")
        assert result.exit_code == 1
        line = _one_line(result)
        assert "certificat TLS du serveur Neo4j" in line and "self-signed certificate" in line, line
        assert "bolt+ssc://" in line and "Rien n'a été écrit" in line
    for scheme in ("bolt", "neo4j"):  # no encryption: the server closes the connection
        result = run(scheme, "demo")
        assert result.exit_code == 1
        line = _one_line(result)
        assert "exige sans doute une connexion chiffrée" in line and "bolt+s://" in line, line
    assert run("bolt+ssc", "status").output == before


def test_an_encrypted_server_serves_the_cli_over_bolt_ssc_and_neo4j_ssc(run):
    demo = run("bolt+ssc", "demo", "--no-export")
    assert demo.exit_code == 0, demo.output
    for scheme in ("bolt+ssc", "neo4j+ssc"):
        status = run(scheme, "status")
        assert status.exit_code == 0, status.output
        assert f"Stockage : Neo4j {scheme}://127.0.0.1" in status.output
        assert f"Territoire : {DEMO_TERRITORY}" in status.output
        lines = {" ".join(line.split()[:-1]): line.split()[-1] for line in status.output.splitlines() if line.strip()}
        assert lines["opérationnels (trait plein)"] == "5" and lines["chantiers"] == "2"
    gaps = run("neo4j+ssc", "analyze", "gaps")
    assert gaps.exit_code == 0 and "1.b" in gaps.output
