"""The empty workbook coordinators start from: ``ecosystem template FILE.xlsx``.

One sheet per workshop table, in the order of the method — Enjeux (step 3), Chantiers clés,
Carte des ressources, Gouvernance (step 4), then the Acteurs directory the others refer to —
each with the exact headers :mod:`ecosystem.importers.tables` recognises, notes on the header
cells saying what to write, and dropdowns for statuses, categories, roles and levels. The
dropdown values come from :mod:`ecosystem.importers.vocabulary` (and :data:`LEVEL_CHOICES`
below) and are the words the importer parses back; they sit on a hidden "Listes" sheet,
referenced by range, because French values hold commas and parentheses.

A "Mode d'emploi" sheet comes first and is the active one, so the workbook opens on it: the
method's legend (verbatim), what each status, category, role and level means, the other words
the importer understands, how to fill each sheet, and the method's own chantier row as an
example. The tables themselves stay empty. Its rows never hold a table's headers side by side,
so it is never taken for a table (tests check it).

Dropdowns only warn on a value outside the list (Excel's "warning" style, with "Yes" to keep
it): the importer understands synonyms ("pointillé", "déjà opérant", a level typed as 3), and a
coordinator pasting workshop notes should not be blocked by Excel for a word the import accepts.

Every text comes from :mod:`ecosystem.i18n` (ids ``template.*``), French unless told otherwise.
The file is written atomically (temporary file in the same folder, then ``os.replace``) and an
existing file is never replaced unless ``overwrite=True``.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

from ..files import write_atomically
from ..errors import EcosystemError
from ..i18n import LANGUAGES, MESSAGES, get_language
from ..model import GovernanceRole, LinkStatus
from .tables import ACTORS, CHANTIERS, ENJEUX, GOVERNANCE, RESOURCE_MAP, Field, TableSpec
from .vocabulary import CATEGORY_CHOICES, ROLE_CHOICES, STATUS_CHOICES

__all__ = [
    "write_template",
    "TemplateError",
    "TEMPLATE_TABLES",
    "LEVEL_CHOICES",
    "DROPDOWNS",
    "FIRST_ROW",
    "LAST_ROW",
    "dropdown_values",
    "template_sheet_titles",
]

# The order of the method: step 3's enjeux, step 4's chantiers table and its resource map and
# governance, then the directory of the actors all of them cite.
TEMPLATE_TABLES: tuple[TableSpec, ...] = (ENJEUX, CHANTIERS, RESOURCE_MAP, GOVERNANCE, ACTORS)

# Impact and maîtrise levels as the dropdown offers them (French, English), numbered so Excel
# sorts enjeux by level; ecosystem.model.parse_level reads them back as 1–4, as it does a bare
# digit or word.
LEVEL_CHOICES: dict[int, tuple[str, str]] = {
    1: ("1 - faible", "1 - low"),
    2: ("2 - moyen", "2 - medium"),
    3: ("3 - fort", "3 - high"),
    4: ("4 - très fort", "4 - very high"),
}

# Which column of which table gets which dropdown list.
DROPDOWNS: dict[tuple[str, str], str] = {
    (RESOURCE_MAP.kind, "status"): "status",
    (RESOURCE_MAP.kind, "category"): "category",
    (GOVERNANCE.kind, "role"): "role",
    (ENJEUX.kind, "impact"): "level",
    (ENJEUX.kind, "maitrise"): "level",
}
_LISTS = ("status", "category", "role", "level")  # column order on the hidden list sheet

# Data rows that get dropdowns (Excel numbers): generous, a territory's resource map can be long.
FIRST_ROW = 2
LAST_ROW = 2000

# Other words the importer understands, shown on the "Mode d'emploi" sheet. They are the words
# of vocabulary.py and model.py, written with their accents (the parsers compare them without);
# tests/test_template.py checks each one parses back to the value it is listed under.
STATUS_SYNONYMS: dict[LinkStatus, tuple[tuple[str, ...], tuple[str, ...]]] = {
    LinkStatus.OPERATIONAL: (
        ("opérationnel", "opérationnelle", "opérant", "opérante", "déjà opérant", "déjà opérante", "trait plein", "plein", "actif", "active", "oui"),
        ("operational", "solid", "solid line"),
    ),
    LinkStatus.KNOWN_UNLINKED: (
        ("connu non relié", "connue non reliée", "connu", "connue", "pointillé", "pointillés", "trait pointillé", "à mobiliser", "à activer"),
        ("known", "known unlinked", "dotted", "dotted line", "to activate"),
    ),
    LinkStatus.ABSENT: (
        ("absent", "absente", "pas de lien", "aucun", "aucun lien", "absence de trait", "non"),
        ("none", "no link"),
    ),
}
ROLE_SYNONYMS: dict[GovernanceRole, tuple[tuple[str, ...], tuple[str, ...]]] = {
    GovernanceRole.PILOTE: (("pilote", "qui pilote", "pilotage", "porteur"), ("leads", "lead", "leader")),
    GovernanceRole.FAIT: (("fait", "font", "qui fait", "opérateur", "opératrice", "réalise"), ("does", "operator")),
    GovernanceRole.ASSOCIE: (("associé", "associée", "à associer", "qui doit être associé"), ("involved", "associate")),
}
CATEGORY_SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "partenaire": (("partenaire", "partenaire de projet"), ("partner",)),
    "intervenant": (("intervenant",), ("practitioner", "contributor")),
    "materiel": (("matériel", "ressource matérielle", "équipement"), ("equipment",)),
    "financement": (("financement",), ("funding",)),
    "lieu": (("lieu", "lieux"), ("venue", "place")),
    "autre": (("autre",), ("other",)),
}

# Column widths (Excel characters) and the columns written as text (leading zeros of a postcode
# or phone number, 14-digit SIRET, chantier codes like "1.2" that Excel would turn into dates).
_WIDTHS: dict[tuple[str, str], float] = {
    ("enjeux", "number"): 8, ("enjeux", "title"): 60, ("enjeux", "impact"): 14, ("enjeux", "maitrise"): 14,
    ("enjeux", "points"): 10, ("enjeux", "description"): 60,
    ("chantiers", "enjeu"): 35, ("chantiers", "title"): 40, ("chantiers", "objectives"): 45,
    ("chantiers", "actions"): 45, ("chantiers", "governance"): 40, ("chantiers", "resources"): 45,
    ("chantiers", "freins"): 40,
    ("resource_map", "chantier"): 35, ("resource_map", "resource"): 40, ("resource_map", "category"): 18,
    ("resource_map", "status"): 30, ("resource_map", "provider"): 30, ("resource_map", "note"): 40,
    ("governance", "chantier"): 40, ("governance", "actor"): 40, ("governance", "role"): 16, ("governance", "note"): 40,
    ("actors", "name"): 35, ("actors", "typologie"): 25, ("actors", "external_id"): 20, ("actors", "contact"): 25,
    ("actors", "email"): 30, ("actors", "phone"): 18, ("actors", "address"): 35, ("actors", "postcode"): 12,
    ("actors", "commune"): 25, ("actors", "website"): 30, ("actors", "note"): 40,
}
_WRAP_FIELDS = {"title", "description", "note", "address", "resource", "chantier", "actor", "enjeu"}
_TEXT_FIELDS = {"number", "chantier", "external_id", "phone", "postcode"}

_HEADER_FILL = "DDEBF7"
_HELP_FILL = "E2EFDA"
_AUTHOR = "ecosystem"


class TemplateError(EcosystemError):
    """The template cannot be written where asked (existing file, wrong suffix, folder...)."""


def write_template(path: str | Path, language: str | None = None, *, overwrite: bool = False) -> Path:
    """Write the empty workbook to ``path`` (a new ``.xlsx``) and return its path.

    ``language``: "fr" or "en"; None follows :func:`ecosystem.i18n.get_language` (French by
    default). An existing file is refused unless ``overwrite``; nothing is ever half-written.
    """
    path = Path(path)
    language = language or get_language()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    if path.suffix.lower() != ".xlsx":
        raise TemplateError("template.bad_suffix", path=str(path))
    if path.exists() and not overwrite:
        raise TemplateError("template.exists", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise TemplateError("template.no_folder", folder=str(folder))

    data = _workbook_bytes(language)
    _write_atomically(path, data)
    return path


# --- building the workbook -------------------------------------------------------------------


def _t(language: str, message_id: str, **params: object) -> str:
    """A message in ``language``, whatever the process language is."""
    return MESSAGES[message_id][language].format(**_sheet_names(language), **params)


def _sheet_names(language: str) -> dict[str, str]:
    i = 0 if language == "fr" else 1
    return {f"{spec.kind}_sheet": (spec.title_fr, spec.title_en)[i] for spec in TEMPLATE_TABLES}


def template_sheet_titles() -> frozenset[str]:
    """Titles of the template's own non-table sheets (explanation, lists), in every language.

    For the importer: these sheets are expected not to hold a table, so they need no warning.
    """
    return frozenset(MESSAGES[m][language] for m in ("template.sheet.help", "template.sheet.lists") for language in LANGUAGES)


def dropdown_values(list_name: str, language: str) -> list[str]:
    """The values of one dropdown ("status", "category", "role", "level") in ``language``."""
    i = 0 if language == "fr" else 1
    choices = {
        "status": STATUS_CHOICES,
        "category": CATEGORY_CHOICES,
        "role": ROLE_CHOICES,
        "level": LEVEL_CHOICES,
    }[list_name]
    return [pair[i] for pair in choices.values()]


def _workbook_bytes(language: str) -> bytes:
    from openpyxl import Workbook  # imported here: only template users pay for it

    wb = Workbook()
    wb.properties.creator = _AUTHOR
    wb.properties.title = _t(language, "template.help.title")
    help_ws = wb.active
    help_ws.title = _t(language, "template.sheet.help")
    list_ranges = _write_lists(wb, language)
    for spec in TEMPLATE_TABLES:
        _write_table(wb, spec, language, list_ranges)
    _write_help(help_ws, language)
    wb.move_sheet(wb[_t(language, "template.sheet.lists")], offset=len(wb.sheetnames))  # hidden, last
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_lists(wb, language: str) -> dict[str, str]:
    """The hidden sheet of dropdown values; returns list name -> absolute range for formula1."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname

    ws = wb.create_sheet(_t(language, "template.sheet.lists"))
    ranges: dict[str, str] = {}
    for column, name in enumerate(_LISTS, start=1):
        letter = get_column_letter(column)
        ws.cell(row=1, column=column, value=_t(language, f"template.lists.{name}")).font = Font(bold=True)
        values = dropdown_values(name, language)
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=column, value=value)
        ws.column_dimensions[letter].width = max(len(v) for v in values) + 4
        ranges[name] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True  # no password: a safeguard against accidental edits only
    return ranges


