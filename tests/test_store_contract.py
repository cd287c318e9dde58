"""The store contract: every test runs on the embedded file and on a real Neo4j server, the
latter twice: writing in one transaction, and staging new nodes in parallel transactions first
(the path of large first imports, forced here for every write with a new node)."""

from __future__ import annotations

import networkx as nx
import pytest

from ecosystem import Batch, Link, LinkType, actor, chantier, enjeu, resource
from ecosystem.demo import demo_batch
from ecosystem.errors import ValidationError
from ecosystem.store import UnknownTerritoryError

T = "CC du Pays de Saint-Aulaye"
OTHER = "CC Isle Double Landais"


@pytest.fixture(
    params=[
        "embedded",
        pytest.param("neo4j", marks=pytest.mark.neo4j),
        pytest.param("neo4j_staged", marks=pytest.mark.neo4j),
    ]
)
def store(request: pytest.FixtureRequest):
    """Each contract test runs once per backend and Neo4j write path."""
    return request.getfixturevalue(f"{request.param}_store")


def _edge_types(graph: nx.MultiDiGraph, source: str, target: str) -> list[str]:
    return sorted(graph[source][target]) if graph.has_edge(source, target) else []


def test_a_territory_reads_back_with_every_attribute(store):
    e1 = enjeu("Comment renforcer l'attractivité du territoire grâce au numérique ?", T, code="1", impact="fort", maitrise=2)
    c1b = chantier(
        "Développer des actions à destination des jeunes (3 à 14 ans)",
        T,
        code="1.b",
        objectives=["Les jeunes de 3 à 14 ans pratiquent le numérique en ALSH"],
        actions=["Ateliers robotique", "Formation des animateurs"],
        freins=["Formation du personnel"],
        strategic=True,
    )
    caf = actor("CAF de la Dordogne", T, external_id="siret:53469010100033", email="contact@caf.example")
    funding = resource("Partenaires sociaux (CAF…)", T, "Financements", amount_eur=12000.5)
    store.write(
        Batch(
            [
                Link(LinkType.ANSWERS, c1b, e1),
                Link(LinkType.KNOWN_UNLINKED, c1b, funding, {"note": "connue, pas encore reliée"}),
                Link(LinkType.PROVIDES, caf, funding),
                Link(LinkType.PILOTS, caf, c1b),
            ]
        )
    )

    graph = store.read_territory(T)

    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph == {"territory": "cc du pays de saint aulaye", "territory_name": T}
    assert graph.nodes[c1b.uid] == {
        "uid": "chantier:cc du pays de saint aulaye:1 b",
        "kind": "Chantier",
        "name": "1.b — Développer des actions à destination des jeunes (3 à 14 ans)",
        "key": "1 b",
        "code": "1.b",
        "title": "Développer des actions à destination des jeunes (3 à 14 ans)",
        "objectives": ["Les jeunes de 3 à 14 ans pratiquent le numérique en ALSH"],
        "actions": ["Ateliers robotique", "Formation des animateurs"],
        "freins": ["Formation du personnel"],
        "strategic": True,
        "territories": ["cc du pays de saint aulaye"],
    }
    assert graph.nodes[e1.uid]["impact"] == 3 and graph.nodes[e1.uid]["maitrise"] == 2
    assert graph.nodes[caf.uid]["external_id"] == "siret:53469010100033"
    assert graph.nodes[caf.uid]["email"] == "contact@caf.example"
    assert graph.nodes[funding.uid]["category"] == "financement"
    assert graph.nodes[funding.uid]["amount_eur"] == 12000.5
    assert graph.edges[c1b.uid, funding.uid, "KNOWN_UNLINKED"] == {
        "type": "KNOWN_UNLINKED",
        "status": "KNOWN_UNLINKED",
        "note": "connue, pas encore reliée",
    }
    assert graph.edges[caf.uid, c1b.uid, "PILOTS"] == {"type": "PILOTS"}
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 4


