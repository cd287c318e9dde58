"""Missing links: which known links to activate first, and which new links to consider.

Two analyses over a territory's graph (pure functions: they never mutate it and do no I/O), each
with a Cypher twin in ``queries/analysis_links.cypher`` giving the same results on Neo4j.

**Activations** (:func:`activations`). Every resource or actor that a chantier knows but has not
linked yet (``KNOWN_UNLINKED``, dotted line) is a candidate. Its *gaps closed* are the chantiers
where activating it would give a scored category (partenaire, intervenant, matériel,
financement — an actor counts as partenaire) its first ``OPERATIONAL`` link. Ranked by gaps
closed, then by number of chantiers, then by name. The actors who ``PROVIDE`` the resource come
with their e-mails and phone numbers (properties ``email``/``courriels`` and
``telephone``/``phone``), so the coordinator knows whom to call.

**Suggestions** (:func:`suggestions`): links that do not exist in any status yet. Reasons and
scores (in tenths, so both backends give the very same floats):

``same_enjeu`` (0.7)
    the target is ``OPERATIONAL`` on another chantier that answers the same enjeu;
    +0.1 when it is so on two chantiers or more of that enjeu.
``territory`` (0.4)
    the target is ``OPERATIONAL`` on another chantier of the territory (no shared enjeu);
    +0.1 when it is so on two chantiers or more.
``services_publics`` (0.4)
    an actor's ``services`` / ``publics`` (the values of the national standard of lieux de
    médiation numérique, see :mod:`ecosystem.importers.opendata`) match the chantier's words
    through the small thesaurus :data:`THEMES`; +0.1 per further matching value, at most +0.2.

Every reason gets +0.1 when the target would fill a gap of the chantier (its scored category has
no operational link there). Scores stay in [0.4, 0.9]. One suggestion per (chantier, target):
the best score wins (ties: same_enjeu, services_publics, territory), the others are listed in
``other_reasons``. A link that exists in any status — including ``ABSENT``, marked on purpose —
is never suggested, nor is an actor who already pilots, does or is associated with the chantier.

*Link prediction* (networkx ``jaccard_coefficient`` / ``adamic_adar_index`` /
``resource_allocation_index``) is not used. On the bipartite chantier–target graph a chantier and
a target never share a neighbour, so those scores are 0 for every pair we could suggest (checked
on the seed and the test fixtures). Projected on chantiers ("chantiers sharing targets"): with
operational links only, it proposes exactly the targets of ``same_enjeu`` / ``territory`` and
would only re-rank them, less explainably; counting dotted links too, its extra pairs are
targets only *known* on another chantier (on the seed: the CAF funding, the robotics kit, the bus
and the fab lab of 1.b proposed to 1.a because both chantiers know the centre social) — weak
evidence, already shown as activations — or an actor who pilots the chantier.

Matching words (:data:`THEMES`). The chantier's title, objectives, actions and ``publics``
property (not its freins: obstacles are not needs) are cut into words, accents and case dropped,
a final *s*/*x* removed ("jeunes" = "jeune"). Each theme lists the words or phrases that evoke it
on the chantier side, and the standard's values that offer it on the actor side; an age range
("3 à 14 ans", "moins de 26 ans" → jeunes; "plus de 60 ans" → seniors) evokes a public too. A
suggestion names the chantier's words and the actor's values that matched.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any

import networkx as nx

from ..i18n import get_language, tr
from ..model import LinkStatus, LinkType, NodeKind, ResourceCategory, normalize_name
from .common import SCORED_CATEGORIES, Result, Scope, category_of, chantiers

__all__ = [
    "THEMES",
    "REASONS",
    "Contact",
    "ChantierRef",
    "KnownOn",
    "Activation",
    "Suggestion",
    "Suggestions",
    "SUGGESTIONS_PER_CHANTIER",
    "activations",
    "activations_cypher",
    "suggestions",
    "suggestions_cypher",
    "run_missing",
]

#: Suggestions shown per chantier by default (its best ones; 0 or None: all). A département
#: gives ~2,000 per chantier, a region ~26 million in all, mostly the weak "territory" reason.
SUGGESTIONS_PER_CHANTIER = 10

#: Reason codes, best first (breaks ties between equal scores).
REASONS: tuple[str, ...] = ("same_enjeu", "services_publics", "territory")

_STATUS_TYPES = frozenset(s.value for s in LinkStatus)
_GOVERNANCE_TYPES = frozenset({LinkType.PILOTS.value, LinkType.OPERATES.value, LinkType.ASSOCIATED_WITH.value})
_PARTNER = ResourceCategory.PARTENAIRE.value
_ACTOR = NodeKind.ACTOR.value
_CATEGORY_VALUES = frozenset(c.value for c in ResourceCategory)

# --- the thesaurus ---------------------------------------------------------------------------

#: Themes: (chantier-side words or phrases, actor-side values of the national standard's
#: ``services`` and ``publics_specifiquement_adresses`` closed lists). Words are matched after
#: normalisation (no accents, no case, no final s/x); values are compared normalised. Words too
#: common in roadmap texts ("création d'un poste", "professionnels", "administratif",
#: "sensibilisation des élus") are only used inside a phrase.
THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "jeunes": (
        ("jeune", "jeunesse", "enfant", "enfance", "ado", "adolescent", "adolescence", "élève", "collège",
         "collégien", "lycéen", "école", "scolaire", "périscolaire", "ALSH", "accueil de loisirs"),
        ("Jeunes", "Familles et/ou enfants", "Parentalité et éducation avec le numérique"),
    ),
    "familles": (
        ("famille", "familial", "familiale", "parent", "parentalité", "parental", "parentale"),
        ("Familles et/ou enfants", "Parentalité et éducation avec le numérique"),
    ),
    "education": (
        ("éducation", "éducatif", "éducative", "pédagogie", "pédagogique"),
        ("Parentalité et éducation avec le numérique",),
    ),
    "etudiants": (("étudiant", "étudiante", "université", "campus"), ("Étudiants",)),
    "seniors": (
        ("senior", "aîné", "personnes âgées", "retraité", "EHPAD"),
        ("Seniors",),
    ),
    "femmes": (("femme",), ("Femmes",)),
    "demarches": (
        ("démarche", "services publics", "accès aux droits", "e-administration"),
        ("Aide aux démarches administratives",),
    ),
    "emploi": (
        ("emploi", "insertion", "chômage", "entrepreneur"),
        ("Insertion professionnelle via le numérique",),
    ),
    "equipement": (
        ("matériel", "équipement", "équiper", "ordinateur", "reconditionné", "reconditionnement",
         "connexion", "accès à internet", "wifi"),
        ("Accès internet et matériel informatique", "Acquisition de matériel informatique à prix solidaire"),
    ),
    "outils": (
        ("smartphone", "tablette", "prise en main", "outils numériques", "usages numériques", "bases du numérique"),
        ("Maîtrise des outils numériques du quotidien",),
    ),
    "securite": (
        ("sécurité", "cybersécurité", "arnaque", "escroquerie", "données personnelles", "harcèlement"),
        ("Utilisation sécurisée du numérique",),
    ),
    "creation": (
        ("loisir", "création numérique", "créations numériques", "fablab", "fab lab", "robotique",
         "programmation", "codage", "jeu vidéo"),
        ("Loisirs et créations numériques",),
    ),
    "culture": (
        ("culture numérique", "citoyenneté", "esprit critique", "éducation aux médias",
         "sensibilisation au numérique"),
        ("Compréhension du monde numérique",),
    ),
}

_WORD = re.compile(r"\w+")


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word of ``text``; a word with an apostrophe or accent splits
    the way :func:`normalize_name` does."""
    out = []
    for m in _WORD.finditer(text):
        for part in normalize_name(m.group()).split():
            out.append((_stem(part), m.start(), m.end()))
    return out


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(stem for stem, _, _ in _words(text))


