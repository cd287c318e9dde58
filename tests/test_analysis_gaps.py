"""Feasibility gaps and the prospective matrix, checked by hand; same answers on both stores."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ecosystem import Batch, Link, LinkType, actor, chantier, enjeu, resource
from ecosystem.analysis.common import prepare
from ecosystem.analysis.feasibility import Weights, run_gaps
from ecosystem.analysis.matrix import quadrant_of, run_matrix
from ecosystem.cli import cli
from ecosystem.demo import demo_batch
from ecosystem.errors import ValidationError

T = "CC du Pays de Saint-Aulaye"


def _by_code(results):
    return {r.code: r for r in results}


def test_the_seed_chantier_1b_lacks_operational_equipment_and_funding(store):
    store.write(demo_batch(T))
    results, coverage = run_gaps(prepare(store, T))
    c1b = _by_code(results)["1.b"]
    assert c1b.categories == {
        "partenaire": "operational",
        "intervenant": "operational",
        "materiel": "to_activate",
        "financement": "to_activate",
    }
    assert c1b.to_activate["financement"] == ["Partenaires sociaux (CAF…)"]
    # 2 categories of 4 + a pilote, nobody who "fait": 3 of 6 -> 50; activating the known: 5 of 6 -> 83
    assert (c1b.score, c1b.potential_score) == (50, 83)
    assert c1b.pilotes == ["Communauté de communes"] and c1b.operateurs == []
    text = c1b.sentence()
    assert "Le chantier 1.b n'a aucun financement opérationnel : « Partenaires sociaux (CAF…) » connu(s)" in text
    assert "Personne ne « fait » le chantier 1.b" in text
    c1a = _by_code(results)["1.a"]
    assert c1a.categories["financement"] == "missing" and len(c1a.freins) == 4
    (enjeu_1,) = coverage
    assert len(enjeu_1.chantiers) == 2


def test_weights_change_the_score_as_the_formula_says(store):
    store.write(demo_batch(T))
    results, _ = run_gaps(prepare(store, T), Weights.parse("financement=2,pilote=0,fait=0"))
    # 1.b: partenaire 1 + intervenant 1 of (1+1+1+2) = 2/5 -> 40; potential 5/5 -> 100
    assert (_by_code(results)["1.b"].score, _by_code(results)["1.b"].potential_score) == (40, 100)


@pytest.mark.parametrize("text", ["financement", "budget=2", "financement=-1", "pilote=0,fait=0,partenaire=0,intervenant=0,materiel=0,financement=0"])
def test_bad_weights_are_refused_with_the_accepted_names(text):
    with pytest.raises(ValidationError, match="financement"):
        Weights.parse(text)


def test_without_an_actor_its_resources_leave_too(store):
    store.write(demo_batch(T))
    results, _ = run_gaps(prepare(store, T, ["caf"]))
    assert _by_code(results)["1.b"].categories["financement"] == "missing"
    results, _ = run_gaps(prepare(store, T, ["Réseau local CnFS"]))
    c1b = _by_code(results)["1.b"]
    assert "Conseillers numériques" not in c1b.operational["intervenant"]
    assert c1b.categories["intervenant"] == "operational"  # the ALSH animators remain


def test_transversal_chantiers_and_uncovered_enjeux(store):
    e1, e2, e3 = (enjeu(f"Enjeu {i}", T, code=str(i), impact=i, maitrise=5 - i) for i in (1, 2, 3))
    both = chantier("Maillage des lieux", T, code="2.a")
    lone = chantier("Communication", T, code="3.a")
    store.write(Batch([Link(LinkType.ANSWERS, both, e1), Link(LinkType.ANSWERS, both, e2), lone, e3]))
    results, coverage = run_gaps(prepare(store, T))
    assert _by_code(results)["2.a"].transversal is True
    assert "transversal" in _by_code(results)["2.a"].sentence()
    assert "ne répond à aucun enjeu" in _by_code(results)["3.a"].sentence()
    assert [c.name for c in coverage if not c.chantiers] == ["Enjeu 3"]


@pytest.mark.parametrize(
    ("impact", "maitrise", "quadrant"),
    [(4, 4, "act"), (3, 3, "act"), (4, 2, "partner"), (2, 3, "quick_win"), (1, 1, "watch"), (None, 2, "unrated")],
)
def test_quadrants(impact, maitrise, quadrant):
    assert quadrant_of(impact, maitrise) == quadrant


def test_the_matrix_places_enjeux_and_says_what_to_do(store):
    store.write(Batch([enjeu("Accès aux droits", T, impact="très fort", maitrise="fort"), enjeu("Zones blanches", T, impact=4, maitrise=1), enjeu("Veille", T)]))
    placed = {p.name: p for p in run_matrix(prepare(store, T))}
    assert placed["Accès aux droits"].quadrant == "act"
    assert placed["Zones blanches"].quadrant == "partner"
    assert "à porter avec des partenaires" in placed["Zones blanches"].sentence()
    assert placed["Veille"].quadrant == "unrated"


@pytest.mark.neo4j
def test_gaps_and_matrix_are_the_same_on_both_stores(embedded_store, neo4j_store):
    answers = []
    for store in (embedded_store, neo4j_store):
        store.write(demo_batch(T))
        store.write(Batch([Link(LinkType.OPERATES, actor("Communes (périscolaire, ALSH)", T), chantier("x", T, code="1.b")),
                           Link(LinkType.OPERATIONAL, chantier("x", T, code="1.a"), resource("Bus numérique", T, "materiel")),
                           enjeu("Zones blanches", T, impact=4, maitrise=1)]))
        for without in ([], ["CAF"], ["Réseau local CnFS", "Communes (périscolaire, ALSH)"]):
            scope = prepare(store, T, without)
            results, coverage = run_gaps(scope, Weights.parse("financement=2"))
            answers.append(([r.as_dict() for r in results], [c.as_dict() for c in coverage], [m.as_dict() for m in run_matrix(scope)]))
    embedded, neo4j = answers[:3], answers[3:]
    assert embedded == neo4j


def test_the_cli_reads_aloud_in_80_columns_and_scripts_read_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["demo"])
    result = runner.invoke(cli, ["analyze", "gaps"])
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())
    assert "Le chantier 1.b n'a aucun financement opérationnel" in " ".join(result.output.split())
    data = __import__("json").loads(runner.invoke(cli, ["analyze", "gaps", "--format", "json"]).output)
    assert {c["code"]: c["score"] for c in data["chantiers"]} == {"1.a": 17, "1.b": 50}
    csv_lines = runner.invoke(cli, ["analyze", "gaps", "--format", "csv"]).output.splitlines()
    assert csv_lines[0].startswith("uid,code,name,score,potential_score,categories.partenaire")
    assert len(csv_lines) == 3
    unknown = runner.invoke(cli, ["analyze", "gaps", "--without", "Personne"])
    assert unknown.exit_code == 1 and "Acteur « Personne » inconnu" in unknown.output
