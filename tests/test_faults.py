"""A write interrupted by a crash leaves the previous data whole, on both stores."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import neo4j_server
from conftest import start_throwaway_server
from helpers import T, assert_only_the_first_map, big_batch, first_map
from ecosystem import LinkType, NodeKind
from ecosystem.errors import EcosystemError, StoreUnwritableError
from ecosystem.store import EmbeddedStore, Neo4jStore

def _writer_process(store: str, links: int) -> subprocess.Popen:
    """A process that builds ``big_batch(links)``, prints "writing" and writes it with ``store``
    (Python source of a store constructor)."""
    code = f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from helpers import big_batch
        from ecosystem.store import EmbeddedStore, Neo4jStore
        batch = big_batch({links})
        store = {store}
        print("writing", flush=True)
        store.write(batch)
        print("done", flush=True)
        """
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_embedded_store_killed_mid_save_keeps_the_previous_map(tmp_path: Path):
    path = tmp_path / "ecosystem.db"
    with EmbeddedStore(path) as store:
        store.write(first_map())
    writer = _writer_process(f"EmbeddedStore({str(path)!r})", 100_000)
    assert writer.stdout.readline().strip() == "writing"
    journal = path.with_name(path.name + "-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # well inside the transaction
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the write finished before it could be interrupted"

    with EmbeddedStore(path) as store:
        assert_only_the_first_map(store.read_territory(T))


def test_a_failed_save_leaves_the_previous_map_readable(tmp_path: Path):
    """The disk is full (a small, real size limit on the file): the write fails, the data stays."""
    path = tmp_path / "ecosystem.db"
    with EmbeddedStore(path) as store:
        store.write(first_map())
    store = EmbeddedStore(path)
    conn = store._connect(create=False)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite then answers "database or disk is full"
    with pytest.raises(StoreUnwritableError) as error:
        store.write(big_batch(5_000))
    assert "full" in str(error.value) and "Rien n'a été modifié" in str(error.value)
    store.close()
    with EmbeddedStore(path) as again:
        assert_only_the_first_map(again.read_territory(T))
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _wait_until_the_write_is_under_way(server) -> None:
    """Poll the server's running transactions until our bulk write is in one."""
    watcher = server.store()
    deadline = time.monotonic() + 60
    with watcher._driver.session() as session:
        while time.monotonic() < deadline:
            running = session.run("SHOW TRANSACTIONS YIELD currentQuery RETURN collect(currentQuery) AS q").single()["q"]
            if any("UNWIND $rows" in q for q in running):
                watcher.close()
                return
            time.sleep(0.05)
    watcher.close()
    pytest.fail("the bulk write never started")


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_killed_mid_write_leaves_nothing_partial_and_the_rerun_completes(tmp_path: Path):
    server = start_throwaway_server(tmp_path / "neo4j-home")
    try:
        store = server.store(batch_size=2_000)
        store.write(first_map())
        batch = big_batch(60_000)
        outcome: dict[str, object] = {}

        def write() -> None:
            try:
                outcome["summary"] = store.write(batch)
            except EcosystemError as e:
                outcome["error"] = e

        writer = threading.Thread(target=write)
        writer.start()
        _wait_until_the_write_is_under_way(server)
        assert "summary" not in outcome, "the write finished before the kill: make the batch larger"
        neo4j_server.kill(server.home)
        writer.join(timeout=120)
        assert not writer.is_alive(), "the interrupted write must give up within a bounded time"

        message = str(outcome["error"])
        assert "\n" not in message and server.password not in message
        assert "rien n'a été écrit" in message

        uri = neo4j_server.start(server.home, port=0, password=server.password)
        store = Neo4jStore(uri, server.user, server.password, batch_size=2_000)
        assert_only_the_first_map(store.read_territory(T))

        summary = store.write(batch)  # the same write again
        assert summary.links[LinkType.KNOWN_UNLINKED].created == 60_000
        graph = store.read_territory(T)
        assert graph.number_of_nodes() == 2 + 50 + 60_000
        assert graph.number_of_edges() == 1 + 60_000
        store.close()
    finally:
        neo4j_server.stop(server.home)


def _pending(store: Neo4jStore) -> int:
    """Nodes staged by a write and not published (invisible to every read)."""
    with store._driver.session() as session:
        return session.run("MATCH (n:EcoPending) RETURN count(n) AS c").single()["c"]


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_writer_killed_while_staging_leaves_nothing_visible_and_the_next_write_clears_it(
    neo4j_store, neo4j_server_info, tmp_path: Path
):
    """The coordinator's laptop dies during a large first import: the server rolls the final
    transaction back, the staged nodes stay invisible, and the same import run again is whole."""
    neo4j_store.write(first_map())
    info = neo4j_server_info
    writer = _writer_process(
        f"Neo4jStore({info.uri!r}, {info.user!r}, {info.password!r}, batch_size=200, write_workers=1)", 20_000
    )
    assert writer.stdout.readline().strip() == "writing"
    deadline = time.monotonic() + 60
    while _pending(neo4j_store) < 2_000 and time.monotonic() < deadline:
        time.sleep(0.02)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the write finished before it could be interrupted"

    assert _pending(neo4j_store) >= 2_000  # staged, committed, and yet:
    assert_only_the_first_map(neo4j_store.read_territory(T))
    assert [o.nodes for o in neo4j_store.overview() if o.name == T] == [{"Actor": 1, "Chantier": 1}]

    summary = neo4j_store.write(big_batch(20_000))  # the same import again
    assert summary.nodes[NodeKind.ACTOR].created == 20_000
    assert summary.links[LinkType.KNOWN_UNLINKED].created == 20_000
    assert _pending(neo4j_store) == 0
    graph = neo4j_store.read_territory(T)
    assert graph.number_of_nodes() == 2 + 50 + 20_000 and graph.number_of_edges() == 1 + 20_000


@pytest.mark.neo4j
def test_a_dry_run_after_a_crashed_import_counts_what_the_import_would_create(neo4j_store):
    """Nodes a crashed import staged are invisible but carry the uids of the import: a dry run
    that saw them would announce "unchanged" instead of "created"."""
    from ecosystem.model import WriteSummary

    batch = big_batch(40)  # 40 actors known to 40 chantiers
    neo4j_store.write(first_map())
    neo4j_store._stage(batch.node_rows(), [], WriteSummary())  # staged, never published: a crash
    assert _pending(neo4j_store) == 40 + 40

    summary = neo4j_store.write(batch, dry_run=True)
    assert summary.nodes[NodeKind.ACTOR].created == 40 and summary.nodes[NodeKind.CHANTIER].created == 40
    assert summary.links[LinkType.KNOWN_UNLINKED].created == 40
    assert _pending(neo4j_store) == 0
    assert_only_the_first_map(neo4j_store.read_territory(T))  # the dry run wrote nothing


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_territory_read_during_a_large_first_import_is_whole_before_or_after(neo4j_server_info, neo4j_store):
    """A coordinator opening the map while a colleague imports the region sees the map as it
    was, then all of the import: never half of it, even though the import is staged in many
    transactions."""
    neo4j_store.write(first_map())
    writer_store = neo4j_server_info.store(batch_size=200)
    batch = big_batch(12_000)  # 24,050 new rows: staged (STAGE_FROM = 5,000)
    outcome: dict[str, object] = {}
    writer = threading.Thread(target=lambda: outcome.update(summary=writer_store.write(batch)))
    writer.start()
    seen = set()
    while writer.is_alive():
        graph = neo4j_store.read_territory(T)
        seen.add((graph.number_of_nodes(), graph.number_of_edges()))
    writer.join()
    writer_store.close()
    assert "summary" in outcome
    whole = (2 + 50 + 12_000, 1 + 12_000)
    assert seen <= {(2, 1), whole}, sorted(seen)
    assert (2, 1) in seen, "no read happened during the write: make the batch larger"
    graph = neo4j_store.read_territory(T)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == whole
