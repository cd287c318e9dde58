"""The empty workbook coordinators start from: read back the real file, as the importer would."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from ecosystem import files
from ecosystem.errors import EcosystemError
from ecosystem.i18n import MESSAGES, set_language
from ecosystem.importers import template as template_module
from ecosystem.importers.problems import Problems
from ecosystem.importers.reading import read_sheets
from ecosystem.importers.tables import CHANTIERS, TABLES, recognise
from ecosystem.importers.template import (
    CATEGORY_SYNONYMS,
    DROPDOWNS,
    FIRST_ROW,
    LAST_ROW,
    LEVEL_CHOICES,
    ROLE_SYNONYMS,
    STATUS_SYNONYMS,
    TEMPLATE_TABLES,
    TemplateError,
    dropdown_values,
    template_sheet_titles,
    write_template,
)
from ecosystem.importers.vocabulary import CATEGORY_CHOICES, ROLE_CHOICES, STATUS_CHOICES, parse_role, parse_status
from ecosystem.model import LinkStatus, ResourceCategory, parse_level

LEGEND_FR = (
    "Trait plein : la ressource est déjà opérante",
    "Trait pointillé : on connaît la ressource mais on n'a pas encore de lien avec",
    "Absence de trait : pas de lien entre le chantier et la ressource",
)
HELP_TITLE = {"fr": "Mode d'emploi", "en": "How to fill in"}
LISTS_TITLE = {"fr": "Listes", "en": "Lists"}
LANG_INDEX = {"fr": 0, "en": 1}


@pytest.fixture(params=["fr", "en"])
def language(request) -> str:
    return request.param


@pytest.fixture
def workbook_path(tmp_path: Path, language: str) -> Path:
    return write_template(tmp_path / "feuille-de-route.xlsx", language)


def _title(spec, language: str) -> str:
    return spec.title_fr if language == "fr" else spec.title_en


def _header(f, language: str) -> str:
    return f.header_fr if language == "fr" else f.header_en


def _help_rows(path: Path) -> list[list[str]]:
    ws = load_workbook(path).worksheets[0]
    return [[c if isinstance(c, str) else "" for c in row] for row in ws.iter_rows(values_only=True)]


def _help_text(path: Path) -> str:
    return "\n".join(cell for row in _help_rows(path) for cell in row if cell)


def _recognised(path: Path, data_rows: dict[str, list] | None = None) -> dict[str, object]:
    """Sheet title -> what ``recognise`` makes of it, read as the importer reads (sheet by sheet,
    while the workbook is open); ``data_rows`` collects the records of each recognised sheet."""
    problems = Problems()
    found = {}
    for sheet in read_sheets(path, problems):
        recognised = found[sheet.where.sheet] = recognise(sheet)
        if recognised is not None and data_rows is not None:
            data_rows[sheet.where.sheet] = list(recognised.records())
    assert problems.items == []
    return found


def _range_values(wb, reference: str) -> list[str]:
    sheet, cells = reference.rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    assert min_col == max_col
    return [ws.cell(row=r, column=min_col).value for r in range(min_row, max_row + 1)]


# --- the tables --------------------------------------------------------------------------------


def test_each_table_sheet_is_recognised_by_its_headers_as_the_right_table(workbook_path, language):
    data_rows: dict[str, list] = {}
    found = _recognised(workbook_path, data_rows)
    for spec in TEMPLATE_TABLES:
        recognised = found[_title(spec, language)]
        assert recognised is not None, spec.kind
        assert recognised.spec is spec
        assert recognised.header_row == 1
        assert recognised.headers == [_header(f, language) for f in spec.fields]
        assert [recognised.columns[i].name for i in range(len(spec.fields))] == [f.name for f in spec.fields]
        assert data_rows[_title(spec, language)] == []  # empty: coordinators start from it


def test_sheets_follow_the_method_and_the_workbook_opens_on_the_explanation(workbook_path, language):
    wb = load_workbook(workbook_path)
    assert wb.sheetnames == [HELP_TITLE[language], *(_title(s, language) for s in TEMPLATE_TABLES), LISTS_TITLE[language]]
    assert [s.kind for s in TEMPLATE_TABLES] == ["enjeux", "chantiers", "resource_map", "governance", "actors"]
    assert wb.active.title == HELP_TITLE[language]
    assert wb[LISTS_TITLE[language]].sheet_state == "hidden"
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets[:-1])


def test_the_non_table_sheets_are_named_for_the_importer_to_skip(workbook_path):
    wb = load_workbook(workbook_path)
    assert {wb.sheetnames[0], wb.sheetnames[-1]} <= template_sheet_titles()
    assert not set(wb.sheetnames[1:-1]) & template_sheet_titles()


def test_the_open_data_format_gets_no_sheet():
    assert {s.kind for s in TEMPLATE_TABLES} == {s.kind for s in TABLES} - {"lieux"}


def test_headers_are_bold_frozen_and_annotated(workbook_path, language):
    wb = load_workbook(workbook_path)
    for spec in TEMPLATE_TABLES:
        ws = wb[_title(spec, language)]
        assert ws.freeze_panes == "A2"
        assert ws.max_row == 1  # no example row: the example lives on the explanation sheet
        for column, f in enumerate(spec.fields, start=1):
            cell = ws.cell(row=1, column=column)
            assert cell.value == _header(f, language)
            assert cell.font.b
            assert cell.comment is not None and len(cell.comment.text) > 10, (spec.kind, f.name)
            assert ws.column_dimensions[get_column_letter(column)].width >= 8


def test_chantier_columns_wrap_and_identifier_columns_are_text(workbook_path, language):
    wb = load_workbook(workbook_path)
    ws = wb[_title(CHANTIERS, language)]
    for column in range(1, len(CHANTIERS.fields) + 1):
        assert ws.column_dimensions[get_column_letter(column)].alignment.wrap_text
    actors = wb[_title(TEMPLATE_TABLES[-1], language)]
    for name in ("external_id", "phone", "postcode"):
        index = [f.name for f in TEMPLATE_TABLES[-1].fields].index(name) + 1
        assert actors.column_dimensions[get_column_letter(index)].number_format == "@"


def test_the_header_notes_say_the_method_s_conventions(workbook_path, language):
    wb = load_workbook(workbook_path)
    ws = wb[_title(CHANTIERS, language)]
    notes = {f.name: ws.cell(row=1, column=i).comment.text for i, f in enumerate(CHANTIERS.fields, start=1)}
    new_line = "Alt+Entrée" if language == "fr" else "Alt+Enter"
    for name in ("objectives", "actions", "governance", "resources", "freins"):
        assert new_line in notes[name]
    if language == "fr":
        for prefix in ("Pilote :", "Fait :", "Associé :"):
            assert prefix in notes["governance"]
        assert "connu non relié" in notes["resources"]


def test_every_field_has_a_note_message_in_both_languages():
    for spec in TEMPLATE_TABLES:
        for f in spec.fields:
            assert f"template.note.{spec.kind}.{f.name}" in MESSAGES or f"template.note.{f.name}" in MESSAGES, (spec.kind, f.name)


# --- dropdowns ---------------------------------------------------------------------------------


def test_dropdowns_sit_on_the_right_columns_and_point_to_the_list_sheet(workbook_path, language):
    wb = load_workbook(workbook_path)
    lists_title = LISTS_TITLE[language]
    seen = set()
    for spec in TEMPLATE_TABLES:
        ws = wb[_title(spec, language)]
        by_column = {}
        for validation in ws.data_validations.dataValidation:
            for cell_range in validation.sqref.ranges:
                min_col, min_row, max_col, max_row = cell_range.bounds
                assert min_col == max_col
                by_column[min_col] = (validation, min_row, max_row)
        expected = {i: DROPDOWNS[(spec.kind, f.name)] for i, f in enumerate(spec.fields, start=1) if (spec.kind, f.name) in DROPDOWNS}
        assert set(by_column) == set(expected), spec.kind
        for column, list_name in expected.items():
            validation, first, last = by_column[column]
            assert (first, last) == (FIRST_ROW, LAST_ROW) and last >= 500
            assert validation.type == "list"
            assert validation.allow_blank
            assert validation.showErrorMessage
            assert validation.formula1.startswith(f"'{lists_title}'!$")  # a range, not an inline list
            assert _range_values(wb, validation.formula1) == dropdown_values(list_name, language)
            # Excel refuses longer texts (and "repairs" the file).
            assert 0 < len(validation.errorTitle) <= 32
            assert 0 < len(validation.error) <= 255
            seen.add((spec.kind, spec.fields[column - 1].name))
    assert seen == set(DROPDOWNS)


def test_dropdown_error_messages_are_in_the_chosen_language(workbook_path, language):
    wb = load_workbook(workbook_path)
    ws = wb[_title(TEMPLATE_TABLES[2], language)]  # resource map
    errors = " ".join(v.error for v in ws.data_validations.dataValidation)
    if language == "fr":
        assert "Choisissez" in errors and "Opérationnel (trait plein)" in errors
    else:
        assert "Choose" in errors and "Operational (solid line)" in errors


def test_the_list_sheet_holds_exactly_the_choice_values(workbook_path, language):
    i = LANG_INDEX[language]
    ws = load_workbook(workbook_path)[LISTS_TITLE[language]]
    columns = {}
    for column in ws.iter_cols(values_only=True):
        values = [v for v in column if v is not None]
        columns[values[0]] = values[1:]
    assert list(columns.values()) == [
        [c[i] for c in STATUS_CHOICES.values()],
        [c[i] for c in CATEGORY_CHOICES.values()],
        [c[i] for c in ROLE_CHOICES.values()],
        [c[i] for c in LEVEL_CHOICES.values()],
    ]


def test_the_list_values_parse_back_to_what_they_mean(workbook_path, language):
    wb = load_workbook(workbook_path)
    ws = wb[LISTS_TITLE[language]]
    status, category, role, level = ([v for v in col[1:] if v is not None] for col in ws.iter_cols(values_only=True))
    assert [parse_status(v) for v in status] == list(STATUS_CHOICES)
    assert [ResourceCategory.parse(v).value for v in category] == list(CATEGORY_CHOICES)
    assert [parse_role(v) for v in role] == list(ROLE_CHOICES)
    assert [parse_level(v, "impact") for v in level] == [1, 2, 3, 4]


def test_the_list_sheet_and_its_headers_are_never_taken_for_a_table(workbook_path, language):
    assert _recognised(workbook_path)[LISTS_TITLE[language]] is None


def test_a_filled_in_template_reads_back_as_the_importer_expects(tmp_path):
    """A coordinator fills the French template (multi-line cells, dropdown values, a postcode)."""
    path = write_template(tmp_path / "atelier.xlsx", "fr")
    wb = load_workbook(path)
    chantiers = wb["Chantiers clés"]
    for column, f in enumerate(CHANTIERS.fields, start=1):
        chantiers.cell(row=2, column=column, value=MESSAGES[f"template.example.{f.name}"]["fr"])
    wb["Carte des ressources"].append(
        ["Développer des actions à destination des jeunes (3 à 14 ans)", "Conseillers numériques", "Intervenant", "Opérationnel (trait plein)", "Réseau local CnFS"]
    )
    wb["Enjeux"].append(["1", "Comment renforcer l'attractivité du territoire grâce au numérique ?", "très fort", "moyen"])
    wb["Acteurs"].append(["Communauté de communes", "Collectivité", None, None, None, "0553000000", None, "01000"])
    wb.save(path)

    data_rows: dict[str, list] = {}
    _recognised(path, data_rows)
    (row, chantier), = data_rows["Chantiers clés"]
    assert row == 2
    assert chantier["governance"].split("\n") == ["Pilote : Communauté de communes", "Associé : Région Nouvelle-Aquitaine"]
    assert len(chantier["freins"].split("\n")) == 4
    (_, link), = data_rows["Carte des ressources"]
    assert parse_status(link["status"]) is LinkStatus.OPERATIONAL
    assert ResourceCategory.parse(link["category"]) is ResourceCategory.INTERVENANT
    (_, issue), = data_rows["Enjeux"]
    assert (parse_level(issue["impact"], "impact"), parse_level(issue["maitrise"], "maîtrise")) == (4, 2)
    (_, actor), = data_rows["Acteurs"]
    assert (actor["phone"], actor["postcode"]) == ("0553000000", "01000")


# --- the explanation sheet ---------------------------------------------------------------------


def test_the_explanation_sheet_is_not_recognised_as_a_table(workbook_path, language):
    found = _recognised(workbook_path)
    assert next(iter(found)) == HELP_TITLE[language]
    assert found[HELP_TITLE[language]] is None
    # Not just within the rows recognise scans: no row anywhere looks like a table's headers.
    for cells in _help_rows(workbook_path):
        for spec in TABLES:
            assert spec.match(cells) is None, (spec.kind, cells)


def test_the_explanation_quotes_the_method_s_legend_verbatim(tmp_path):
    text = _help_text(write_template(tmp_path / "fr.xlsx", "fr"))
    for sentence in LEGEND_FR:
        assert sentence in text
    english = _help_text(write_template(tmp_path / "en.xlsx", "en"))
    for sentence in LEGEND_FR:  # the English template keeps the French original in quotes
        assert sentence in english


def test_the_explanation_lists_every_choice_and_the_example_row(workbook_path, language):
    i = LANG_INDEX[language]
    rows = _help_rows(workbook_path)
    first_cells = [row[0] for row in rows]
    for choices in (STATUS_CHOICES, CATEGORY_CHOICES, ROLE_CHOICES, LEVEL_CHOICES):
        for choice in choices.values():
            assert choice[i] in first_cells
    example = {row[0]: row[1] for row in rows if row[0] in {_header(f, language) for f in CHANTIERS.fields}}
    assert set(example) == {_header(f, language) for f in CHANTIERS.fields}
    if language == "fr":
        assert example["Enjeu n°1"] == "Comment renforcer l'attractivité du territoire grâce au numérique ?"
        assert example["Titre des chantiers clés"].startswith("Faciliter l'accès aux services numériques")
        assert "Pilote : Communauté de communes" in example[CHANTIERS.field("governance").header_fr].split("\n")
    for spec in TEMPLATE_TABLES:
        assert _title(spec, language) in first_cells  # how to fill each sheet


@pytest.mark.parametrize(
    ("synonyms", "parse"),
    [
        (STATUS_SYNONYMS, parse_status),
        (ROLE_SYNONYMS, parse_role),
        (CATEGORY_SYNONYMS, lambda word: ResourceCategory.parse(word).value),
    ],
    ids=["statuses", "roles", "categories"],
)
def test_every_synonym_the_explanation_lists_is_understood_by_the_importer(synonyms, parse, tmp_path):
    text = _help_text(write_template(tmp_path / "t.xlsx", "fr"))
    for key, (french, english) in synonyms.items():
        for word in (*french, *english):
            assert parse(word) == key, word
            assert word in text


def test_the_level_words_of_the_explanation_are_read_by_parse_level():
    for level, (fr, en) in LEVEL_CHOICES.items():
        assert parse_level(fr, "impact") == parse_level(en, "impact") == parse_level(str(level), "impact") == level


# --- language ----------------------------------------------------------------------------------


def test_french_by_default_english_on_request(tmp_path, monkeypatch):
    assert load_workbook(write_template(tmp_path / "a.xlsx")).sheetnames[1] == "Enjeux"
    set_language("en")
    assert load_workbook(write_template(tmp_path / "b.xlsx")).sheetnames[1] == "Issues"
    assert load_workbook(write_template(tmp_path / "c.xlsx", "fr")).sheetnames[1] == "Enjeux"
    set_language(None)
    monkeypatch.setenv("ECOSYSTEM_LANG", "en")
    assert load_workbook(write_template(tmp_path / "d.xlsx")).sheetnames[1] == "Issues"


def test_an_unknown_language_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError):
        write_template(tmp_path / "t.xlsx", "de")
    assert not (tmp_path / "t.xlsx").exists()


# --- the file ----------------------------------------------------------------------------------


def test_the_file_is_a_valid_xlsx(workbook_path):
    with zipfile.ZipFile(workbook_path) as archive:
        assert archive.testzip() is None
        assert "xl/workbook.xml" in archive.namelist()
    load_workbook(workbook_path)  # full mode, styles and validations included
    load_workbook(workbook_path, read_only=True, data_only=True).close()


def test_no_cell_is_a_formula(workbook_path):
    wb = load_workbook(workbook_path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_an_existing_file_is_never_overwritten_without_overwrite(tmp_path):
    path = tmp_path / "atelier.xlsx"
    path.write_bytes(b"the coordinator's work")
    with pytest.raises(TemplateError) as caught:
        write_template(path)
    assert isinstance(caught.value, EcosystemError)
    assert "--force" in str(caught.value) and "atelier.xlsx" in str(caught.value)
    assert path.read_bytes() == b"the coordinator's work"
    set_language("en")
    assert "Choose another name" in str(caught.value)

    assert write_template(path, overwrite=True) == path
    load_workbook(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atelier.xlsx"]


@pytest.mark.parametrize("name", ["modele.xls", "modele.csv", "modele.xlsm", "modele", "modele.xlsx.bak"])
def test_only_an_xlsx_name_is_accepted(tmp_path, name):
    with pytest.raises(TemplateError) as caught:
        write_template(tmp_path / name)
    assert ".xlsx" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_the_suffix_is_case_insensitive(tmp_path):
    load_workbook(write_template(tmp_path / "MODELE.XLSX"))


def test_a_missing_folder_is_reported(tmp_path):
    with pytest.raises(TemplateError) as caught:
        write_template(tmp_path / "nope" / "t.xlsx")
    assert "nope" in str(caught.value)


def test_a_failed_write_leaves_neither_a_half_file_nor_a_temporary_one(tmp_path, monkeypatch):
    path = tmp_path / "atelier.xlsx"
    path.write_bytes(b"previous")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(TemplateError) as caught:
        write_template(path, overwrite=True)
    assert caught.value.message_id == "template.unwritable"
    assert "Permission denied" in str(caught.value)
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["atelier.xlsx"]


def test_a_crash_while_building_writes_nothing(tmp_path, monkeypatch):
    def crash(language):
        raise RuntimeError("boom")

    monkeypatch.setattr(template_module, "_workbook_bytes", crash)
    with pytest.raises(RuntimeError):
        write_template(tmp_path / "t.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_the_written_file_is_readable_by_others(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask
