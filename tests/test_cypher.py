"""Named Cypher queries: loaded by name, malformed files refused at load time."""

from __future__ import annotations

import re

import pytest

from ecosystem.cypher import QueryFileError, load_queries, parse_queries, queries, query
from ecosystem.errors import QueryNotFoundError


def test_every_query_the_stores_use_is_packaged():
    names = set(queries())
    assert {"merge_nodes", "merge_links", "merge_territories", "territory_nodes", "territory_links"} <= names
    assert any(n.startswith("schema_") for n in names)


def test_queries_take_values_only_as_parameters():
    for q in queries().values():
        assert "{{" not in q.text and not re.search(r"\{\s*\d*\s*\}", q.text), q.name
        assert "+ $" not in q.text, q.name  # no text built by concatenation


def test_an_unknown_name_is_a_clear_error():
    with pytest.raises(QueryNotFoundError, match="no_such_query"):
        query("no_such_query")


def test_a_duplicate_name_fails_at_load_time(tmp_path):
    (tmp_path / "a.cypher").write_text("// name: same\nRETURN 1;\n", encoding="utf-8")
    (tmp_path / "b.cypher").write_text("// name: same\nRETURN 2;\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match="a.cypher and b.cypher"):
        load_queries(tmp_path)


def test_cypher_before_the_first_name_fails():
    with pytest.raises(QueryFileError, match="before the first"):
        parse_queries("MATCH (n) RETURN n\n// name: x\nRETURN 1", "bad.cypher")


def test_two_statements_under_one_name_fail():
    with pytest.raises(QueryFileError, match="more than one statement"):
        parse_queries("// name: x\nRETURN 1; RETURN 2;", "bad.cypher")


def test_labels_like_n_colon_label_are_not_parameters():
    (q,) = parse_queries("// name: people\n// All people.\nMATCH (n:Actor {uid: $uid}) RETURN n;", "f.cypher")
    assert q.text == "MATCH (n:Actor {uid: $uid}) RETURN n"
    assert q.description == "All people."
