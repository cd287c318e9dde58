"""The embedded default store: one SQLite file, nothing to install beyond pip.

Why SQLite: it ships with Python, every write is one ACID transaction (a crash, a full disk or a
killed process mid-save leaves the previous data readable — the rollback journal restores it on
next open), it locks the file against a second writer, and it stays fast at national scale
where rewriting a whole JSON file on every save would not.

The file carries ``PRAGMA application_id`` (so another SQLite file is not mistaken for ours)
and ``PRAGMA user_version`` (the format version; a file from a newer version is refused with a
message, never half-read).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import StoreBusyError, StoreCorruptError, StoreUnwritableError, StoreVersionError
from ..graph import build_graph
from ..i18n import tr
from ..model import Batch, LinkType, NodeKind, WriteSummary
from .base import Store, TerritoryOverview

__all__ = ["EmbeddedStore", "APPLICATION_ID", "SCHEMA_VERSION"]

APPLICATION_ID = 0x45434F53  # "ECOS"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE territories (key TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE nodes (uid TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE memberships (
    territory TEXT NOT NULL REFERENCES territories(key),
    uid TEXT NOT NULL REFERENCES nodes(uid),
    PRIMARY KEY (territory, uid)
) WITHOUT ROWID;
CREATE INDEX memberships_uid ON memberships(uid);
CREATE TABLE links (
    source TEXT NOT NULL REFERENCES nodes(uid),
    target TEXT NOT NULL REFERENCES nodes(uid),
    slot TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (source, target, slot)
) WITHOUT ROWID;
CREATE INDEX links_target ON links(target);
"""


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class EmbeddedStore(Store):
    """The ecosystem graph in a local SQLite file (default ``ecosystem.db`` in the working folder)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    def describe(self) -> str:
        return tr("store.embedded", path=self.path)

    # --- connection ---------------------------------------------------------------------------

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """Open the file (creating it only when ``create``); None if absent and not creating."""
        if self._conn is not None:
            return self._conn
        if not create and not self.path.exists():
            return None
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        except (OSError, sqlite3.OperationalError) as e:
            detail = getattr(e, "strerror", None) or str(e)
            raise StoreUnwritableError("store_unwritable", path=self.path, detail=detail) from e
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreCorruptError("store_corrupt", path=self.path, detail=str(e)) from e
        if app_id == 0 and tables == 0:
            self._initialise(conn)
        elif app_id != APPLICATION_ID:
            conn.close()
            raise StoreCorruptError("store_corrupt", path=self.path, detail="application_id")
        elif version > SCHEMA_VERSION:
            conn.close()
            raise StoreVersionError("store_newer", path=self.path, found=version, supported=SCHEMA_VERSION)
        conn.execute("PRAGMA foreign_keys = ON")
        self._conn = conn
        return conn

    def _initialise(self, conn: sqlite3.Connection) -> None:
        """Create the schema, unless another process did it while we waited for the lock."""
        try:
            with _transaction(conn, self.path):
                conn.execute("BEGIN IMMEDIATE")
                if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                    for statement in filter(str.strip, _SCHEMA.split(";")):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        conn = self._connect(create=False)
        try:
            yield conn
        except sqlite3.OperationalError as e:
            if "locked" in str(e):
                raise StoreBusyError("store_busy", path=self.path) from e
            raise StoreCorruptError("store_corrupt", path=self.path, detail=str(e)) from e
        except sqlite3.DatabaseError as e:
            raise StoreCorruptError("store_corrupt", path=self.path, detail=str(e)) from e

    # --- writing ------------------------------------------------------------------------------

    def _write(self, batch: Batch, dry_run: bool) -> WriteSummary:
        if dry_run and not self.path.exists():
            return _all_created(batch)
        conn = self._connect(create=not dry_run)
        assert conn is not None
        summary = WriteSummary()
        with _transaction(conn, self.path, commit=not dry_run):
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT OR IGNORE INTO territories(key, name) VALUES (?, ?)", batch.territories.items()
            )
            self._write_nodes(conn, batch, summary)
            self._write_links(conn, batch, summary)
        return summary

    def _write_nodes(self, conn: sqlite3.Connection, batch: Batch, summary: WriteSummary) -> None:
        rows = batch.node_rows()
        existing = _existing(conn, "nodes", ["uid"], [(r["uid"],) for r in rows], "data")
        members = _existing_members(conn, [r["uid"] for r in rows])
        inserts, updates, new_members = [], [], []
        for row in rows:
            uid = row["uid"]
            missing = [t for t in row["territories"] if (uid, t) not in members]
            new_members.extend((t, uid) for t in missing)
            old = existing.get((uid,))
            kind = NodeKind(row["kind"])
            if old is None:
                inserts.append((uid, row["kind"], _dump(row["props"])))
                summary.count(kind, "created")
                continue
            old_data = json.loads(old)
            merged = {**old_data, **row["props"]}
            if merged != old_data:
                updates.append((_dump(merged), uid))
            summary.count(kind, "updated" if merged != old_data or missing else "unchanged")
        conn.executemany("INSERT INTO nodes(uid, kind, data) VALUES (?, ?, ?)", inserts)
        conn.executemany("UPDATE nodes SET data = ? WHERE uid = ?", updates)
        conn.executemany("INSERT INTO memberships(territory, uid) VALUES (?, ?)", new_members)

    def _write_links(self, conn: sqlite3.Connection, batch: Batch, summary: WriteSummary) -> None:
        rows = batch.link_rows()
        keys = [(r["source"], r["target"], r["slot"]) for r in rows]
        existing = _existing(conn, "links", ["source", "target", "slot"], keys, "type, data")
        writes = []
        for key, row in zip(keys, rows):
            link_type = LinkType(row["type"])
            old = existing.get(key)
            if old is None:
                outcome, data = "created", row["props"]
            elif old[0] != row["type"]:  # status changed: the new link replaces the old one
                outcome, data = "updated", row["props"]
            else:
                old_data = json.loads(old[1])
                data = {**old_data, **row["props"]}
                outcome = "unchanged" if data == old_data else "updated"
            summary.count(link_type, outcome)
            if outcome != "unchanged":
                writes.append((*key, row["type"], _dump(data)))
        conn.executemany(
            "INSERT OR REPLACE INTO links(source, target, slot, type, data) VALUES (?, ?, ?, ?, ?)", writes
        )

    # --- reading ------------------------------------------------------------------------------

    def territories(self) -> dict[str, str]:
        with self._reading() as conn:
            if conn is None:
                return {}
            return dict(conn.execute("SELECT key, name FROM territories ORDER BY name"))

    def _read(self, territory_key: str, territory_name: str) -> nx.MultiDiGraph:
        with self._reading() as conn:
            assert conn is not None
            memberships: dict[str, list[str]] = {}
            for uid, territory in conn.execute(
                "SELECT m.uid, o.territory FROM memberships m JOIN memberships o ON o.uid = m.uid"
                " WHERE m.territory = ?",
                (territory_key,),
            ):
                memberships.setdefault(uid, []).append(territory)
            nodes = [
                (uid, json.loads(data), memberships[uid])
                for uid, data in conn.execute(
                    "SELECT n.uid, n.data FROM nodes n JOIN memberships m ON m.uid = n.uid WHERE m.territory = ?",
                    (territory_key,),
                )
            ]
            links = [
                (source, target, link_type, json.loads(data))
                for source, target, link_type, data in conn.execute(
                    "SELECT l.source, l.target, l.type, l.data FROM links l"
                    " JOIN memberships s ON s.uid = l.source AND s.territory = ?1"
                    " JOIN memberships t ON t.uid = l.target AND t.territory = ?1",
                    (territory_key,),
                )
            ]
        return build_graph(territory_key, territory_name, nodes, links)

    def overview(self) -> list[TerritoryOverview]:
        with self._reading() as conn:
            if conn is None:
                return []
            result = []
            for key, name in conn.execute("SELECT key, name FROM territories ORDER BY name").fetchall():
                nodes = dict(
                    conn.execute(
                        "SELECT n.kind, count(*) FROM nodes n JOIN memberships m ON m.uid = n.uid"
                        " WHERE m.territory = ? GROUP BY n.kind",
                        (key,),
                    )
                )
                links = dict(
                    conn.execute(
                        "SELECT l.type, count(*) FROM links l"
                        " JOIN memberships s ON s.uid = l.source AND s.territory = ?1"
                        " JOIN memberships t ON t.uid = l.target AND t.territory = ?1 GROUP BY l.type",
                        (key,),
                    )
                )
                result.append(TerritoryOverview(key, name, nodes, links))
            return result

    def _delete(self, territory_key: str) -> int:
        conn = self._connect(create=False)
        assert conn is not None
        with _transaction(conn, self.path):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM memberships WHERE territory = ?", (territory_key,))
            conn.execute("DELETE FROM territories WHERE key = ?", (territory_key,))
            orphans = "SELECT uid FROM nodes WHERE uid NOT IN (SELECT uid FROM memberships)"
            conn.execute(f"DELETE FROM links WHERE source IN ({orphans}) OR target IN ({orphans})")
            return conn.execute(f"DELETE FROM nodes WHERE uid IN ({orphans})").rowcount


def _all_created(batch: Batch) -> WriteSummary:
    """What writing ``batch`` into an empty store would do (a dry run with no file yet)."""
    summary = WriteSummary()
    for row in batch.node_rows():
        summary.count(NodeKind(row["kind"]), "created")
    for row in batch.link_rows():
        summary.count(LinkType(row["type"]), "created")
    return summary


@contextmanager
def _transaction(conn: sqlite3.Connection, path: Path, commit: bool = True) -> Iterator[None]:
    """Commit on success (roll back for a dry run); on any failure roll back, so the file keeps
    its previous content."""
    try:
        yield
        conn.execute("COMMIT" if commit else "ROLLBACK")
    except BaseException as e:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the journal restores the previous content on next open
        if isinstance(e, sqlite3.OperationalError):
            if "locked" in str(e) or "busy" in str(e):
                raise StoreBusyError("store_busy", path=path) from e
            raise StoreUnwritableError("store_unwritable", path=path, detail=str(e)) from e
        if isinstance(e, sqlite3.DatabaseError):
            raise StoreCorruptError("store_corrupt", path=path, detail=str(e)) from e
        raise


def _existing(
    conn: sqlite3.Connection, table: str, key_columns: list[str], keys: list[tuple], value_columns: str
) -> dict[tuple, Any]:
    """Look up many rows by key at once, through a temporary table joined on the key."""
    if not keys:
        return {}
    cols = ", ".join(key_columns)
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS wanted_{table} ({cols})")
    conn.execute(f"DELETE FROM wanted_{table}")
    conn.executemany(f"INSERT INTO wanted_{table} VALUES ({', '.join('?' * len(key_columns))})", keys)
    join = " AND ".join(f"t.{c} = w.{c}" for c in key_columns)
    n = len(key_columns)
    found = {}
    for row in conn.execute(
        f"SELECT {', '.join('t.' + c for c in key_columns)}, {value_columns} FROM {table} t JOIN wanted_{table} w ON {join}"
    ):
        values = row[n:]
        found[tuple(row[:n])] = values[0] if len(values) == 1 else values
    return found


def _existing_members(conn: sqlite3.Connection, uids: list[str]) -> set[tuple[str, str]]:
    if not uids:
        return set()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_members (uid)")
    conn.execute("DELETE FROM wanted_members")
    conn.executemany("INSERT INTO wanted_members VALUES (?)", [(u,) for u in uids])
    return set(conn.execute("SELECT m.uid, m.territory FROM memberships m JOIN wanted_members w ON w.uid = m.uid"))
