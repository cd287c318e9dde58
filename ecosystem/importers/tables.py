"""The tables coordinators fill in, and how a sheet is recognised by its headers.

Headers are compared normalised (case, accents, punctuation, spacing, line breaks, a leading
article: "Les objectifs : on aura réussi si..." and "OBJECTIFS – on aura reussi si…" are the same).
A header matches a field when it equals, or starts with, one of the field's phrases. The step-4
headers exactly as the method prints them are the ``header_fr`` of the chantiers table, and are
what ``ecosystem template`` writes.

A title row above the headers (e.g. "Atelier chantiers clés — 14 mars") is skipped: the header
row is the first of the first rows that holds a table's required columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..i18n import get_language
from ..model import normalize_name
from .reading import Row, Sheet

__all__ = ["table_spec", "Field", "TableSpec", "Recognised", "TABLES", "CHANTIERS", "RESOURCE_MAP", "GOVERNANCE", "ACTORS", "ENJEUX", "LIEUX", "recognise", "header_key"]

HEADER_SCAN_ROWS = 15
_ARTICLES = ("les ", "le ", "la ", "l ", "the ")


def header_key(text: str) -> str:
    """A header, normalised for matching."""
    key = normalize_name(text)
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
            break
    return key


@dataclass(frozen=True)
class Field:
    """One column of a table: its id, the headers the template writes, the phrases it answers to."""

    name: str
    header_fr: str
    header_en: str
    phrases: tuple[str, ...]
    required: bool = False

    def matches(self, key: str) -> bool:
        return any(key == p or key.startswith(p + " ") for p in self._keys)

    @cached_property
    def _keys(self) -> tuple[str, ...]:
        return tuple(header_key(p) for p in (self.header_fr, self.header_en, *self.phrases))


@dataclass(frozen=True)
class TableSpec:
    """A kind of table. ``one_of``: at least one of these fields must be present too."""

    kind: str
    title_fr: str
    title_en: str
    fields: tuple[Field, ...]
    one_of: tuple[str, ...] = ()

    def title(self) -> str:
        """The table's name in the current language."""
        return self.title_en if get_language() == "en" else self.title_fr

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def match(self, cells: list[str]) -> dict[int, Field] | None:
        """Map column index -> field if these cells are this table's headers, else None."""
        columns: dict[int, Field] = {}
        taken: set[str] = set()
        for index, text in enumerate(cells):
            key = header_key(text)
            if not key:
                continue
            for f in self.fields:
                if f.name not in taken and f.matches(key):
                    columns[index] = f
                    taken.add(f.name)
                    break
        if not all(f.name in taken for f in self.fields if f.required):
            return None
        if self.one_of and not taken & set(self.one_of):
            return None
        return columns


CHANTIERS = TableSpec(
    "chantiers",
    "Chantiers clés",
    "Key workstreams",
    (
        Field("enjeu", "Enjeu n°1", "Issue", ("enjeu", "enjeux", "issue", "issues")),
        Field(
            "title",
            "Titre des chantiers clés",
            "Key workstream title",
            ("titre", "titre du chantier", "chantier cle", "chantiers cles", "key workstream", "workstream", "title"),
            required=True,
        ),
        Field(
            "objectives",
            "Les objectifs : on aura réussi si...",
            "Objectives: we will have succeeded if...",
            ("objectifs", "objectif", "on aura reussi si", "objectives", "success criteria"),
        ),
        Field("actions", "Action(s) du chantier", "Actions", ("action", "actions", "action s")),
        Field(
            "governance",
            "Gouvernance : qui pilote ? qui fait ? Qui doit-être associé ?",
            "Governance: who leads? who does? who must be involved?",
            ("gouvernance", "qui pilote", "governance"),
        ),
        Field(
            "resources",
            "Les ressources mobilisables et celles à mobiliser",
            "Resources available and to mobilise",
            ("ressources", "ressource", "resources"),
        ),
        Field(
            "freins",
            "Les freins à lever pour le déploiement du chantier",
            "Barriers to remove",
            ("freins", "frein", "obstacles", "barriers", "blockers"),
        ),
    ),
    one_of=("objectives", "actions", "governance", "freins"),
)

RESOURCE_MAP = TableSpec(
    "resource_map",
    "Carte des ressources",
    "Resource map",
    (
        Field("chantier", "Chantier", "Workstream", ("chantier cle", "code chantier", "workstream", "chantier"), required=True),
        Field(
            "resource",
            "Ressource ou acteur",
            "Resource or actor",
            ("ressource", "acteur", "resource", "actor", "nom de la ressource"),
            required=True,
        ),
        Field("category", "Catégorie", "Category", ("categorie", "category", "type de ressource")),
        Field("status", "Statut", "Status", ("statut", "status", "lien", "trait", "etat du lien", "link"), required=True),
        Field("provider", "Porteur", "Provided by", ("porteur", "apporte par", "structure porteuse", "provider", "provided by")),
        Field("note", "Note", "Note", ("note", "commentaire", "remarque", "comment", "notes")),
    ),
)

