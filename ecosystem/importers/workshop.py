"""Turn the workshop tables (enjeux, chantiers clés, governance, resource map, actors) into nodes
and links, with every problem located and every default said.

Rules, also written in README ("Importing"):

* A cell holds several items, one per line (Alt+Entrée in Excel) or bulleted; governance and
  resource cells are also split on ``;`` and on commas outside parentheses.
* Governance items may carry a role: "Pilote : X", "Fait : X", "Associé : X" (or "X (pilote)").
  Without one the actor is recorded as *associé* — the weakest claim — and the summary says so.
* Resources listed in the chantiers table take their status from a marker ("X (opérationnel)",
  "Opérationnel : X"); without one they are *connu non relié* (known, not yet confirmed). Such a
  default never overrides a status already stored or given by a resource map.
* A resource whose category is *partenaire*, or which names a known actor, is that actor (a
  chantier → actor link); any other is a Resource of its category, provided by its *porteur*.
  Without a category, one is deduced from the name (matériel, financement…) or it is a partner.
* An empty enjeu cell continues the enjeu above (merged cells); a row with an empty title but
  other cells continues the chantier above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import ValidationError
from ..model import (
    Batch,
    GovernanceRole,
    Link,
    LinkStatus,
    LinkType,
    Node,
    NodeKind,
    ResourceCategory,
    actor,
    chantier,
    enjeu,
    normalize_name,
    parse_level,
    resource,
)
from .problems import Location, Problems
from .tables import Recognised
from .vocabulary import parse_role, parse_status

__all__ = ["WorkshopImport", "split_items", "split_names"]

_BULLET = re.compile(r"^\s*(?:[-•*–—·o▪►✓✔]\s+|\d{1,2}[.)]\s+)")
# "Chantier 1.b : …", "1.b — …", "1.b …", "2 - …"; not "3 ateliers par mois".
_CODE_TITLE = re.compile(
    r"^(?:chantier\s*(?:n\s*[°o]?\s*)?(?P<c1>\d{1,2}(?:[.\-][0-9a-z]{1,3})?)\s*[:\-–—.)]?\s*"
    r"|(?P<c2>\d{1,2}[.\-][0-9a-z]{1,3})\s*[:\-–—.)]?\s+"
    r"|(?P<c3>\d{1,2})\s*[:\-–—.)]\s*)(?P<title>\S.{2,})$",
    re.I,
)
_CODE_ONLY = re.compile(r"^(?:chantier\s*(?:n\s*[°o]?\s*)?)?(?P<code>\d{1,2}(?:\s*[.\-]\s*[0-9a-z]{1,3})?)$", re.I)
_ENJEU_CELL = re.compile(r"^(?:enjeu\s*)?(?:n\s*[°o]?\s*)?(?P<code>\d{1,2})\s*(?:[:\-–—.)]\s*|\s+)(?P<title>\S.*)$", re.I)
_HEADER_NUMBER = re.compile(r"(\d{1,2})\s*$")
_PREFIX = re.compile(r"^(?P<word>[^:()]{1,40}?)\s*:\s*(?P<rest>\S.*)$")
_SUFFIX = re.compile(r"^(?P<rest>.*\S)\s*\((?P<word>[^()]{1,40})\)\s*$")

# Words that reveal a resource's category when the table gives none (checked in this order).
_CATEGORY_HINTS: list[tuple[ResourceCategory, tuple[str, ...]]] = [
    (ResourceCategory.FINANCEMENT, ("financement", "subvention", "budget", "fonds", "appel a projet", "credits", "dotation", "mecenat")),
    (ResourceCategory.MATERIEL, ("materiel", "ordinateur", "tablette", "robot", "equipement", "outil", "reconditionn", "informatique", "vehicule", "bus")),
    (ResourceCategory.INTERVENANT, ("animateur", "animatrice", "conseiller", "conseillere", "mediateur", "mediatrice", "formateur", "formatrice", "benevole", "intervenant", "agent")),
    (ResourceCategory.LIEU, ("salle", "local", "locaux", "lieu", "lieux")),
]


def split_items(cell: str) -> list[str]:
    """Items of a cell: one per line, bullets removed, blanks dropped."""
    items = []
    for line in cell.split("\n"):
        text = _BULLET.sub("", line).strip()
        if text:
            items.append(text)
    return items


def split_names(cell: str) -> list[str]:
    """Names in a governance or resource cell: per line, then ``;`` and commas outside parentheses."""
    names: list[str] = []
    for item in split_items(cell):
        depth, current = 0, []
        for ch in item:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(depth - 1, 0)
            if ch in ";," and depth == 0:
                names.append("".join(current).strip())
                current = []
            else:
                current.append(ch)
        names.append("".join(current).strip())
    return [n for n in names if n]


def _guess_category(name: str) -> ResourceCategory | None:
    key = normalize_name(name)
    for category, words in _CATEGORY_HINTS:
        if any(w in key for w in words):
            return category
    return None


@dataclass
class Notes:
    """Defaults applied, counted for the import summary."""

    governance_default_role: int = 0
    default_status: int = 0
    guessed_category: int = 0
    kept_existing_status: int = 0
    chantiers_created_from_links: int = 0
    enjeux_created_from_chantiers: int = 0

    def items(self) -> list[tuple[str, int]]:
        return [(k, v) for k, v in self.__dict__.items() if v]


@dataclass
class WorkshopImport:
    """Builds one territory's batch from its workshop tables; problems collect in ``problems``."""

    territory: str
    problems: Problems
    existing: nx.MultiDiGraph | None = None
    batch: Batch = field(default_factory=Batch)
    notes: Notes = field(default_factory=Notes)
    _actors: dict[str, Node] = field(default_factory=dict)
    _chantiers: dict[str, Node] = field(default_factory=dict)
    _enjeux: dict[str, Node] = field(default_factory=dict)
    _status_given: dict[tuple[str, str], LinkStatus] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.existing is not None:
            for _, data in self.existing.nodes(data=True):
                node = Node(
                    NodeKind(data["kind"]), data["name"], self.territory, code=data.get("code"), external_id=data.get("external_id")
                )
                self._remember(node, data)

    def add_node(self, node: Node) -> None:
        """Add a node read elsewhere (an open-data lieu) so later tables can name it."""
        self.batch.add(node)
        self._remember(node)

    # --- registries -----------------------------------------------------------------------

    def _remember(self, node: Node, data: dict[str, Any] | None = None) -> Node:
        names = {normalize_name(node.name)}
        if data and data.get("title"):
            names.add(normalize_name(str(data["title"])))
        if node.kind is NodeKind.CHANTIER or node.kind is NodeKind.ENJEU:
            registry = self._chantiers if node.kind is NodeKind.CHANTIER else self._enjeux
            if node.code:
                registry["code:" + normalize_name(node.code)] = node
            title = (node.properties.get("title") if node.properties else None) or (data or {}).get("title")
            if title:
                names.add(normalize_name(str(title)))
            for n in names:
                registry.setdefault("title:" + n, node)
        elif node.kind is NodeKind.ACTOR:
            for n in names:
                self._actors[n] = node
        return node

    def _known_actor(self, name: str) -> Node | None:
        return self._actors.get(normalize_name(name))

    def _actor(self, name: str) -> Node:
        found = self._known_actor(name)
        if found is not None:
            return _ref(found)
        return self._remember(actor(name, self.territory))

    def _find_chantier(self, ref: str) -> Node | None:
        match = _CODE_TITLE.match(ref.strip())
        candidates = [ref]
        if match:
            candidates = [_code_of(match), ref, match["title"]]
        for candidate in candidates:
            key = normalize_name(candidate)
            node = self._chantiers.get("code:" + key) or self._chantiers.get("title:" + key)
            if node is not None:
                return node
        return None

    def _chantier_ref(self, ref: str, where: Location) -> Node | None:
        node = self._find_chantier(ref)
        if node is not None:
            return _ref(node)
        try:
            only = _CODE_ONLY.match(ref.strip())
            if only:  # "1.b": a chantier known so far by its code only
                code = re.sub(r"\s+", "", only["code"])
                title = f"Chantier {code}"
            else:
                code, title = _split_code(ref)
            created = chantier(title, self.territory, code=code)
        except ValidationError as e:
            self.problems.error(where, "workshop.invalid", ref, detail=str(e))
            return None
        self.notes.chantiers_created_from_links += 1
        self.batch.add(created)
        return _ref(self._remember(created))

    # --- tables ---------------------------------------------------------------------------

    def add_enjeux(self, table: Recognised, records: Iterable[tuple[int, dict[str, str]]], where: Location) -> None:
        for row, rec in records:
            title = rec.get("title", "")
            if not title:
                if any(rec.values()):
                    self.problems.error(where.at(row, table.header_of("title")), "workshop.missing_title_enjeu")
                continue
            levels = {}
            for name in ("impact", "maitrise"):
                try:
                    levels[name] = parse_level(rec.get(name) or None, table.header_of(name))
                except ValidationError as e:
                    self.problems.error(where.at(row, table.header_of(name)), "workshop.invalid", rec.get(name), detail=str(e))
            points = rec.get("points", "").replace(",", ".")
            props: dict[str, Any] = {"description": rec.get("description") or None}
            if points:
                try:
                    props["points"] = float(points) if "." in points else int(points)
                except ValueError:
                    self.problems.warning(where.at(row, table.header_of("points")), "workshop.not_a_number", rec["points"])
            try:
                node = enjeu(title, self.territory, code=rec.get("number") or None, **levels, **props)
            except ValidationError as e:
                self.problems.error(where.at(row), "workshop.invalid", title, detail=str(e))
                continue
            self.batch.add(node)
            self._remember(node)

    def add_actors(self, table: Recognised, records: Iterable[tuple[int, dict[str, str]]], where: Location) -> None:
        for row, rec in records:
            name = rec.get("name", "")
            if not name:
                if any(rec.values()):
                    self.problems.error(where.at(row, table.header_of("name")), "workshop.missing_name_actor")
                continue
            props = {k: v for k, v in rec.items() if k not in ("name", "external_id") and v}
            try:
                node = actor(name, self.territory, external_id=rec.get("external_id") or None, **props)
            except ValidationError as e:
                column = table.header_of("external_id") if rec.get("external_id") else None
                self.problems.error(where.at(row, column), "workshop.invalid", rec.get("external_id") or name, detail=str(e))
                continue
            self.batch.add(node)
            self._remember(node)

    def add_chantiers(self, table: Recognised, records: Iterable[tuple[int, dict[str, str]]], where: Location) -> None:
        header_number = _HEADER_NUMBER.search(table.header_of("enjeu")) if "enjeu" in {f.name for f in table.columns.values()} else None
        current_enjeu: Node | None = None
        current: Node | None = None
        lists: dict[str, dict[str, list[str]]] = {}
        for row, rec in records:
            if rec.get("enjeu"):
                current_enjeu = self._enjeu_from_cell(rec["enjeu"], header_number[1] if header_number else None, where.at(row, table.header_of("enjeu")))
            title = rec.get("title", "")
            if title:
                try:
                    code, clean_title = _split_code(title)
                    current = chantier(clean_title, self.territory, code=code)
                except ValidationError as e:
                    self.problems.error(where.at(row, table.header_of("title")), "workshop.invalid", title, detail=str(e))
                    current = None
                    continue
                known = self._find_chantier(title)
                if known is not None and not code:
                    current = Node(NodeKind.CHANTIER, known.name, self.territory, code=known.code, properties={"title": clean_title})
                self._remember(current)
            elif any(v for k, v in rec.items() if k != "enjeu"):
                if current is None:
                    self.problems.error(where.at(row, table.header_of("title")), "workshop.missing_title_chantier")
                    continue
            else:
                continue
            assert current is not None
            ref = _ref(current)
            bucket = lists.setdefault(current.uid, {"objectives": [], "actions": [], "freins": []})
            for name in bucket:
                for item in split_items(rec.get(name, "")):
                    if item not in bucket[name]:
                        bucket[name].append(item)
            self.batch.add(Node(NodeKind.CHANTIER, current.name, self.territory, code=current.code,
                                properties={"title": current.properties.get("title", current.name), **bucket}))
            if current_enjeu is not None:
                self.batch.add(Link(LinkType.ANSWERS, ref, _ref(current_enjeu)))
            self._governance_cell(ref, rec.get("governance", ""), where.at(row, table.header_of("governance")))
            self._resources_cell(ref, rec.get("resources", ""), where.at(row, table.header_of("resources")))

    def add_governance(self, table: Recognised, records: Iterable[tuple[int, dict[str, str]]], where: Location) -> None:
        for row, rec in records:
            if not any(rec.values()):
                continue
            ref, name, role_text = rec.get("chantier", ""), rec.get("actor", ""), rec.get("role", "")
            if not ref or not name:
                column = "chantier" if not ref else "actor"
                self.problems.error(where.at(row, table.header_of(column)), f"workshop.missing_{column}")
                continue
            role = parse_role(role_text) if role_text else GovernanceRole.ASSOCIE
            if role is None:
                self.problems.error(where.at(row, table.header_of("role")), "workshop.bad_role", role_text)
                continue
            if not role_text:
                self.notes.governance_default_role += 1
            c = self._chantier_ref(ref, where.at(row, table.header_of("chantier")))
            if c is not None:
                props = {"note": rec.get("note") or None}
                self.batch.add(Link(role.link_type, self._actor(name), c, props))

    def add_resource_map(self, table: Recognised, records: Iterable[tuple[int, dict[str, str]]], where: Location) -> None:
        for row, rec in records:
            if not any(rec.values()):
                continue
            ref, name = rec.get("chantier", ""), rec.get("resource", "")
            if not ref or not name:
                column = "chantier" if not ref else "resource"
                self.problems.error(where.at(row, table.header_of(column)), f"workshop.missing_{column}")
                continue
            status_text = rec.get("status", "")
            status = parse_status(status_text) if status_text else LinkStatus.KNOWN_UNLINKED
            if status is None:
                self.problems.error(where.at(row, table.header_of("status")), "workshop.bad_status", status_text)
                continue
            if not status_text:
                self.problems.warning(where.at(row, table.header_of("status")), "workshop.empty_status")
            category = None
            if rec.get("category"):
                try:
                    category = ResourceCategory.parse(rec["category"])
                except ValidationError as e:
                    self.problems.error(where.at(row, table.header_of("category")), "workshop.invalid", rec["category"], detail=str(e))
                    continue
            c = self._chantier_ref(ref, where.at(row, table.header_of("chantier")))
            if c is None:
                continue
            if normalize_name(name) in (normalize_name(ref), normalize_name(c.name)):
                self.problems.error(where.at(row, table.header_of("resource")), "workshop.self_link", name)
                continue
            target = self._target(name, category)
            self._status_given[(c.uid, target.uid)] = status
            self.batch.add(Link(LinkType(status.value), c, target, {"note": rec.get("note") or None}))
            provider = rec.get("provider", "")
            if provider and target.kind is NodeKind.RESOURCE:
                self.batch.add(Link(LinkType.PROVIDES, self._actor(provider), target))

    # --- cells ----------------------------------------------------------------------------

    def _enjeu_from_cell(self, cell: str, header_code: str | None, where: Location) -> Node | None:
        """The enjeu a chantier row names: by the code written in the cell ("2 : Accès aux
        droits"), else by its title; the header's number ("Enjeu n°1") only numbers an enjeu
        created here, and only if no other enjeu has that number."""
        match = _ENJEU_CELL.match(cell.strip())
        code, title = (match["code"], match["title"]) if match else (None, cell.strip())
        for key in filter(None, ["code:" + normalize_name(code) if code else None, "title:" + normalize_name(title)]):
            if key in self._enjeux:
                return _ref(self._enjeux[key])
        if code is None and header_code and "code:" + normalize_name(header_code) not in self._enjeux:
            code = header_code
        try:
            node = enjeu(title, self.territory, code=code)
        except ValidationError as e:
            self.problems.error(where, "workshop.invalid", cell, detail=str(e))
            return None
        self.notes.enjeux_created_from_chantiers += 1
        self.batch.add(node)
        return _ref(self._remember(node))

    def _governance_cell(self, c: Node, cell: str, where: Location) -> None:
        for item in split_items(cell):
            role, rest = _marked(item, parse_role)
            for name in split_names(rest):
                if role is None:
                    self.notes.governance_default_role += 1
                self.batch.add(Link((role or GovernanceRole.ASSOCIE).link_type, self._actor(name), c))

    def _resources_cell(self, c: Node, cell: str, where: Location) -> None:
        for item in split_items(cell):
            status, rest = _marked(item, parse_status)
            category, rest = _marked(rest, _parse_category)
            for name in split_names(rest):
                target = self._target(name, category)
                if status is None:
                    known = self._known_status(c.uid, target.uid)
                    if known is not None and known is not LinkStatus.KNOWN_UNLINKED:
                        self.notes.kept_existing_status += 1
                        self.batch.add(target)
                        continue
                    if known is None:
                        self.notes.default_status += 1
                self.batch.add(Link(LinkType((status or LinkStatus.KNOWN_UNLINKED).value), c, target))

    def _known_status(self, source: str, target: str) -> LinkStatus | None:
        """The status this import's resource maps, or the store, already give this link."""
        if (source, target) in self._status_given:
            return self._status_given[(source, target)]
        graph = self.existing
        if graph is not None and graph.has_edge(source, target):
            for link_type in graph[source][target]:
                if LinkType(link_type).status is not None:
                    return LinkType(link_type).status
        return None

    def _target(self, name: str, category: ResourceCategory | None) -> Node:
        if category is ResourceCategory.PARTENAIRE or (category is None and self._known_actor(name)):
            return self._actor(name)
        if category is None:
            category = _guess_category(name)
            if category is None:
                return self._actor(name)
            self.notes.guessed_category += 1
        return resource(name, self.territory, category)


def _ref(node: Node) -> Node:
    """The same node without properties: linking to it never overwrites what a table said."""
    return Node(node.kind, node.name, node.territory, code=node.code, external_id=node.external_id)


def _parse_category(word: str) -> ResourceCategory | None:
    try:
        return ResourceCategory.parse(word)
    except ValidationError:
        return None


def _marked(item: str, parse) -> tuple[Any, str]:
    """Read a marker word before a colon or in trailing parentheses: ("Pilote : CC") -> (pilote, "CC")."""
    match = _PREFIX.match(item)
    if match:
        found = parse(match["word"])
        if found is not None:
            return found, match["rest"].strip()
    match = _SUFFIX.match(item)
    if match:
        found = parse(match["word"])
        if found is not None:
            return found, match["rest"].strip()
    return None, item


def _split_code(text: str) -> tuple[str | None, str]:
    """"1.b — Développer…" -> ("1.b", "Développer…"); "Développer…" -> (None, "Développer…")."""
    match = _CODE_TITLE.match(text.strip())
    if match:
        return _code_of(match), match["title"].strip()
    return None, text.strip()


def _code_of(match: re.Match[str]) -> str:
    return match["c1"] or match["c2"] or match["c3"]
