"""The Neo4j store: the same graph in a Neo4j database, through the official driver.

* Cypher comes only from the named queries in ``queries/`` (see :mod:`ecosystem.cypher`); values
  are always ``$parameters``; labels and relationship types come from closed enums written in
  those files, never from user text.
* Each logical write is all or nothing, and running the same write again is safe. It holds a
  write lock (one node, ``take_write_lock``) from its first statement to its commit, so writes to
  one database run one at a time, and ends with ONE transaction that makes everything visible:
  - a small write, or one that mostly changes what is stored, is that transaction alone: batched
    ``UNWIND $rows ... MERGE`` queries that count what was created, updated or unchanged;
  - a large write of nodes new to the database (a first import; from ``stage_from`` new rows) first
    *stages* those nodes and the links between them with ``CREATE``, in parallel transactions of
    their own (``write_workers``). A staged node carries the label ``EcoPending`` and no
    ``BELONGS_TO``: every read starts from a territory, so none can see it or its links. The final
    transaction then links them to their territories and merges the rest of the batch.
  A failure — including the server or our own process stopping mid-write — rolls the final
  transaction back; staged nodes are deleted then, or by the next write if we could not
  (``clear_staged_leftovers``). BENCHMARKS.md has the figures (a national import: 99 s in one
  transaction, 57 s staged).
* Constraints are created on first use (``CREATE CONSTRAINT ... IF NOT EXISTS``).
* Works with ``bolt://`` (one server), ``neo4j://`` (routing: clusters) and ``neo4j+s://`` (Aura).
* The password is handed to the driver and never appears in a message.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import networkx as nx
import neo4j
from neo4j import exceptions as neo4j_errors

from ..cypher import queries, query
from ..errors import (
    EcosystemError,
    StoreAuthError,
    StoreError,
    StoreUnreachableError,
    StoreWriteInterrupted,
)
from ..graph import build_graph
from ..i18n import tr
from ..model import STATUS_SLOT, Batch, LinkStatus, LinkType, NodeKind, WriteSummary
from .base import Store, TerritoryOverview

__all__ = ["Neo4jStore", "SCHEMES"]

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_STATUS_TYPES = [s.value for s in LinkStatus]

T = TypeVar("T")
Rows = list[dict[str, Any]]


def _public_uri(uri: str) -> str:
    """The URI without any user:password@ part, fit to print."""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what caused it, and so on, through exception groups too (the driver wraps the
    system's reason: a certificate refused, a connection closed)."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [error]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        stack += [e.__cause__, e.__context__]
        if isinstance(e, BaseExceptionGroup):
            stack += list(e.exceptions)


class Neo4jStore(Store):
    """The ecosystem graph in a Neo4j database (5.26 LTS or newer)."""

    #: rows per UNWIND query (BENCHMARKS.md compares sizes)
    DEFAULT_BATCH_SIZE = 5000
    #: a write is staged when it has at least this many rows new to the database (nodes, and links
    #: between two of them); smaller writes are one transaction
    STAGE_FROM = 5000
    #: transactions staging a write at once (the server runs each on one core)
    WRITE_WORKERS = 2
    #: seconds a write waits for another one before ``notify`` says so
    WAIT_NOTICE_AFTER = 3.0

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        stage_from: int = STAGE_FROM,
        write_workers: int = WRITE_WORKERS,
        connection_timeout: float = 10.0,
        notify: Callable[[str], None] | None = None,
        wait_notice_after: float = WAIT_NOTICE_AFTER,
    ) -> None:
        """``notify``: called with a sentence for the coordinator when a write has waited
        ``wait_notice_after`` seconds for another write to the same database (the CLI prints it)."""
        self.uri = _public_uri(uri)
        self.notify = notify
        self.wait_notice_after = wait_notice_after
        self.user = user
        self.database = database or None
        self.batch_size = batch_size
        self.stage_from = stage_from
        self.write_workers = max(1, write_workers)
        self._password = password
        scheme = urlsplit(uri).scheme
        if scheme not in SCHEMES:
            raise StoreError("neo4j_bad_uri", uri=self.uri)
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password) if password is not None else None,
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout * 2,
                max_transaction_retry_time=15.0,
                user_agent="ecosystem-mapper",
                notifications_min_severity="OFF",  # planner hints are for developers, not coordinators
            )
        except (neo4j_errors.ConfigurationError, ValueError) as e:
            raise StoreError("neo4j_bad_uri", uri=self.uri) from e
        self._ready = False

    def describe(self) -> str:
        return tr(
            "store.neo4j",
            uri=self.uri,
            user=self.user,
            database=self.database or tr("store.default_database"),
        )

    def close(self) -> None:
        self._driver.close()

    # --- plumbing -----------------------------------------------------------------------------

    def _detail(self, error: BaseException) -> str:
        """The useful part of a driver message: the system's reason when there is one
        ("[Errno 111] Connection refused", "timed out"), else its first line."""
        lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
        reasons = [line.rsplit("(reason ", 1)[1].rstrip(")") for line in lines if "(reason " in line]
        text = reasons[-1] if reasons else (lines[0] if lines else type(error).__name__)
        if self._password:
            text = text.replace(self._password, "***")
        return text[:200]

    @contextmanager
    def _translated(self, writing: bool) -> Iterator[None]:
        """Turn driver errors into one-line EcosystemErrors (never with the password)."""
        try:
            yield
        except EcosystemError:
            raise
        except neo4j_errors.AuthError as e:
            raise StoreAuthError("neo4j_auth", uri=self.uri, user=self.user) from e
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as e:
            if writing and self._ready:
                raise StoreWriteInterrupted("neo4j_interrupted", uri=self.uri, detail=self._detail(e)) from e
            untrusted = next((c for c in _causes(e) if isinstance(c, ssl.SSLCertVerificationError)), None)
            if untrusted is not None:
                detail = untrusted.verify_message or self._detail(untrusted)
                raise StoreUnreachableError("neo4j_certificate", uri=self.uri, detail=detail) from e
            if "+s" not in urlsplit(self.uri).scheme and any("incomplete handshake" in str(c) for c in _causes(e)):
                raise StoreUnreachableError("neo4j_needs_tls", uri=self.uri) from e
            raise StoreUnreachableError("neo4j_unreachable", uri=self.uri, detail=self._detail(e)) from e
        except neo4j_errors.Neo4jError as e:
            if e.code and "MemoryPoolOutOfMemoryError" in e.code:
                raise StoreError("neo4j_memory", uri=self.uri) from e
            detail = e.code or self._detail(e)
            if writing:
                detail = f"{detail}: {self._detail(e)}"
            raise StoreError("neo4j_failed", detail=detail) from e
        except neo4j_errors.DriverError as e:
            raise StoreError("neo4j_failed", detail=self._detail(e)) from e

    def _run(self, work: Callable[[neo4j.ManagedTransaction], T], *, write: bool) -> T:
        with self._translated(writing=write):
            self._ensure_ready()
            with self._driver.session(database=self.database) as session:
                return session.execute_write(work) if write else session.execute_read(work)

    def _ensure_ready(self) -> None:
        """Check the server answers and create the constraints, once per store."""
        if self._ready:
            return
        self._driver.verify_connectivity()
        with self._driver.session(database=self.database) as session:
            for name, q in queries().items():
                if name.startswith("schema_"):
                    session.run(q.text).consume()
        self._ready = True

    def _chunks(self, rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
        for start in range(0, len(rows), self.batch_size):
            yield rows[start : start + self.batch_size]

    # --- writing ------------------------------------------------------------------------------

    def _write(self, batch: Batch, dry_run: bool) -> WriteSummary:
        territories = [{"key": k, "name": v} for k, v in batch.territories.items()]
        node_rows = batch.node_rows()
        link_rows = [
            {**row, "slot_types": _STATUS_TYPES if row["slot"] == STATUS_SLOT else [row["type"]]}
            for row in batch.link_rows()
        ]
        if dry_run:
            return self._dry_run(territories, node_rows, link_rows)
        with self._translated(writing=True):
            self._ensure_ready()
            with self._driver.session(database=self.database) as session:
                tx = self._begin_write(session)
                staged = False
                try:
                    new_nodes, new_links, node_rows, link_rows = self._split(tx, node_rows, link_rows)
                    summary = WriteSummary()
                    if new_nodes:
                        staged = True
                        self._stage(new_nodes, new_links, summary)
                    self._merge(tx, territories, new_nodes, node_rows, link_rows, summary)
                    tx.commit()
                    return summary
                except BaseException as error:
                    try:
                        tx.close()  # rolls back and releases the write lock
                    except Exception:  # noqa: BLE001 - the server may be gone; the error below says so
                        pass
                    if staged and isinstance(error, Exception):
                        self._discard_staged()
                    raise

    def _split(self, tx: neo4j.Transaction, node_rows: Rows, link_rows: Rows) -> tuple[Rows, Rows, Rows, Rows]:
        """(nodes to stage, links to stage, nodes to merge, links to merge). Staged: the nodes new
        to the database and the links between two of them, when there are enough; else nothing
        is staged and the whole write is merged in one transaction."""
        if len(node_rows) + len(link_rows) < self.stage_from:
            return [], [], node_rows, link_rows
        existing: set[str] = set()
        for chunk in self._chunks([row["uid"] for row in node_rows]):
            existing.update(tx.run(query("existing_uids"), rows=chunk).single(strict=True)["existing"])
        new_nodes = [row for row in node_rows if row["uid"] not in existing]
        new_uids = {row["uid"] for row in new_nodes}
        new_links = [row for row in link_rows if row["source"] in new_uids and row["target"] in new_uids]
        if len(new_nodes) + len(new_links) < self.stage_from:
            return [], [], node_rows, link_rows
        old_nodes = [row for row in node_rows if row["uid"] in existing]
        other_links = [row for row in link_rows if not (row["source"] in new_uids and row["target"] in new_uids)]
        return new_nodes, new_links, old_nodes, other_links

    def _stage(self, new_nodes: list[dict[str, Any]], new_links: list[dict[str, Any]], summary: WriteSummary) -> None:
        """Create the new nodes, then the links between them, in parallel transactions; nothing
        of it is visible until ``publish_nodes`` runs in the final transaction."""
        staged = sum(record["staged"] for record in self._in_parallel("stage_nodes", new_nodes))
        if staged != len(new_nodes):
            raise StoreError("neo4j_staged_lost", missing=len(new_nodes) - staged)
        links = [{k: row[k] for k in ("source", "target", "type", "props")} for row in new_links]
        written = self._count(self._in_parallel("stage_links", links), summary, LinkType)
        if written != len(links):
            raise StoreError("neo4j_incomplete", missing=len(links) - written)

    def _in_parallel(self, name: str, rows: list[dict[str, Any]]) -> list[neo4j.Record]:
        """Run the named write query on ``rows``, one transaction per chunk, ``write_workers`` at once."""
        text = query(name)

        def run(chunk: list[dict[str, Any]]) -> list[neo4j.Record]:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(lambda tx: list(tx.run(text, rows=chunk)))

        # at least two chunks per worker when there is enough to share, so that none idles
        size = min(self.batch_size, max(500, -(-len(rows) // (2 * self.write_workers))))
        with ThreadPoolExecutor(self.write_workers, thread_name_prefix="ecosystem-stage") as pool:
            futures = [pool.submit(run, rows[i : i + size]) for i in range(0, len(rows), size)]
            try:
                return [record for future in futures for record in future.result()]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def _merge(
        self,
        tx: neo4j.Transaction,
        territories: list[dict[str, Any]],
        staged_nodes: list[dict[str, Any]],
        node_rows: list[dict[str, Any]],
        link_rows: list[dict[str, Any]],
        summary: WriteSummary,
    ) -> None:
        """The final transaction's work: territories, publishing the staged nodes, then merging
        every other node and link."""
        tx.run(query("merge_territories"), rows=territories).consume()
        published = 0
        for chunk in self._chunks([{k: row[k] for k in ("uid", "kind", "territories")} for row in staged_nodes]):
            published += self._count(tx.run(query("publish_nodes"), rows=chunk), summary, NodeKind)
        if published != len(staged_nodes):
            raise StoreError("neo4j_staged_lost", missing=len(staged_nodes) - published)
        for chunk in self._chunks(node_rows):
            self._count(tx.run(query("merge_nodes"), rows=chunk), summary, NodeKind)
        for chunk in self._chunks(link_rows):
            written = self._count(tx.run(query("merge_links"), rows=chunk), summary, LinkType)
            if written != len(chunk):
                raise StoreError("neo4j_incomplete", missing=len(chunk) - written)

    def _dry_run(
        self, territories: list[dict[str, Any]], node_rows: list[dict[str, Any]], link_rows: list[dict[str, Any]]
    ) -> WriteSummary:
        """The whole write merged in one transaction, rolled back: the counts say what would change.
        It waits for a write under way (the lock), and clears what a crashed import left staged:
        invisible anyway, those nodes would count as existing."""
        with self._translated(writing=True):
            self._ensure_ready()
            with self._driver.session(database=self.database) as session:
                tx = self._begin_write(session)
                try:
                    summary = WriteSummary()
                    self._merge(tx, territories, [], node_rows, link_rows, summary)
                    return summary
                finally:
                    tx.rollback()

    def _begin_write(self, session: neo4j.Session) -> neo4j.Transaction:
        """A transaction holding the write lock, what a crashed staged write left cleared."""
        tx = session.begin_transaction()
        try:
            self._take_write_lock(tx)
            self._clear_staged_leftovers()
        except BaseException:
            tx.close()
            raise
        return tx

    def _take_write_lock(self, tx: neo4j.Transaction | neo4j.ManagedTransaction) -> None:
        """Take the write lock in ``tx``, held until it ends. While another write holds it, this
        waits; after ``wait_notice_after`` seconds ``notify`` says so, once."""
        timer = None
        if self.notify is not None:
            timer = threading.Timer(self.wait_notice_after, self.notify, args=(tr("neo4j_waiting_for_write"),))
            timer.daemon = True
            timer.start()
        try:
            tx.run(query("take_write_lock")).consume()
        finally:
            if timer is not None:
                timer.cancel()

    def _clear_staged_leftovers(self) -> None:
        """Delete nodes staged by a write that never published them. Call with the write lock held."""
        with self._driver.session(database=self.database) as session:
            session.run(query("clear_staged_leftovers")).consume()

    def _discard_staged(self) -> None:
        """After a failed staged write: take the lock again and delete what it staged. Best effort:
        if the server is gone, the next write does it."""
        try:
            with self._driver.session(database=self.database) as session:
                self._begin_write(session).close()
        except Exception:  # noqa: BLE001 - the write's own error is the one to report
            pass

    @staticmethod
    def _count(result: neo4j.Result, summary: WriteSummary, buckets: type[NodeKind] | type[LinkType]) -> int:
        written = 0
        for record in result:
            bucket = buckets(record["bucket"])
            created, updated, total = record["created"], record["updated"], record["total"]
            summary.count(bucket, "created", created)
            summary.count(bucket, "updated", updated)
            summary.count(bucket, "unchanged", total - created - updated)
            written += total
        return written

    def _delete(self, territory_key: str) -> int:
        def work(tx: neo4j.ManagedTransaction) -> int:
            self._take_write_lock(tx)
            deleted = tx.run(query("delete_territory_nodes"), territory=territory_key).single(strict=True)["deleted"]
            tx.run(query("delete_territory"), territory=territory_key).consume()
            return deleted

        return self._run(work, write=True)

    # --- reading ------------------------------------------------------------------------------

    def run_query(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named read query ``name`` (from ``queries/``) and return its records as dicts.

        Used by the analyses' Cypher twins; values only as parameters.
        """
        text = query(name)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(text, **params)]

        return self._run(work, write=False)

    def territories(self) -> dict[str, str]:
        def work(tx: neo4j.ManagedTransaction) -> dict[str, str]:
            return {r["key"]: r["name"] for r in tx.run(query("list_territories"))}

        return self._run(work, write=False)

    def _read(self, territory_key: str, territory_name: str) -> nx.MultiDiGraph:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list, list]:
            nodes = [
                (r["uid"], r["props"], r["territories"])
                for r in tx.run(query("territory_nodes"), territory=territory_key)
            ]
            links = [
                (r["source"], r["target"], r["type"], r["props"])
                for r in tx.run(query("territory_links"), territory=territory_key)
            ]
            return nodes, links

        nodes, links = self._run(work, write=False)
        return build_graph(territory_key, territory_name, nodes, links)

    def overview(self) -> list[TerritoryOverview]:
        def work(tx: neo4j.ManagedTransaction) -> list[TerritoryOverview]:
            names = {r["key"]: r["name"] for r in tx.run(query("list_territories"))}
            nodes: dict[str, dict[str, int]] = {k: {} for k in names}
            links: dict[str, dict[str, int]] = {k: {} for k in names}
            for name, target in (("overview_nodes", nodes), ("overview_links", links)):
                for r in tx.run(query(name)):
                    target.setdefault(r["territory"], {})[r["bucket"]] = r["count"]
            return [
                TerritoryOverview(k, names[k], nodes[k], links[k])
                for k in sorted(names, key=lambda k: names[k])
            ]

        return self._run(work, write=False)
