"""The words coordinators use for statuses and governance roles, in French and English.

``parse_status`` and ``parse_role`` return None for a word they do not know; the caller reports
it with the list of accepted words (:data:`STATUS_CHOICES`, :data:`ROLE_CHOICES`), which are also
the dropdown values of ``ecosystem template``.
"""

from __future__ import annotations

from ..model import GovernanceRole, LinkStatus, normalize_name

__all__ = ["STATUS_CHOICES", "ROLE_CHOICES", "CATEGORY_CHOICES", "parse_status", "parse_role", "accepted_statuses", "accepted_roles"]

# What the template's dropdowns offer (first French, then English), and what messages list.
STATUS_CHOICES: dict[LinkStatus, tuple[str, str]] = {
    LinkStatus.OPERATIONAL: ("Opérationnel (trait plein)", "Operational (solid line)"),
    LinkStatus.KNOWN_UNLINKED: ("Connu non relié (pointillé)", "Known, not linked (dotted)"),
    LinkStatus.ABSENT: ("Absent (pas de lien)", "Absent (no link)"),
}
ROLE_CHOICES: dict[GovernanceRole, tuple[str, str]] = {
    GovernanceRole.PILOTE: ("Pilote", "Leads"),
    GovernanceRole.FAIT: ("Fait", "Does"),
    GovernanceRole.ASSOCIE: ("Associé", "Involved"),
}
CATEGORY_CHOICES: dict[str, tuple[str, str]] = {
    "partenaire": ("Partenaire", "Partner"),
    "intervenant": ("Intervenant", "Practitioner"),
    "materiel": ("Matériel", "Equipment"),
    "financement": ("Financement", "Funding"),
    "lieu": ("Lieu", "Venue"),
    "autre": ("Autre", "Other"),
}

_STATUS_WORDS: dict[str, LinkStatus] = {}
for _status, _words in {
    LinkStatus.OPERATIONAL: [
        "opérationnel", "opérationnelle", "opérant", "opérante", "déjà opérant", "déjà opérante",
        "trait plein", "plein", "actif", "active", "operational", "solid", "solid line", "oui",
    ],
    LinkStatus.KNOWN_UNLINKED: [
        "connu non relié", "connue non reliée", "connu", "connue", "pointillé", "pointillés",
        "trait pointillé", "à mobiliser", "a activer", "à activer", "known-unlinked", "known unlinked",
        "known", "dotted", "dotted line", "to activate",
    ],
    LinkStatus.ABSENT: [
        "absent", "absente", "pas de lien", "aucun", "aucun lien", "absence de trait", "non", "none", "no link",
    ],
}.items():
    for _word in _words:
        _STATUS_WORDS[normalize_name(_word)] = _status
for _status, (_fr, _en) in STATUS_CHOICES.items():
    _STATUS_WORDS[normalize_name(_fr)] = _status
    _STATUS_WORDS[normalize_name(_en)] = _status

_ROLE_WORDS: dict[str, GovernanceRole] = {}
for _role, _words in {
    GovernanceRole.PILOTE: ["pilote", "pilotes", "qui pilote", "pilotage", "porteur", "lead", "leads", "leader"],
    GovernanceRole.FAIT: ["fait", "font", "qui fait", "opérateur", "opérateurs", "opératrice", "réalise", "does", "operator"],
    GovernanceRole.ASSOCIE: [
        "associé", "associée", "associés", "associées", "à associer", "qui doit être associé", "involved", "associate",
    ],
}.items():
    for _word in _words:
        _ROLE_WORDS[normalize_name(_word)] = _role
for _role, (_fr, _en) in ROLE_CHOICES.items():
    _ROLE_WORDS[normalize_name(_fr)] = _role
    _ROLE_WORDS[normalize_name(_en)] = _role


def parse_status(text: str) -> LinkStatus | None:
    """A status typed by a person ("déjà opérant", "Pointillé", "known-unlinked"...), or None."""
    return _STATUS_WORDS.get(normalize_name(text))


def parse_role(text: str) -> GovernanceRole | None:
    """A governance role typed by a person ("Pilote", "qui fait", "associé"...), or None."""
    return _ROLE_WORDS.get(normalize_name(text))


def accepted_statuses(language: str) -> str:
    i = 0 if language == "fr" else 1
    return " ; ".join(choice[i] for choice in STATUS_CHOICES.values())


def accepted_roles(language: str) -> str:
    i = 0 if language == "fr" else 1
    return ", ".join(choice[i] for choice in ROLE_CHOICES.values())