_THEME_PHRASES: dict[str, list[tuple[str, ...]]] = {
    theme: [_phrase(w) for w in words] for theme, (words, _) in THEMES.items()
}
_THEME_VALUES: dict[str, frozenset[str]] = {
    theme: frozenset(normalize_name(v) for v in values) for theme, (_, values) in THEMES.items()
}


def _phrases_by_first() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """(theme, phrase) by the phrase's first word, in the order of THEMES: a text is scanned
    once, not once per phrase, and finds its themes in the same order."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for theme, phrases in _THEME_PHRASES.items():
        for phrase in phrases:
            if phrase:
                index.setdefault(phrase[0], []).append((theme, phrase))
    return index


def _themes_of_values() -> dict[str, tuple[str, ...]]:
    """Normalised value of the standard -> the themes it offers, in the order of THEMES."""
    index: dict[str, tuple[str, ...]] = {}
    for theme, values in _THEME_VALUES.items():
        for value in values:
            index[value] = (*index.get(value, ()), theme)
    return index


_PHRASES_BY_FIRST = _phrases_by_first()
_THEMES_OF_VALUE = _themes_of_values()


def _age_themes(stems: Sequence[str], i: int) -> tuple[str, int] | None:
    """An age phrase starting at word ``i``: (theme, number of words), else None."""
    def num(j: int) -> int | None:
        return int(stems[j]) if 0 <= j < len(stems) and stems[j].isdigit() and len(stems[j]) <= 3 else None

    def word(j: int) -> str:
        return stems[j] if 0 <= j < len(stems) else ""

    first = num(i)
    if first is not None:
        if word(i + 1) == "a" and num(i + 2) is not None and word(i + 3) == "ans":
            low, high, size = first, num(i + 2), 4
        elif num(i + 1) is not None and word(i + 2) == "ans":  # "3-14 ans"
            low, high, size = first, num(i + 1), 3
        elif word(i + 1) == "ans" and word(i + 2) == "et" and word(i + 3) == "plu":  # "60 ans et plus"
            return ("seniors", 4) if first >= 60 else None
        else:
            return None
        assert high is not None
        if high <= 25:
            return "jeunes", size
        if low >= 60:
            return "seniors", size
        return None
    if word(i + 1) == "de" and num(i + 2) is not None and word(i + 3) == "ans":
        n = num(i + 2)
        assert n is not None
        if word(i) == "moin" and n <= 26:
            return "jeunes", 4
        if word(i) == "plu" and n >= 60:
            return "seniors", 4
    return None


def _chantier_themes(texts: Iterable[str]) -> dict[str, list[str]]:
    """Themes evoked by a chantier's texts: theme -> the words as written, in reading order."""
    found: dict[str, list[str]] = {}

    def add(theme: str, text: str, start: int, end: int) -> None:
        surface = text[start:end]
        words = found.setdefault(theme, [])
        if normalize_name(surface) not in {normalize_name(w) for w in words}:
            words.append(surface)

    for text in texts:
        words = _words(text)
        stems = [w[0] for w in words]
        for i in range(len(words)):
            age = _age_themes(stems, i)
            if age:
                add(age[0], text, words[i][1], words[i + age[1] - 1][2])
            for theme, phrase in _PHRASES_BY_FIRST.get(stems[i], ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    add(theme, text, words[i][1], words[i + len(phrase) - 1][2])
    return found


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value if v is not None and str(v).strip()]


# --- results ---------------------------------------------------------------------------------


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """The JSON form, recursively: dataclasses as dicts (fields in order), tuples as lists.
    What ``dataclasses.asdict`` then tuples-to-lists gives, without its deep copies (every leaf
    here is immutable): a few microseconds per row instead of ~50."""
    names = _FIELD_NAMES.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Contact:
    """An actor and how to reach it (e-mails, phone numbers) when the map knows it."""

    uid: str
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    def describe(self) -> str:
        details = [*self.emails, *self.phones]
        return f"{self.name} ({', '.join(details)})" if details else self.name


@dataclass(frozen=True)
class ChantierRef:
    """A chantier as named in a result: uid, code ("1.b" or None) and full name."""

    uid: str
    code: str | None
    name: str

    def short(self) -> str:
        """"1.b", or the quoted name when the chantier has no code."""
        return self.code or tr("links.quote", text=self.name)


@dataclass(frozen=True)
class KnownOn(ChantierRef):
    """A chantier that knows the target (dotted line), and whether activating it closes a gap."""

    closes_gap: bool = False


@dataclass(frozen=True)
class Activation(Result):
    """A known, not-yet-linked resource or actor, and what activating it would fix."""

    uid: str
    name: str
    kind: str  # "Actor" or "Resource"
    category: str
    gaps_closed: int  # chantiers where it would be the first operational link of its category
    chantiers: tuple[KnownOn, ...]  # every chantier that knows it, gap-closing ones first
    providers: tuple[Contact, ...]  # actors who provide it (resources)
    emails: tuple[str, ...] = ()  # the target's own contacts (actors)
    phones: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)

    def sentence(self) -> str:
        target = tr("links.quote", text=self.name)
        gaps = [c for c in self.chantiers if c.closes_gap]
        others = [c for c in self.chantiers if not c.closes_gap]
        if gaps:
            parts = [
                tr(
                    "links.activation.gap",
                    target=target,
                    lack=tr(f"links.lack.{self.category}"),
                    chantiers=_of_chantiers(gaps),
                )
            ]
            if others:
                parts.append(tr("links.activation.also", chantiers=_the_chantiers(others)))
        else:
            parts = [
                tr(
                    "links.activation.plain",
                    target=target,
                    category=_category(self.category),
                    chantiers=_the_chantiers(others),
                )
            ]
        if self.providers:
            parts.append(tr("links.providers", providers=_join(p.describe() for p in self.providers)))
        if self.emails or self.phones:
            parts.append(tr("links.contact", contacts=", ".join([*self.emails, *self.phones])))
        return " ".join(parts)


