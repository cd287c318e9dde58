"""Click's own words in the coordinator's language: usage lines, help headings, usage errors.

Click marks its messages for translation with :mod:`gettext` but ships no translation, so a
mistyped option gave English (« Error: No such option: --foo ») in an otherwise French tool.
:func:`install` points the ``_`` / ``ngettext`` of Click's modules at :data:`FRENCH`, looked up in
the language chosen by ``--lang`` / ``ECOSYSTEM_LANG`` (:mod:`ecosystem.i18n`) each time a message
is shown. Click's English stays as is in English.

Only messages a coordinator can meet are translated; Click's errors about how a CLI is written
(a developer's mistake) stay English. ``tests/test_cli_i18n.py`` checks every message id below
still exists in the installed Click, and that every other message of the modules patched here is
on the developer-only list, so an upgrade of Click that adds or rewords a message fails a test
instead of slipping back into English.

The help texts of our own options and commands are bilingual (:class:`Bilingual`, :func:`option`,
docstrings French then English); :class:`Localised` commands show the current language's half when
they format help.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

import click

from .i18n import get_language

__all__ = [
    "FRENCH",
    "FRENCH_PLURALS",
    "DEVELOPER_ONLY",
    "Bilingual",
    "Localised",
    "LocalisedOption",
    "bilingual_docstring",
    "in_language",
    "install",
    "option",
]

#: Click message id -> French. Placeholders are Click's own.
FRENCH: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Missing command.": "commande manquante.",
    "Aborted!": "Abandon.",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "env var: {var}": "variable d'environnement : {var}",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "(dynamic)": "(calculé)",
    "deprecated": "obsolète",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Attention : la commande {name!r} est obsolète.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Attention : {name!r} est obsolète.{extra_message}"
    ),
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Confirm the action without prompting.": "Confirmer sans poser la question.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Show the version and exit.": "Afficher la version et quitter.",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Missing argument": "argument manquant",
    "Missing option": "option manquante",
    "Missing parameter": "paramètre manquant",
    "Missing {param_type}": "manquant : {param_type}",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "unknown error": "erreur inconnue",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Could not open file {filename!r}: {message}": "impossible d'ouvrir le fichier {filename!r} : {message}",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "No such option {name!r}.": "option inconnue : {name!r}.",
    "No such command {name!r}.": "commande inconnue : {name!r}.",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} attend {nargs} valeurs.",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "Choose from:\n\t{choices}": "Choisir parmi :\n\t{choices}",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} n'est pas une valeur oui/non. Valeurs reconnues : {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    # Click's file / directory / path names are fixed when our CLI is imported, before --lang
    # is known: the French messages leave them out.
    "{name} {filename!r} does not exist.": "{filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{filename!r} est un fichier, pas un dossier.",
    "{name} {filename!r} is a directory.": "{filename!r} est un dossier, pas un fichier.",
    "{name} {filename!r} is not readable.": "{filename!r} ne peut pas être lu (droits d'accès).",
    "{name} {filename!r} is not writable.": "{filename!r} ne peut pas être écrit (droits d'accès).",
    "{name} {filename!r} is not executable.": "{filename!r} n'est pas exécutable.",
}

#: (singular id, plural id) -> (French singular, French plural). French uses the singular for 0 and 1.
FRENCH_PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "argument en trop : {args}",
        "arguments en trop : {args}",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "{nargs} valeurs attendues, une seule donnée.",
        "{nargs} valeurs attendues, {len} données.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'une de : {possibilities} ?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "L'option {name!r} attend une valeur.",
        "L'option {name!r} attend {nargs} valeurs.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} n'est pas {choice}.",
        "{value!r} ne fait pas partie de {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} ne suit pas le format {format}.",
        "{value!r} ne suit aucun des formats {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} valeurs attendues, {len_value} donnée.",
        "{len_type} valeurs attendues, {len_value} données.",
    ),
}

#: Click messages left in English on purpose: they report a mistake in the CLI's code, a
#: platform problem, or a name fixed before the language is known (see above).
DEVELOPER_ONLY: frozenset[str] = frozenset(
    {
        "Could not determine name for option with declarations {decls!r}",
        "No options defined but a name was passed ({name}). Did you mean to declare an argument instead?"
        " Did you mean to pass '--{name}'?",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "Name '{name}' defined twice",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Invalid start character for option ({option})",
        "Unknown color {colour!r}",
        "Unknown standard stream '{name}'",
        "Choice({choices})",
        "file",
        "directory",
        "path",
    }
)


def _gettext(message: str) -> str:
    return FRENCH.get(message, message) if get_language() == "fr" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if get_language() == "fr":
        forms = FRENCH_PLURALS.get((singular, plural))
        if forms is not None:
            return forms[0] if n <= 1 else forms[1]
    return singular if n == 1 else plural


def patched_modules() -> list[ModuleType]:
    """Click's modules whose messages :func:`install` translates."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    return [
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ]


