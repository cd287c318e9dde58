"""The Neo4j store: the same graph in a Neo4j database, through the official driver.

* Cypher comes only from the named queries in ``queries/`` (see :mod:`ecosystem.cypher`); values
  are always ``$parameters``; labels and relationship types come from closed enums written in
  those files, never from user text.
* Each logical write is one transaction (``session.execute_write``), sent as batched
  ``UNWIND $rows ... MERGE`` queries: a failure — including the server stopping mid-write — rolls
  everything back, and running the same write again is safe.
* Constraints are created on first use (``CREATE CONSTRAINT ... IF NOT EXISTS``).
* Works with ``bolt://`` (one server), ``neo4j://`` (routing: clusters) and ``neo4j+s://`` (Aura).
* The password is handed to the driver and never appears in a message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def _public_uri(uri: str) -> str:
    """The URI without any user:password@ part, fit to print."""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, ""))


class Neo4jStore(Store):
    """The ecosystem graph in a Neo4j database (5.26 LTS or newer)."""

    #: rows per UNWIND query inside the one write transaction (BENCHMARKS.md compares sizes)
    DEFAULT_BATCH_SIZE = 5000

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout: float = 10.0,
    ) -> None:
        self.uri = _public_uri(uri)
        self.user = user
        self.database = database or None
        self.batch_size = batch_size
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

    def write(self, batch: Batch, *, dry_run: bool = False) -> WriteSummary:
        territories = [{"key": k, "name": v} for k, v in batch.territories.items()]
        node_rows = batch.node_rows()
        link_rows = [
            {**row, "slot_types": _STATUS_TYPES if row["slot"] == STATUS_SLOT else [row["type"]]}
            for row in batch.link_rows()
        ]

        def work(tx: neo4j.ManagedTransaction) -> WriteSummary:
            summary = WriteSummary()  # rebuilt on each retry of the transaction
            tx.run(query("merge_territories"), rows=territories).consume()
            for chunk in self._chunks(node_rows):
                self._count(tx.run(query("merge_nodes"), rows=chunk), summary, NodeKind)
            for chunk in self._chunks(link_rows):
                written = self._count(tx.run(query("merge_links"), rows=chunk), summary, LinkType)
                if written != len(chunk):
                    raise StoreError("neo4j_incomplete", missing=len(chunk) - written)
            return summary

        if not dry_run:
            return self._run(work, write=True)
        with self._translated(writing=True):  # the same work in a transaction rolled back
            self._ensure_ready()
            with self._driver.session(database=self.database) as session:
                tx = session.begin_transaction()
                try:
                    return work(tx)  # type: ignore[arg-type]
                finally:
                    tx.rollback()

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