@dataclass(frozen=True)
class Suggestion(Result):
    """A link that does not exist yet, why it could help, and how strongly (score in [0, 1])."""

    chantier_uid: str
    chantier_code: str | None
    chantier: str
    target_uid: str
    target: str
    target_kind: str  # "Actor" or "Resource"
    category: str
    reason: str  # one of REASONS
    score: float
    fills_gap: bool  # the chantier has no operational link in the target's category
    via: tuple[ChantierRef, ...] = ()  # chantiers where it is already operational (same_enjeu, territory)
    enjeux: tuple[str, ...] = ()  # enjeux shared with those chantiers (same_enjeu)
    matched_words: tuple[str, ...] = ()  # the chantier's words that matched (services_publics)
    matched_services: tuple[str, ...] = ()  # the actor's services that matched
    matched_publics: tuple[str, ...] = ()  # the actor's publics that matched
    other_reasons: tuple[str, ...] = ()  # weaker reasons that point to the same link

    def as_dict(self) -> dict[str, Any]:
        return _plain(self)

    def sentence(self) -> str:
        chantier = self.chantier_code or tr("links.quote", text=self.chantier)
        target = tr("links.quote", text=self.target)
        category = _category(self.category)
        if self.reason == "same_enjeu":
            text = tr(
                "links.suggest.same_enjeu",
                chantier=chantier,
                target=target,
                category=category,
                enjeux=_join(tr("links.quote", text=e) for e in self.enjeux),
                via=_the_chantiers(self.via),
            )
        elif self.reason == "territory":
            text = tr(
                "links.suggest.territory",
                chantier=chantier,
                target=target,
                category=category,
                via=_the_chantiers(self.via),
            )
        else:
            offer = []
            if self.matched_services:
                offer.append(tr("links.offer.services", values=_quoted(self.matched_services)))
            if self.matched_publics:
                offer.append(tr("links.offer.publics", values=_quoted(self.matched_publics)))
            text = tr(
                "links.suggest.services_publics",
                chantier=chantier,
                target=target,
                words=_quoted(self.matched_words),
                offer=_join(offer),
            )
        if self.fills_gap and self.category in SCORED_CATEGORIES:
            text += " " + tr("links.fills_gap", lack=tr(f"links.lack.{self.category}"))
        return text


def _category(category: str) -> str:
    """The category as people say it ("financement"), or as stored if it is not a known one."""
    return tr(f"category.{category}") if category in _CATEGORY_VALUES else category


def _join(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {tr('links.and')} {items[-1]}"


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(tr("links.quote", text=i) for i in items)


def _of_chantiers(refs: Sequence[ChantierRef]) -> str:
    refs_text = _join(r.short() for r in refs)
    return tr("links.of_chantier" if len(refs) == 1 else "links.of_chantiers", refs=refs_text)


def _the_chantiers(refs: Sequence[ChantierRef]) -> str:
    refs_text = _join(r.short() for r in refs)
    return tr("links.the_chantier" if len(refs) == 1 else "links.the_chantiers", refs=refs_text)


# --- shared assembly: the same code builds results from graph facts and from Cypher rows --------


def _name_key(name: str, uid: str) -> tuple[str, str]:
    return (normalize_name(name), uid)


def _natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key reading numbers as numbers: "1.9" < "1.10"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in normalize_name(text).split())


def _chantier_key(code: str | None, name: str, uid: str) -> tuple[Any, ...]:
    """Chantiers by code ("1.a" < "1.b" < "1.10" < "2"), those without a code last, then by name."""
    return (not code, _natural(code or ""), normalize_name(name), uid)


class _Keys:
    """The sort keys above, each computed once per chantier or target of a run: results name the
    same few thousand chantiers and targets hundreds of thousands of times, and
    :func:`normalize_name` is the costly part of a key."""

    def __init__(self) -> None:
        self._chantiers: dict[tuple[str | None, str, str], tuple[Any, ...]] = {}
        self._names: dict[tuple[str, str], tuple[str, str]] = {}

    def chantier(self, code: str | None, name: str, uid: str) -> tuple[Any, ...]:
        key = self._chantiers.get((code, name, uid))
        if key is None:
            key = self._chantiers[(code, name, uid)] = _chantier_key(code, name, uid)
        return key

    def name(self, name: str, uid: str) -> tuple[str, str]:
        key = self._names.get((name, uid))
        if key is None:
            key = self._names[(name, uid)] = _name_key(name, uid)
        return key


