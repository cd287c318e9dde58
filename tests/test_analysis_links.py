"""Missing links: activations of known links, and suggested new links, on hand-checked fixtures.

Every fixture is checked on the networkx analysis (embedded store) and, for parity, on the
Cypher twin (a real Neo4j): both must give the very same ``as_dict()`` rows.
"""

from __future__ import annotations

import pytest

from ecosystem import i18n
from ecosystem.analysis.common import prepare
from ecosystem.analysis.links import (
    REASONS,
    SUGGESTIONS_PER_CHANTIER,
    activations,
    activations_cypher,
    run_missing,
    suggestions,
    suggestions_cypher,
)
from ecosystem.demo import DEMO_TERRITORY, demo_batch
from ecosystem.model import Batch, Link, LinkType, actor, chantier, enjeu, resource

T = "CC du Pays de Saint-Aulaye"
OTHER = "CC Isle Double Landais"
OP, KU, AB = LinkType.OPERATIONAL, LinkType.KNOWN_UNLINKED, LinkType.ABSENT
STATUS = {"OPERATIONAL", "KNOWN_UNLINKED", "ABSENT"}
GOVERNANCE = {"PILOTS", "OPERATES", "ASSOCIATED_WITH"}

CONTRIBUTION = "Contribution en compétences et/ou en matériel (conseillers numériques, bénévoles experts, robots…)"
ENJEU_1 = "Comment renforcer l'attractivité du territoire grâce au numérique ?"


# --- fixtures (hand-checked expectations in each test) ---------------------------------------


def demo_with_absent_elsewhere() -> Batch:
    """The seed, plus a chantier 1.c of the same enjeu on which "Contribution…" is operational:
    without the ABSENT mark it would be suggested to 1.b (same enjeu)."""
    d = DEMO_TERRITORY
    e1 = enjeu(ENJEU_1, d, code="1", impact=4, maitrise=2)
    c1c = chantier("Former les aidants numériques", d, code="1.c")
    contribution = resource(CONTRIBUTION, d, "financement")
    return demo_batch().add(Link(LinkType.ANSWERS, c1c, e1), Link(OP, c1c, contribution))


def same_enjeu_batch() -> Batch:
    """Enjeu 2 has chantiers 2.a and 2.b; enjeu 3 has 3.a."""
    e2 = enjeu("Comment rendre les démarches en ligne accessibles à tous ?", T, code="2")
    e3 = enjeu("Comment équiper les foyers ?", T, code="3")
    c2a = chantier("Accompagner les démarches administratives en ligne", T, code="2.a")
    c2b = chantier("Ouvrir des permanences numériques dans les mairies", T, code="2.b")
    c3a = chantier("Collecter et reconditionner des ordinateurs", T, code="3.a")
    fs = actor("Maison France Services", T)
    mairie = actor("Mairie de Saint-Aulaye", T)
    ccas = actor("CCAS", T, email="ccas@example.org", telephone="05 53 00 00 00")
    cn = resource("Conseillère numérique du CCAS", T, "intervenant")
    return Batch(
        [
            Link(LinkType.ANSWERS, c2a, e2),
            Link(LinkType.ANSWERS, c2b, e2),
            Link(LinkType.ANSWERS, c3a, e3),
            Link(OP, c2a, fs),
            Link(OP, c2a, mairie),
            Link(OP, c2a, cn),
            Link(LinkType.PROVIDES, ccas, cn),
            Link(LinkType.PILOTS, mairie, c2b),  # the mairie pilots 2.b: never suggested there
            Link(KU, c2b, cn),  # known on 2.b: an activation, not a suggestion
            Link(AB, c3a, fs),  # explicitly no link: never suggested
        ]
    )


