"""Central actors at region scale: betweenness comes from igraph and brokers from biconnected
components rather than from networkx and one search per actor. Each is checked here against the
plain definition — networkx's betweenness, removing the actor and looking at what is left — on
many random ecosystems; and both stores must still agree on them.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from ecosystem import Batch, Link, LinkType, actor, chantier, enjeu, resource
from ecosystem.analysis import centrality
from ecosystem.analysis.centrality import assemble, central_actors, operational_graphs, run_central
from ecosystem.analysis.common import SCORED_CATEGORIES, category_of, prepare, without
from ecosystem.graph import build_graph

T = "Territoire aléatoire"
OP, KU, AB = LinkType.OPERATIONAL, LinkType.KNOWN_UNLINKED, LinkType.ABSENT
GOVERNANCE = (LinkType.PILOTS, LinkType.OPERATES, LinkType.ASSOCIATED_WITH)


def random_batch(seed: int, t: str = T) -> Batch:
    """A small ecosystem drawn at random: chantiers answering enjeux, actors linked to them
    (solid, dotted or absent lines, governance), resources provided by zero, one or two actors."""
    rng = random.Random(seed)
    chantiers = [chantier(f"Chantier {i}", t, code=f"{i + 1}.a") for i in range(rng.randint(2, 9))]
    enjeux = [enjeu(f"Enjeu {i}", t, code=str(i + 1)) for i in range(rng.randint(0, 3))]
    actors = [actor(f"Acteur {i}", t) for i in range(rng.randint(2, 10))]
    categories = ["intervenant", "materiel", "financement", "lieu", "autre"]
    resources = [resource(f"Ressource {i}", t, rng.choice(categories)) for i in range(rng.randint(0, 10))]
    links = []
    for r in resources:
        for a in rng.sample(actors, rng.choice([0, 1, 1, 1, 2])):
            links.append(Link(LinkType.PROVIDES, a, r))
    density = rng.uniform(0.1, 0.4)
    for c in chantiers:
        for x in actors + resources:
            if rng.random() < density:
                links.append(Link(rng.choice([OP, OP, KU, AB]), c, x))
        if enjeux and rng.random() < 0.5:
            links.append(Link(LinkType.ANSWERS, c, rng.choice(enjeux)))
        for a in actors:
            if rng.random() < 0.1:
                links.append(Link(rng.choice(GOVERNANCE), a, c))
    batch = Batch(links)
    batch.add(*chantiers, *actors)  # every actor and chantier, even without links
    return batch


def territory_graph(batch: Batch) -> nx.MultiDiGraph:
    """The territory graph of ``batch`` as a store reads it back (no store needed)."""
    nodes = [(row["uid"], row["props"], row["territories"]) for row in batch.node_rows()]
    links = [(row["source"], row["target"], row["type"], row["props"]) for row in batch.link_rows()]
    return build_graph("t", "T", nodes, links)


def operational_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    nodes, links, _ = centrality._graph_facts(graph)
    return operational_graphs(nodes, links)[0]


def kind(graph: nx.Graph, node: str) -> str:
    return graph.nodes[node]["kind"]


def random_network(seed: int) -> nx.Graph:
    """Connected or not, sparse or dense, trees, stars and cycles; labels in no particular order."""
    rng = random.Random(seed)
    n = rng.randint(3, 60)
    shape = seed % 4
    if shape == 0:
        g = nx.gnm_random_graph(n, rng.randint(n - 1, 3 * n), seed=seed)
    elif shape == 1:
        g = nx.random_labeled_tree(n, seed=seed)
    elif shape == 2:  # several components
        g = nx.disjoint_union_all([nx.gnm_random_graph(k, 2 * k, seed=seed + k) for k in (n // 3 + 2, n // 2 + 2, 3)])
    else:  # hubs with leaves, joined in a cycle
        g = nx.cycle_graph(max(3, n // 10))
        for leaf in range(n):
            g.add_edge(("hub", leaf % max(3, n // 10)), ("leaf", leaf))
            g.add_edge(("hub", leaf % max(3, n // 10)), leaf % max(3, n // 10))
    g.remove_nodes_from(list(nx.isolates(g)))
    labels = {u: f"n{rng.randrange(10**6):06d}-{i}" for i, u in enumerate(g)}
    return nx.relabel_nodes(g, labels)


def in_canonical_order(g: nx.Graph) -> nx.Graph:
    """``g`` built as the analysis builds its graphs: nodes and edges sorted."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(g))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in g.edges()))
    return ordered