def _contacts(props: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(e-mails, phones) from the properties email/courriels and telephone/phone."""

    def gather(*names: str) -> tuple[str, ...]:
        out: list[str] = []
        for name in names:
            for value in _as_list(props.get(name)):
                for item in re.split(r"[|;,]", value):
                    item = item.strip()
                    if item and item not in out:
                        out.append(item)
        return tuple(out)

    return gather("email", "courriels"), gather("telephone", "phone")


def _contact(row: Mapping[str, Any]) -> Contact:
    emails, phones = _contacts(row)
    return Contact(row["uid"], row["name"], emails, phones)


def _build_activations(rows: Iterable[Mapping[str, Any]]) -> list[Activation]:
    """Rows: {uid, name, kind, category, chantiers: [{uid, name, code, closes_gap}],
    providers: [{uid, name, email, courriels, telephone, phone}], contact: {...}}."""
    keys = _Keys()
    out = []
    for row in rows:
        refs = sorted(
            (KnownOn(c["uid"], c.get("code"), c["name"], bool(c["closes_gap"])) for c in row["chantiers"]),
            key=lambda r: (not r.closes_gap, *keys.chantier(r.code, r.name, r.uid)),
        )
        providers = sorted((_contact(p) for p in row["providers"]), key=lambda p: keys.name(p.name, p.uid))
        emails, phones = _contacts(row.get("contact") or {})
        out.append(
            Activation(
                uid=row["uid"],
                name=row["name"],
                kind=row["kind"],
                category=row["category"],
                gaps_closed=sum(r.closes_gap for r in refs),
                chantiers=tuple(refs),
                providers=tuple(providers),
                emails=emails,
                phones=phones,
            )
        )
    out.sort(key=lambda a: (-a.gaps_closed, -len(a.chantiers), *keys.name(a.name, a.uid)))
    return out


_SCORES = tuple(t / 10 for t in range(11))


def _score(tenths: int) -> float:
    return _SCORES[min(tenths, 10)]


class _Pairs:
    """The (chantier, target) pairs of reasons same_enjeu / territory: a target OPERATIONAL on
    other chantiers (via), with the enjeux the chantier shares with those. Target rows: {uid,
    name, kind, category, operational_on: [chantier uids], linked: [uids of the chantiers it is
    tied to already: a link in any status, or governance]}; chantier rows, every chantier of the
    territory: {uid, code, name, covered: [categories with an OPERATIONAL link], enjeux: [{uid,
    name}]}.

    Chantiers (``rows``) are ranked once, targets (``targets``, those with an operational link)
    sorted by name once; what depends only on a target and the enjeux a chantier shares with its
    chantiers (a hub is operational on hundreds of them) is computed once, so each pair costs
    about the same small amount."""

    def __init__(self, target_rows: Iterable[Mapping[str, Any]], chantier_rows: Iterable[Mapping[str, Any]]) -> None:
        self.keys = keys = _Keys()
        self.rows = rows = sorted(chantier_rows, key=lambda c: keys.chantier(c.get("code"), c["name"], c["uid"]))
        rank = {c["uid"]: i for i, c in enumerate(rows)}  # via are sorted by chantier key: by rank
        self.refs = [ChantierRef(c["uid"], c.get("code"), c["name"]) for c in rows]
        self.covered = [frozenset(c.get("covered") or ()) for c in rows]
        self.enjeux_of = enjeux_of = [frozenset(e["uid"] for e in c.get("enjeux") or ()) for c in rows]
        self._enjeu_name = {e["uid"]: e["name"] for c in rows for e in c.get("enjeux") or ()}
        self._enjeu_order: dict[str, tuple[str, str]] = {}
        self.targets = sorted(
            (t for t in target_rows if t["operational_on"]), key=lambda t: keys.name(t["name"], t["uid"])
        )
        self.ops_of = [sorted(rank[u] for u in t["operational_on"]) for t in self.targets]
        self.op_sets = [frozenset(ops) for ops in self.ops_of]
        self.linked_of = [set(t["linked"]) for t in self.targets]
        # target -> enjeux of the chantiers it is operational on
        self.answered_of = [frozenset().union(*(enjeux_of[o] for o in ops)) for ops in self.ops_of]
        self._shared: dict[tuple[int, frozenset[str]], tuple[tuple[ChantierRef, ...], tuple[str, ...]]] = {}
        self._everywhere: dict[int, tuple[ChantierRef, ...]] = {}
        self._ops_by_enjeu: dict[int, dict[str, list[int]]] = {}  # target -> enjeu -> its via chantiers

    def _same_enjeu(
        self, j: int, chantier_enjeux: frozenset[str], without: int = -1
    ) -> tuple[tuple[ChantierRef, ...], tuple[str, ...]]:
        """Target j's via chantiers (but ``without``) sharing an enjeu with the chantier, and
        those enjeux' names. A hub is operational on thousands of chantiers of a national
        territory: they are indexed by enjeu once per target."""
        by_enjeu = self._ops_by_enjeu.get(j)
        if by_enjeu is None:
            by_enjeu = self._ops_by_enjeu[j] = {}
            for o in self.ops_of[j]:
                for e in self.enjeux_of[o]:
                    by_enjeu.setdefault(e, []).append(o)
        same: set[int] = set()
        names = set()
        for e in chantier_enjeux:
            via = [o for o in by_enjeu.get(e, ()) if o != without]
            if via:
                same.update(via)
                names.add(self._enjeu_name[e])
        for n in names:
            if n not in self._enjeu_order:
                self._enjeu_order[n] = (normalize_name(n), n)
        return tuple(self.refs[o] for o in sorted(same)), tuple(sorted(names, key=self._enjeu_order.__getitem__))

    def facts(self, i: int, j: int) -> tuple[str, tuple[ChantierRef, ...], tuple[str, ...], int, bool] | None:
        """(reason, via used, shared enjeux, score in tenths, fills a gap) of chantier i and
        target j, or None when the pair is no suggestion."""
        if self.rows[i]["uid"] in self.linked_of[j]:
            return None
        ops = self.ops_of[j]
        if i in self.op_sets[j]:  # cannot happen (an OPERATIONAL link is a link): never its own via
            via = [o for o in ops if o != i]
            if not via:
                return None
            same_refs, names = self._same_enjeu(j, self.enjeux_of[i], without=i)
            via_refs = tuple(self.refs[o] for o in via)
        else:
            hits = self.enjeux_of[i] & self.answered_of[j]
            if hits:
                if (j, hits) not in self._shared:
                    self._shared[(j, hits)] = self._same_enjeu(j, hits)
                same_refs, names = self._shared[(j, hits)]
            else:
                same_refs, names = (), ()
            if j not in self._everywhere:
                self._everywhere[j] = tuple(self.refs[o] for o in ops)
            via_refs = self._everywhere[j]
        if same_refs:
            reason, used, tenths, enjeux = "same_enjeu", same_refs, 7, names
        else:
            reason, used, tenths, enjeux = "territory", via_refs, 4, ()
        category = self.targets[j]["category"]
        fills = category in SCORED_CATEGORIES and category not in self.covered[i]
        return reason, used, enjeux, tenths + (len(used) >= 2) + fills, fills

    def suggestion(self, i: int, j: int) -> Suggestion | None:
        facts = self.facts(i, j)
        if facts is None:
            return None
        reason, used, enjeux, tenths, fills = facts
        c, t = self.rows[i], self.targets[j]
        return Suggestion(
            chantier_uid=c["uid"],
            chantier_code=c.get("code"),
            chantier=c["name"],
            target_uid=t["uid"],
            target=t["name"],
            target_kind=t["kind"],
            category=t["category"],
            reason=reason,
            score=_score(tenths),
            fills_gap=fills,
            via=used,
            enjeux=enjeux,
        )


def _elsewhere_candidates(
    target_rows: Iterable[Mapping[str, Any]], chantier_rows: Iterable[Mapping[str, Any]]
) -> list[Suggestion]:
    """Reasons same_enjeu / territory: every pair of :class:`_Pairs`. The output grows as
    chantiers × targets."""
    pairs = _Pairs(target_rows, chantier_rows)
    out = []
    for j in range(len(pairs.targets)):
        for i in range(len(pairs.rows)):
            s = pairs.suggestion(i, j)
            if s is not None:
                out.append(s)
    return out


def _capped(
    target_rows: Iterable[Mapping[str, Any]],
    chantier_rows: Iterable[Mapping[str, Any]],
    actor_rows: Iterable[Mapping[str, Any]],
    per_chantier: int,
) -> Suggestions:
    """The first ``per_chantier`` suggestions of each chantier, exactly as :func:`_best` over all
    candidates would rank them, without building the chantiers × targets pairs.

    For a chantier, a territory pair scores 4, +1 when the target is operational on two chantiers
    or more, +1 when it fills a gap: its score depends on the target's group (several chantiers
    or not, category) only. Targets are ranked by name once per group; each chantier takes its
    territory pairs group by group, best score first, and stops after ``per_chantier``. Its
    same_enjeu pairs (targets operational on a chantier of one of its enjeux), the pairs it is
    itself operational in and the pairs that also have a services_publics candidate are scored
    exactly (:meth:`_Pairs.facts`). Any other pair ranks after those ``per_chantier`` territory
    pairs (its score is its territory score, theirs at least theirs): it cannot be among the
    first.

    services_publics pairs likewise: a chantier takes its first ``per_chantier`` matching actors
    from :meth:`_Profiles.best` (by match score, then name). Any other actor's match ranks after
    theirs, and a best score is at least the match score: if that match is its best reason, it
    ranks after those ``per_chantier``; if not, its other reason decides, as above. Each
    candidate kept (same_enjeu, territory or services_publics) is then scored with all its
    reasons. Only each chantier's best ``per_chantier`` targets are built and go through
    :func:`_best`; the others are counted in ``omitted``: a national territory has 15,000
    chantiers and 45,000 open-data actors; matching every chantier with every actor did not
    finish in 18 minutes there (28 s now, BENCHMARKS.md)."""
    pairs = _Pairs(target_rows, chantier_rows)
    keys, rows, targets, covered = pairs.keys, pairs.rows, pairs.targets, pairs.covered
    ops_of, linked_of = pairs.ops_of, pairs.linked_of
    index_of = {t["uid"]: j for j, t in enumerate(targets)}
    groups: dict[tuple[bool, str], list[int]] = {}  # (several chantiers, category) -> targets by name
    by_enjeu: dict[str, list[int]] = {}  # enjeu -> targets operational on a chantier answering it
    on_chantier: dict[int, list[int]] = {}  # chantier -> targets operational on it
    linked_count: dict[str, int] = {}
    for j, t in enumerate(targets):
        ops = ops_of[j]
        groups.setdefault((len(ops) >= 2, t["category"]), []).append(j)
        for e in pairs.answered_of[j]:
            by_enjeu.setdefault(e, []).append(j)
        for o in ops:
            on_chantier.setdefault(o, []).append(j)
        for u in linked_of[j]:
            linked_count[u] = linked_count.get(u, 0) + 1

    def tenths_of(i: int, j: int) -> int | None:
        facts = pairs.facts(i, j)
        return None if facts is None else facts[3]

    profiles = _Profiles(actor_rows, index_of)
    kept: list[Suggestion] = []
    total: dict[str, int] = {}  # chantier uid -> number of pairs (what the full list has)
    levels: dict[int, list[list[int]]] = {}
    for i, c in enumerate(rows):
        uid = c["uid"]
        own = on_chantier.get(i, [])
        lonely = sum(1 for j in own if uid not in linked_of[j] and ops_of[j] == [i])  # never paired
        count = len(targets) - linked_count.get(uid, 0) - lonely
        exact = set(own)
        for e in pairs.enjeux_of[i]:
            exact.update(by_enjeu.get(e, ()))
        best: dict[str, int] = {}  # target uid -> its best score for this chantier, in tenths
        elsewhere: dict[str, int] = {}  # target uid -> index in targets, when it has such a candidate
        for j in exact:
            tenths = tenths_of(i, j)
            if tenths is not None:
                t_uid = targets[j]["uid"]
                best[t_uid], elsewhere[t_uid] = tenths, j
        # services_publics: the chantier's first per_chantier actors; any other such pair ranks
        # behind them (same argument as the territory pairs below)
        found = _themes_of_chantier(c)
        first, profile_only = profiles.best(c, found, per_chantier)
        count += profile_only
        for k in first:
            t_uid = profiles.actors[k][0]["uid"]
            j = index_of.get(t_uid)
            if j is not None and t_uid not in elsewhere:
                tenths = tenths_of(i, j)
                if tenths is not None:
                    best[t_uid], elsewhere[t_uid] = tenths, j
        total[uid] = count
        # territory pairs: best score first, by target name; after per_chantier of them, any
        # other territory pair ranks behind (its score is at most theirs)
        levels.clear()
        for (several, category), members in groups.items():
            fills = category in SCORED_CATEGORIES and category not in covered[i]
            levels.setdefault(4 + several + fills, []).append(members)
        taken = 0
        for tenths in sorted(levels, reverse=True):
            for j in heapq.merge(*levels[tenths]):
                if taken >= per_chantier:
                    break
                if j in exact or uid in linked_of[j]:
                    continue
                taken += 1
                t_uid = targets[j]["uid"]
                elsewhere.setdefault(t_uid, j)
                best[t_uid] = max(best.get(t_uid, 0), tenths)
            if taken >= per_chantier:
                break
        # every candidate's own services_publics match, if any: it may be its best reason
        matches = {}
        memo: dict[Any, Any] = {}
        for t_uid in [*best, *(profiles.actors[k][0]["uid"] for k in first)]:
            k = profiles.by_uid.get(t_uid)
            m = None if k is None or t_uid in matches else profiles.match(c, found, k, memo)
            if m is not None:
                matches[t_uid] = m
                best[t_uid] = max(best.get(t_uid, 0), m[1])
        # this chantier's first per_chantier targets, in the final order (score, target name)
        def order(t_uid: str) -> tuple[int, tuple[str, str]]:
            j = elsewhere.get(t_uid)
            name = targets[j]["name"] if j is not None else matches[t_uid][0]["name"]
            return (-best[t_uid], keys.name(name, t_uid))

        for t_uid in heapq.nsmallest(per_chantier, best, key=order):
            if t_uid in elsewhere:
                s = pairs.suggestion(i, elsewhere[t_uid])
                if s is not None:
                    kept.append(s)
            if t_uid in matches:
                kept.append(_profile_suggestion(c, matches[t_uid]))
    return _cut(_best(kept), per_chantier, total)


class Suggestions(list):  # type: ignore[type-arg]
    """The suggestions kept (a list of :class:`Suggestion`), with ``per_chantier`` (the cap, 0 =
    none) and ``omitted``: chantier uid -> how many weaker suggestions were left out (only the
    chantiers that lost some)."""

    per_chantier: int = 0
    omitted: dict[str, int]

    def __init__(self, items: Iterable[Suggestion] = (), per_chantier: int = 0, omitted: Mapping[str, int] | None = None):
        super().__init__(items)
        self.per_chantier = per_chantier
        self.omitted = dict(omitted or {})

    def omitted_refs(self) -> list[tuple[ChantierRef, int]]:
        """(chantier, number left out) in the order of the chantiers' first suggestion."""
        seen: dict[str, ChantierRef] = {}
        for s in self:
            if s.chantier_uid in self.omitted and s.chantier_uid not in seen:
                seen[s.chantier_uid] = ChantierRef(s.chantier_uid, s.chantier_code, s.chantier)
        return [(ref, self.omitted[uid]) for uid, ref in seen.items()]

    def notes(self) -> list[str]:
        """One line per chantier that lost suggestions: how many, and how to see them all."""
        return [
            tr("links.omitted", count=_count(n), chantier=ref.short()) for ref, n in self.omitted_refs()
        ]


