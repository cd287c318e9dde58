"""A coordinator imports the open data of lieux de médiation numérique into her territory.

Real files (tests/data/lieux/, see its README.md) go through the same path as ``ecosystem
import``: ``read_sheets`` -> ``tables.recognise`` -> ``opendata.lieux_from_table`` (or
``read_lieux_json``), and the nodes into a real embedded store.
"""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

import pytest

from ecosystem.errors import ValidationError
from ecosystem.i18n import MESSAGES, set_language
from ecosystem.importers import opendata
from ecosystem.importers.opendata import LieuFilter, departement_of, lieux_from_table, read_lieux_json
from ecosystem.importers.problems import Problems, Severity
from ecosystem.importers.reading import read_sheets
from ecosystem.importers.tables import LIEUX, recognise
from ecosystem.model import Batch, NodeKind
from ecosystem.store import EmbeddedStore

DATA = Path(__file__).parent / "data" / "lieux"
TERRITORY = "Grand Reims"


def import_table(name: str, lieu_filter: LieuFilter = LieuFilter(), path: Path | None = None):
    """Nodes and problems of one CSV/XLSX file, read the way ``ecosystem import`` reads it."""
    problems = Problems()
    nodes = []
    for sheet in read_sheets(path or DATA / name, problems):
        recognised = recognise(sheet)
        assert recognised is not None and recognised.spec is LIEUX
        nodes.extend(lieux_from_table(recognised, TERRITORY, lieu_filter, problems, sheet.where))
    return nodes, problems


def import_json(name: str, lieu_filter: LieuFilter = LieuFilter(), path: Path | None = None):
    problems = Problems()
    return list(read_lieux_json(path or DATA / name, TERRITORY, lieu_filter, problems)), problems


def ids(nodes) -> list[str]:
    return [n.properties["lieu_id"] for n in nodes]


def by_message(problems: Problems, message_id: str):
    return [p for p in problems.items if p.message_id == message_id]


# --- the national example ---------------------------------------------------------------------


def test_the_standards_example_becomes_one_actor_with_every_attribute():
    nodes, problems = import_table("exemple-valide.csv")

    assert problems.items == []
    (lieu,) = nodes
    assert lieu.kind is NodeKind.ACTOR
    assert lieu.name == "Anonymal"
    assert lieu.territory == TERRITORY
    assert lieu.external_id == "lieu:structure-1"
    assert lieu.uid == "actor:lieu:structure-1"
    p = lieu.properties
    assert p["origin"] == "open_data_mediation_numerique"
    assert p["typologie"] == ["TIERS_LIEUX", "ASSO"]
    assert p["services"] == [
        "Maîtrise des outils numériques du quotidien",
        "Insertion professionnelle via le numérique",
        "Loisirs et créations numériques",
    ]
    assert p["publics"] == ["Jeunes", "Femmes"]
    assert p["prise_en_charge"] == ["Surdité", "Illettrisme", "Langues étrangères (anglais)"]
    assert p["dispositifs"] == ["Aidants Connect", "Conseillers numériques", "La Croix Rouge"]
    assert p["labels"] == ["Formé à « Mon Espace Santé »", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)", "Label et la bête"]
    assert p["frais"] == ["Gratuit sous condition", "Payant"]
    assert p["modalites_acces"] == ["Se présenter", "Téléphoner"]
    assert p["modalites_accompagnement"] == ["Dans un atelier collectif", "À distance", "En autonomie", "Accompagnement individuel"]
    assert p["itinerance"] == ["Itinérant"]
    assert p["telephone"] == "+33180059880"
    assert p["courriels"] == ["contact@laquincaillerie.tl", "responsable@laquincaillerie.tl"]
    assert p["site_web"] == ["https://www.laquincaillerie.tl/", "https://m.facebook.com/laquincaillerienumerique/"]
    assert (p["adresse"], p["complement_adresse"]) == ("12 BIS RUE DE LECLERCQ", "Le patio du bois de l'Aulne")
    assert (p["code_postal"], p["code_insee"], p["commune"], p["departement"]) == ("51100", "51454", "Reims", "51")
    assert (p["latitude"], p["longitude"]) == (43.52609, 5.41423)
    assert isinstance(p["latitude"], float)
    assert p["horaires"] == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"
    assert p["presentation_resume"].startswith("Notre association propose des formations")
    assert (p["source"], p["date_maj"]) == ("Hubik", "2024-04-02")
    assert p["structure_parente"] == "SIRET de la ville pour une bibliothèque."
    assert p["prise_rdv"] == "https://www.rdv-solidarites.fr/"
    assert p["fiche_acces_libre"].startswith("https://acceslibre.beta.gouv.fr/")
    # The SIRET is a plain property: identity is the lieu id, never the pivot.
    assert p["pivot"] == "43493312300029"
    assert "siret" not in lieu.uid