def open_data_batch() -> Batch:
    """The seed plus three lieux of the open data, as the importer writes them."""
    d = DEMO_TERRITORY
    media = actor(
        "Médiathèque de Ribérac",
        d,
        external_id="lieu:mednum-001",
        origin="open_data_mediation_numerique",
        services=["Parentalité et éducation avec le numérique", "Aide aux démarches administratives"],
        publics=["Jeunes", "Familles et/ou enfants"],
        courriels=["mediatheque@example.org"],
        telephone="+33553000001",
    )
    aines = actor(
        "Club informatique des aînés",
        d,
        external_id="lieu:mednum-002",
        origin="open_data_mediation_numerique",
        services=["Maîtrise des outils numériques du quotidien"],
        publics=["Seniors"],
    )
    ludo = actor(
        "Ludothèque du Ribéracois",
        d,
        external_id="lieu:mednum-003",
        origin="open_data_mediation_numerique",
        services=["Parentalité et éducation avec le numérique"],
    )
    c1b = chantier("Développer des actions à destination des jeunes (3 à 14 ans)", d, code="1.b", publics=["Jeunes"])
    return demo_batch().add(media, aines, Link(KU, c1b, ludo))


def two_territories_batch() -> Batch:
    """A lieu shared by two territories (same external id) and a resource whose provider lives
    in the other territory: each territory's analysis sees its own links only."""
    shared_t = actor("Emmaüs Connect", T, external_id="lieu:emmaus-1")
    shared_o = actor("Emmaüs Connect", OTHER, external_id="lieu:emmaus-1")
    a1 = chantier("Équiper les familles", T, code="4.a")
    a2 = chantier("Réduire la fracture numérique", T, code="4.b")
    b1 = chantier("Reconditionner du matériel", OTHER, code="1.a")
    b2 = chantier("Former les bénévoles", OTHER, code="1.b")
    fund = resource("Fonds départemental", T, "financement")
    giver = actor("Département voisin", OTHER)
    return Batch(
        [
            Link(OP, a1, shared_t),
            Link(OP, b1, shared_o),
            a2,
            b2,
            Link(KU, a2, fund),
            Link(LinkType.PROVIDES, giver, fund),
        ]
    )


FIXTURES = {
    "demo": (demo_batch, DEMO_TERRITORY, [[], ["CAF"], ["Réseau local CnFS", "Communes (périscolaire, ALSH)"]]),
    "demo_absent": (demo_with_absent_elsewhere, DEMO_TERRITORY, [[], ["Centres sociaux / Espaces de vie sociale"]]),
    "same_enjeu": (same_enjeu_batch, T, [[], ["CCAS"], ["Maison France Services", "Mairie de Saint-Aulaye"]]),
    "open_data": (open_data_batch, DEMO_TERRITORY, [[], ["Médiathèque de Ribérac"]]),
    "two_territories": (two_territories_batch, T, [[]]),
    "two_territories_other": (two_territories_batch, OTHER, [[]]),
}


def _run(store, batch_factory, territory, without=()):
    store.write(batch_factory())
    return run_missing(prepare(store, territory, without))


def _by_pair(found):
    return {(s.chantier_code, s.target): s for s in found}


# --- activations -------------------------------------------------------------------------------


def test_activating_the_caf_funding_closes_the_financement_gap_of_1b(embedded_store):
    acts, _ = _run(embedded_store, demo_batch, DEMO_TERRITORY)
    by_name = {a.name: a for a in acts}

    caf = by_name["Partenaires sociaux (CAF…)"]
    assert caf.category == "financement"
    assert caf.gaps_closed == 1
    assert [(c.code, c.closes_gap) for c in caf.chantiers] == [("1.b", True)]
    assert [p.name for p in caf.providers] == ["CAF"]
    assert caf.sentence() == (
        "Activer le lien avec « Partenaires sociaux (CAF…) » comblerait le manque de financement "
        "du chantier 1.b. Qui l'apporte : CAF."
    )
    # 1.b already has operational intervenants and partners: activating these closes no gap.
    for name in ("Animateurs Bus numérique Grand Périgueux", "Fab Lab du territoire / tiers-lieux", "Réseau local tiers-lieux"):
        assert by_name[name].gaps_closed == 0
        assert "sans combler de manque" in by_name[name].sentence()
    # Ranked: the six that close a gap first; the ABSENT "Contribution…" is no activation.
    assert [a.gaps_closed for a in acts] == [1, 1, 1, 1, 1, 1, 0, 0, 0]
    assert CONTRIBUTION not in by_name
    assert by_name["Matériels reconditionnés"].chantiers[0].code == "1.a"


