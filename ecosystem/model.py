"""The domain model: what a step-4 resource map is made of.

Four kinds of node — :class:`NodeKind` — and a closed set of link types — :class:`LinkType`:

* chantier → enjeu: ``ANSWERS`` (the chantier answers that enjeu);
* chantier → resource or actor: ``OPERATIONAL`` (solid line), ``KNOWN_UNLINKED`` (dotted line) or
  ``ABSENT`` (explicitly no link) — the three share one *slot*, so changing a status replaces the
  link rather than adding a second one;
* actor → resource: ``PROVIDES``;
* actor → chantier, governance: ``PILOTS`` (qui pilote ?), ``OPERATES`` (qui fait ?),
  ``ASSOCIATED_WITH`` (qui doit être associé ?).

Identity. Every node belongs to a territory. Its stable key is its name (or code, for chantiers
and enjeux) normalised for case, accents, whitespace and punctuation, so "Centre social",
"centre  social " and "Centre Social" are one actor. Its ``uid`` is unique across territories:
``kind:territory-key:name-key``, or ``kind:scheme:value`` when it has an external id (SIRET,
SIREN, RNA, open-data lieu id), in which case the same organisation imported into two territories
is one node belonging to both.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .errors import ValidationError
from .i18n import tr

__all__ = [
    "NodeKind",
    "ResourceCategory",
    "LinkStatus",
    "GovernanceRole",
    "LinkType",
    "STATUS_SLOT",
    "Node",
    "Link",
    "Batch",
    "Counts",
    "WriteSummary",
    "normalize_name",
    "parse_external_id",
    "parse_level",
    "actor",
    "resource",
    "chantier",
    "enjeu",
]


class NodeKind(StrEnum):
    """The four kinds of node; the value is also the Neo4j label."""

    ACTOR = "Actor"
    RESOURCE = "Resource"
    CHANTIER = "Chantier"
    ENJEU = "Enjeu"


class ResourceCategory(StrEnum):
    """What a resource brings to a chantier (the groups of the method's cartography)."""

    PARTENAIRE = "partenaire"
    INTERVENANT = "intervenant"
    MATERIEL = "materiel"
    FINANCEMENT = "financement"
    LIEU = "lieu"
    AUTRE = "autre"

    @classmethod
    def parse(cls, value: str | ResourceCategory) -> ResourceCategory:
        """Read a category typed by a person: "Matériel", "materiel", "Financements", "funding"..."""
        if isinstance(value, ResourceCategory):
            return value
        key = normalize_name(str(value)) if str(value).strip() else ""
        found = _CATEGORY_WORDS.get(key) or _CATEGORY_WORDS.get(key.rstrip("s"))
        if found is None:
            accepted = ", ".join(tr(f"category.{c.value}") for c in cls)
            raise ValidationError("bad_category", value=value, accepted=accepted)
        return found


_CATEGORY_WORDS: dict[str, ResourceCategory] = {
    "partenaire": ResourceCategory.PARTENAIRE,
    "partenaire de projet": ResourceCategory.PARTENAIRE,
    "partner": ResourceCategory.PARTENAIRE,
    "intervenant": ResourceCategory.INTERVENANT,
    "practitioner": ResourceCategory.INTERVENANT,
    "contributor": ResourceCategory.INTERVENANT,
    "materiel": ResourceCategory.MATERIEL,
    "ressource materielle": ResourceCategory.MATERIEL,
    "equipement": ResourceCategory.MATERIEL,
    "equipment": ResourceCategory.MATERIEL,
    "financement": ResourceCategory.FINANCEMENT,
    "funding": ResourceCategory.FINANCEMENT,
    "lieu": ResourceCategory.LIEU,
    "lieux": ResourceCategory.LIEU,
    "venue": ResourceCategory.LIEU,
    "place": ResourceCategory.LIEU,
    "autre": ResourceCategory.AUTRE,
    "other": ResourceCategory.AUTRE,
}


class LinkStatus(StrEnum):
    """The method's legend for a chantier's resource map."""

    OPERATIONAL = "OPERATIONAL"  # trait plein : la ressource est déjà opérante
    KNOWN_UNLINKED = "KNOWN_UNLINKED"  # trait pointillé : connue, pas encore de lien
    ABSENT = "ABSENT"  # absence de trait : pas de lien


class GovernanceRole(StrEnum):
    """Governance column of the step-4 table: qui pilote ? qui fait ? qui doit être associé ?"""

    PILOTE = "pilote"
    FAIT = "fait"
    ASSOCIE = "associe"

    @property
    def link_type(self) -> LinkType:
        return _ROLE_LINKS[self]


class LinkType(StrEnum):
    """Every relationship type; the value is also the Neo4j relationship type."""

    OPERATIONAL = "OPERATIONAL"
    KNOWN_UNLINKED = "KNOWN_UNLINKED"
    ABSENT = "ABSENT"
    ANSWERS = "ANSWERS"
    PROVIDES = "PROVIDES"
    PILOTS = "PILOTS"
    OPERATES = "OPERATES"
    ASSOCIATED_WITH = "ASSOCIATED_WITH"

    @property
    def status(self) -> LinkStatus | None:
        """The legend status for chantier → resource/actor links, else None."""
        return LinkStatus(self.value) if self.value in LinkStatus.__members__ else None

    @property
    def slot(self) -> str:
        """Links with the same source, target and slot replace each other."""
        return STATUS_SLOT if self.status is not None else self.value

    @property
    def role(self) -> GovernanceRole | None:
        return _LINK_ROLES.get(self)

    @property
    def endpoints(self) -> tuple[frozenset[NodeKind], frozenset[NodeKind]]:
        return _ENDPOINTS[self]


STATUS_SLOT = "STATUS"

_ROLE_LINKS = {
    GovernanceRole.PILOTE: LinkType.PILOTS,
    GovernanceRole.FAIT: LinkType.OPERATES,
    GovernanceRole.ASSOCIE: LinkType.ASSOCIATED_WITH,
}
_LINK_ROLES = {v: k for k, v in _ROLE_LINKS.items()}

_CH = frozenset({NodeKind.CHANTIER})
_ACT = frozenset({NodeKind.ACTOR})
_ENDPOINTS: dict[LinkType, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    **{t: (_CH, frozenset({NodeKind.RESOURCE, NodeKind.ACTOR})) for t in (LinkType.OPERATIONAL, LinkType.KNOWN_UNLINKED, LinkType.ABSENT)},
    LinkType.ANSWERS: (_CH, frozenset({NodeKind.ENJEU})),
    LinkType.PROVIDES: (_ACT, frozenset({NodeKind.RESOURCE})),
    **{t: (_ACT, _CH) for t in _LINK_ROLES},
}


# --- normalisation and identifiers -----------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Return the stable key of a name: no accents, case-folded, punctuation as spaces.

    >>> normalize_name("  Centre  Social ")
    'centre social'
    >>> normalize_name("Réseau local CnFS (Conseillers numériques)")
    'reseau local cnfs conseillers numeriques'
    >>> normalize_name("L’Île-d’Yeu") == normalize_name("l'ile d'yeu")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    chars = []
    for ch in decomposed:
        category = unicodedata.category(ch)
        if category == "Mn":  # combining accent
            continue
        chars.append(" " if category[0] in "PSZC" else ch)
    return _SPACES.sub(" ", "".join(chars)).strip().casefold()


_SIRET = re.compile(r"^\d{14}$")
_SIREN = re.compile(r"^\d{9}$")
_RNA = re.compile(r"^W[0-9A-Z]{9}$")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def parse_external_id(value: str) -> str:
    """Return the canonical form ``scheme:value`` of an external id, or raise ValidationError.

    Bare numbers are recognised (14 digits: SIRET, 9 digits: SIREN, W + 9: RNA). Placeholders
    such as ``00000000000000`` are refused: they would merge distinct organisations.

    >>> parse_external_id("356 000 000 00048")
    'siret:35600000000048'
    >>> parse_external_id("RNA:w751234567")
    'rna:W751234567'
    """
    raw = str(value).strip()
    scheme, sep, rest = raw.partition(":")
    if not sep:
        scheme, rest = "", raw
    scheme = scheme.strip().lower()
    if scheme == "lieu":
        rest = rest.strip()
        if not rest:
            raise ValidationError("bad_external_id", value=value, reason=tr("bad_external_id.format"))
        return f"lieu:{rest}"
    compact = re.sub(r"[\s.\-]", "", rest).upper()
    if not scheme:
        if _SIRET.match(compact):
            scheme = "siret"
        elif _SIREN.match(compact):
            scheme = "siren"
        elif _RNA.match(compact):
            scheme = "rna"
        else:
            raise ValidationError("bad_external_id", value=value, reason=tr("bad_external_id.format"))
    patterns = {"siret": _SIRET, "siren": _SIREN, "rna": _RNA}
    if scheme not in patterns:
        raise ValidationError("bad_external_id", value=value, reason=tr("bad_external_id.scheme"))
    if not patterns[scheme].match(compact):
        raise ValidationError("bad_external_id", value=value, reason=tr("bad_external_id.format"))
    if scheme in ("siret", "siren"):
        if len(set(compact)) == 1:
            raise ValidationError("bad_external_id", value=value, reason=tr("bad_external_id.placeholder"))
        # La Poste's establishments are numbered outside the Luhn rule.
        if not _luhn_ok(compact) and not compact.startswith("356000000"):
            raise ValidationError("bad_external_id", value=value, reason=tr("bad_external_id.checksum"))
    return f"{scheme}:{compact}"


_LEVEL_WORDS = {
    "faible": 1, "low": 1,
    "moyen": 2, "moyenne": 2, "medium": 2,
    "fort": 3, "forte": 3, "high": 3,
    "tres fort": 4, "tres forte": 4, "very high": 4,
}


def parse_level(value: object, field_name: str) -> int | None:
    """Read a step-3 workshop level: 1–4 or faible / moyen / fort / très fort (None if empty)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError("bad_level", value=value, field=field_name)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationError("bad_level", value=value, field=field_name)
        if value == int(value) and 1 <= value <= 4:
            return int(value)
        raise ValidationError("bad_level", value=value, field=field_name)
    text = normalize_name(str(value))
    if not text:
        return None
    if text in _LEVEL_WORDS:
        return _LEVEL_WORDS[text]
    if re.fullmatch(r"[1-4](?: 0+)?", text):  # "3", "3,0", "3.0"
        return int(text[0])
    numbered = re.fullmatch(r"([1-4]) (.+)", text)  # "3 - fort", as the template's dropdown says
    if numbered and _LEVEL_WORDS.get(numbered[2]) in (None, int(numbered[1])):
        return int(numbered[1])
    raise ValidationError("bad_level", value=value, field=field_name)


# --- nodes and links -------------------------------------------------------------------------

MAX_NAME_LENGTH = 500  # a name, not a paragraph: Neo4j cannot index much longer keys

RESERVED = frozenset({"uid", "kind", "name", "key", "code", "external_id", "territory", "territories", "type", "status"})


def _clean_properties(properties: Mapping[str, Any]) -> dict[str, Any]:
    """Keep storable values only: None is dropped (it means "not given"), lists become lists.

    Neo4j stores text, numbers, booleans and homogeneous lists of them; so do we, everywhere.
    """
    clean: dict[str, Any] = {}
    for name, value in properties.items():
        if name in RESERVED:
            raise ValidationError("bad_property", name=name, value=repr(value)[:60])
        if value is None:
            continue
        if isinstance(value, str | bool | int | float):
            clean[name] = value
        elif isinstance(value, list | tuple):
            items = [v for v in value if v is not None]
            if all(isinstance(v, str) for v in items) or all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in items
            ):
                clean[name] = list(items)
            else:
                raise ValidationError("bad_property", name=name, value=repr(value)[:60])
        else:
            raise ValidationError("bad_property", name=name, value=repr(value)[:60])
    return clean


@dataclass(frozen=True)
class Node:
    """An actor, resource, chantier or enjeu of one territory.

    ``code`` (chantiers "1.b", enjeux "1") is the identity when given, else ``name`` is.
    """

    kind: NodeKind
    name: str
    territory: str
    code: str | None = None
    external_id: str | None = None
    properties: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", NodeKind(self.kind))
        object.__setattr__(self, "name", " ".join(str(self.name).split()))
        object.__setattr__(self, "territory", " ".join(str(self.territory).split()))
        if self.code is not None:
            object.__setattr__(self, "code", " ".join(str(self.code).split()) or None)
        if not normalize_name(self.territory):
            raise ValidationError("empty_territory")
        if not normalize_name(self.code or self.name):
            raise ValidationError("empty_name", kind=tr(f"kind.{self.kind.value}"))
        if len(self.name) > MAX_NAME_LENGTH:
            raise ValidationError("name_too_long", value=self.name[:40] + "…", length=len(self.name), limit=MAX_NAME_LENGTH)
        if self.external_id is not None:
            ext = str(self.external_id).strip()
            object.__setattr__(self, "external_id", parse_external_id(ext) if ext else None)
        object.__setattr__(self, "properties", _clean_properties(self.properties))

    @property
    def key(self) -> str:
        return normalize_name(self.code or self.name)

    @property
    def territory_key(self) -> str:
        return normalize_name(self.territory)

    @property
    def uid(self) -> str:
        prefix = self.kind.value.lower()
        if self.external_id:
            return f"{prefix}:{self.external_id}"
        return f"{prefix}:{self.territory_key}:{self.key}"

    def record(self) -> dict[str, Any]:
        """The flat attribute dict stored for this node (without its territories)."""
        data: dict[str, Any] = dict(self.properties)
        data.update(uid=self.uid, kind=self.kind.value, name=self.name, key=self.key)
        if self.code:
            data["code"] = self.code
        if self.external_id:
            data["external_id"] = self.external_id
        return data


@dataclass(frozen=True)
class Link:
    """A typed link between two nodes; see the module docstring for the allowed pairs."""

    type: LinkType
    source: Node
    target: Node
    properties: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", LinkType(self.type))
        sources, targets = self.type.endpoints
        if self.source.kind not in sources or self.target.kind not in targets:
            expected = " / ".join(k.value for k in sources) + " → " + " / ".join(k.value for k in targets)
            raise ValidationError(
                "bad_link", type=self.type.value, source=self.source.name, target=self.target.name, expected=expected
            )
        object.__setattr__(self, "properties", _clean_properties(self.properties))

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.source.uid, self.target.uid, self.type.slot)



class Batch:
    """Nodes and links to write together, in one transaction.

    Adding a link adds its two endpoints. A node added twice is merged (later properties win),
    and a link added twice to the same slot keeps the last one, so stores always receive each
    node and each (source, target, slot) once.
    """

    def __init__(self, items: Iterable[Node | Link] = ()) -> None:
        self._nodes: dict[str, dict[str, Any]] = {}
        self._members: dict[str, set[str]] = {}
        self._territories: dict[str, str] = {}
        self._links: dict[tuple[str, str, str], Link] = {}
        self.add(*items)

    def add(self, *items: Node | Link) -> Batch:
        for item in items:
            if isinstance(item, Link):
                self._add_node(item.source)
                self._add_node(item.target)
                self._links[item.identity] = item
            else:
                self._add_node(item)
        return self

    def _add_node(self, node: Node) -> None:
        record = node.record()
        previous = self._nodes.get(node.uid)
        self._nodes[node.uid] = {**previous, **record} if previous else record
        self._members.setdefault(node.uid, set()).add(node.territory_key)
        self._territories.setdefault(node.territory_key, node.territory)

    def __len__(self) -> int:
        return len(self._nodes) + len(self._links)

    @property
    def territories(self) -> dict[str, str]:
        """Territory key -> display name, for every territory the batch touches."""
        return dict(self._territories)

    def node_rows(self) -> list[dict[str, Any]]:
        """One row per node: its record and the sorted keys of its territories."""
        return [
            {"uid": uid, "kind": rec["kind"], "props": rec, "territories": sorted(self._members[uid])}
            for uid, rec in self._nodes.items()
        ]

    def link_rows(self) -> list[dict[str, Any]]:
        """One row per link: source uid, target uid, type, slot and its properties."""
        return [
            {"source": s, "target": t, "slot": slot, "type": link.type.value, "props": dict(link.properties)}
            for (s, t, slot), link in self._links.items()
        ]


# --- write summaries -------------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class WriteSummary:
    """What a write did, per node kind and per link type."""

    nodes: dict[NodeKind, Counts] = field(default_factory=dict)
    links: dict[LinkType, Counts] = field(default_factory=dict)

    def count(self, bucket: NodeKind | LinkType, outcome: str, n: int = 1) -> None:
        target = self.nodes if isinstance(bucket, NodeKind) else self.links
        counts = target.setdefault(bucket, Counts())
        setattr(counts, outcome, getattr(counts, outcome) + n)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in [*self.nodes.values(), *self.links.values()])

    def lines(self) -> list[str]:
        """Human-readable lines, in the current language."""
        out = []
        for kind in NodeKind:
            if kind in self.nodes:
                c = self.nodes[kind]
                out.append(tr("summary.counts", label=tr(f"kind.{kind.value}"), **_counts(c)))
        for link_type in LinkType:
            if link_type in self.links:
                c = self.links[link_type]
                out.append(tr("summary.counts", label=tr(f"link.{link_type.value}"), **_counts(c)))
        return out


def _counts(c: Counts) -> dict[str, int]:
    return {"created": c.created, "updated": c.updated, "unchanged": c.unchanged}


# --- convenience constructors ----------------------------------------------------------------


def actor(name: str, territory: str, *, external_id: str | None = None, **properties: Any) -> Node:
    """An actor: a structure, service or person of the territory (CAF, centre social...)."""
    return Node(NodeKind.ACTOR, name, territory, external_id=external_id, properties=properties)


def resource(
    name: str, territory: str, category: str | ResourceCategory, *, external_id: str | None = None, **properties: Any
) -> Node:
    """A resource around a chantier: partner, intervenant, equipment, funding, venue or other."""
    properties["category"] = ResourceCategory.parse(category).value
    return Node(NodeKind.RESOURCE, name, territory, external_id=external_id, properties=properties)


def chantier(
    title: str,
    territory: str,
    *,
    code: str | None = None,
    objectives: Iterable[str] = (),
    actions: Iterable[str] = (),
    freins: Iterable[str] = (),
    strategic: bool | None = None,
    feasible: bool | None = None,
    transversal: bool | None = None,
    **properties: Any,
) -> Node:
    """A chantier clé of the step-4 table ("on aura réussi si…" objectives, actions, freins).

    ``strategic`` / ``feasible`` / ``transversal`` are the criteria participants declared; None
    means not assessed.
    """
    properties.update(
        title=title,
        objectives=list(objectives),
        actions=list(actions),
        freins=list(freins),
        strategic=strategic,
        feasible=feasible,
        transversal=transversal,
    )
    name = f"{code} — {title}" if code else title
    return Node(NodeKind.CHANTIER, name, territory, code=code, properties=properties)


def enjeu(
    title: str,
    territory: str,
    *,
    code: str | None = None,
    impact: object = None,
    maitrise: object = None,
    **properties: Any,
) -> Node:
    """An enjeu of the step-3 workshop, with its impact and the territory's maîtrise (1–4)."""
    properties.update(
        title=title,
        impact=parse_level(impact, "impact"),
        maitrise=parse_level(maitrise, "maîtrise"),
    )
    return Node(NodeKind.ENJEU, title, territory, code=code, properties=properties)
