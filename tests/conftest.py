"""Shared fixtures: the two stores, and a real, throwaway Neo4j server.

The Neo4j server is started once per test session by the project's own script
(tools/neo4j_server.py: Neo4j Community from Maven Central, on 127.0.0.1, a random port, auth on
with a random password). To use another server you can wipe instead, set
ECOSYSTEM_TEST_NEO4J_URI (and ECOSYSTEM_TEST_NEO4J_USER / ECOSYSTEM_TEST_NEO4J_PASSWORD).

Without Java and Maven the Neo4j tests skip with a message saying how to enable them — except
in CI (CI=true), where they fail: a Neo4j test never silently skips there.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ecosystem import i18n
from ecosystem.store import EmbeddedStore, Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import neo4j_server  # noqa: E402  (tools/neo4j_server.py)

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
HOW_TO_ENABLE = (
    "install Java 17+ and Maven so tests/conftest.py can start a throwaway Neo4j with "
    "tools/neo4j_server.py, or set ECOSYSTEM_TEST_NEO4J_URI to a Neo4j server you can wipe"
)


def neo4j_unavailable(reason: str) -> None:
    """Skip on a laptop; fail in CI."""
    if IN_CI:
        pytest.fail(f"Neo4j tests must run in CI, but {reason}")
    pytest.skip(f"Neo4j tests skipped: {reason}. To run them, {HOW_TO_ENABLE}.")


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str | None
    home: Path | None = None  # set when this test session started the server itself

    def store(self, **kwargs) -> Neo4jStore:
        return Neo4jStore(self.uri, self.user, self.password, **kwargs)


def start_throwaway_server(home: Path, tls: bool = False) -> Neo4jServer:
    """Start a Neo4j server of our own (auth on, random password) for ``home``; with ``tls``,
    Bolt requires TLS with a self-signed certificate (URI bolt+ssc://)."""
    if not (shutil.which("java") and shutil.which("mvn")):
        neo4j_unavailable("Java or Maven is not installed")
    password = "pw-" + secrets.token_urlsafe(12)
    try:
        tls_dir = neo4j_server.tls_certificate(home / "certificates") if tls else None
        uri = neo4j_server.start(home, port=0, password=password, tls_dir=tls_dir)
    except Exception as e:  # noqa: BLE001 - any failure to start is reported the same way
        neo4j_unavailable(f"the throwaway Neo4j did not start ({e})")
    return Neo4jServer(uri, "neo4j", password, home)


@pytest.fixture(scope="session")
def neo4j_server_info(tmp_path_factory: pytest.TempPathFactory):
    """A real Neo4j server for the whole session."""
    uri = os.environ.get("ECOSYSTEM_TEST_NEO4J_URI")
    if uri:
        yield Neo4jServer(
            uri,
            os.environ.get("ECOSYSTEM_TEST_NEO4J_USER", "neo4j"),
            os.environ.get("ECOSYSTEM_TEST_NEO4J_PASSWORD"),
        )
        return
    server = start_throwaway_server(tmp_path_factory.mktemp("neo4j-home"))
    try:
        yield server
    finally:
        neo4j_server.stop(server.home)


def _emptied_after(info: Neo4jServer, **kwargs):
    store = info.store(batch_size=50, **kwargs)  # small batches: every test crosses several
    try:
        store.territories()  # connects, or fails with a clear message
    except Exception as e:  # noqa: BLE001
        neo4j_unavailable(f"the Neo4j server at {info.uri} cannot be used ({e})")
    yield store
    for key in list(store.territories()):
        store.delete_territory(key)
    store.close()


@pytest.fixture
def neo4j_store(neo4j_server_info: Neo4jServer):
    """A Neo4j store on the session server, emptied after the test."""
    yield from _emptied_after(neo4j_server_info)


@pytest.fixture
def neo4j_staged_store(neo4j_server_info: Neo4jServer):
    """The same, staging every write that has a new node (the path of large first imports:
    parallel transactions, then one that publishes), however small the write."""
    yield from _emptied_after(neo4j_server_info, stage_from=1)


@pytest.fixture
def embedded_store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "ecosystem.db")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest):
    """Each contract test runs once per backend."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(autouse=True)
def french_by_default(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in the default language, whatever the developer's environment says."""
    monkeypatch.delenv("ECOSYSTEM_LANG", raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)