def test_an_activation_gives_the_providers_contacts(embedded_store):
    acts, _ = _run(embedded_store, same_enjeu_batch, T)
    (cn,) = acts
    assert cn.as_dict() == {
        "uid": "resource:cc du pays de saint aulaye:conseillere numerique du ccas",
        "name": "Conseillère numérique du CCAS",
        "kind": "Resource",
        "category": "intervenant",
        "gaps_closed": 1,
        "chantiers": [
            {
                "uid": "chantier:cc du pays de saint aulaye:2 b",
                "code": "2.b",
                "name": "2.b — Ouvrir des permanences numériques dans les mairies",
                "closes_gap": True,
            }
        ],
        "providers": [
            {
                "uid": "actor:cc du pays de saint aulaye:ccas",
                "name": "CCAS",
                "emails": ["ccas@example.org"],
                "phones": ["05 53 00 00 00"],
            }
        ],
        "emails": [],
        "phones": [],
    }
    assert cn.sentence().endswith("Qui l'apporte : CCAS (ccas@example.org, 05 53 00 00 00).")


def test_sentences_follow_the_language(embedded_store):
    acts, sugg = _run(embedded_store, demo_batch, DEMO_TERRITORY)
    caf = next(a for a in acts if a.name == "Partenaires sociaux (CAF…)")
    i18n.set_language("en")
    assert caf.sentence() == (
        "Activating the link with \"Partenaires sociaux (CAF…)\" would fill the funding gap of chantier 1.b. "
        "Provided by: CAF."
    )
    assert sugg[0].sentence().startswith("Chantier 1.a could draw on")


# --- suggestions -------------------------------------------------------------------------------


def test_a_partner_operational_on_2a_is_suggested_to_2b_for_the_same_enjeu(embedded_store):
    _, found = _run(embedded_store, same_enjeu_batch, T)
    assert [(s.chantier_code, s.target, s.reason, s.score, s.fills_gap) for s in found] == [
        ("2.b", "Maison France Services", "same_enjeu", 0.8, True),
        ("3.a", "Conseillère numérique du CCAS", "territory", 0.5, True),
        ("3.a", "Mairie de Saint-Aulaye", "territory", 0.5, True),
    ]
    fs = found[0]
    assert [v.code for v in fs.via] == ["2.a"]
    assert fs.enjeux == ("Comment rendre les démarches en ligne accessibles à tous ?",)
    assert fs.sentence() == (
        "Le chantier 2.b pourrait s'appuyer sur « Maison France Services » (partenaire) : ce lien est déjà "
        "opérationnel pour le même enjeu « Comment rendre les démarches en ligne accessibles à tous ? », "
        "sur le chantier 2.a. Cela comblerait le manque de partenaire de ce chantier."
    )
    assert "ailleurs dans le territoire" in found[1].sentence()
    # The mairie pilots 2.b; the CCAS's conseillère is known (dotted) on 2.b; France Services is
    # marked ABSENT on 3.a: none of these is suggested.
    pairs = set(_by_pair(found))
    assert ("2.b", "Mairie de Saint-Aulaye") not in pairs
    assert ("2.b", "Conseillère numérique du CCAS") not in pairs
    assert ("3.a", "Maison France Services") not in pairs


def test_the_seed_suggests_1b_partners_to_1a_and_never_the_absent_contribution(embedded_store):
    _, found = _run(embedded_store, demo_with_absent_elsewhere, DEMO_TERRITORY)
    pairs = _by_pair(found)
    assert ("1.b", CONTRIBUTION) not in pairs  # ABSENT on 1.b, on purpose
    assert pairs[("1.a", CONTRIBUTION)].reason == "same_enjeu"  # operational on 1.c, same enjeu
    assert pairs[("1.a", CONTRIBUTION)].score == 0.8  # 1.a has no funding: fills a gap
    # The centre social is known (dotted) on 1.a: an activation, never a suggestion there.
    assert ("1.a", "Centres sociaux / Espaces de vie sociale") not in pairs
    assert pairs[("1.c", "Centres sociaux / Espaces de vie sociale")].reason == "same_enjeu"
    assert {t for (c, t), s in pairs.items() if c == "1.a" and s.reason == "same_enjeu"} == {
        CONTRIBUTION,
        "Réseau local CnFS",
        "Communes (périscolaire, ALSH)",
        "Animateurs ALSH formés et/ou en formation",
        "Conseillers numériques",
    }