def _note(spec: TableSpec, f: Field, language: str) -> str | None:
    for message_id in (f"template.note.{spec.kind}.{f.name}", f"template.note.{f.name}"):
        if message_id in MESSAGES:
            return _t(language, message_id)
    return None


def _write_table(wb, spec: TableSpec, language: str, list_ranges: dict[str, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(spec.title_fr if language == "fr" else spec.title_en)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    header_alignment = Alignment(wrap_text=True, vertical="top")
    header_lines = 1
    for column, f in enumerate(spec.fields, start=1):
        letter = get_column_letter(column)
        header = f.header_fr if language == "fr" else f.header_en
        cell = ws.cell(row=1, column=column, value=header)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment
        note = _note(spec, f, language)
        if note:
            comment = Comment(note, _AUTHOR)
            comment.width = 320
            comment.height = max(80, 18 * math.ceil(len(note) / 45) + 20)
            cell.comment = comment

        width = _WIDTHS.get((spec.kind, f.name), max(12, len(header) + 4))
        dimension = ws.column_dimensions[letter]
        dimension.width = width
        # Column styles: what Excel and LibreOffice apply to the cells a coordinator types in.
        wrap = spec is CHANTIERS or f.name in _WRAP_FIELDS
        dimension.alignment = Alignment(wrap_text=wrap, vertical="top")
        if f.name in _TEXT_FIELDS:
            dimension.number_format = "@"
        header_lines = max(header_lines, math.ceil(len(header) * 1.1 / width))

        list_name = DROPDOWNS.get((spec.kind, f.name))
        if list_name:
            validation = DataValidation(
                type="list",
                formula1=list_ranges[list_name],
                allow_blank=True,
                showDropDown=False,  # (sic) False means: show the in-cell arrow
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=_t(language, "template.dropdown.title"),
                error=_t(language, f"template.dropdown.{list_name}", values=", ".join(dropdown_values(list_name, language))),
            )
            validation.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
            ws.add_data_validation(validation)
    ws.row_dimensions[1].height = 15 * header_lines + 6
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _print_on_landscape_pages_one_wide(ws)


def _print_on_landscape_pages_one_wide(ws) -> None:
    """Printed for a workshop: landscape, all columns on the page width, as many pages as rows need."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


# --- the "Mode d'emploi" sheet ---------------------------------------------------------------


def _write_help(ws, language: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    i = 0 if language == "fr" else 1
    t = lambda message_id, **params: _t(language, message_id, **params)  # noqa: E731
    title_font = Font(bold=True, size=14)
    heading_font = Font(bold=True, size=12)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=_HELP_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = (34, 60, 55, 55)
    for index, width in enumerate(widths):
        ws.column_dimensions["ABCD"[index]].width = width
    row = 1

    def put(cells: Sequence[str], font=None, shaded: bool = False, merge: bool = False) -> None:
        nonlocal row
        longest = 1
        for column, text in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=column, value=text)
            cell.data_type = "s"  # text, always: a message starting with "=" is not a formula
            cell.alignment = wrap
            if font is not None:
                cell.font = font
            if shaded:
                cell.fill = fill
            width = sum(widths) if merge else widths[column - 1]
            lines = sum(math.ceil(max(len(part), 1) * 1.05 / width) for part in text.split("\n"))
            longest = max(longest, lines)
        if merge:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        ws.row_dimensions[row].height = max(15 * longest + 3, 18 if font is not None else 15)
        row += 1

    def gap() -> None:
        nonlocal row
        row += 1

    def words(pair: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
        return t("template.help.words", fr=", ".join(pair[0]), en=", ".join(pair[1]))

    put([t("template.help.title")], title_font, merge=True)
    for paragraph in ("template.help.intro", "template.help.how", "template.help.multiline"):
        put([t(paragraph)], merge=True)
    gap()

    put([t("template.help.sheets")], heading_font, merge=True)
    for spec in TEMPLATE_TABLES:
        put([(spec.title_fr, spec.title_en)[i], t(f"template.help.sheet.{spec.kind}")])
    gap()

    put([t("template.help.legend")], heading_font, merge=True)
    put([t("template.help.legend.intro")], merge=True)
    put([t("template.help.col.status"), t("template.help.col.legend"), t("template.help.col.meaning"), t("template.help.col.words")], bold, shaded=True)
    for status, choice in STATUS_CHOICES.items():
        put([choice[i], t(f"template.help.legend.{status.value}"), t(f"template.help.status.{status.value}"), words(STATUS_SYNONYMS[status])])
    put([t("template.help.status.empty")], merge=True)
    gap()

    put([t("template.help.categories")], heading_font, merge=True)
    put([t("template.help.col.category"), t("template.help.col.meaning"), t("template.help.col.words")], bold, shaded=True)
    for key, choice in CATEGORY_CHOICES.items():
        put([choice[i], t(f"template.help.category.{key}"), words(CATEGORY_SYNONYMS[key])])
    put([t("template.help.categories.plural")], merge=True)
    gap()

    put([t("template.help.roles")], heading_font, merge=True)
    put([t("template.help.col.role"), t("template.help.col.meaning"), t("template.help.col.words")], bold, shaded=True)
    for role, choice in ROLE_CHOICES.items():
        put([choice[i], t(f"template.help.role.{role.value}"), words(ROLE_SYNONYMS[role])])
    put([t("template.help.roles.column")], merge=True)
    gap()

    put([t("template.help.levels")], heading_font, merge=True)
    put([t("template.help.levels.intro")], merge=True)
    put([t("template.help.col.level"), t("template.help.col.meaning")], bold, shaded=True)
    for level, choice in LEVEL_CHOICES.items():
        put([choice[i], t(f"template.help.level.{level}")])
    gap()

    put([t("template.help.example")], heading_font, merge=True)
    put([t("template.help.example.intro")], merge=True)
    put([t("template.help.col.column"), t("template.help.col.example")], bold, shaded=True)
    for f in CHANTIERS.fields:
        put([(f.header_fr, f.header_en)[i], t(f"template.example.{f.name}")])
    put([t("template.help.example.note")], merge=True)
    gap()
    put([t("template.help.source")], Font(italic=True), merge=True)

    ws.sheet_properties.tabColor = "70AD47"
    ws.sheet_view.showGridLines = False
    _print_on_landscape_pages_one_wide(ws)


# --- writing safely --------------------------------------------------------------------------


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data, create_folder=False)
    except OSError as e:
        raise TemplateError("template.unwritable", path=str(path), detail=e.strerror or str(e)) from e

