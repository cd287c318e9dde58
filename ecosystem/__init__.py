"""ecosystem — map the partners and resources of a territorial digital-inclusion roadmap.

The library behind the ``ecosystem`` command. Typical use::

    from ecosystem import Batch, Link, LinkType, actor, chantier, open_store

    territory = "CC du Pays de Saint-Aulaye"
    c = chantier("Développer des actions à destination des jeunes", territory, code="1.b")
    caf = actor("CAF de la Dordogne", territory)
    with open_store() as store:
        store.write(Batch([Link(LinkType.KNOWN_UNLINKED, c, caf)]))
        graph = store.read_territory(territory)   # a networkx MultiDiGraph
"""

from .errors import EcosystemError, ValidationError
from .i18n import set_language
from .model import (
    Batch,
    GovernanceRole,
    Link,
    LinkStatus,
    LinkType,
    Node,
    NodeKind,
    ResourceCategory,
    WriteSummary,
    actor,
    chantier,
    enjeu,
    normalize_name,
    resource,
)
from .store import EmbeddedStore, Neo4jStore, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Batch",
    "EcosystemError",
    "EmbeddedStore",
    "GovernanceRole",
    "Link",
    "LinkStatus",
    "LinkType",
    "Neo4jStore",
    "Node",
    "NodeKind",
    "ResourceCategory",
    "Store",
    "ValidationError",
    "WriteSummary",
    "actor",
    "chantier",
    "enjeu",
    "normalize_name",
    "open_store",
    "resource",
    "set_language",
]