def test_an_open_data_lieu_matching_a_youth_chantier_is_suggested_with_the_matched_words(embedded_store):
    _, found = _run(embedded_store, open_data_batch, DEMO_TERRITORY)
    lieux = [s for s in found if s.reason == "services_publics"]
    assert [(s.chantier_code, s.target) for s in lieux] == [("1.b", "Médiathèque de Ribérac")]
    media = lieux[0]
    assert media.matched_words == ("jeunes", "3 à 14 ans")
    assert media.matched_services == ("Parentalité et éducation avec le numérique",)
    assert media.matched_publics == ("Jeunes", "Familles et/ou enfants")
    assert media.score == 0.6  # 0.4 + 0.1 × 2 more values; 1.b already has partners
    assert media.sentence() == (
        "Le chantier 1.b pourrait associer « Médiathèque de Ribérac » : le chantier parle de « jeunes », "
        "« 3 à 14 ans », et la fiche de cet acteur indique les services « Parentalité et éducation avec le "
        "numérique » et les publics « Jeunes », « Familles et/ou enfants »."
    )
    # The seniors' club matches nothing; the ludothèque is already known on 1.b (an activation).
    assert "Club informatique des aînés" not in {s.target for s in found}
    assert "Ludothèque du Ribéracois" in {a.name for a in activations(embedded_store.read_territory(DEMO_TERRITORY))}


def test_each_territory_sees_its_own_links_only(embedded_store):
    acts, found = _run(embedded_store, two_territories_batch, T)
    assert [(s.chantier_code, s.target, s.reason, [v.code for v in s.via]) for s in found] == [
        ("4.b", "Emmaüs Connect", "territory", ["4.a"])
    ]
    (fund,) = acts
    assert fund.providers == ()  # its provider belongs to the other territory only


def test_without_removes_what_depends_on_the_withdrawn_actors(embedded_store):
    embedded_store.write(demo_batch())
    acts, found = run_missing(prepare(embedded_store, DEMO_TERRITORY, ["CAF"]))
    assert "Partenaires sociaux (CAF…)" not in {a.name for a in acts}

    acts, found = run_missing(
        prepare(embedded_store, DEMO_TERRITORY, ["Réseau local CnFS", "Communes (périscolaire, ALSH)"])
    )
    targets = {s.target for s in found}
    assert targets.isdisjoint(
        {"Réseau local CnFS", "Conseillers numériques", "Communes (périscolaire, ALSH)", "Animateurs ALSH formés et/ou en formation"}
    )
    # 1.b has lost its operational intervenants: activating the bus or the fab lab now closes a gap.
    by_name = {a.name: a for a in acts}
    assert by_name["Animateurs Bus numérique Grand Périgueux"].gaps_closed == 1
    assert by_name["Fab Lab du territoire / tiers-lieux"].gaps_closed == 1


@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_nothing_existing_absent_or_governing_is_ever_suggested(embedded_store, fixture):
    factory, territory, withouts = FIXTURES[fixture]
    embedded_store.write(factory())
    full = embedded_store.read_territory(territory)
    for without in withouts:
        scope = prepare(embedded_store, territory, without)
        acts, found = activations(scope.graph), suggestions(scope.graph)
        assert (acts, found) == run_missing(scope)
        pairs = [(s.chantier_uid, s.target_uid) for s in found]
        assert len(pairs) == len(set(pairs))
        for s in found:
            assert s.chantier_uid != s.target_uid
            assert full.nodes[s.chantier_uid]["kind"] == "Chantier"
            assert not STATUS & set(full.get_edge_data(s.chantier_uid, s.target_uid, default={}))
            assert not GOVERNANCE & set(full.get_edge_data(s.target_uid, s.chantier_uid, default={}))
            assert s.target_uid in scope.graph  # nothing withdrawn
            assert 0 <= s.score <= 1 and s.reason in REASONS
            assert s.sentence()
        assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
        for a in acts:
            assert a.uid in scope.graph
            for c in a.chantiers:
                assert "KNOWN_UNLINKED" in full.get_edge_data(c.uid, a.uid)
            assert a.gaps_closed == sum(c.closes_gap for c in a.chantiers)
            assert a.sentence()


