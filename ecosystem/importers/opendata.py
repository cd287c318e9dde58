"""Read the open data of *lieux de médiation numérique* into actors of a territory.

The national standard (LaMednum/standard-mediation-num, v1.0.2, Licence Ouverte; a copy of its
schema is ``ecosystem/data/schema-lieux-mediation-numerique-v1.0.2.json``) describes each lieu
with an ``id``, a ``nom``, its address, its typologie codes, its services, the publics it
addresses... This module turns each lieu of a CSV/XLSX sheet or of a JSON file into one
:func:`~ecosystem.model.actor` node, and keeps the lieux of the territory only
(:class:`LieuFilter`). It never touches a store: ``ecosystem import`` writes the nodes.

What comes out, per lieu — an Actor named ``nom`` with ``external_id="lieu:<id>"`` (so the same
lieu imported into two territories is one node) and these properties, named after the standard's
own fields (shortened where the field name is a sentence):

=============================  =======  ====================================================
property                       type     from the standard's field
=============================  =======  ====================================================
``origin``                     str      always ``"open_data_mediation_numerique"``
``lieu_id``                    str      ``id`` as written
``typologie``                  [str]    ``typologie`` (data·inclusion codes: RFS, BIB, CS...)
``services``                   [str]    ``services``
``publics``                    [str]    ``publics_specifiquement_adresses``
``prise_en_charge``            [str]    ``prise_en_charge_specifique``
``dispositifs``                [str]    ``dispositif_programmes_nationaux``
``labels``                     [str]    ``formations_labels`` + ``autres_formations_labels``
``modalites_acces``            [str]    ``modalites_acces``
``modalites_accompagnement``   [str]    ``modalites_accompagnement``
``frais``                      [str]    ``frais_a_charge``
``itinerance``                 [str]    ``itinerance`` (Itinérant, Fixe)
``telephone``                  str      ``telephone`` (several numbers joined by ``|``)
``courriels``, ``site_web``    [str]    ``courriels``, ``site_web``
``adresse``...``commune``      str      ``adresse``, ``complement_adresse``, ``code_postal``,
                                        ``code_insee``, ``commune``
``departement``                str      derived from ``code_insee``, else ``code_postal``
``latitude``, ``longitude``    float    ``latitude``, ``longitude``
``code_epci``, ``nom_epci``    str      only when the export has EPCI columns
``horaires``, ``presentation_resume``, ``presentation_detail``, ``source``, ``date_maj``
(AAAA-MM-JJ), ``structure_parente``, ``prise_rdv``, ``fiche_acces_libre``, ``cle_ban``: str
``pivot``                      str      ``pivot`` (SIRET/RNA) — a plain property, never identity
=============================  =======  ====================================================

Empty values are left out (no property rather than an empty one). Values of closed lists are
written the standard's way whatever the case, accents or spacing of the file (so "comprehension
du monde numerique" is stored "Compréhension du monde numérique").

Messy files are read as they are:

* **Older versions of the standard** (0.1, 2022: ``courriel``, ``publics_accueillis``,
  ``conditions_acces``, ``labels_nationaux``, ``labels_autres``, ``accessibilite``, ``cle_ban``;
  ``;`` or ``,`` between values) are mapped to the current fields and values (see
  :data:`OLD_FIELDS` and :data:`OLD_VALUES`).
* **Repeated ids**: the first record of an id is kept. A later record of the same id that is the
  same lieu (same name, same place) is ignored with a warning; one that is clearly another lieu
  (another name or another place) is kept as a distinct actor with the id
  ``lieu:<id>~<name-key>-<code postal>`` and a warning.
* **Placeholder SIRET** (``00000000000000``...): never stored, never used to merge (identity is
  the lieu id only); one warning per placeholder with the number of lieux carrying it.
* Comma decimals, stray spaces, ``NC``/``N/A``/``-`` cells, 4-digit postcodes that lost their
  leading zero, ``JJ/MM/AAAA`` dates are read; a ``1970-01-01`` date and ``0, 0`` coordinates
  are placeholders and are dropped with a warning.
* An unknown typologie code or a value outside a closed list is a **warning** (kept as written);
  a lieu without ``id`` or ``nom`` is an **error** naming the file, row and column.

Filtering happens before anything else is checked: a national file filtered down to one
département reports problems about the lieux of that département only. Warnings that count
several lieux are reported once the whole file has been read, i.e. when the iterator is
exhausted.

EPCI: the standard has no EPCI column, and no small, maintained package ships the official
commune → EPCI table offline, so filtering by EPCI works when the file carries an EPCI column
(``code_epci``/``siren_epci``/``epci``... or ``nom_epci``/``libelle_epci``...); otherwise it is
an error that says how to proceed (add the column, or filter by the communes' INSEE codes).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ValidationError
from ..i18n import tr
from ..model import Node, actor, normalize_name
from .problems import Location, Problems
from .reading import cell_text
from .tables import Recognised

__all__ = [
    "ORIGIN",
    "LieuFilter",
    "lieux_from_table",
    "read_lieux_json",
    "departement_of",
    "typologie_codes",
    "OLD_FIELDS",
    "OLD_VALUES",
]

ORIGIN = "open_data_mediation_numerique"
SCHEMA_FILE = "schema-lieux-mediation-numerique-v1.0.2.json"
TYPOLOGIES_FILE = "typologies-de-structures-v0.json"

# --- the standard's fields, and the names older or local exports give them --------------------

#: Fields of the standard v1.0.2, in its order.
FIELDS = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
    "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
    "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente",
    "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
    "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
    "autres_formations_labels", "modalites_acces", "modalites_accompagnement",
    "fiche_acces_libre", "prise_rdv",
)  # fmt: skip

#: Field names of older versions of the standard (0.1, 2022) and of common exports -> field read.
#: ``publics_accueillis`` and ``labels_nationaux`` were split in v1.0 into two fields each; they
#: are read under their own name and their values dispatched (see :data:`OLD_VALUES`).
OLD_FIELDS: dict[str, str] = {
    # standard 0.1 -> 1.0
    "courriel": "courriels",
    "conditions_acces": "frais_a_charge",
    "labels_autres": "autres_formations_labels",
    "accessibilite": "fiche_acces_libre",
    "publics_accueillis": "publics_accueillis",
    "labels_nationaux": "labels_nationaux",
    "cle_ban": "cle_ban",
    # spellings seen in exports of the standard
    "presentation_resumee": "presentation_resume",
    "date_mise_a_jour": "date_maj",
    "horaires_ouverture": "horaires",
    "siret": "pivot",
    "code_commune": "code_insee",
    "insee": "code_insee",
    "cp": "code_postal",
    "ville": "commune",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "email": "courriels",
    "emails": "courriels",
    "site_internet": "site_web",
    "tel": "telephone",
    # EPCI columns of local exports (the standard has none)
    "epci": "epci",
    "code_epci": "code_epci",
    "siren_epci": "code_epci",
    "epci_code": "code_epci",
    "epci_siren": "code_epci",
    "nom_epci": "nom_epci",
    "epci_nom": "nom_epci",
    "libelle_epci": "nom_epci",
    "lib_epci": "nom_epci",
}
_EPCI_FIELDS = ("epci", "code_epci", "nom_epci")
_KNOWN_FIELDS = frozenset(FIELDS) | frozenset(OLD_FIELDS.values())

# Closed lists of the standard, by field (values come from schema.json's patterns).
_VOCABULARY_FIELDS = (
    "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "modalites_acces",
    "modalites_accompagnement", "itinerance",
)  # fmt: skip

#: Values of the standard 0.1 -> (field of v1.0, value of v1.0), keyed by the old value (its part
#: before " : " when it has an explanation). A None value means "no v1.0 equivalent, dropped"
#: ("Adultes": every lieu welcomes adults, v1.0 only lists *specific* publics).
OLD_VALUES: dict[str, dict[str, tuple[str, str] | None]] = {
    "services": {
        "Devenir autonome dans les démarches administratives": ("services", "Aide aux démarches administratives"),
        "Réaliser des démarches administratives avec un accompagnement": ("services", "Aide aux démarches administratives"),
        "Accompagner les démarches de santé": ("services", "Aide aux démarches administratives"),
        "Prendre en main un smartphone ou une tablette": ("services", "Maîtrise des outils numériques du quotidien"),
        "Prendre en main un ordinateur": ("services", "Maîtrise des outils numériques du quotidien"),
        "Utiliser le numérique au quotidien": ("services", "Maîtrise des outils numériques du quotidien"),
        "Approfondir ma culture numérique": ("services", "Compréhension du monde numérique"),
        "Promouvoir la citoyenneté numérique": ("services", "Compréhension du monde numérique"),
        "Favoriser mon insertion professionnelle": ("services", "Insertion professionnelle via le numérique"),
        "Créer et développer mon entreprise": ("services", "Insertion professionnelle via le numérique"),
        "Accéder à une connexion internet": ("services", "Accès internet et matériel informatique"),
        "Accéder à du matériel": ("services", "Accès internet et matériel informatique"),
        "S’équiper en matériel informatique": ("services", "Acquisition de matériel informatique à prix solidaire"),
        "Créer avec le numérique": ("services", "Loisirs et créations numériques"),
        "Soutenir la parentalité et l'éducation avec le numérique": ("services", "Parentalité et éducation avec le numérique"),
    },
    "publics_accueillis": {
        "Seniors (+ 65 ans)": ("publics_specifiquement_adresses", "Seniors"),
        "Familles/enfants": ("publics_specifiquement_adresses", "Familles et/ou enfants"),
        "Jeunes (16-26 ans)": ("publics_specifiquement_adresses", "Jeunes"),
        "Uniquement femmes": ("publics_specifiquement_adresses", "Femmes"),
        "Adultes": None,
        "Public langues étrangères": ("prise_en_charge_specifique", "Langues étrangères (autres)"),
        "Déficience visuelle": ("prise_en_charge_specifique", "Déficience visuelle"),
        "Surdité": ("prise_en_charge_specifique", "Surdité"),
        "Handicaps psychiques": ("prise_en_charge_specifique", "Handicaps mentaux"),
        "Handicaps mentaux": ("prise_en_charge_specifique", "Handicaps mentaux"),
        "Personnes en situation d'illettrisme": ("prise_en_charge_specifique", "Illettrisme"),
    },
    "frais_a_charge": {
        "Adhésion": ("frais_a_charge", "Adhésion"),
        "Accepte le Pass numérique": ("frais_a_charge", "Accepte le Pass numérique"),
    },
    "labels_nationaux": {
        "France Services": ("dispositif_programmes_nationaux", "France Services"),
        "CNFS": ("dispositif_programmes_nationaux", "Conseillers numériques"),
        "Aidants Connect": ("dispositif_programmes_nationaux", "Aidants Connect"),
        "Grandes écoles du numérique": ("dispositif_programmes_nationaux", "Grande école du numérique"),
        "Point relais CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
        "Point numérique CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
        "Fabriques de Territoire": ("formations_labels", "Fabriques de Territoire"),
        "APTIC": ("autres_formations_labels", "APTIC"),
        "Relais pôle emploi": ("autres_formations_labels", "Relais pôle emploi"),
        "French Tech": ("autres_formations_labels", "French Tech"),
        "Campus connecté": ("autres_formations_labels", "Campus connecté"),
    },
    "modalites_accompagnement": {
        "Seul": ("modalites_accompagnement", "En autonomie"),
        "Avec de l'aide": ("modalites_accompagnement", "Accompagnement individuel"),
        "Dans un atelier": ("modalites_accompagnement", "Dans un atelier collectif"),
        "A ma place": ("modalites_accompagnement", "À ma place"),
    },
}

# Codes people type for a typologie that is not a code of the list.
_TYPOLOGIE_HINTS = {
    "FS": "RFS", "FRANCE_SERVICES": "RFS", "FRANCE_SERVICE": "RFS",
    "COMMUNE": "MUNI", "MAIRIE": "MUNI", "BIBLIOTHEQUE": "BIB", "MEDIATHEQUE": "BIB",
    "ASSOCIATION": "ASSO", "TIERS_LIEU": "TIERS_LIEUX", "TIERSLIEUX": "TIERS_LIEUX",
    "CENTRE_SOCIAL": "CS", "CSX": "CS",
}  # fmt: skip

_EMPTY = frozenset({"", "-", "--", "nc", "n c", "n a", "na", "nan", "null", "none", "non renseigne", "inconnu", "?"})
_PLACEHOLDER_DATES = frozenset({"1970-01-01", "1900-01-01", "0001-01-01"})
_MULTI = re.compile(r"\s*[|;]\s*")
_MULTI_COMMA = re.compile(r"\s*[|;,]\s*")
_MULTI_URL = re.compile(r"\s*[|;]\s*|\s*,\s*(?=(?:https?://|www\.))", re.IGNORECASE)
_CODE_POSTAL = re.compile(r"^\d{5}$")
_CODE_INSEE = re.compile(r"^(?:[013-9]\d|2[AB1-9])\d{3}$")
_DEPARTEMENT = re.compile(r"^(?:0[1-9]|1\d|2[1-9AB]|20|[3-8]\d|9[0-5]|97[1-8]|98[4-9])$")
_SIREN = re.compile(r"^\d{9}$")
_CEDEX = re.compile(r"\s+cedex(?:\s+\d+)?$")


# --- reference data shipped with the package --------------------------------------------------


def _data_text(name: str) -> str:
    return (files("ecosystem") / "data" / name).read_text(encoding="utf-8")


@cache
def typologie_codes() -> dict[str, str]:
    """The typologie codes of data·inclusion (v0), keyed upper-case: ``{"RFS": "RFS", "AUTRE": "Autre"...}``."""
    return {item["value"].upper(): item["value"] for item in json.loads(_data_text(TYPOLOGIES_FILE))}


@cache
def _vocabularies() -> dict[str, dict[str, str]]:
    """Closed lists of the standard: field -> {normalised value: value as the standard writes it}."""
    prefix, suffix = "(?:(?:^|\\|)(", "))+$"
    vocab: dict[str, dict[str, str]] = {}
    for spec in json.loads(_data_text(SCHEMA_FILE))["fields"]:
        pattern = spec.get("constraints", {}).get("pattern", "")
        if spec["name"] in _VOCABULARY_FIELDS and pattern.startswith(prefix) and pattern.endswith(suffix):
            values = re.split(r"(?<!\\)\|", pattern[len(prefix) : -len(suffix)])
            vocab[spec["name"]] = {normalize_name(v): v for v in (re.sub(r"\\(.)", r"\1", v) for v in values)}
    return vocab


@cache
def _old_values() -> dict[str, dict[str, tuple[str, str] | None]]:
    return {f: {normalize_name(old): new for old, new in table.items()} for f, table in OLD_VALUES.items()}


# --- places and the geographic filter ---------------------------------------------------------


def _digits_code(text: str, width: int) -> str:
    """A code typed as a number that lost its leading zero ("1000" -> "01000")."""
    text = re.sub(r"\s", "", text).upper()
    if text.isdigit() and len(text) == width - 1:
        return "0" + text
    return text


def departement_of(code_insee: str | None, code_postal: str | None) -> str | None:
    """The département of a place, from its INSEE code, else its postcode (None if neither is usable).

    >>> departement_of("2A004", "20000"), departement_of(None, "20200"), departement_of(None, "20137")
    ('2A', '2B', '2A')
    >>> departement_of("97411", None), departement_of(None, "97400"), departement_of(None, "01000")
    ('974', '974', '01')
    """
    insee = _digits_code(code_insee or "", 5)
    if _CODE_INSEE.match(insee):
        return insee[:3] if insee.startswith(("97", "98")) else insee[:2]
    postal = _digits_code(code_postal or "", 5)
    if _CODE_POSTAL.match(postal):
        if postal.startswith("20"):  # Corse: 200xx-201xx Corse-du-Sud, 202xx-206xx Haute-Corse
            return "2A" if postal[2] in "01" else "2B"
        return postal[:3] if postal.startswith(("97", "98")) else postal[:2]
    return None


def _commune_key(name: str) -> str:
    return _CEDEX.sub("", normalize_name(name))


def _as_tuple(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(str(v).strip() for v in values if str(v).strip())


def _bad_filter(axis: str, value: str) -> ValidationError:
    return ValidationError("lieux.bad_filter", value=value, axis=axis, expected=tr(f"lieux.filter.{axis}"))


@dataclass(frozen=True)
class LieuFilter:
    """Which lieux belong to the territory. Empty axes do not filter; a lieu is kept when it
    matches every non-empty axis.

    Values are normalised on creation: départements ``"1"`` -> ``"01"``, ``"2a"`` -> ``"2A"``
    (``"20"`` means both Corsican départements); 4-digit postcodes and INSEE codes get their
    leading zero back; communes are compared with :func:`~ecosystem.model.normalize_name` (and
    without a trailing "CEDEX"); EPCI values are SIREN numbers or names. A malformed value raises
    :class:`~ecosystem.errors.ValidationError`.

    >>> LieuFilter(departements=["51", "2a"]).departements
    ('51', '2A')
    """

    departements: tuple[str, ...] = ()
    codes_postaux: tuple[str, ...] = ()
    codes_insee: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    epci: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        departements = []
        for value in _as_tuple(self.departements):
            code = value.upper()
            code = "0" + code if code.isdigit() and len(code) == 1 else code
            if not _DEPARTEMENT.match(code):
                raise _bad_filter("departements", value)
            departements.append(code)
        postaux = []
        for value in _as_tuple(self.codes_postaux):
            code = _digits_code(value, 5)
            if not _CODE_POSTAL.match(code):
                raise _bad_filter("codes_postaux", value)
            postaux.append(code)
        insee = []
        for value in _as_tuple(self.codes_insee):
            code = _digits_code(value, 5)
            if not _CODE_INSEE.match(code):
                raise _bad_filter("codes_insee", value)
            insee.append(code)
        communes = _as_tuple(self.communes)
        for value in communes:
            if not normalize_name(value):
                raise _bad_filter("communes", value)
        epci = _as_tuple(self.epci)
        for value in epci:
            if not normalize_name(value):
                raise _bad_filter("epci", value)
        object.__setattr__(self, "departements", tuple(departements))
        object.__setattr__(self, "codes_postaux", tuple(postaux))
        object.__setattr__(self, "codes_insee", tuple(insee))
        object.__setattr__(self, "communes", communes)
        object.__setattr__(self, "epci", epci)

    @property
    def active(self) -> bool:
        return bool(self.departements or self.codes_postaux or self.codes_insee or self.communes or self.epci)

    def describe(self) -> str:
        """The non-empty axes, for messages: ``departements=51,2A; communes=Reims``."""
        axes = ("departements", "codes_postaux", "codes_insee", "communes", "epci")
        return "; ".join(f"{a}={','.join(getattr(self, a))}" for a in axes if getattr(self, a))

    def matches(
        self,
        *,
        code_postal: str | None = None,
        code_insee: str | None = None,
        commune: str | None = None,
        code_epci: str | None = None,
        nom_epci: str | None = None,
    ) -> bool:
        """True when a lieu at this place belongs to the territory (unknown places never match)."""
        postal = _digits_code(code_postal or "", 5)
        insee = _digits_code(code_insee or "", 5)
        if self.departements:
            dept = departement_of(insee, postal)
            wanted = set(self.departements)
            if "20" in wanted:
                wanted |= {"2A", "2B"}
            if dept not in wanted:
                return False
        if self.codes_postaux and postal not in self.codes_postaux:
            return False
        if self.codes_insee and insee not in self.codes_insee:
            return False
        if self.communes and (not commune or _commune_key(commune) not in {_commune_key(c) for c in self.communes}):
            return False
        if self.epci:
            codes = {re.sub(r"\s", "", e) for e in self.epci if _SIREN.match(re.sub(r"\s", "", e))}
            names = {normalize_name(e) for e in self.epci}
            code = re.sub(r"\s", "", code_epci or "")
            if not ((code and code in codes) or (nom_epci and normalize_name(nom_epci) in names)):
                return False
        return True


# --- reading values ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Stray spaces out; ``NC``, ``N/A``, ``-``... become empty."""
    text = re.sub(r"[ \t\xa0]+", " ", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return "" if normalize_name(text) in _EMPTY and len(text) < 16 else text


def _scalar(value: object) -> str:
    if isinstance(value, list | tuple):
        return "|".join(_scalar(v) for v in value if v is not None)
    if isinstance(value, dict):
        return ""
    return _clean(cell_text(value))


def _items(value: object, splitter: re.Pattern[str] = _MULTI) -> list[str]:
    """The values of a multi-valued field: ``a|b``, ``a;b`` (older exports) or a JSON list."""
    pieces = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for piece in pieces:
        if piece is None or isinstance(piece, dict):
            continue
        for item in splitter.split(cell_text(piece)):
            item = _clean(item)
            if item and item not in out:
                out.append(item)
    return out


def _float(text: str) -> float | None:
    text = text.replace(" ", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _date(text: str) -> str | None:
    """AAAA-MM-JJ from ``AAAA-MM-JJ``, ``AAAA-MM-JJTHH:MM...`` or ``JJ/MM/AAAA`` (None if unreadable)."""
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$", text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _phone(text: str) -> str:
    compact = re.sub(r"[\s.\-()]", "", text)
    if re.fullmatch(r"0\d{9}", compact):
        return "+33" + compact[1:]
    if re.fullmatch(r"0033\d{9}", compact):
        return "+" + compact[2:]
    return compact if re.fullmatch(r"\+?\d{6,15}", compact) else text


def _field_of_header(header: str) -> str:
    key = normalize_name(header).replace(" ", "_")
    return OLD_FIELDS.get(key, key)


# --- the reader -------------------------------------------------------------------------------


@dataclass
class _Tally:
    """A warning about many lieux, reported once: first place, count."""

    where: Location
    count: int = 0
    params: dict[str, object] = field(default_factory=dict)


class _Seen(NamedTuple):
    """What is remembered of each lieu kept, to recognise a later record of the same id."""

    name: str
    postal: str
    insee: str
    commune: str
    row: int


class _LieuxReader:
    """Turns records (field -> raw value) into actor nodes, collecting problems on the way."""

    def __init__(self, where: Location, territory: str, lieu_filter: LieuFilter, problems: Problems) -> None:
        self.where = where
        self.territory = territory
        self.filter = lieu_filter
        self.problems = problems
        self.seen: dict[str, _Seen | list[_Seen]] = {}  # a list only for ids shared by several lieux
        self.tallies: dict[tuple[str, str, str], _Tally] = {}
        self.read = 0
        self.kept = 0

    # -- columns --

    def check_fields(self, fields: Iterable[str], row: int | None) -> bool:
        """False (with an error) when the filter needs EPCI columns the file does not have."""
        present = set(fields)
        if self.filter.epci and not present & set(_EPCI_FIELDS):
            self.problems.error(self.where.at(row=row), "lieux.epci_unavailable", ", ".join(self.filter.epci))
            return False
        return True

    def warn_unknown_columns(self, headers: Iterable[tuple[str, str]], row: int | None) -> None:
        known = sorted(_KNOWN_FIELDS)
        for header, name in headers:
            if name in _KNOWN_FIELDS or not header.strip():
                continue
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
            where = self.where.at(row=row, column=header)
            if close:
                self.problems.warning(where, "lieux.unknown_column_hint", header, suggestion=close[0])
            else:
                self.problems.warning(where, "lieux.unknown_column", header)

    # -- one record --

    def lieu(self, row: int, record: Mapping[str, object], column_of: Callable[[str], str]) -> Node | None:
        self.read += 1
        text = {name: _scalar(value) for name, value in record.items() if not isinstance(value, list | tuple)}
        postal = _digits_code(text.get("code_postal", ""), 5)
        insee = _digits_code(text.get("code_insee", ""), 5)
        commune = text.get("commune", "")
        epci = text.get("epci", "")
        code_epci = text.get("code_epci", "") or (re.sub(r"\s", "", epci) if _SIREN.match(re.sub(r"\s", "", epci)) else "")
        nom_epci = text.get("nom_epci", "") or ("" if _SIREN.match(re.sub(r"\s", "", epci)) else epci)

        if self.filter.active:
            if not self.filter.matches(
                code_postal=postal, code_insee=insee, commune=commune, code_epci=code_epci, nom_epci=nom_epci
            ):
                if not (_CODE_POSTAL.match(postal) or _CODE_INSEE.match(insee) or commune):
                    self._tally("lieux.unplaced", row, "", "", filter=self.filter.describe())
                return None

        at = lambda name: self.where.at(row=row, column=column_of(name))  # noqa: E731
        lieu_id = text.get("id", "")
        nom = text.get("nom", "")
        if not lieu_id:
            self.problems.error(at("id"), "lieux.missing_id", "", name=nom or "?")
        if not nom:
            self.problems.error(at("nom"), "lieux.missing_nom", "", id=lieu_id or "?")
        if not lieu_id or not nom:
            return None

        external_id = self._identity(lieu_id, nom, postal, insee, commune, row, at)
        if external_id is None:
            return None

        props: dict[str, Any] = {"origin": ORIGIN, "lieu_id": lieu_id}
        props.update(self._lists(record, row, column_of))
        props.update(self._place(text, postal, insee, row, at))
        props.update(self._contact(record, text))
        for name in (
            "horaires", "presentation_resume", "presentation_detail", "source", "structure_parente",
            "prise_rdv", "fiche_acces_libre", "cle_ban",
        ):  # fmt: skip
            props[name] = text.get(name) or None
        if code_epci:
            props["code_epci"] = code_epci
        if nom_epci:
            props["nom_epci"] = nom_epci
        props["date_maj"] = self._date_maj(text.get("date_maj", ""), row, at)
        props["pivot"] = self._pivot(text.get("pivot", ""), row, at)
        try:
            node = actor(nom, self.territory, external_id=external_id, **props)
        except ValidationError as e:
            self.problems.error(at("nom"), "lieux.invalid_lieu", nom, detail=str(e))
            return None
        self.kept += 1
        return node

    def _identity(self, lieu_id, nom, postal, insee, commune, row, at) -> str | None:
        """``lieu:<id>``; None for a later duplicate of the same lieu; a derived id for another lieu."""
        # Kept small (20,000 lieux = 20,000 of these): place codes are interned, the name key is
        # computed again only when an id comes back.
        current = _Seen(nom, sys.intern(postal), sys.intern(insee), sys.intern(_commune_key(commune)), row)
        previous = self.seen.get(lieu_id)
        if previous is None:
            self.seen[lieu_id] = current
            return f"lieu:{lieu_id}"
        previous = [previous] if isinstance(previous, _Seen) else previous
        for seen in previous:
            if _same_lieu(seen, current):
                self.problems.warning(at("id"), "lieux.duplicate_ignored", lieu_id, first_row=seen.row)
                return None
        first = previous[0]
        name_key = normalize_name(nom)
        suffix = "-".join(p for p in (name_key.replace(" ", "-"), postal or insee) if p)
        new_id = f"lieu:{lieu_id}~{suffix}"
        self.seen[lieu_id] = [*previous, current]
        self.problems.warning(
            at("id"), "lieux.id_shared", lieu_id, first_row=first.row, first_name=" ".join(first.name.split()), new_id=new_id
        )
        return new_id

    def _lists(self, record: Mapping[str, object], row: int, column_of: Callable[[str], str]) -> dict[str, Any]:
        """The closed-list fields, with the older fields' values dispatched to the current ones."""
        values: dict[str, list[str]] = {name: [] for name in (*_VOCABULARY_FIELDS, "autres_formations_labels")}
        for name in (*_VOCABULARY_FIELDS, "publics_accueillis", "labels_nationaux", "autres_formations_labels"):
            for item in _items(record.get(name)):
                for target, value in self._vocabulary(name, item, row, column_of):
                    if value not in values[target]:
                        values[target].append(value)
        labels = values["formations_labels"] + [v for v in values["autres_formations_labels"] if v not in values["formations_labels"]]
        return {
            "typologie": self._typologie(record.get("typologie"), row, column_of) or None,
            "services": values["services"] or None,
            "publics": values["publics_specifiquement_adresses"] or None,
            "prise_en_charge": values["prise_en_charge_specifique"] or None,
            "dispositifs": values["dispositif_programmes_nationaux"] or None,
            "labels": labels or None,
            "modalites_acces": values["modalites_acces"] or None,
            "modalites_accompagnement": values["modalites_accompagnement"] or None,
            "frais": values["frais_a_charge"] or None,
            "itinerance": values["itinerance"] or None,
        }

    def _vocabulary(self, name: str, item: str, row: int, column_of) -> list[tuple[str, str]]:
        """[(field, value)] for one value of a closed-list field (an unknown one is kept, warned)."""
        if name == "autres_formations_labels":
            return [(name, item)]
        vocab = _vocabularies()
        old = _old_values()
        key = normalize_name(item)
        short = normalize_name(item.split(" : ")[0]) if " : " in item else key
        if name in vocab:
            for k in (key, short):
                if k in vocab[name]:
                    return [(name, vocab[name][k])]
        table = old.get(name, {})
        for k in (key, short):
            if k in table:
                mapped = table[k]
                return [mapped] if mapped else []
        if name == "publics_accueillis":  # an old value that is already a v1.0 one
            for target in ("publics_specifiquement_adresses", "prise_en_charge_specifique"):
                if short in vocab.get(target, {}):
                    return [(target, vocab[target][short])]
        if name == "labels_nationaux":
            for target in ("dispositif_programmes_nationaux", "formations_labels"):
                if short in vocab.get(target, {}):
                    return [(target, vocab[target][short])]
            return [("autres_formations_labels", item)]  # a label: kept, no warning
        target = {"publics_accueillis": "publics_specifiquement_adresses"}.get(name, name)
        accepted = ", ".join(vocab.get(target, {}).values())
        self._tally("lieux.unknown_value", row, column_of(name), item, field=column_of(name), accepted=accepted)
        return [(target, item)]

    def _typologie(self, value: object, row: int, column_of) -> list[str]:
        codes = typologie_codes()
        out: list[str] = []
        for item in _items(value, _MULTI_COMMA):
            key = re.sub(r"[\s\-]+", "_", item).upper()
            code = codes.get(key)
            if code is None:
                code = item
                hint = _TYPOLOGIE_HINTS.get(key) or next(iter(difflib.get_close_matches(key, list(codes), 1, 0.75)), None)
                if hint and hint in codes:
                    self._tally("lieux.unknown_typologie_hint", row, column_of("typologie"), item, suggestion=hint)
                else:
                    self._tally("lieux.unknown_typologie", row, column_of("typologie"), item)
            if code not in out:
                out.append(code)
        return out

    def _place(self, text: Mapping[str, str], postal: str, insee: str, row: int, at) -> dict[str, Any]:
        raw_postal, raw_insee = text.get("code_postal", ""), text.get("code_insee", "")
        if raw_postal and not _CODE_POSTAL.match(postal):
            self.problems.warning(at("code_postal"), "lieux.bad_code_postal", raw_postal)
            postal = raw_postal
        if raw_insee and not _CODE_INSEE.match(insee):
            self.problems.warning(at("code_insee"), "lieux.bad_code_insee", raw_insee)
            insee = raw_insee
        place: dict[str, Any] = {
            "adresse": text.get("adresse") or None,
            "complement_adresse": text.get("complement_adresse") or None,
            "code_postal": postal or None,
            "code_insee": insee or None,
            "commune": text.get("commune") or None,
            "departement": departement_of(insee, postal),
        }
        coordinates = {}
        for name in ("latitude", "longitude"):
            raw = text.get(name, "")
            if not raw:
                continue
            number = _float(raw)
            limit = 90 if name == "latitude" else 180
            if number is None or abs(number) > limit:
                self.problems.warning(at(name), "lieux.bad_coordinate", raw, field=name)
                continue
            coordinates[name] = number
        if coordinates.get("latitude") == 0 and coordinates.get("longitude") == 0:
            self._tally("lieux.zero_coordinates", row, "", "")
            coordinates = {}
        place.update(coordinates)
        return place

    def _contact(self, record: Mapping[str, object], text: Mapping[str, str]) -> dict[str, Any]:
        phones = [_phone(p) for p in _items(record.get("telephone"), _MULTI_COMMA)]
        return {
            "telephone": "|".join(phones) or None,
            "courriels": _items(record.get("courriels"), _MULTI_COMMA) or None,
            "site_web": _items(record.get("site_web"), _MULTI_URL) or None,
        }

    def _date_maj(self, raw: str, row: int, at) -> str | None:
        if not raw:
            return None
        date = _date(raw)
        if date is None:
            self.problems.warning(at("date_maj"), "lieux.bad_date", raw)
        elif date in _PLACEHOLDER_DATES:
            self._tally("lieux.placeholder_date", row, at("date_maj").column or "date_maj", date)
            return None
        return date

    def _pivot(self, raw: str, row: int, at) -> str | None:
        compact = re.sub(r"[\s.]", "", raw)
        if not compact:
            return None
        if compact.isdigit() and len(set(compact)) == 1:  # 00000000000000, 99999999999999...
            self._tally("lieux.pivot_placeholder", row, at("pivot").column or "pivot", compact)
            return None
        return compact

    # -- warnings about many lieux --

    def _tally(self, message_id: str, row: int, column: str, value: str, **params: object) -> None:
        key = (message_id, column, value)
        tally = self.tallies.get(key)
        if tally is None:
            tally = self.tallies[key] = _Tally(self.where.at(row=row, column=column or None), 0, params)
        tally.count += 1

    def finish(self) -> None:
        for (message_id, _column, value), tally in self.tallies.items():
            self.problems.warning(tally.where, message_id, value or None, count=tally.count, **tally.params)
        if self.filter.active and self.read and not self.kept and not any(
            p.severity == "error" and p.where.file == self.where.file for p in self.problems.items
        ):
            self.problems.warning(self.where, "lieux.none_kept", count=self.read, filter=self.filter.describe())


def _same_lieu(a: _Seen, b: _Seen) -> bool:
    """Same name, and no place that tells them apart."""
    if normalize_name(a.name) != normalize_name(b.name):
        return False
    for x, y in ((a.postal, b.postal), (a.insee, b.insee), (a.commune, b.commune)):
        if x and y and x != y:
            return False
    return True


# --- CSV / XLSX sheets ------------------------------------------------------------------------


def lieux_from_table(
    recognised: Recognised, territory: str, lieu_filter: LieuFilter, problems: Problems, where: Location
) -> Iterator[Node]:
    """Yield an actor per lieu of a sheet recognised as the lieux table, one row at a time.

    Every column is read by its own header (the standard's field names, older names, a few
    common variants); columns outside the standard are ignored with a warning.
    """
    reader = _LieuxReader(where, territory, lieu_filter, problems)
    names: list[str] = []
    taken: set[str] = set()
    for index, header in enumerate(recognised.headers):
        # The header's own name first ("nom_epci" is not "nom"), else what the table spec recognised
        # ("Nom du lieu" is "nom").
        name = _field_of_header(header)
        spec_field = recognised.columns.get(index)
        if name not in _KNOWN_FIELDS and spec_field is not None:
            name = spec_field.name
        if name in taken:  # a second column for the same field: the first one is read
            name = f"#{index}"
        taken.add(name)
        names.append(name)
    headers = {name: recognised.headers[i] for i, name in enumerate(names)}

    def column_of(name: str) -> str:
        return headers.get(name, name)

    reader.warn_unknown_columns(
        ((h, n) for h, n in zip(recognised.headers, names) if not n.startswith("#")), recognised.header_row
    )
    if not reader.check_fields(names, recognised.header_row):
        return
    for number, cells in recognised.rows:
        record = {name: cells[i] for i, name in enumerate(names) if i < len(cells) and cells[i]}
        node = reader.lieu(number, record, column_of)
        if node is not None:
            yield node
    reader.finish()


# --- JSON -------------------------------------------------------------------------------------

_LIST_KEYS = ("data", "lieux", "features", "structures", "results", "records", "items")


def read_lieux_json(path: str | Path, territory: str, lieu_filter: LieuFilter, problems: Problems) -> Iterator[Node]:
    """Yield an actor per lieu of a JSON file, one object at a time.

    The file holds a list of lieux, or an object holding that list (under ``data``, ``lieux``,
    ``features``... or the first list of objects it has); GeoJSON features are read from their
    ``properties``, with the point's coordinates when latitude/longitude are missing. Multi-valued
    fields may be JSON lists or ``|``-separated text. "Row" in problems is the lieu's position in
    the list (1 = first).
    """
    path = Path(path)
    where = Location(str(path))
    reader = _LieuxReader(where, territory, lieu_filter, problems)
    number = 0
    try:
        for number, item in _stream_json_records(path, problems, where):
            if not isinstance(item, dict):
                shown = json.dumps(item, ensure_ascii=False)[:60]
                problems.error(where.at(row=number), "lieux.json_not_object", shown, row=number)
                continue
            if number == 1 or not reader.read:
                keys = [str(k) for k in _json_source(item)]
                reader.warn_unknown_columns(((k, _field_of_header(k)) for k in keys), None)
                if not reader.check_fields({_field_of_header(k) for k in keys}, None):
                    return
            node = reader.lieu(number, _json_record(item), str)
            if node is not None:
                yield node
    except json.JSONDecodeError as e:
        problems.error(where.at(row=number + 1), "lieux.json_invalid", detail=e.msg)
        return
    except (ValueError, UnicodeDecodeError) as e:
        problems.error(where.at(row=number + 1 if number else None), "lieux.json_invalid", detail=str(e))
        return
    except OSError as e:
        problems.error(where, "lieux.json_invalid", detail=e.strerror or str(e))
        return
    reader.finish()


def _json_source(item: dict[str, Any]) -> dict[str, Any]:
    """The fields of one JSON lieu: the object itself, or a GeoJSON feature's properties."""
    properties = item.get("properties")
    return properties if isinstance(properties, dict) else item


def _json_record(item: dict[str, Any]) -> dict[str, Any]:
    """Field -> value of one JSON lieu (a plain object or a GeoJSON feature)."""
    record: dict[str, Any] = {}
    for key, value in _json_source(item).items():
        name = _field_of_header(str(key))
        if value is None or value == "" or value == []:
            continue
        record.setdefault(name, value)
    geometry = item.get("geometry")
    if isinstance(geometry, dict) and geometry.get("type") == "Point":
        coordinates = geometry.get("coordinates") or []
        if len(coordinates) >= 2:
            record.setdefault("longitude", coordinates[0])
            record.setdefault("latitude", coordinates[1])
    return record


class _JsonStream:
    """Decode one JSON value after another from a file read in chunks (a list is never loaded whole)."""

    CHUNK = 1 << 20

    def __init__(self, f) -> None:
        self.f = f
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _more(self, keep: bool = False) -> bool:
        """Read the next chunk; what was consumed is dropped from the buffer unless ``keep``."""
        if self.eof:
            return False
        chunk = self.f.read(self.CHUNK)
        if not chunk:
            self.eof = True
            return False
        if keep:
            self.buf += chunk
        else:
            self.buf = self.buf[self.pos :] + chunk
            self.pos = 0
        return True

    def list_of_objects_next(self) -> bool:
        """At a ``[``: is the list's first item an object? (nothing is consumed)"""
        i = self.pos + 1
        while True:
            while i < len(self.buf) and self.buf[i] in " \t\r\n":
                i += 1
            if i < len(self.buf):
                return self.buf[i] == "{"
            if not self._more(keep=True):
                return False

    def peek(self) -> str:
        """The next non-blank character ("" at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"'{char}' expected near character {self.pos}, found {self.peek()!r}")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self._more():
                    continue
                raise
            if end < len(self.buf) or self.eof or not self._more():  # a number may go on in the next chunk
                self.pos = end
                return value
            # more text arrived: decode again from the same place

    def items(self) -> Iterator[Any]:
        """The items of the list that starts here."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            char = self.peek()
            self.pos += 1
            if char == "]":
                return
            if char != ",":
                raise ValueError(f"',' or ']' expected in the list, found {char!r}")


def _stream_json_records(path: Path, problems: Problems, where: Location) -> Iterator[tuple[int, Any]]:
    with open(path, encoding="utf-8-sig") as f:
        stream = _JsonStream(f)
        first = stream.peek()
        if first == "[":
            yield from enumerate(stream.items(), start=1)
            return
        if first != "{":
            problems.error(where, "lieux.json_no_records")
            return
        stream.expect("{")
        found = False
        while stream.peek() not in ("}", ""):
            key = stream.value()
            stream.expect(":")
            if not found and stream.peek() == "[" and (key in _LIST_KEYS or stream.list_of_objects_next()):
                found = True
                yield from enumerate(stream.items(), start=1)
            else:
                stream.value()  # metadata: read and dropped
            if stream.peek() == ",":
                stream.pos += 1
        if not found:
            problems.error(where, "lieux.json_no_records")

