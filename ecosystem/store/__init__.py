"""Stores: where the ecosystem graph lives. One interface (:class:`Store`), two backends.

* :class:`EmbeddedStore` — the default: a local SQLite file, nothing to install beyond pip.
* :class:`Neo4jStore` — a Neo4j server (Desktop, a server, a cluster or Aura).

:func:`open_store` picks one from the same settings the CLI takes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .base import Store, TerritoryOverview, UnknownTerritoryError
from .embedded import EmbeddedStore
from .neo4j import Neo4jStore

__all__ = [
    "DEFAULT_STORE_FILE",
    "EmbeddedStore",
    "Neo4jStore",
    "Store",
    "TerritoryOverview",
    "UnknownTerritoryError",
    "open_store",
]

DEFAULT_STORE_FILE = "ecosystem.db"


def open_store(
    path: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
    notify: Callable[[str], None] | None = None,
) -> Store:
    """Open the Neo4j store when a URI is given, else the embedded file (``ecosystem.db`` here).

    Unset Neo4j settings fall back to ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``.
    ``notify``: told when a Neo4j write waits for another one (the embedded store refuses a second
    writer after 5 s instead, with an error).
    """
    if neo4j_uri:
        return Neo4jStore(
            neo4j_uri,
            user=neo4j_user or os.environ.get("NEO4J_USER") or "neo4j",
            password=neo4j_password if neo4j_password is not None else os.environ.get("NEO4J_PASSWORD"),
            database=neo4j_database or os.environ.get("NEO4J_DATABASE"),
            notify=notify,
        )
    return EmbeddedStore(path or DEFAULT_STORE_FILE)