# --- parity with the Cypher twins --------------------------------------------------------------


@pytest.mark.neo4j
@pytest.mark.parametrize("fixture", sorted(FIXTURES))
def test_cypher_twins_give_the_same_results_as_networkx(embedded_store, neo4j_store, fixture):
    factory, territory, withouts = FIXTURES[fixture]
    for store in (embedded_store, neo4j_store):
        store.write(factory())
    for without in withouts:
        embedded = prepare(embedded_store, territory, without)
        neo4j = prepare(neo4j_store, territory, without)
        assert neo4j.graph is None and embedded.without_uids == neo4j.without_uids
        acts_nx, sugg_nx = run_missing(embedded)
        acts_cy, sugg_cy = run_missing(neo4j)
        assert [r.as_dict() for r in acts_cy] == [r.as_dict() for r in acts_nx]
        assert [r.as_dict() for r in sugg_cy] == [r.as_dict() for r in sugg_nx]
        assert [r.sentence() for r in sugg_cy] == [r.sentence() for r in sugg_nx]
        assert acts_cy == activations_cypher(neo4j) and sugg_cy == suggestions_cypher(neo4j)
    assert acts_nx or sugg_nx  # every fixture has something to compare


# --- a generated territory: the fast code against the definition, and the twins at scale --------


def generated_batch() -> tuple[Batch, str]:
    """Two EPCIs of the benchmarks' generator (~600 elements, hubs shared by both, open-data
    lieux with services and publics): every reason, gap and tie occurs many times."""
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from bench.generate import generate

    generated = generate("epci", 42, cells=2)
    return generated.batch, generated.territory


def _biggest_providers(graph, count: int) -> list[str]:
    """The actors providing the most resources: leaving, they take resources with them."""
    provides: dict[str, int] = {}
    for source, _, key in graph.edges(keys=True):
        if key == "PROVIDES":
            provides[source] = provides.get(source, 0) + 1
    return sorted(provides, key=lambda u: (-provides[u], u))[:count]