def test_writing_the_same_map_twice_changes_nothing(store):
    first = store.write(demo_batch(T))
    before = store.read_territory(T)
    second = store.write(demo_batch(T))
    after = store.read_territory(T)

    assert first.changed and not second.changed
    assert sum(c.created for c in first.nodes.values()) == before.number_of_nodes() == 21
    assert sum(c.unchanged for c in second.nodes.values()) == 21
    assert sum(c.unchanged for c in second.links.values()) == after.number_of_edges() == 25
    assert nx.utils.graphs_equal(before, after)


def test_changing_a_status_replaces_the_link(store):
    c = chantier("Développer des actions à destination des jeunes", T, code="1.b")
    caf = actor("CAF", T)
    store.write(Batch([Link(LinkType.KNOWN_UNLINKED, c, caf, {"note": "à contacter"})]))

    summary = store.write(Batch([Link(LinkType.OPERATIONAL, c, caf)]))

    graph = store.read_territory(T)
    assert _edge_types(graph, c.uid, caf.uid) == ["OPERATIONAL"]
    assert graph.edges[c.uid, caf.uid, "OPERATIONAL"] == {"type": "OPERATIONAL", "status": "OPERATIONAL"}
    assert summary.links[LinkType.OPERATIONAL].updated == 1
    assert summary.links[LinkType.OPERATIONAL].created == 0


def test_governance_roles_coexist_but_each_is_stored_once(store):
    c = chantier("Itinérance des services", T, code="1.a")
    cc = actor("Communauté de communes", T)
    store.write(Batch([Link(LinkType.PILOTS, cc, c), Link(LinkType.OPERATES, cc, c)]))
    store.write(Batch([Link(LinkType.PILOTS, cc, c)]))
    assert _edge_types(store.read_territory(T), cc.uid, c.uid) == ["OPERATES", "PILOTS"]


def test_names_differing_by_case_accents_spaces_and_punctuation_are_one_actor(store):
    c = chantier("Itinérance des services", T)
    spellings = ["Centre social", "centre  social ", "Centre Social", "CENTRE-SOCIAL", "Céntre social."]
    summary = store.write(Batch([Link(LinkType.OPERATIONAL, c, actor(name, T)) for name in spellings]))

    graph = store.read_territory(T)
    actors = [n for n, kind in graph.nodes(data="kind") if kind == "Actor"]
    assert len(actors) == 1
    assert summary.links[LinkType.OPERATIONAL].created == 1


def test_the_same_name_in_two_territories_is_two_nodes(store):
    store.write(Batch([actor("France Services", T), actor("France Services", OTHER)]))
    a, b = store.read_territory(T), store.read_territory(OTHER)
    assert len(a) == len(b) == 1
    assert set(a) != set(b)


def test_a_shared_external_id_is_one_node_in_both_territories(store):
    caf_here = actor("CAF de la Dordogne", T, external_id="53469010100033")
    caf_there = actor("Caisse d'allocations familiales 24", OTHER, external_id="siret:534 690 101 00033")
    store.write(Batch([caf_here]))
    summary = store.write(Batch([caf_there]))

    a, b = store.read_territory(T), store.read_territory(OTHER)
    assert set(a) == set(b) == {"actor:siret:53469010100033"}
    assert a.nodes["actor:siret:53469010100033"]["territories"] == sorted(
        ["cc du pays de saint aulaye", "cc isle double landais"]
    )
    assert summary.nodes[caf_there.kind].updated == 1


def test_placeholder_siret_never_merges_distinct_lieux():
    with pytest.raises(ValidationError, match="remplissage"):
        actor("Médiathèque", T, external_id="00000000000000")


def test_a_changed_property_updates_and_keeps_the_others(store):
    store.write(Batch([actor("CAF", T, email="a@caf.example", phone="05 00 00 00 00")]))
    summary = store.write(Batch([actor("CAF", T, email="b@caf.example")]))
    node = store.read_territory(T).nodes["actor:cc du pays de saint aulaye:caf"]
    assert (node["email"], node["phone"]) == ("b@caf.example", "05 00 00 00 00")
    assert summary.nodes[node["kind"]].updated == 1