def betweenness(g: nx.Graph) -> dict[str, float]:
    network = centrality._Network.of({tuple(sorted(e)) for e in g.edges()})
    return dict(zip(network.nodes, centrality._betweenness_values(network)))


# --- betweenness: igraph gives networkx's numbers -------------------------------------------------


@pytest.mark.parametrize("seed", range(16))
def test_exact_betweenness_is_networkxs(seed):
    g = random_network(seed)
    reference = nx.betweenness_centrality(g, normalized=True)
    ours = betweenness(g)
    assert ours.keys() == reference.keys()
    assert max(abs(ours[u] - reference[u]) for u in g) < 1e-9


@pytest.mark.parametrize("seed", range(16))
def test_above_the_budget_betweenness_is_networkxs_estimate_with_the_same_seed(monkeypatch, seed):
    g = random_network(seed)
    n, m = g.number_of_nodes(), g.number_of_edges()
    monkeypatch.setattr(centrality, "BETWEENNESS_MAX_WORK", n * m // 3)
    k = max(2, n * m // 3 // m)
    reference = nx.betweenness_centrality(in_canonical_order(g), k=k, normalized=True, seed=centrality.BETWEENNESS_SEED)
    ours = betweenness(g)
    assert max(abs(ours[u] - reference[u]) for u in g) < 1e-9
    exact = nx.betweenness_centrality(g, normalized=True)
    if k < n - 1 and max(exact.values()) > 0:
        assert ours != pytest.approx(exact, abs=1e-9)  # an estimate indeed


def test_the_sampled_ranking_does_not_depend_on_the_order_the_facts_come_in(monkeypatch):
    """Neo4j returns rows in any order: the estimate must not change with it."""
    monkeypatch.setattr(centrality, "BETWEENNESS_MAX_WORK", 60)
    batches = [random_batch(seed) for seed in range(30)]
    graphs = [territory_graph(b) for b in batches]
    sampled = 0
    for seed, graph in enumerate(graphs):
        nodes, links, deps = centrality._graph_facts(graph)
        rng = random.Random(seed)
        shuffled = (rng.sample(nodes, len(nodes)), rng.sample(links, len(links)), rng.sample(deps, len(deps)))
        assert assemble(*shuffled) == assemble(nodes, links, deps) == central_actors(graph)
        op = operational_graph(graph)
        sampled += op.number_of_nodes() * op.number_of_edges() > 60
    assert sampled >= 10  # most of them were estimated


# --- brokers and dependency risks: what happens when the actor leaves -----------------------------


def its_chantiers(op: nx.Graph, a: str) -> set[str]:
    """The chantiers the actor takes part in: linked to it, or using a resource it provides."""
    if a not in op:
        return set()
    found = {n for n in op[a] if kind(op, n) == "Chantier"}
    for r in (n for n in op[a] if kind(op, n) == "Resource"):
        found |= {c for c in op[r] if kind(op, c) == "Chantier"}
    return found


def separated(graph: nx.MultiDiGraph, a: str, chantiers: set[str]) -> bool:
    """Once the actor has left (with the resources only it provides, as --without does), do its
    chantiers lie in two or more parts of the operational network?"""
    after = operational_graph(without(graph, [a]))
    parts = {frozenset(nx.node_connected_component(after, c)) if c in after else c for c in chantiers}
    return len(parts) >= 2


def operational_categories(graph: nx.MultiDiGraph, c: str) -> set[str]:
    return {category_of(graph, x) for _, x, k in graph.out_edges(c, keys=True) if k == OP.value}


@pytest.mark.parametrize("seeds", [range(0, 100), range(100, 200)], ids=["0-99", "100-199"])
def test_brokers_and_dependency_risks_are_what_removing_the_actor_does(seeds):
    brokers = non_brokers = risks = 0
    for seed in seeds:
        graph = territory_graph(random_batch(seed))
        op = operational_graph(graph)
        chantier_uids = [n for n, k in graph.nodes(data="kind") if k == "Chantier"]
        for row in central_actors(graph):
            a = row.uid
            chantiers = its_chantiers(op, a)
            assert set(row.chantiers) == {graph.nodes[c]["name"] for c in chantiers}
            expected = len(chantiers) >= 2 and separated(graph, a, chantiers)
            assert row.broker == expected, (seed, row.name)
            assert set(row.connects) == ({graph.nodes[c]["name"] for c in chantiers} if expected else set())
            brokers += expected
            non_brokers += len(chantiers) >= 2 and not expected
            # a dependency risk: the chantier had an operational link of that category and would
            # have none left without the actor
            gone = without(graph, [a])
            expected_risks = {
                (graph.nodes[c]["name"], category)
                for c in chantier_uids
                for category in operational_categories(graph, c) - operational_categories(gone, c)
                if category in SCORED_CATEGORIES
            }
            assert set(row.dependencies) == expected_risks, (seed, row.name)
            risks += len(expected_risks)
    assert brokers >= 20 and non_brokers >= 20 and risks >= 50  # the draws cover every case


def test_in_a_long_chain_every_actor_between_two_chantiers_is_a_broker():
    """1,000 chantiers, each joined to the next by its own actor (one search per actor would
    cross the whole chain each time); the two ends are joined to one chantier only."""
    chantiers = [chantier(f"Chantier {i}", T, code=f"{i}.a") for i in range(1000)]
    links = [Link(OP, chantiers[i], actor(f"Acteur {i}", T)) for i in range(1000)]
    links += [Link(OP, chantiers[i + 1], actor(f"Acteur {i}", T)) for i in range(999)]
    rows = {r.name: r for r in central_actors(territory_graph(Batch(links)))}
    assert all(rows[f"Acteur {i}"].broker for i in range(999))
    assert not rows["Acteur 999"].broker
    assert rows["Acteur 0"].connects == ("0.a — Chantier 0", "1.a — Chantier 1")
    # the middle of the chain carries the most shortest paths
    assert max(rows.values(), key=lambda r: r.betweenness).name in {"Acteur 499", "Acteur 500"}


# --- both stores ------------------------------------------------------------------------------------


@pytest.mark.neo4j
@pytest.mark.parametrize("sampled", [False, True], ids=["exact", "sampled"])
def test_both_stores_agree_on_random_ecosystems(embedded_store, neo4j_store, monkeypatch, sampled):
    if sampled:
        monkeypatch.setattr(centrality, "BETWEENNESS_MAX_WORK", 60)
    territories = [f"Territoire {seed}" for seed in range(6)]
    for seed, territory in enumerate(territories):
        batch = random_batch(seed + 1000, territory)
        embedded_store.write(batch)
        neo4j_store.write(batch)
    for seed, territory in enumerate(territories):
        graph = embedded_store.read_territory(territory)
        actors = sorted(data["name"] for _, data in graph.nodes(data=True) if data["kind"] == "Actor")
        for leaving in [(), tuple(random.Random(seed).sample(actors, 2))]:
            embedded = run_central(prepare(embedded_store, territory, leaving))
            on_neo4j = run_central(prepare(neo4j_store, territory, leaving))
            assert embedded == on_neo4j, (territory, leaving)