def reference_suggestions(graph) -> list:
    """The suggestions as the module documentation defines them, one (chantier, target) pair
    at a time, as simply as possible. suggestions() computes them through indexes and caches
    so as to stay fast on a region; it must give exactly these, in the same order."""
    from dataclasses import replace

    from ecosystem.analysis import links as L
    from ecosystem.analysis.common import SCORED_CATEGORIES, category_of
    from ecosystem.model import normalize_name

    def ends(node, types, out=True):
        edges = graph.out_edges(node, keys=True) if out else graph.in_edges(node, keys=True)
        return [t if out else s for s, t, k in edges if k in types]

    def ref(c):
        return L.ChantierRef(c, graph.nodes[c].get("code"), graph.nodes[c]["name"])

    def themes_of_texts(texts):  # every phrase of THEMES tried at every word
        found: dict[str, list[str]] = {}
        for text in texts:
            words = L._words(text)
            stems = [w[0] for w in words]
            for i in range(len(words)):
                spans = []
                age = L._age_themes(stems, i)
                if age:
                    spans.append((age[0], age[1]))
                for theme, phrases in L._THEME_PHRASES.items():
                    spans += [(theme, len(p)) for p in phrases if tuple(stems[i : i + len(p)]) == p]
                for theme, size in spans:
                    surface = text[words[i][1] : words[i + size - 1][2]]
                    seen = found.setdefault(theme, [])
                    if normalize_name(surface) not in {normalize_name(w) for w in seen}:
                        seen.append(surface)
        return found

    chantier_nodes = [n for n, kind in graph.nodes(data="kind") if kind == "Chantier"]
    enjeux = {c: set(ends(c, {"ANSWERS"})) for c in chantier_nodes}
    covered = {c: {category_of(graph, t) for t in ends(c, {"OPERATIONAL"})} for c in chantier_nodes}
    candidates = []
    for x, data in graph.nodes(data=True):
        if data["kind"] not in ("Actor", "Resource"):
            continue
        linked = set(ends(x, STATUS, out=False)) | set(ends(x, GOVERNANCE))
        category = category_of(graph, x)
        operational = [c for c in ends(x, {"OPERATIONAL"}, out=False) if c in enjeux]
        offered: dict[str, set[str]] = {}  # theme -> the actor's values offering it
        services = L._as_list(data.get("services")) if data["kind"] == "Actor" else []
        publics = L._as_list(data.get("publics")) if data["kind"] == "Actor" else []
        for value in services + publics:
            for theme, values in L._THEME_VALUES.items():
                if normalize_name(value) in values:
                    offered.setdefault(theme, set()).add(normalize_name(value))
        for c in chantier_nodes:
            if c in linked:
                continue
            fills = category in SCORED_CATEGORIES and category not in covered[c]
            row = {
                "chantier_uid": c,
                "chantier_code": graph.nodes[c].get("code"),
                "chantier": graph.nodes[c]["name"],
                "target_uid": x,
                "target": data["name"],
                "target_kind": data["kind"],
                "category": category,
            }
            via = sorted((ref(o) for o in operational if o != c), key=lambda r: L._chantier_key(r.code, r.name, r.uid))
            if via:
                same = [r for r in via if enjeux[r.uid] & enjeux[c]]
                used = same or via
                tenths = (7 if same else 4) + (len(used) >= 2) + fills
                names = {graph.nodes[e]["name"] for r in same for e in enjeux[r.uid] & enjeux[c]}
                candidates.append(
                    L.Suggestion(
                        **row,
                        reason="same_enjeu" if same else "territory",
                        score=min(tenths, 10) / 10,
                        fills_gap=fills,
                        via=tuple(used),
                        enjeux=tuple(sorted(names, key=normalize_name)),
                    )
                )
            if offered:
                texts = [str(graph.nodes[c].get("title") or graph.nodes[c]["name"])] + [
                    v for key in ("objectives", "actions", "publics") for v in L._as_list(graph.nodes[c].get(key))
                ]
                found = themes_of_texts(texts)
                shared = [t for t in found if t in offered]
                if not shared:
                    continue
                values = set().union(*(offered[t] for t in shared))
                words: list[str] = []
                for w in (w for t in shared for w in found[t]):
                    if normalize_name(w) not in {normalize_name(v) for v in words}:
                        words.append(w)
                m_services = tuple(dict.fromkeys(s for s in services if normalize_name(s) in values))
                m_publics = tuple(dict.fromkeys(p for p in publics if normalize_name(p) in values))
                partner_fills = "partenaire" not in covered[c]
                tenths = 4 + min(len(m_services) + len(m_publics) - 1, 2) + partner_fills
                candidates.append(
                    L.Suggestion(
                        **{**row, "category": "partenaire"},
                        reason="services_publics",
                        score=min(tenths, 10) / 10,
                        fills_gap=partner_fills,
                        matched_words=tuple(words),
                        matched_services=m_services,
                        matched_publics=m_publics,
                    )
                )
    groups: dict[tuple[str, str], list] = {}
    for s in candidates:
        groups.setdefault((s.chantier_uid, s.target_uid), []).append(s)
    best = []
    for group in groups.values():
        group.sort(key=lambda s: (-s.score, REASONS.index(s.reason)))
        others = tuple(dict.fromkeys(s.reason for s in group[1:] if s.reason != group[0].reason))
        best.append(replace(group[0], other_reasons=others))
    return sorted(
        best,
        key=lambda s: (
            -s.score,
            *L._chantier_key(s.chantier_code, s.chantier, s.chantier_uid),
            *L._name_key(s.target, s.target_uid),
        ),
    )