def _count(n: int) -> str:
    """1 950 in French, 1,950 in English."""
    return f"{n:,}".replace(",", "\u202f" if get_language() == "fr" else ",")


def _cut(ranked: list[Suggestion], per_chantier: int | None, total: Mapping[str, int] | None = None) -> Suggestions:
    """The first ``per_chantier`` suggestions of each chantier, in the order of ``ranked``;
    ``total``: each chantier's number of suggestions before the cut (default: in ``ranked``)."""
    if not per_chantier:
        return Suggestions(ranked)
    seen: dict[str, int] = {}
    out = []
    for s in ranked:
        n = seen.get(s.chantier_uid, 0)
        seen[s.chantier_uid] = n + 1
        if n < per_chantier:
            out.append(s)
    total = seen if total is None else total
    omitted = {uid: total[uid] - min(n, per_chantier) for uid, n in seen.items() if total[uid] > per_chantier}
    return Suggestions(out, per_chantier, omitted)


def _suggest(
    target_rows: Iterable[Mapping[str, Any]],
    chantier_rows: Iterable[Mapping[str, Any]],
    actor_rows: Iterable[Mapping[str, Any]],
    per_chantier: int | None,
) -> Suggestions:
    """Both kinds of candidates, merged and ranked; capped per chantier unless 0 or None."""
    if per_chantier:
        return _capped(target_rows, chantier_rows, actor_rows, per_chantier)
    chantier_rows = list(chantier_rows)
    return Suggestions(
        _best([*_elsewhere_candidates(target_rows, chantier_rows), *_profile_candidates(chantier_rows, actor_rows)])
    )


