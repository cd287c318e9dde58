"""Importing the workshop tables, as coordinators type and save them; on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ecosystem.cli import cli
from ecosystem.importers import ImportRefused, import_files
from ecosystem.importers.problems import Problems
from ecosystem.importers.reading import detect_delimiter, read_sheets
from ecosystem.importers.tables import CHANTIERS, recognise
from ecosystem.importers.workshop import _split_code, split_items, split_names

DATA = Path(__file__).parent / "data" / "workshop"
SEED_CSV = DATA / "chantiers_seed_excel_fr.csv"
MAP_CSV = DATA / "carte_chantier_1b_utf8.csv"
T = "CC du Pays de Saint-Aulaye"


def _by_kind(graph, kind):
    return {data["name"]: data for _, data in graph.nodes(data=True) if data["kind"] == kind}


def _links(graph, link_type):
    return {(graph.nodes[s]["name"], graph.nodes[t]["name"]) for s, t, k in graph.edges(keys=True) if k == link_type}


def test_the_seed_chantier_row_saved_by_french_excel_imports(store):
    result = import_files(store, [SEED_CSV], T)

    graph = store.read_territory(T)
    (chantier,) = _by_kind(graph, "Chantier").values()
    assert chantier["title"].startswith("Faciliter l’accès aux services numériques")
    assert chantier["objectives"] == [
        "Si les services sont utilisés et les structures sont développées.",
        "Si on a une accessibilité au lieu de problèmes de mobilité.",
    ]
    assert chantier["actions"] == [
        "Mettre en place une meilleure communication sur les services",
        "Itinérance des services",
        "Réseau de transport autonome et connecté",
    ]
    assert len(chantier["freins"]) == 4
    (enjeu,) = _by_kind(graph, "Enjeu").values()
    assert enjeu["name"] == "Comment renforcer l’attractivité du territoire grâce au numérique ?"
    assert enjeu["code"] == "1"  # from the header "Enjeu n°1"
    assert set(_by_kind(graph, "Actor")) == {"Communauté de communes", "Région Nouvelle-Aquitaine", "Centre social", "France Services"}
    assert {n: d["category"] for n, d in _by_kind(graph, "Resource").items()} == {
        "bénévoles et associations locales": "intervenant",
        "Matériels reconditionnés": "materiel",
    }
    assert len(_links(graph, "KNOWN_UNLINKED")) == 4  # no status in the table: known, not linked
    assert _links(graph, "ASSOCIATED_WITH") == {
        ("Communauté de communes", chantier["name"]),
        ("Région Nouvelle-Aquitaine", chantier["name"]),
    }
    assert dict(result.notes.items()) == {
        "governance_default_role": 2,
        "default_status": 4,
        "guessed_category": 2,
        "enjeux_created_from_chantiers": 1,
    }
    assert [(t.kind, t.rows) for t in result.tables] == [("chantiers", 1)]


def test_importing_the_same_files_twice_changes_nothing(store):
    import_files(store, [SEED_CSV, MAP_CSV], T)
    again = import_files(store, [SEED_CSV, MAP_CSV], T)
    assert not again.summary.changed
    assert sum(c.unchanged for c in again.summary.links.values()) == store.read_territory(T).number_of_edges()


def test_the_resource_map_of_chantier_1b_gives_each_link_its_status(store):
    import_files(store, [MAP_CSV], T)
    graph = store.read_territory(T)
    chantier = "1.b"
    operational = {r for c, r in _links(graph, "OPERATIONAL") if c.startswith(chantier)}
    assert operational == {
        "Centres sociaux / Espaces de vie sociale",
        "Réseau local CnFS",
        "Communes (périscolaire, ALSH)",
        "Animateurs ALSH formés et/ou en formation",
        "Conseillers numériques",
    }
    assert len(_links(graph, "KNOWN_UNLINKED")) == 5
    assert {r for _, r in _links(graph, "ABSENT")} == {"Contribution en compétences et/ou en matériel"}
    assert ("CAF", "Partenaires sociaux (CAF…)") in _links(graph, "PROVIDES")
    caf_link = next(d for s, t, k, d in graph.edges(keys=True, data=True) if graph.nodes[t]["name"] == "Partenaires sociaux (CAF…)" and k == "KNOWN_UNLINKED")
    assert caf_link["note"] == "La CAF est connue mais pas encore reliée"
    # partners are actors; everything else is a resource of its category
    assert _by_kind(graph, "Actor")["Réseau local tiers-lieux"]["kind"] == "Actor"
    assert _by_kind(graph, "Resource")["Conseillers numériques"]["category"] == "intervenant"


def test_an_edited_status_updates_the_link_instead_of_adding_one(store, tmp_path):
    import_files(store, [MAP_CSV], T)
    edited = tmp_path / "carte.csv"
    edited.write_text(MAP_CSV.read_text(encoding="utf-8-sig").replace("Réseau local tiers-lieux,Partenaire,pointillé", "Réseau local tiers-lieux,Partenaire,trait plein"), encoding="utf-8")

    result = import_files(store, [edited], T)

    graph = store.read_territory(T)
    tiers_lieux = [k for s, t, k in graph.edges(keys=True) if graph.nodes[t]["name"] == "Réseau local tiers-lieux" and graph.nodes[s]["kind"] == "Chantier"]
    assert tiers_lieux == ["OPERATIONAL"]
    assert sum(c.updated for c in result.summary.links.values()) == 1
    assert sum(c.created for c in result.summary.links.values()) == 0


def test_a_chantier_table_default_never_downgrades_a_known_status(store, tmp_path):
    table = tmp_path / "chantiers.csv"
    table.write_text("Titre des chantiers clés;Action(s) du chantier;Ressources\n1.b Jeunes;Ateliers;Réseau local CnFS\n", encoding="utf-8")
    import_files(store, [MAP_CSV], T)
    result = import_files(store, [table], T)
    graph = store.read_territory(T)
    assert set(_by_kind(graph, "Chantier")) == {"1.b — Jeunes"}  # the map's "1.b", titled by the table
    cnfs = [k for s, t, k in graph.edges(keys=True) if graph.nodes[t]["name"] == "Réseau local CnFS"]
    assert cnfs == ["OPERATIONAL"]
    assert result.notes.kept_existing_status == 1


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_a_workbook_with_one_table_per_sheet_imports_every_table(store, tmp_path):
    book = _workbook(
        tmp_path / "atelier.xlsx",
        {
            "Enjeux": [["N°", "Enjeu", "Impact", "Maîtrise"], [1, "Attractivité du territoire", "très fort", 2], [2, "Accès aux droits", 3, "faible"]],
            "Acteurs": [["Nom", "Typologie", "SIRET", "Courriel"], ["CAF de la Dordogne", "CAF", "534 690 101 00033", "contact@caf.example"]],
            "Gouvernance": [["Chantier", "Acteur", "Rôle"], ["1.b", "Communauté de communes", "Pilote"], ["1.b", "Communes", "fait"]],
            "Carte": [["Chantier", "Ressource", "Catégorie", "Statut", "Porteur"], ["1.b", "Financement CAF", "Financement", "pointillé", "CAF de la Dordogne"]],
            "Notes": [["Compte rendu de l'atelier"], ["Merci à toutes et tous"]],
        },
    )
    result = import_files(store, [book], T)

    graph = store.read_territory(T)
    enjeux = _by_kind(graph, "Enjeu")
    assert (enjeux["Attractivité du territoire"]["impact"], enjeux["Attractivité du territoire"]["maitrise"]) == (4, 2)
    assert (enjeux["Accès aux droits"]["impact"], enjeux["Accès aux droits"]["maitrise"]) == (3, 1)
    caf = _by_kind(graph, "Actor")["CAF de la Dordogne"]
    assert caf["external_id"] == "siret:53469010100033" and caf["email"] == "contact@caf.example"
    assert ("CAF de la Dordogne", "Financement CAF") in _links(graph, "PROVIDES")
    assert {a for a, _ in _links(graph, "PILOTS")} == {"Communauté de communes"}
    assert {a for a, _ in _links(graph, "OPERATES")} == {"Communes"}
    assert sorted(t.kind for t in result.tables) == ["actors", "enjeux", "governance", "resource_map"]
    assert [w.where.sheet for w in result.warnings] == ["Notes"]  # the sheet without a table is named


def test_every_error_is_reported_at_once_with_its_place_and_nothing_is_written(store, tmp_path):
    bad = tmp_path / "carte.csv"
    bad.write_text(
        "Chantier;Ressource;Catégorie;Statut\n"
        "1.b;CAF;Financement;trait gras\n"
        "1.b;Mairie;Véhicule;opérationnel\n"
        "1.b;Centre social;Partenaire;connu\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        import_files(store, [SEED_CSV, bad], T)
    message = str(refused.value)
    lines = message.splitlines()
    assert lines[0].startswith("Import refusé : 2 erreur(s)")
    assert "carte.csv, ligne 2, colonne « Statut » : statut « trait gras » inconnu" in lines[1]
    assert "Opérationnel" in lines[1] and "Connu non relié" in lines[1] and "Absent" in lines[1]
    assert "carte.csv, ligne 3, colonne « Catégorie »" in lines[2] and "Véhicule" in lines[2]
    assert store.territories() == {}


@pytest.mark.parametrize(
    "headers",
    [
        "Enjeu;Titre des chantiers cles;Les objectifs : on aura reussi si…;Actions;Gouvernance;Ressources;Freins",
        "ENJEU N°1;TITRE DES CHANTIERS CLÉS;\"Les objectifs :\non aura réussi si...\";Action(s) du chantier;Gouvernance : qui pilote ? qui fait ? Qui doit-être associé ?;Les ressources mobilisables et celles à mobiliser;Les freins à lever",
        "Issue;Key workstream title;Objectives;Actions;Governance;Resources;Barriers",
    ],
)
def test_header_variants_people_type_are_recognised(tmp_path, headers):
    path = tmp_path / "chantiers.csv"
    path.write_text(headers + "\nAttractivité;Jeunes;Réussi;Ateliers;Pilote : CC;CAF;Mobilité\n", encoding="utf-8")
    (sheet,) = read_sheets(path, Problems())
    table = recognise(sheet)
    assert table is not None and table.spec is CHANTIERS
    assert {f.name for f in table.columns.values()} == {f.name for f in CHANTIERS.fields}


def test_governance_roles_written_in_the_cell_are_read(store, tmp_path):
    path = tmp_path / "chantiers.csv"
    path.write_text(
        'Titre des chantiers clés;Gouvernance : qui pilote ? qui fait ? Qui doit-être associé ?\n'
        '1.b Jeunes;"Pilote : Communauté de communes\nFait : Communes (périscolaire, ALSH), Centre social\nRégion (associé)"\n',
        encoding="utf-8",
    )
    result = import_files(store, [path], T)
    graph = store.read_territory(T)
    assert {a for a, _ in _links(graph, "PILOTS")} == {"Communauté de communes"}
    assert {a for a, _ in _links(graph, "OPERATES")} == {"Communes (périscolaire, ALSH)", "Centre social"}
    assert {a for a, _ in _links(graph, "ASSOCIATED_WITH")} == {"Région"}
    assert result.notes.governance_default_role == 0


def test_a_dry_run_says_what_would_change_and_writes_nothing(store):
    result = import_files(store, [SEED_CSV], T, dry_run=True)
    assert result.dry_run and result.summary.changed
    assert store.territories() == {}


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("vide.csv", b"", "le fichier est vide"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "contenu binaire"),
        ("ancien.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Classeur Excel (.xlsx)"),
        ("faux.xlsx", b"Nom;Typologie\nCAF;CAF\n", "classeur Excel illisible"),
        ("autre.csv", "Date;Montant\n2024-01-01;12\n".encode(), "aucun tableau reconnu"),
    ],
)
def test_unreadable_files_are_refused_with_a_fix(store, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        import_files(store, [path], T)
    assert expected in str(refused.value) and name in str(refused.value)


def test_a_missing_file_is_named(store, tmp_path):
    with pytest.raises(ImportRefused, match="introuvable"):
        import_files(store, [tmp_path / "absent.csv"], T)


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(store, tmp_path):
    book = _workbook(tmp_path / "x.xlsx", {"Carte": [["Chantier", "Ressource", "Statut"], ["1.b", "CAF", "connu"]]})
    renamed = tmp_path / "export.csv"
    book.rename(renamed)
    import_files(store, [renamed], T)
    assert "CAF" in _by_kind(store.read_territory(T), "Actor")


def test_the_cli_imports_and_summarises_in_french(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["import", str(SEED_CSV), str(MAP_CSV), "--territory", T])
    assert result.exit_code == 0, result.output
    assert "Import terminé dans le territoire" in result.output
    assert "connu non relié" in result.output
    assert "sans rôle enregistré(s) comme « associé »" in result.output
    again = CliRunner().invoke(cli, ["import", str(SEED_CSV), str(MAP_CSV), "--territory", T, "--dry-run"])
    assert "rien n'a été écrit" in again.output and " 0 créé(s)" in again.output


def test_the_cli_refuses_bad_files_with_exit_1_and_a_usage_error_with_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("Chantier;Ressource;Statut\n1.b;CAF;peut-être\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["import", str(bad), "-t", T])
    assert refused.exit_code == 1 and "peut-être" in refused.output and "Traceback" not in refused.output
    assert not (tmp_path / "ecosystem.db").exists()
    assert CliRunner().invoke(cli, ["import", str(bad)]).exit_code == 2


# --- properties: parsers never raise on any text ------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cell_splitting_never_fails_and_loses_no_words(text):
    items = split_items(text)
    names = split_names(text)
    assert all(item.strip() == item and item for item in items)
    assert all(name for name in names)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_separator_detection_and_code_splitting_never_fail(text):
    assert detect_delimiter(text) in {";", ",", "\t"}
    code, title = _split_code(text)
    assert code is None or title


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_problems_not_tracebacks(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(data)
    problems = Problems()
    for sheet in read_sheets(path, problems):
        table = recognise(sheet)
        if table is not None:
            list(table.records())


def test_a_filled_template_imports_without_noise_and_links_chantiers_to_the_named_enjeu(store, tmp_path):
    from openpyxl import load_workbook

    from ecosystem.importers.template import write_template

    path = write_template(tmp_path / "feuille-de-route.xlsx")
    wb = load_workbook(path)
    wb["Enjeux"].append(["1", "Accès aux droits", "3 - fort", "2 - moyen"])
    wb["Enjeux"].append(["2", "Comment renforcer l'attractivité du territoire grâce au numérique ?", "4 - très fort", "1 - faible"])
    wb["Chantiers clés"].append(["Comment renforcer l'attractivité du territoire grâce au numérique ?", "1.b Jeunes", "Réussi", "Ateliers"])
    wb.save(path)

    result = import_files(store, [path], T)

    graph = store.read_territory(T)
    assert _links(graph, "ANSWERS") == {("1.b — Jeunes", "Comment renforcer l'attractivité du territoire grâce au numérique ?")}
    assert _by_kind(graph, "Enjeu")["Accès aux droits"]["impact"] == 3
    assert result.warnings == []  # neither the help sheets nor the unused tables are reported