def _generated_graph_without(store, leaving: int):
    """The generated territory, prepared without its ``leaving`` biggest providers."""
    batch, territory = generated_batch()
    store.write(batch)
    without = _biggest_providers(store.read_territory(territory), leaving)
    return prepare(store, territory, without).graph


@pytest.mark.parametrize("leaving", [0, 3])
def test_suggestions_are_exactly_those_of_the_definition_on_a_generated_territory(embedded_store, leaving):
    graph = _generated_graph_without(embedded_store, leaving)
    found = suggestions(graph, per_chantier=0)
    assert {s.reason for s in found} == set(REASONS) and any(s.other_reasons for s in found)
    assert [s.as_dict() for s in found] == [s.as_dict() for s in reference_suggestions(graph)]


@pytest.mark.neo4j
def test_cypher_twins_agree_on_a_generated_territory_with_and_without_its_biggest_providers(
    embedded_store, neo4j_store
):
    batch, territory = generated_batch()
    for store in (embedded_store, neo4j_store):
        store.write(batch)
    for without in ([], _biggest_providers(embedded_store.read_territory(territory), 3)):
        acts_nx, sugg_nx = run_missing(prepare(embedded_store, territory, without), per_chantier=0)
        acts_cy, sugg_cy = run_missing(prepare(neo4j_store, territory, without), per_chantier=0)
        assert [r.as_dict() for r in acts_cy] == [r.as_dict() for r in acts_nx]
        assert [r.as_dict() for r in sugg_cy] == [r.as_dict() for r in sugg_nx]


@pytest.mark.neo4j
def test_the_missing_links_queries_walk_from_the_territory_never_over_an_index(neo4j_store):
    """With data in the store, a subquery run per row that scanned the uid index made these
    queries quadratic (22 s for the activations of a département, 147 s for the suggestions), and
    an ORDER BY on a uid can make the planner read the whole index, every territory of the store:
    each query must reach its nodes by expanding from the territory."""
    from ecosystem.cypher import queries

    batch, territory = generated_batch()
    neo4j_store.write(batch)
    key = neo4j_store.resolve_territory(territory)[0]
    names = [n for n in queries() if n.startswith("analysis_links_")]
    assert len(names) == 4
    scans = {
        "NodeIndexScan",
        "AllNodesScan",
        "NodeByLabelScan",
        "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan",
        "CartesianProduct",
    }

    def operators(plan):
        yield plan["operatorType"].split("@")[0]
        for child in plan.get("children", []):
            yield from operators(child)

    for name in names:
        for without in ([], ["actor:nobody"]):
            with neo4j_store._driver.session() as session:
                plan = session.run("EXPLAIN " + queries()[name].text, territory=key, without=without).consume().plan
            assert not scans & set(operators(plan)), (name, without, sorted(scans & set(operators(plan))))


# --- the cap: each chantier's best suggestions, the others counted -----------------------------


def _first_per_chantier(full, n):
    """Today's full list filtered to each chantier's first ``n``, in its order."""
    seen: dict[str, int] = {}
    kept = []
    for s in full:
        seen[s.chantier_uid] = seen.get(s.chantier_uid, 0) + 1
        if seen[s.chantier_uid] <= n:
            kept.append(s)
    return kept, {uid: count - n for uid, count in seen.items() if count > n}


@pytest.mark.parametrize("leaving", [0, 3])
def test_the_cap_keeps_each_chantiers_first_suggestions_of_the_full_list(embedded_store, leaving):
    graph = _generated_graph_without(embedded_store, leaving)
    full = suggestions(graph, per_chantier=0)
    assert [s.as_dict() for s in full] == [s.as_dict() for s in reference_suggestions(graph)]
    assert full.omitted == {} and suggestions(graph, None).omitted == {}
    for n in (1, 3, 10, 60):
        capped = suggestions(graph, per_chantier=n)
        expected, omitted = _first_per_chantier(full, n)
        assert [s.as_dict() for s in capped] == [s.as_dict() for s in expected]
        assert capped.omitted == omitted and capped.per_chantier == n
        assert sum(capped.omitted.values()) == len(full) - len(capped)
    assert len(suggestions(graph)) == len(_first_per_chantier(full, SUGGESTIONS_PER_CHANTIER)[0])
    assert any(s.other_reasons for s in suggestions(graph, per_chantier=60))


