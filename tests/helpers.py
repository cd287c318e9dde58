"""Small builders shared by tests (importable by a test's subprocess: no pytest here)."""

from __future__ import annotations

from ecosystem import Batch, Link, LinkType, actor, chantier

T = "CC du Pays de Saint-Aulaye"


def big_batch(n: int) -> Batch:
    """n actors known to one of 50 chantiers: 2n + 50 writes."""
    chantiers = [chantier(f"Chantier {i}", T, code=f"9.{i}") for i in range(50)]
    return Batch(
        Link(LinkType.KNOWN_UNLINKED, chantiers[i % 50], actor(f"Lieu {i}", T, typologie="EPN", n=i)) for i in range(n)
    )


def first_map() -> Batch:
    """What the coordinator had saved before the interrupted write."""
    return Batch([Link(LinkType.OPERATIONAL, chantier("Jeunes", T, code="1.b"), actor("CAF", T))])


def assert_only_the_first_map(graph) -> None:
    assert sorted(graph.nodes[n]["name"] for n in graph) == ["1.b — Jeunes", "CAF"]
    assert graph.number_of_edges() == 1
