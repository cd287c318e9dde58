"""The one store interface every backend implements, and what it returns.

A store keeps the nodes and links of several territories. It writes a :class:`~ecosystem.model.Batch`
all or nothing (no reader ever sees half of it) and reads one territory back as a networkx ``MultiDiGraph``
(see :mod:`ecosystem.graph`), which is what analyses and exports consume.
"""

from __future__ import annotations

import gc
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import networkx as nx

from ..errors import EcosystemError
from ..i18n import tr
from ..model import Batch, WriteSummary, normalize_name

__all__ = ["Store", "TerritoryOverview", "UnknownTerritoryError", "gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a store builds millions of small objects
    (rows to send, records read back). They hold no cycles and are freed by reference counting
    as usual; with the collector running, its full passes re-scan the whole batch again and
    again: building the rows of a national import took 37 s instead of 6 s (BENCHMARKS.md)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class UnknownTerritoryError(EcosystemError, LookupError):
    """No territory of that name is stored."""


@dataclass(frozen=True)
class TerritoryOverview:
    """Counts for ``ecosystem status``: nodes per kind and links per type of one territory."""

    key: str
    name: str
    nodes: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)


class Store(ABC):
    """Where the ecosystem graph lives: the embedded file or a Neo4j database."""

    @abstractmethod
    def describe(self) -> str:
        """One line naming the store for people (never a password)."""

    def write(self, batch: Batch, *, dry_run: bool = False) -> WriteSummary:
        """Write ``batch`` all or nothing and count what was created, updated, unchanged.

        With ``dry_run`` the write is done in a transaction rolled back: the counts say what would change.
        """
        with gc_paused():
            return self._write(batch, dry_run)

    @abstractmethod
    def _write(self, batch: Batch, dry_run: bool) -> WriteSummary:
        """The backend's :meth:`write`."""

    @abstractmethod
    def territories(self) -> dict[str, str]:
        """Stored territories: key -> display name."""

    @abstractmethod
    def _read(self, territory_key: str, territory_name: str) -> nx.MultiDiGraph:
        """Read one stored territory (its key is known to exist)."""

    @abstractmethod
    def overview(self) -> list[TerritoryOverview]:
        """Node and link counts per territory, sorted by territory name."""

    @abstractmethod
    def _delete(self, territory_key: str) -> int:
        """Delete a stored territory; return how many nodes were removed."""

    def close(self) -> None:
        """Release connections; the store can't be used afterwards."""

    def read_territory(self, territory: str) -> nx.MultiDiGraph:
        """Read a territory (by name or key) back as a ``MultiDiGraph`` with every attribute."""
        key, name = self.resolve_territory(territory)
        with gc_paused():
            return self._read(key, name)

    def delete_territory(self, territory: str) -> int:
        """Delete a territory's nodes and links; nodes shared with another territory stay there."""
        key, _ = self.resolve_territory(territory)
        return self._delete(key)

    def resolve_territory(self, territory: str) -> tuple[str, str]:
        """Return (key, display name) of a stored territory given its name or key."""
        known = self.territories()
        key = normalize_name(territory)
        if key not in known:
            listed = ", ".join(sorted(known.values())) or tr("cli.none")
            raise UnknownTerritoryError("unknown_territory", name=territory, known=listed)
        return key, known[key]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