def test_the_cap_on_a_departement(embedded_store):
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from bench.generate import generate

    generated = generate("departement", 42)
    embedded_store.write(generated.batch)
    graph = prepare(embedded_store, generated.territory).graph
    full = suggestions(graph, per_chantier=0)
    for n in (1, 10):
        capped = suggestions(graph, per_chantier=n)
        expected, omitted = _first_per_chantier(full, n)
        assert [s.as_dict() for s in capped] == [s.as_dict() for s in expected]
        assert capped.omitted == omitted


def test_the_omitted_line_follows_the_language(embedded_store):
    batch, territory = generated_batch()
    embedded_store.write(batch)
    capped = suggestions(prepare(embedded_store, territory).graph, per_chantier=3)
    ref, count = capped.omitted_refs()[0]
    with i18n.speaking("fr"):
        assert capped.notes()[0].endswith(f"pour {ref.short()} (--per-chantier 0 pour toutes)")
    with i18n.speaking("en"):
        assert capped.notes()[0] == (
            f"{count:,} weaker suggestion(s) not shown for {ref.short()} (--per-chantier 0 for all)"
        )


@pytest.mark.neo4j
def test_cypher_twins_agree_with_the_cap(embedded_store, neo4j_store):
    batch, territory = generated_batch()
    for store in (embedded_store, neo4j_store):
        store.write(batch)
    for without in ([], _biggest_providers(embedded_store.read_territory(territory), 3)):
        for n in (1, 10):
            _, sugg_nx = run_missing(prepare(embedded_store, territory, without), per_chantier=n)
            _, sugg_cy = run_missing(prepare(neo4j_store, territory, without), per_chantier=n)
            assert [r.as_dict() for r in sugg_cy] == [r.as_dict() for r in sugg_nx]
            assert sugg_cy.omitted == sugg_nx.omitted and sugg_nx.omitted


def test_analyze_missing_shows_ten_per_chantier_and_says_how_many_are_left_out(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from ecosystem.cli import cli
    from ecosystem.store import EmbeddedStore

    monkeypatch.chdir(tmp_path)
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "ECOSYSTEM_STORE", "ECOSYSTEM_LANG"):
        monkeypatch.delenv(var, raising=False)
    batch, territory = generated_batch()
    store = EmbeddedStore(tmp_path / "ecosystem.db")
    store.write(batch)
    full = suggestions(prepare(store, territory).graph, per_chantier=0)
    store.close()

    def run(*args):
        result = CliRunner().invoke(cli, ["analyze", "missing", "-t", territory, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    everything = json.loads(run("--per-chantier", "0", "--format", "json"))["suggestions"]
    assert everything == [s.as_dict() for s in full]
    default = json.loads(run("--format", "json"))["suggestions"]
    expected, omitted = _first_per_chantier(full, 10)
    assert default == [s.as_dict() for s in expected] and omitted
    per = {}
    for row in default:
        per[row["chantier_uid"]] = per.get(row["chantier_uid"], 0) + 1
    assert max(per.values()) == 10
    text = run()
    flat = " ".join(text.split())
    assert flat.count("suggestion(s) plus faible(s) non affichée(s) pour") == len(omitted)
    assert flat.count("(--per-chantier 0 pour toutes)") == len(omitted)
    assert "non affichée" not in run("--per-chantier", "0")


def test_cli_default_per_chantier_is_the_library_default():
    """`ecosystem analyze missing` without --per-chantier keeps as many suggestions per chantier
    as the library does (the CLI writes the number out to stay lazy about imports)."""
    from ecosystem.analysis.links import SUGGESTIONS_PER_CHANTIER
    from ecosystem.cli import cli

    analyze = cli.commands["analyze"]
    option = next(p for p in analyze.commands["missing"].params if p.name == "per_chantier")
    assert option.default == SUGGESTIONS_PER_CHANTIER