_Match = tuple[Mapping[str, Any], int, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class _Cached:
    """An iterator read by many: each ``iter()`` starts from the first item, and items are drawn
    from the source only once, when a reader first needs them."""

    def __init__(self, source: Iterator[int]) -> None:
        self._source = source
        self._items: list[int] = []

    def __iter__(self) -> Iterator[int]:
        i = 0
        while True:
            if i == len(self._items):
                item = next(self._source, None)
                if item is None:
                    return
                self._items.append(item)
            yield self._items[i]
            i += 1


class _Profiles:
    """The open-data actors with a theme (an actor row: {uid, name, services, publics, linked:
    [chantier uids]}), indexed for the reason services_publics.

    :meth:`matches` gives every match of a chantier (the full list). The capped list only needs
    each chantier's best ones: :meth:`best` walks the actors matching the chantier's set of
    themes, best score first, then by name. That ranking is drawn lazily and shared by every
    chantier evoking the same themes; it is built from the actors' *profiles* (their themed
    services and publics, a few thousand distinct ones at most), not from the tens of thousands of
    actors of a national territory."""

    def __init__(self, actor_rows: Iterable[Mapping[str, Any]], targets: Container[str] = ()) -> None:
        self.actors: list[Any] = []  # (row, services, publics, themes, linked, matched values by shared themes)
        self.by_theme: dict[str, list[int]] = {}  # theme -> actors offering it (indices in ``actors``)
        self.by_uid: dict[str, int] = {}
        self._linked_to: dict[str, list[int]] = {}  # chantier uid -> actors tied to it already
        profiles: dict[tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]], int] = {}
        profile_of: list[int] = []  # actor -> its profile (index in ``profiles``)
        for a in actor_rows:
            services = [(v, normalize_name(v)) for v in _as_list(a.get("services"))]
            publics = [(v, normalize_name(v)) for v in _as_list(a.get("publics"))]
            themes: dict[str, set[str]] = {}
            for _, value in [*services, *publics]:
                for theme in _THEMES_OF_VALUE.get(value, ()):
                    themes.setdefault(theme, set()).add(value)
            if not themes:
                continue
            k = len(self.actors)
            for theme in themes:
                self.by_theme.setdefault(theme, []).append(k)
            linked = set(a.get("linked") or ())
            for uid in linked:
                self._linked_to.setdefault(uid, []).append(k)
            self.actors.append((a, services, publics, themes, linked, {}))
            self.by_uid[a["uid"]] = k
            # the score counts the distinct values as written, in services and in publics apart
            profile = (
                frozenset(v for v in services if v[1] in _THEMES_OF_VALUE),
                frozenset(v for v in publics if v[1] in _THEMES_OF_VALUE),
            )
            profile_of.append(profiles.setdefault(profile, len(profiles)))
        self._profile_of = profile_of
        self._not_target = [a[0]["uid"] not in targets for a in self.actors]
        # the actors by name, once; a profile lists its actors as ranks in that order
        keys = [_name_key(a[0]["name"], a[0]["uid"]) for a in self.actors]
        self._by_rank = sorted(range(len(self.actors)), key=keys.__getitem__)
        members: list[list[int]] = [[] for _ in profiles]
        for r, k in enumerate(self._by_rank):
            members[profile_of[k]].append(r)
        self._profiles = [
            (services, publics, ranks, sum(self._not_target[self._by_rank[r]] for r in ranks))
            for (services, publics), ranks in zip(profiles, members, strict=True)
        ]
        self._ranked: dict[frozenset[str], tuple[dict[int, int], list[_Cached], int]] = {}

    def match(
        self, c: Mapping[str, Any], found: Mapping[str, list[str]], k: int, memo: dict[Any, Any]
    ) -> _Match | None:
        """The services_publics match of chantier ``c`` (its themes ``found``) and actor ``k``, or
        None: (actor row, tenths, fills, matched words, matched services, matched publics).
        ``memo``: one per chantier."""
        a, services, publics, themes, linked, matched_values = self.actors[k]
        if c["uid"] in linked:
            return None
        shared = tuple(t for t in found if t in themes)
        if not shared:
            return None
        words = memo.get(shared)
        if words is None:
            kept: list[str] = []
            seen: set[str] = set()
            for t in shared:
                for w in found[t]:
                    if normalize_name(w) not in seen:
                        seen.add(normalize_name(w))
                        kept.append(w)
            words = memo[shared] = tuple(kept)
        matched = matched_values.get(shared)  # this actor's services and publics that match
        if matched is None:
            values = set().union(*(themes[t] for t in shared))
            matched = matched_values[shared] = (
                tuple(dict.fromkeys(s for s, n in services if n in values)),
                tuple(dict.fromkeys(p for p, n in publics if n in values)),
            )
        m_services, m_publics = matched
        fills = _PARTNER not in set(c.get("covered") or ())
        tenths = 4 + min(len(m_services) + len(m_publics) - 1, 2) + fills
        return (a, tenths, fills, words, m_services, m_publics)

    def matches(self, c: Mapping[str, Any]) -> list[_Match]:
        """Every services_publics match of chantier ``c``, by actor."""
        found = _themes_of_chantier(c)
        memo: dict[Any, Any] = {}
        out = []
        for k in sorted(set().union(*(self.by_theme.get(t, ()) for t in found))):
            m = self.match(c, found, k, memo)
            if m is not None:
                out.append(m)
        return out

    def _ranking(self, themes: frozenset[str]) -> tuple[dict[int, int], list[_Cached], int]:
        """For a set of themes: profile -> its score above 4 (0 to 2; only the profiles matching),
        the matching actors of each such score by name (lazily), and how many of them are not
        ``targets``."""
        ranking = self._ranked.get(themes)
        if ranking is None:
            values = set().union(*(_THEME_VALUES[t] for t in themes))
            level_of: dict[int, int] = {}
            members: list[list[list[int]]] = [[], [], []]
            others = 0
            for p, (services, publics, ranks, not_targets) in enumerate(self._profiles):
                n = sum(v[1] in values for v in services) + sum(v[1] in values for v in publics)
                if n:
                    level_of[p] = min(n - 1, 2)
                    members[level_of[p]].append(ranks)
                    others += not_targets
            by_rank = self._by_rank
            streams = [_Cached(by_rank[r] for r in heapq.merge(*lists)) for lists in members]
            ranking = self._ranked[themes] = (level_of, streams, others)
        return ranking

    def best(self, c: Mapping[str, Any], found: Mapping[str, list[str]], count: int) -> tuple[list[int], int]:
        """The first ``count`` actors matching chantier ``c`` (its themes ``found``), best score
        first, then by name, and how many actors match it in all without being ``targets``."""
        if not found:
            return [], 0
        level_of, streams, others = self._ranking(frozenset(found))
        uid = c["uid"]
        others -= sum(
            1 for k in self._linked_to.get(uid, ()) if self._not_target[k] and self._profile_of[k] in level_of
        )
        out: list[int] = []
        for stream in reversed(streams):  # score 6 (+ fills) first
            if len(out) >= count:
                break
            for k in stream:
                if uid not in self.actors[k][4]:
                    out.append(k)
                    if len(out) >= count:
                        break
        return out, others