def install() -> None:
    """Make Click's messages follow the current language (idempotent)."""
    for module in patched_modules():
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


class Bilingual(str):
    """A help text in both languages. As a ``str`` it is the French text (what Click stores);
    :meth:`current` is the text in the current language."""

    en: str

    def __new__(cls, fr: str, en: str) -> Bilingual:
        text = super().__new__(cls, fr)
        text.en = en
        return text

    def current(self) -> str:
        return self.en if get_language() == "en" else str.__str__(self)


def bilingual_docstring(text: str | None) -> str | None:
    """A command's docstring written French paragraphs first, then as many English ones, as a
    :class:`Bilingual` text; other texts unchanged."""
    if not text or isinstance(text, Bilingual):
        return text
    paragraphs = re.split(r"\n\s*\n", text.strip())
    if len(paragraphs) % 2:
        return text
    half = len(paragraphs) // 2
    return Bilingual("\n\n".join(paragraphs[:half]), "\n\n".join(paragraphs[half:]))


@contextlib.contextmanager
def in_language(objects: Iterable[Any]) -> Iterator[None]:
    """While Click formats help: the ``help`` / ``short_help`` / ``metavar`` of these commands and
    parameters in the current language, restored afterwards (tests switch languages in one
    process)."""
    saved = []
    for obj in objects:
        for attribute in ("help", "short_help", "metavar"):
            value = getattr(obj, attribute, None)
            if isinstance(value, Bilingual):
                saved.append((obj, attribute, value))
                setattr(obj, attribute, value.current())
    try:
        yield
    finally:
        for obj, attribute, value in saved:
            setattr(obj, attribute, value)


class LocalisedOption(click.Option):
    """An option whose help stays :class:`Bilingual` (Click would keep only its French text)."""

    def __init__(self, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, help=help, **kwargs)
        if isinstance(help, Bilingual):
            self.help = help


def option(*param_decls: str, **attrs: Any) -> Any:
    """``click.option`` with bilingual help."""
    return click.option(*param_decls, cls=LocalisedOption, **attrs)


class Localised:
    """Mixin for Click commands and groups: help in the language of the run, the docstring's
    French or English half (:func:`bilingual_docstring`) and the options' :class:`Bilingual` help."""

    help: str | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = bilingual_docstring(self.help)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # Click makes it once per command, in the language of that moment: made bilingual then
        new = getattr(self, "_help_option", None) is None
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if new and option is not None:
            option.help = Bilingual(FRENCH["Show this message and exit."], "Show this message and exit.")
        return option  # type: ignore[no-any-return]

    def _texts(self, ctx: click.Context) -> list[Any]:
        return [self, *self.get_params(ctx)]  # type: ignore[attr-defined]

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with in_language(self._texts(ctx)):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        with in_language([self]):
            return super().get_short_help_str(limit)  # type: ignore[misc,no-any-return]