def test_a_varied_file_gives_one_actor_per_lieu():
    nodes, problems = import_table("lieux-varies.csv")

    assert len(nodes) == 10
    assert len({n.uid for n in nodes}) == 10
    assert [p.message_id for p in problems.items] == ["lieux.pivot_placeholder"]
    france_services = [n.name for n in nodes if "RFS" in n.properties["typologie"]]
    assert france_services == ["France Services Reims Croix-Rouge", "France Services de Bastia"]


# --- keeping the lieux of the territory -------------------------------------------------------


@pytest.mark.parametrize(
    ("lieu_filter", "expected"),
    [
        (LieuFilter(), 10),
        (LieuFilter(departements=("51",)), ["reims-bib-falala", "reims-fs-croix-rouge", "chalons-cs-rive-gauche", "epernay-epn"]),
        (LieuFilter(departements=("2A",)), ["ajaccio-espace-num"]),  # from its INSEE code 2A004
        (LieuFilter(departements=("2B",)), ["bastia-fs"]),  # no INSEE code: from its postcode 20200
        (LieuFilter(departements=("20",)), ["ajaccio-espace-num", "bastia-fs"]),  # "20": all of Corsica
        (LieuFilter(departements=("971", "974")), ["pap-cyberbase", "stdenis974-mediatheque"]),
        (LieuFilter(departements=("1",)), ["bourg-ccas"]),  # "1" is département 01
        (LieuFilter(codes_postaux=("51100",)), ["reims-bib-falala", "reims-fs-croix-rouge"]),
        (LieuFilter(codes_insee=("51454", "2B033")), ["reims-bib-falala", "reims-fs-croix-rouge"]),  # Bastia has no INSEE code
        (LieuFilter(communes=("REIMS",)), ["reims-bib-falala", "reims-fs-croix-rouge"]),
        (LieuFilter(communes=("saint denis",)), ["stdenis974-mediatheque", "stdenis93-fabrique"]),
        (LieuFilter(communes=("Saint-Denis",), departements=("93",)), ["stdenis93-fabrique"]),  # every axis must match
        (LieuFilter(communes=("chalons en champagne", "Épernay")), ["chalons-cs-rive-gauche", "epernay-epn"]),
    ],
)
def test_the_filter_keeps_exactly_the_lieux_of_the_territory(lieu_filter, expected):
    nodes, problems = import_table("lieux-varies.csv", lieu_filter)

    if isinstance(expected, int):
        assert len(nodes) == expected
    else:
        assert ids(nodes) == expected
    assert problems.errors == []


def test_a_filter_that_keeps_nothing_says_so():
    nodes, problems = import_table("lieux-varies.csv", LieuFilter(departements=("85",)))

    assert nodes == []
    (warning,) = problems.items
    assert warning.message_id == "lieux.none_kept"
    assert warning.params["count"] == 10
    assert "departements=85" in warning.describe()


def test_problems_of_lieux_outside_the_territory_are_not_reported():
    # The messy file is all in Reims: filtered to Corsica, none of its errors concern us.
    nodes, problems = import_table("lieux-desordre.csv", LieuFilter(departements=("2A",)))

    assert nodes == []
    assert problems.errors == []


