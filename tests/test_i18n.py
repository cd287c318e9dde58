"""Every message a coordinator may read exists in French and English, with the same blanks."""

from __future__ import annotations

import string

import pytest

from ecosystem.i18n import LANGUAGES, MESSAGES, set_language, tr


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_each_message_has_both_languages_with_the_same_placeholders(message_id):
    texts = MESSAGES[message_id]
    assert set(texts) == set(LANGUAGES)
    assert _fields(texts["fr"]) == _fields(texts["en"])


def test_french_is_the_default_and_english_on_request():
    assert tr("kind.Actor") == "acteurs"
    set_language("en")
    assert tr("kind.Actor") == "actors"


def test_the_environment_chooses_the_language(monkeypatch):
    monkeypatch.setenv("ECOSYSTEM_LANG", "en")
    assert tr("kind.Resource") == "resources"
