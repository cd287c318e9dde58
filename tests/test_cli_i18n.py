"""Click's own words (usage, help headings, usage errors) and our help texts follow the language
of the run: French by default, English with --lang en or ECOSYSTEM_LANG=en."""

from __future__ import annotations

import ast
import inspect

import click
import pytest
from click.testing import CliRunner

from ecosystem.cli import cli
from ecosystem.cli_i18n import DEVELOPER_ONLY, FRENCH, FRENCH_PLURALS, patched_modules
from ecosystem.i18n import set_language


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ECOSYSTEM_LANG", raising=False)

    def invoke(*args: str, env: dict[str, str] | None = None):
        set_language(None)  # each run is a new process for a coordinator: --lang starts afresh
        return CliRunner().invoke(cli, list(args), env=env, prog_name="ecosystem", catch_exceptions=False)

    return invoke


def _click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """The message ids of the Click modules we translate, read from the installed sources."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for module in patched_modules():
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if node.func.id == "_" and texts:
                    singles.add(texts[0])
                elif node.func.id == "ngettext" and len(texts) == 2:
                    plurals.add((texts[0], texts[1]))
    # translated through a variable: extra["required"] = "required", then _(extra["required"])
    if 'extra["required"] = "required"' in inspect.getsource(click.core):
        singles.add("required")
    return singles, plurals


def test_the_french_catalogue_covers_every_message_of_the_installed_click():
    singles, plurals = _click_messages()
    assert len(singles) > 40 and len(plurals) >= 5  # the scan found Click's messages
    assert set(FRENCH) <= singles, sorted(set(FRENCH) - singles)  # no stale id
    assert set(FRENCH_PLURALS) <= plurals, sorted(set(FRENCH_PLURALS) - plurals)
    untranslated = singles - set(FRENCH) - DEVELOPER_ONLY
    assert not untranslated, f"new Click messages to translate or mark developer-only: {sorted(untranslated)}"
    assert plurals == set(FRENCH_PLURALS)


def test_the_french_messages_keep_the_placeholders_click_fills_in():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for english, french in FRENCH.items():
        if "{" in english:
            assert fields(french) <= fields(english), english
    for (singular, plural), (fr_one, fr_many) in FRENCH_PLURALS.items():
        assert fields(fr_one) <= fields(singular) | fields(plural)
        assert fields(fr_many) <= fields(singular) | fields(plural)


def test_a_mistyped_option_or_command_is_explained_in_french_by_default(run):
    result = run("status", "--no-such-option")
    assert result.exit_code == 2
    assert "Erreur : option inconnue : '--no-such-option'." in result.output
    assert "Aide : « ecosystem status --help »." in result.output
    assert "Utilisation : ecosystem status [OPTIONS]" in result.output
    assert "Error" not in result.output and "Usage" not in result.output

    result = run("analyse")
    assert result.exit_code == 2
    assert "Erreur : commande inconnue : 'analyse'. Vouliez-vous dire 'analyze' ?" in result.output

    result = run("map")
    assert result.exit_code == 2
    assert "Erreur : argument manquant 'FILES...'." in result.output

    result = run("analyze", "missing", "--per-chantier", "beaucoup")
    assert result.exit_code == 2
    assert "Erreur : valeur invalide pour '--per-chantier' : 'beaucoup' n'est pas un nombre valide" in result.output


def test_usage_errors_are_in_english_on_request_even_before_lang_is_read(run):
    for args in (["--lang", "en", "status", "--nope"], ["status", "--nope", "--lang", "en"], ["--nope", "--lang=en"]):
        result = run(*args)
        assert result.exit_code == 2
        assert "Error: No such option '--nope'." in result.output, args
        assert "Erreur" not in result.output
    result = run("analyse", env={"ECOSYSTEM_LANG": "en"})
    assert "Error: No such command 'analyse'. Did you mean 'analyze'?" in result.output


def _docstring_halves(command: click.Command) -> tuple[str, str]:
    help_text = command.help
    return inspect.cleandoc(str(help_text)), inspect.cleandoc(help_text.en)  # type: ignore[union-attr]


def _all_commands(group: click.Group, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*path, name))


def test_every_help_page_is_in_one_language_only(run):
    for path, command in [((), cli), *_all_commands(cli)]:
        french, english = _docstring_halves(command)
        fr_page = run(*path, "--help").output
        en_page = run("--lang", "en", *path, "--help").output
        fr_words, en_words = " ".join(fr_page.split()), " ".join(en_page.split())
        first_fr, first_en = " ".join(french.split()[:4]), " ".join(english.split()[:4])
        assert first_fr in fr_words and first_en not in fr_words, path
        assert first_en in en_words and first_fr not in en_words, path
        assert "Utilisation :" in fr_page and "Afficher cette aide et quitter." in fr_page
        assert "Usage:" in en_page and "Show this message and exit." in en_page
        assert "Afficher" not in en_page, path
        for param in command.params:
            help_text = getattr(param, "help", None)
            if help_text:
                assert " ".join(help_text.split()[:3]) in fr_words, (path, param.name)
                assert " ".join(help_text.en.split()[:3]) in en_words, (path, param.name)


def test_the_top_level_help_lists_the_commands_in_the_language_of_the_run(run):
    fr_page = run("--help").output
    en_page = run("--help", env={"ECOSYSTEM_LANG": "en"}).output
    assert "Commandes:" in fr_page and "Afficher la version et quitter." in fr_page
    assert "Commands:" in en_page and "Show the version and exit." in en_page
    assert "Analyser un territoire" in fr_page and "Analyse a territory" in en_page
    assert "Analyse a territory" not in fr_page and "Analyser un territoire" not in en_page
    assert "--neo4j-user NOM" in fr_page and "--neo4j-user NAME" in en_page