GOVERNANCE = TableSpec(
    "governance",
    "Gouvernance",
    "Governance",
    (
        Field("chantier", "Chantier", "Workstream", ("chantier cle", "code chantier", "workstream", "chantier"), required=True),
        Field("actor", "Acteur", "Actor", ("acteur", "structure", "actor", "qui"), required=True),
        Field("role", "Rôle", "Role", ("role", "gouvernance", "governance"), required=True),
        Field("note", "Note", "Note", ("note", "commentaire", "remarque", "comment", "notes")),
    ),
)

ACTORS = TableSpec(
    "actors",
    "Acteurs",
    "Actors",
    (
        Field("name", "Nom", "Name", ("nom", "acteur", "structure", "organisation", "name", "actor", "nom de la structure"), required=True),
        Field("typologie", "Typologie", "Type", ("typologie", "type", "type de structure", "kind")),
        Field("external_id", "SIRET / RNA", "SIRET / RNA", ("siret", "siren", "rna", "identifiant", "id externe", "external id")),
        Field("contact", "Contact", "Contact person", ("contact", "referent", "referente", "personne contact")),
        Field("email", "Courriel", "Email", ("courriel", "courriels", "email", "e mail", "mail")),
        Field("phone", "Téléphone", "Phone", ("telephone", "tel", "phone")),
        Field("address", "Adresse", "Address", ("adresse", "address")),
        Field("postcode", "Code postal", "Postcode", ("code postal", "cp", "postcode", "zip")),
        Field("commune", "Commune", "Town", ("commune", "ville", "town", "city")),
        Field("website", "Site web", "Website", ("site web", "site", "website", "url")),
        Field("note", "Note", "Note", ("note", "commentaire", "remarque", "comment", "notes")),
    ),
    one_of=("typologie", "external_id", "contact", "email", "phone", "address", "postcode", "commune", "website", "note"),
)

ENJEUX = TableSpec(
    "enjeux",
    "Enjeux",
    "Issues",
    (
        Field("number", "N°", "No.", ("n", "numero", "n d item", "no", "number", "num")),
        Field("title", "Enjeu", "Issue", ("enjeu", "titre", "intitule", "nom de l item", "item", "issue", "title"), required=True),
        Field("impact", "Impact", "Impact", ("impact", "niveau d impact")),
        Field("maitrise", "Maîtrise", "Control", ("maitrise", "niveau de maitrise", "control")),
        Field("points", "Points", "Points", ("points", "votes", "gommettes")),
        Field("description", "Description", "Description", ("description", "commentaire", "note", "comment")),
    ),
    one_of=("impact", "maitrise", "points"),
)

# The national open-data standard of lieux de médiation numérique (column names are ids).
LIEUX = TableSpec(
    "lieux",
    "Lieux de médiation numérique",
    "Digital inclusion venues",
    (
        Field("id", "id", "id", (), required=True),
        Field("nom", "nom", "nom", (), required=True),
        Field("pivot", "pivot", "pivot", ()),
        Field("services", "services", "services", ()),
        Field("date_maj", "date_maj", "date_maj", ("date_mise_a_jour",)),
        Field("source", "source", "source", ()),
    ),
    one_of=("pivot", "services", "date_maj"),
)

# Most specific first: a lieux file also looks like an actors list.
TABLES: tuple[TableSpec, ...] = (LIEUX, RESOURCE_MAP, GOVERNANCE, CHANTIERS, ENJEUX, ACTORS)


def table_spec(kind: str) -> TableSpec:
    """The table spec of ``kind`` ("chantiers", "lieux"...)."""
    return next(s for s in TABLES if s.kind == kind)


@dataclass
class Recognised:
    """A sheet whose table was recognised: the spec, its header row and the data rows after it."""

    spec: TableSpec
    header_row: int
    headers: list[str]
    columns: dict[int, Field]
    rows: Iterator[Row] = field(repr=False)

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """``(row number, {field name: cell text})`` for each data row."""
        for number, cells in self.rows:
            yield number, {f.name: cells[i] for i, f in self.columns.items() if i < len(cells)}

    def header_of(self, field_name: str) -> str:
        """The header as written in the file, for messages."""
        for index, f in self.columns.items():
            if f.name == field_name:
                return self.headers[index]
        return field_name


def recognise(sheet: Sheet) -> Recognised | None:
    """Find the header row among the first rows of ``sheet``; None if no table matches."""
    seen: list[Row] = []
    for row in sheet.rows:
        seen.append(row)
        number, cells = row
        for spec in TABLES:
            columns = spec.match(cells)
            if columns is not None:
                return Recognised(spec, number, cells, columns, sheet.rows)
        if len(seen) >= HEADER_SCAN_ROWS:
            break
    return None