def _themes_of_chantier(c: Mapping[str, Any]) -> dict[str, list[str]]:
    """The themes a chantier evokes (theme -> its words), from its title (else name),
    objectives, actions and publics."""
    return _chantier_themes(
        [
            str(c.get("title") or c["name"]),
            *_as_list(c.get("objectives")),
            *_as_list(c.get("actions")),
            *_as_list(c.get("publics")),
        ]
    )


def _profile_suggestion(
    c: Mapping[str, Any],
    match: _Match,
) -> Suggestion:
    a, tenths, fills, words, m_services, m_publics = match
    return Suggestion(
        chantier_uid=c["uid"],
        chantier_code=c.get("code"),
        chantier=c["name"],
        target_uid=a["uid"],
        target=a["name"],
        target_kind=_ACTOR,
        category=_PARTNER,
        reason="services_publics",
        score=_score(tenths),
        fills_gap=fills,
        matched_words=words,
        matched_services=m_services,
        matched_publics=m_publics,
    )


def _profile_candidates(
    chantier_rows: Iterable[Mapping[str, Any]], actor_rows: Iterable[Mapping[str, Any]]
) -> list[Suggestion]:
    """Reason services_publics. Chantier rows: {uid, code, name, title, objectives, actions,
    publics, covered: [categories]}; actor rows: {uid, name, services, publics, linked: [chantier
    uids]}. A chantier is compared only with the actors offering one of its themes."""
    profiles = _Profiles(actor_rows)
    return [_profile_suggestion(c, m) for c in chantier_rows for m in profiles.matches(c)]


def _ranks(keys: Mapping[Any, tuple[Any, ...]]) -> dict[Any, int]:
    """Each item's rank in the order of its key."""
    order = {key: i for i, key in enumerate(sorted(set(keys.values())))}
    return {item: order[key] for item, key in keys.items()}


def _best(candidates: Iterable[Suggestion]) -> list[Suggestion]:
    """One suggestion per (chantier, target), the best kept; sorted by score, chantier, target."""
    best: dict[tuple[str, str], Suggestion] = {}
    groups: dict[tuple[str, str], list[Suggestion]] = {}  # the pairs with several reasons
    for s in candidates:
        if s.chantier_uid == s.target_uid:  # never a self-link (cannot happen with typed links)
            continue
        pair = (s.chantier_uid, s.target_uid)
        first = best.setdefault(pair, s)
        if first is not s:
            groups.setdefault(pair, [first]).append(s)
    for pair, group in groups.items():
        group.sort(key=lambda s: (-s.score, REASONS.index(s.reason)))
        top = group[0]
        others = tuple(dict.fromkeys(s.reason for s in group[1:] if s.reason != top.reason))
        best[pair] = replace(top, other_reasons=others)
    out = [s if pair in groups or not s.other_reasons else replace(s, other_reasons=()) for pair, s in best.items()]
    # Sorted by (-score, chantier key, target key), each key computed once per chantier or
    # target and compared through its rank (equal keys, equal ranks).
    crank = _ranks({k: _chantier_key(*k) for k in {(s.chantier_code, s.chantier, s.chantier_uid) for s in out}})
    trank = _ranks({k: _name_key(*k) for k in {(s.target, s.target_uid) for s in out}})
    out.sort(
        key=lambda s: (-s.score, crank[(s.chantier_code, s.chantier, s.chantier_uid)], trank[(s.target, s.target_uid)])
    )
    return out