def test_departements_come_from_the_insee_code_else_the_postcode():
    assert departement_of("2A004", None) == "2A"
    assert departement_of("2B033", "20000") == "2B"  # the INSEE code wins
    assert [departement_of(None, cp) for cp in ("20000", "20137", "20200", "20600")] == ["2A", "2A", "2B", "2B"]
    assert [departement_of(None, cp) for cp in ("97110", "97200", "97300", "97400", "97600")] == ["971", "972", "973", "974", "976"]
    assert departement_of("97411", None) == "974"
    assert departement_of(None, "1000") == "01"  # a postcode that lost its leading zero in Excel
    assert departement_of("", "") is None


def test_a_malformed_filter_value_is_refused_with_what_was_expected():
    with pytest.raises(ValidationError) as caught:
        LieuFilter(departements=("5100",))
    assert "5100" in str(caught.value) and "département" in str(caught.value)
    with pytest.raises(ValidationError):
        LieuFilter(codes_postaux=("51 1",))
    with pytest.raises(ValidationError):
        LieuFilter(codes_insee=("2C004",))
    assert LieuFilter(departements=["2a", " 51 "], codes_postaux=["1000"]).departements == ("2A", "51")
    assert LieuFilter(codes_postaux=["1000"]).codes_postaux == ("01000",)


def test_filtering_by_epci_needs_an_epci_column():
    nodes, problems = import_table("lieux-varies.csv", LieuFilter(epci=("CU du Grand Reims",)))

    assert nodes == []
    (error,) = problems.errors
    assert error.message_id == "lieux.epci_unavailable"
    assert error.where.file.endswith("lieux-varies.csv") and error.where.row == 1
    assert error.value == "CU du Grand Reims"
    assert "code_epci" in error.describe() and "INSEE" in error.describe()


def test_filtering_by_epci_works_when_the_export_carries_it():
    by_code, problems = import_table("lieux-windows-1252.csv", LieuFilter(epci=("200067213",)))
    assert ids(by_code) == ["loc-1", "loc-2"]
    assert problems.items == []
    by_name, _ = import_table("lieux-windows-1252.csv", LieuFilter(epci=("ca epernay agglo champagne",)))
    assert ids(by_name) == ["loc-3"]
    assert by_code[0].properties["code_epci"] == "200067213"
    assert by_code[0].properties["nom_epci"] == "CU du Grand Reims"


# --- messy reality ----------------------------------------------------------------------------


def test_a_placeholder_siret_shared_by_three_lieux_never_merges_them():
    nodes, problems = import_table("lieux-desordre.csv")

    placeholder_lieux = [n for n in nodes if n.properties["lieu_id"] in ("m-1", "m-2", "m-3")]
    assert len({n.uid for n in nodes}) == len(nodes)
    assert {n.name for n in placeholder_lieux} >= {"Centre social Les Tilleuls", "Bibliothèque Carnegie", "Espace numérique Orgeval"}
    assert all("pivot" not in n.properties for n in placeholder_lieux)  # a fake SIRET is not stored
    (warning,) = by_message(problems, "lieux.pivot_placeholder")
    assert warning.severity is Severity.WARNING
    assert (warning.value, warning.params["count"], warning.where.row, warning.where.column) == ("00000000000000", 3, 2, "pivot")
    # Written to a store, the three stay three.
    assert len(Batch(nodes).node_rows()) == len(nodes)


def test_repeated_ids_keep_the_first_record_and_apart_a_different_lieu():
    nodes, problems = import_table("lieux-desordre.csv")

    assert ids(nodes) == ["m-1", "m-2", "m-3", "m-1", "m-6"]
    first, wilson = nodes[0], nodes[3]
    # Row 5 repeats m-1 for the same lieu: ignored, the first record (row 2) is kept.
    assert first.external_id == "lieu:m-1"
    assert first.properties["date_maj"] == "2024-02-01"
    (duplicate,) = by_message(problems, "lieux.duplicate_ignored")
    assert (duplicate.where.row, duplicate.where.column, duplicate.value, duplicate.params["first_row"]) == (5, "id", "m-1", 2)
    # Row 6 gives m-1 to another lieu: kept as a distinct actor, with a derived id, and a warning.
    assert wilson.name == "Point numérique Wilson"
    assert wilson.external_id == "lieu:m-1~point-numerique-wilson-51100"
    (shared,) = by_message(problems, "lieux.id_shared")
    assert (shared.where.row, shared.value, shared.params["new_id"]) == (6, "m-1", wilson.external_id)
    assert "Centre social Les Tilleuls" in shared.describe()