def test_overview_counts_nodes_per_kind_and_links_per_status(store):
    store.write(demo_batch(T))
    store.write(Batch([actor("Médiathèque", OTHER)]))

    overview = {o.name: o for o in store.overview()}

    assert list(overview) == [OTHER, T]
    demo = overview[T]
    assert demo.nodes == {"Actor": 10, "Resource": 8, "Chantier": 2, "Enjeu": 1}
    assert demo.links == {
        "OPERATIONAL": 5,
        "KNOWN_UNLINKED": 9,
        "ABSENT": 1,
        "ANSWERS": 2,
        "PROVIDES": 5,
        "PILOTS": 2,
        "ASSOCIATED_WITH": 1,
    }
    assert overview[OTHER].nodes == {"Actor": 1} and overview[OTHER].links == {}


def test_deleting_a_territory_keeps_what_another_territory_shares(store):
    shared = actor("CAF de la Dordogne", T, external_id="siret:53469010100033")
    c = chantier("Jeunes", T)
    store.write(Batch([Link(LinkType.OPERATIONAL, c, shared), actor("Mairie", T)]))
    store.write(Batch([actor("CAF 24", OTHER, external_id="siret:53469010100033")]))

    removed = store.delete_territory(T)

    assert removed == 2  # the chantier and the Mairie; the CAF stays in the other territory
    assert list(store.territories()) == ["cc isle double landais"]
    other = store.read_territory(OTHER)
    assert list(other) == [shared.uid]
    assert other.nodes[shared.uid]["territories"] == ["cc isle double landais"]


def test_an_unknown_territory_is_an_error_naming_the_known_ones(store):
    store.write(Batch([actor("CAF", T)]))
    with pytest.raises(UnknownTerritoryError) as error:
        store.read_territory("Grand Périgueux")
    assert "Grand Périgueux" in str(error.value) and T in str(error.value)


def test_a_territory_is_found_by_its_name_typed_differently(store):
    store.write(Batch([actor("CAF", T)]))
    assert len(store.read_territory("cc du pays de saint-aulaye")) == 1


def test_a_write_larger_than_one_batch_is_complete(store):
    c = chantier("Maillage des lieux", T)
    lieux = [actor(f"Lieu {i}", T, typologie="EPN") for i in range(180)]
    summary = store.write(Batch([Link(LinkType.KNOWN_UNLINKED, c, lieu) for lieu in lieux]))
    graph = store.read_territory(T)
    assert graph.number_of_nodes() == 181 and graph.number_of_edges() == 180
    assert summary.links[LinkType.KNOWN_UNLINKED].created == 180


@pytest.mark.neo4j
@pytest.mark.parametrize("neo4j_fixture", ["neo4j_store", "neo4j_staged_store"])
def test_both_stores_read_back_the_same_graph(embedded_store, neo4j_fixture, request):
    """What analyses and exports receive does not depend on the store."""
    neo4j_store = request.getfixturevalue(neo4j_fixture)
    shared = actor("CAF de la Dordogne", OTHER, external_id="siret:53469010100033", publics=["Jeunes", "Familles"])
    graphs = []
    for store in (embedded_store, neo4j_store):
        store.write(demo_batch(T))
        store.write(Batch([shared, actor("CAF", T, external_id="siret:53469010100033", phone="05 00 00 00 00")]))
        store.write(Batch([Link(LinkType.OPERATIONAL, chantier("x", T, code="1.b"), actor("Réseau local tiers-lieux", T))]))
        graphs.append(store.read_territory(T))
    embedded, neo4j = graphs
    assert dict(embedded.nodes(data=True)) == dict(neo4j.nodes(data=True))
    assert sorted(embedded.edges(keys=True, data=True), key=repr) == sorted(neo4j.edges(keys=True, data=True), key=repr)
    assert embedded.graph == neo4j.graph


def test_a_dry_run_counts_what_would_change_and_writes_nothing(store):
    store.write(Batch([actor("CAF", T)]))
    c = chantier("Jeunes", T, code="1.b")
    summary = store.write(Batch([Link(LinkType.OPERATIONAL, c, actor("CAF", T)), actor("Mairie", T)]), dry_run=True)
    assert summary.nodes[c.kind].created == 1
    assert summary.links[LinkType.OPERATIONAL].created == 1
    assert sorted(c.created for c in summary.nodes.values()) == [1, 1]
    assert len(store.read_territory(T)) == 1  # only the CAF, as before