# --- networkx ----------------------------------------------------------------------------------


_OPERATIONAL = LinkType.OPERATIONAL.value
_KNOWN = LinkType.KNOWN_UNLINKED.value
_PROVIDES = LinkType.PROVIDES.value
_ANSWERS = LinkType.ANSWERS.value
_CHANTIER = NodeKind.CHANTIER.value
_ELEMENT_KINDS = frozenset({_ACTOR, NodeKind.RESOURCE.value})

# The graph is walked through its adjacency views (node -> neighbour -> {link type: data}): at
# national scale, ``in_edges(keys=True)`` tuples and enum look-ups were a third of the time.


def _sources(graph: nx.MultiDiGraph, node: str, link_type: str) -> list[str]:
    """The nodes with a ``link_type`` link to ``node``."""
    return [s for s, types in graph.pred[node].items() if link_type in types]


def _chantier_sources(graph: nx.MultiDiGraph, node: str, link_type: str, kinds: Mapping[str, str]) -> list[str]:
    """The chantiers with a ``link_type`` link to ``node``; ``kinds``: node -> kind."""
    return [s for s in _sources(graph, node, link_type) if kinds[s] == _CHANTIER]


def _covered(graph: nx.MultiDiGraph, chantier: str) -> set[str]:
    """Categories with at least one OPERATIONAL link from this chantier."""
    return {category_of(graph, t) for t, types in graph.succ[chantier].items() if _OPERATIONAL in types}


def _ref_row(graph: nx.MultiDiGraph, chantier: str) -> dict[str, Any]:
    data = graph.nodes[chantier]
    return {"uid": chantier, "name": data["name"], "code": data.get("code")}


def activations(graph: nx.MultiDiGraph) -> list[Activation]:
    """Known, not-yet-linked targets ranked by the gaps that activating them would close."""
    rows = []
    covered: dict[str, set[str]] = {}
    kinds = dict(graph.nodes(data="kind"))
    for node, data in graph.nodes(data=True):
        if data["kind"] not in _ELEMENT_KINDS:
            continue
        known = _chantier_sources(graph, node, _KNOWN, kinds)
        if not known:
            continue
        category = category_of(graph, node)
        refs = []
        for c in known:
            if c not in covered:
                covered[c] = _covered(graph, c)
            closes = category in SCORED_CATEGORIES and category not in covered[c]
            refs.append({**_ref_row(graph, c), "closes_gap": closes})
        providers = [{"uid": p, **graph.nodes[p]} for p in _sources(graph, node, _PROVIDES)]
        rows.append(
            {
                "uid": node,
                "name": data["name"],
                "kind": data["kind"],
                "category": category,
                "chantiers": refs,
                "providers": providers,
                "contact": data,
            }
        )
    return _build_activations(rows)


def _linked_chantiers(graph: nx.MultiDiGraph, target: str) -> list[str]:
    """Chantiers this target is tied to already: a legend link in any status, or governance."""
    linked = {s for s, types in graph.pred[target].items() if not _STATUS_TYPES.isdisjoint(types)}
    linked.update(t for t, types in graph.succ[target].items() if not _GOVERNANCE_TYPES.isdisjoint(types))
    return sorted(linked)


def suggestions(graph: nx.MultiDiGraph, per_chantier: int | None = SUGGESTIONS_PER_CHANTIER) -> Suggestions:
    """New links worth considering, best first (see the module documentation for the scores):
    each chantier's first ``per_chantier`` (0 or None: all), the others counted in ``omitted``."""
    nodes = graph.nodes
    chantier_rows = [
        {
            **nodes[c],
            "uid": c,
            "covered": sorted(_covered(graph, c)),
            "enjeux": [{"uid": e, "name": nodes[e]["name"]} for e, types in graph.succ[c].items() if _ANSWERS in types],
        }
        for c in chantiers(graph)
    ]
    target_rows = []
    actor_rows = []
    kinds = dict(graph.nodes(data="kind"))
    for node, data in graph.nodes(data=True):
        if data["kind"] not in _ELEMENT_KINDS:
            continue
        operational = _chantier_sources(graph, node, _OPERATIONAL, kinds)
        profiled = data["kind"] == _ACTOR and (data.get("services") is not None or data.get("publics") is not None)
        if not operational and not profiled:
            continue
        linked = _linked_chantiers(graph, node)
        if operational:
            target_rows.append(
                {
                    "uid": node,
                    "name": data["name"],
                    "kind": data["kind"],
                    "category": category_of(graph, node),
                    "operational_on": operational,
                    "linked": linked,
                }
            )
        if profiled:
            actor_rows.append(
                {
                    "uid": node,
                    "name": data["name"],
                    "services": data.get("services"),
                    "publics": data.get("publics"),
                    "linked": linked,
                }
            )
    return _suggest(target_rows, chantier_rows, actor_rows, per_chantier)


# --- Cypher twins ------------------------------------------------------------------------------


def _params(scope: Scope) -> dict[str, Any]:
    return {"territory": scope.territory_key, "without": list(scope.without_uids)}


def activations_cypher(scope: Scope) -> list[Activation]:
    """:func:`activations` computed by Neo4j (query ``analysis_links_activations``)."""
    return _build_activations(scope.store.run_query("analysis_links_activations", **_params(scope)))


def suggestions_cypher(scope: Scope, per_chantier: int | None = SUGGESTIONS_PER_CHANTIER) -> Suggestions:
    """:func:`suggestions` on Neo4j: the queries gather the facts (each target's chantiers, each
    chantier's enjeux, covered categories and words, each open-data actor's profile); pairing
    them, the word matching and the scores run here, in the code the networkx analysis uses."""
    params = _params(scope)
    target_rows = scope.store.run_query("analysis_links_operational_elsewhere", **params)
    chantier_rows = scope.store.run_query("analysis_links_chantiers", **params)
    actor_rows = scope.store.run_query("analysis_links_profiled_actors", **params)
    return _suggest(target_rows, chantier_rows, actor_rows, per_chantier)


def run_missing(
    scope: Scope, per_chantier: int | None = SUGGESTIONS_PER_CHANTIER
) -> tuple[list[Activation], Suggestions]:
    """Both analyses on the scope: networkx on the embedded store, Cypher on Neo4j. Suggestions:
    each chantier's first ``per_chantier`` (0 or None: all)."""
    if scope.graph is None:
        return activations_cypher(scope), suggestions_cypher(scope, per_chantier)
    return activations(scope.graph), suggestions(scope.graph, per_chantier)
