"""The exception hierarchy: one root, small subclasses, messages a coordinator can act on.

Every error carries a message id from :mod:`ecosystem.i18n` and its parameters, so the same
error reads in French or English depending on the chosen language. The CLI prints
``str(error)`` as one line and exits 1.
"""

from __future__ import annotations

from .i18n import tr

__all__ = [
    "EcosystemError",
    "ValidationError",
    "StoreError",
    "StoreCorruptError",
    "StoreVersionError",
    "StoreUnwritableError",
    "StoreBusyError",
    "StoreUnreachableError",
    "StoreAuthError",
    "StoreWriteInterrupted",
    "QueryNotFoundError",
]


class EcosystemError(Exception):
    """Root of every error the tool reports to its user."""

    def __init__(self, message_id: str, /, **params: object) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(message_id)

    def __str__(self) -> str:
        return tr(self.message_id, **self.params)


class ValidationError(EcosystemError, ValueError):
    """A value does not fit the domain model (empty name, bad level, bad external id...)."""


class StoreError(EcosystemError):
    """The store could not be opened, read or written."""


class StoreCorruptError(StoreError):
    """The embedded store file is not a readable ecosystem store."""


class StoreVersionError(StoreError):
    """The embedded store file was written by a newer version."""


class StoreUnwritableError(StoreError):
    """The embedded store could not be saved (disk full, permission denied); nothing changed."""


class StoreBusyError(StoreError):
    """Another process holds the embedded store's lock."""


class StoreUnreachableError(StoreError):
    """The Neo4j server cannot be reached."""


class StoreAuthError(StoreError):
    """The Neo4j server refused the credentials."""


class StoreWriteInterrupted(StoreError):
    """A write was interrupted and rolled back; running it again is safe."""


class QueryNotFoundError(EcosystemError, KeyError):
    """No named Cypher query has that name."""

    def __str__(self) -> str:  # KeyError would quote the message otherwise
        return EcosystemError.__str__(self)