def test_a_messy_file_is_read_with_warnings_and_its_broken_rows_are_errors():
    nodes, problems = import_table("lieux-desordre.csv")

    tilleuls = nodes[0]
    assert tilleuls.name == "Centre social Les Tilleuls"  # stray spaces
    assert tilleuls.properties["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert (tilleuls.properties["latitude"], tilleuls.properties["longitude"]) == (49.2583, 4.0317)  # comma decimals
    assert tilleuls.properties["typologie"] == ["CS", "FS"]  # unknown code kept as written...
    (typologie,) = by_message(problems, "lieux.unknown_typologie_hint")  # ...with a warning naming it
    assert typologie.severity is Severity.WARNING
    assert (typologie.value, typologie.where.row, typologie.where.column) == ("FS", 2, "typologie")
    assert "RFS" in typologie.describe()
    assert "publics" not in nodes[2].properties  # "NC" is an empty cell
    europe = nodes[4]
    assert europe.properties["services"] == ["Compréhension du monde numérique"]  # typed without accents
    assert "latitude" not in europe.properties and "date_maj" not in europe.properties

    errors = [(e.where.row, e.where.column, e.value, e.message_id) for e in problems.errors]
    assert errors == [(7, "nom", "", "lieux.missing_nom"), (8, "id", "", "lieux.missing_id")]
    for error in problems.errors:
        assert error.where.file.endswith("lieux-desordre.csv")
        assert "lieux-desordre.csv" in error.describe() and f"ligne {error.where.row}" in error.describe()
    assert "m-5" in problems.errors[0].describe()
    assert "Lieu sans identifiant" in problems.errors[1].describe()

    warnings = {(w.message_id, w.where.row, w.where.column, w.value) for w in problems.warnings}
    assert ("lieux.bad_coordinate", 9, "latitude", "abc") in warnings
    assert ("lieux.placeholder_date", 9, "date_maj", "1970-01-01") in warnings


def test_messages_say_what_is_wrong_and_what_to_do_in_both_languages():
    _, problems = import_table("lieux-desordre.csv")
    error = problems.errors[0]
    assert "nom" in error.describe() and "Indiquez" in error.describe()
    set_language("en")
    assert "has no name" in error.describe() and "Fill in" in error.describe()
    lieux_messages = [m for m in MESSAGES if m.startswith("lieux.")]
    assert len(lieux_messages) >= 20


def test_an_export_in_the_old_field_names_is_read_as_the_current_standard():
    nodes, problems = import_table("lieux-ancien-format.csv")

    assert problems.items == []
    anonymal, tinqueux = nodes
    p = anonymal.properties
    assert p["typologie"] == ["TIERS_LIEUX", "ASSO"]  # ";" between values
    assert p["courriels"] == ["contact@laquincaillerie.tl"]  # courriel -> courriels
    assert p["site_web"] == ["https://www.laquincaillerie.tl/", "https://m.facebook.com/laquincaillerienumerique/"]  # ","
    assert p["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
    assert p["publics"] == ["Familles et/ou enfants"]  # publics_accueillis, split in two
    assert p["prise_en_charge"] == ["Déficience visuelle"]
    assert p["frais"] == ["Payant", "Accepte le Pass numérique"]  # conditions_acces -> frais_a_charge
    assert p["dispositifs"] == ["France Services", "Point d'accès numérique CAF"]  # labels_nationaux, split
    assert p["labels"] == ["APTIC", "SudLabs", "Nièvre médiation numérique"]  # ... and labels_autres
    assert p["modalites_accompagnement"] == ["En autonomie", "Accompagnement individuel"]
    assert p["fiche_acces_libre"].startswith("https://acceslibre")  # accessibilite -> fiche_acces_libre
    assert p["cle_ban"] == "13001_3079_00001"
    q = tinqueux.properties
    assert q["services"] == [
        "Accès internet et matériel informatique",
        "Parentalité et éducation avec le numérique",
        "Compréhension du monde numérique",
    ]
    assert (q["publics"], q["prise_en_charge"], q["dispositifs"]) == (["Seniors", "Jeunes"], ["Illettrisme"], ["Conseillers numériques"])
    assert q["telephone"] == "+33326085117"
    assert (q["latitude"], q["longitude"]) == (49.249, 3.993)
    assert "pivot" not in q


def test_a_windows_1252_semicolon_export_with_french_numbers_and_dates():
    nodes, problems = import_table("lieux-windows-1252.csv")

    assert problems.items == []
    assert [n.name for n in nodes] == [
        "Médiathèque Croix-Rouge",
        "Espace numérique Bétheny",
        "Médiathèque d'Épernay",
        "Tiers-lieu de Châlons",
    ]
    first = nodes[0].properties
    assert (first["latitude"], first["longitude"], first["date_maj"]) == (49.2378, 4.0015, "2024-04-02")
    assert (first["code_postal"], first["commune"]) == ("51100", "Reims")  # "Code postal", "Commune" headers


def test_a_workbook_saved_by_excel_gives_the_same_actors_as_the_csv(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Lieux"
    sheet.append(["Export des lieux — mars 2024"])  # a title row above the headers
    with open(DATA / "lieux-varies.csv", encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            if i:  # Excel turns codes and coordinates into numbers: 01000 becomes 1000
                row = [float(c) if j in (8, 9) and c else int(c) if j == 4 and c else c for j, c in enumerate(row)]
            sheet.append(row)
    path = tmp_path / "lieux.xlsx"
    workbook.save(path)

    from_xlsx, problems = import_table("", path=path)
    from_csv, _ = import_table("lieux-varies.csv")

    assert from_xlsx == from_csv
    assert [n.properties["code_postal"] for n in from_xlsx][-1] == "01000"
    assert problems.items[0].where.sheet == "Lieux" and problems.items[0].where.row == 4  # the placeholder SIRET


def test_columns_outside_the_standard_are_named_with_a_suggestion(tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_text("id,nom,code_postale,services,couleur\nx-1,Lieu X,51100,,bleu\n", encoding="utf-8")
    nodes, problems = import_table("", path=path)

    assert len(nodes) == 1 and "code_postal" not in nodes[0].properties
    hinted, plain = by_message(problems, "lieux.unknown_column_hint"), by_message(problems, "lieux.unknown_column")
    assert [(w.value, w.params["suggestion"], w.where.row) for w in hinted] == [("code_postale", "code_postal", 1)]
    assert [w.value for w in plain] == ["couleur"]


# --- JSON -------------------------------------------------------------------------------------


def test_json_gives_the_same_actors_as_csv():
    from_csv, _ = import_table("lieux-varies.csv")
    from_json, json_problems = import_json("lieux-varies.json")
    from_geojson, geojson_problems = import_json("lieux-varies.geojson")

    assert from_json == from_csv
    assert from_geojson == from_csv  # coordinates from the features' points
    assert [p.message_id for p in json_problems.items] == ["lieux.pivot_placeholder"]
    assert [p.message_id for p in geojson_problems.items] == ["lieux.pivot_placeholder"]


def test_json_filters_like_csv():
    nodes, _ = import_json("lieux-varies.json", LieuFilter(departements=("2B", "974")))
    assert ids(nodes) == ["bastia-fs", "stdenis974-mediatheque"]


def test_json_is_read_in_chunks_across_any_boundary(monkeypatch):
    expected, _ = import_json("lieux-varies.json")
    monkeypatch.setattr(opendata._JsonStream, "CHUNK", 7)
    chunked, problems = import_json("lieux-varies.json")
    assert chunked == expected
    assert len(chunked) == 10


def test_a_top_level_json_list_and_its_broken_items(tmp_path):
    path = tmp_path / "lieux.json"
    path.write_text(
        json.dumps([
            {"id": "j-1", "nom": "Lieu J1", "code_postal": 51100, "typologie": "BIB|EPN", "latitude": "49,25"},
            "not a lieu",
            {"id": "j-3", "nom": "", "code_postal": "51100"},
        ]),
        encoding="utf-8",
    )
    nodes, problems = import_json("", path=path)

    (j1,) = nodes
    assert (j1.properties["code_postal"], j1.properties["typologie"], j1.properties["latitude"]) == ("51100", ["BIB", "EPN"], 49.25)
    assert [(e.message_id, e.where.row, e.where.column) for e in problems.errors] == [
        ("lieux.json_not_object", 2, None),
        ("lieux.missing_nom", 3, "nom"),
    ]
    assert problems.errors[0].value == '"not a lieu"'


def test_a_broken_json_file_is_one_clear_error(tmp_path):
    path = tmp_path / "lieux.json"
    path.write_text('{"data": [{"id": "a", "nom": "A"}, {"id": "b", "nom": ', encoding="utf-8")
    nodes, problems = import_json("", path=path)
    assert [n.name for n in nodes] == ["A"]
    (error,) = problems.errors
    assert error.message_id == "lieux.json_invalid" and error.where.row == 2
    path.write_text('{"type": "nothing here", "count": 3}', encoding="utf-8")
    _, problems = import_json("", path=path)
    assert [e.message_id for e in problems.errors] == ["lieux.json_no_records"]


# --- big files stream -------------------------------------------------------------------------


def _big_csv(path: Path, rows: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "pivot", "nom", "commune", "code_postal", "code_insee", "typologie", "services", "date_maj"])
        for i in range(rows):
            writer.writerow([
                f"lieu-{i}", "00000000000000", f"Lieu numéro {i}", "Reims", "51100", "51454", "BIB|EPN",
                "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien", "2024-01-01",
            ])


def _peak_while_counting(iterator) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iterator)
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_twenty_thousand_lieux_stream_without_being_held_in_memory(tmp_path):
    path = tmp_path / "national.csv"
    _big_csv(path, 20_000)
    problems = Problems()
    (sheet,) = read_sheets(path, problems)
    recognised = recognise(sheet)

    count, peak = _peak_while_counting(lieux_from_table(recognised, TERRITORY, LieuFilter(), problems, sheet.where))

    assert count == 20_000
    # Holding 20,000 nodes would take tens of MB; streaming keeps only the ids seen (for duplicates).
    assert peak < 12 * 1024 * 1024, peak
    (placeholder,) = problems.warnings
    assert placeholder.params["count"] == 20_000

    json_path = tmp_path / "national.json"
    with open(json_path, "w", encoding="utf-8") as f:
        f.write("[")
        for i in range(20_000):
            f.write(("," if i else "") + json.dumps({"id": f"lieu-{i}", "nom": f"Lieu {i}", "code_postal": "51100"}))
        f.write("]")
    count, peak = _peak_while_counting(read_lieux_json(json_path, TERRITORY, LieuFilter(), Problems()))
    assert count == 20_000
    assert peak < 12 * 1024 * 1024, peak


# --- into the store ---------------------------------------------------------------------------


def test_imported_lieux_are_stored_and_a_second_import_changes_nothing(tmp_path):
    nodes, problems = import_table("lieux-varies.csv", LieuFilter(departements=("51",)))
    assert problems.errors == []
    store = EmbeddedStore(tmp_path / "x.db")
    try:
        summary = store.write(Batch(nodes))
        assert summary.nodes[NodeKind.ACTOR].created == 4

        graph = store.read_territory(TERRITORY)
        assert graph.number_of_nodes() == 4
        falala = graph.nodes["actor:lieu:reims-bib-falala"]
        assert falala["name"] == "Médiathèque Jean Falala"
        assert falala["kind"] == "Actor"
        assert falala["external_id"] == "lieu:reims-bib-falala"
        assert falala["origin"] == "open_data_mediation_numerique"
        assert falala["typologie"] == ["BIB", "MUNI"]
        assert falala["services"] == ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]
        assert falala["publics"] == ["Seniors"]
        assert falala["latitude"] == 49.2535
        assert falala["territories"] == ["grand reims"]
        assert "pivot" not in graph.nodes["actor:lieu:reims-fs-croix-rouge"]

        again, _ = import_table("lieux-varies.csv", LieuFilter(departements=("51",)))
        assert store.write(Batch(again)).changed is False
    finally:
        store.close()
