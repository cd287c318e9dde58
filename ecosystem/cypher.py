"""Named Cypher queries, loaded from the ``queries/*.cypher`` files.

A file holds one or more queries, each introduced by a comment line ``// name: some_name``;
the comment lines right after it describe the query, and an optional trailing ``;`` ends it.
Values are always ``$parameters``, never spliced into the text. A duplicate name, text before the
first name or an empty query fails when the queries are loaded, not when one is used.

In a source checkout the files are read from the top-level ``queries/`` folder; an installed
wheel carries them as ``ecosystem/queries/`` (see ``pyproject.toml``), read through
``importlib.resources`` so they load from any working folder.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import QueryNotFoundError

__all__ = ["Query", "QueryFileError", "load_queries", "queries", "query", "query_directory"]

_NAME = re.compile(r"^//\s*name:\s*(?P<name>\S+)\s*$")
_VALID_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class QueryFileError(ValueError):
    """A .cypher file is malformed (a packaging bug, reported at load time)."""


@dataclass(frozen=True)
class Query:
    """One named query: its name, Cypher text, description and the file it came from."""

    name: str
    text: str
    description: str
    source: str


def query_directory() -> Traversable:
    """Where the .cypher files are: inside the installed package, or the checkout's queries/."""
    packaged = resources.files("ecosystem").joinpath("queries")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "queries"


def parse_queries(text: str, source: str) -> list[Query]:
    """Split one file's text into its named queries."""
    found: list[Query] = []
    name: str | None = None
    description: list[str] = []
    body: list[str] = []

    def flush() -> None:
        if name is None:
            return
        cypher = "\n".join(body).strip().removesuffix(";").strip()
        if not cypher:
            raise QueryFileError(f"{source}: query {name!r} is empty")
        if ";" in _strip_strings(cypher):
            raise QueryFileError(f"{source}: query {name!r} holds more than one statement")
        found.append(Query(name, cypher, " ".join(description).strip(), source))

    for number, line in enumerate(text.splitlines(), start=1):
        match = _NAME.match(line.strip())
        if match:
            flush()
            name = match["name"]
            if not _VALID_NAME.match(name):
                raise QueryFileError(f"{source}:{number}: query name {name!r} must be lower_snake_case")
            description, body = [], []
        elif name is None:
            if line.strip() and not line.strip().startswith("//"):
                raise QueryFileError(f"{source}:{number}: Cypher before the first '// name:' line")
        elif line.strip().startswith("//") and not body:
            description.append(line.strip().lstrip("/").strip())
        else:
            body.append(line)
    flush()
    return found


def _strip_strings(cypher: str) -> str:
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*", "", cypher)


def load_queries(directory: Traversable | Path | None = None) -> dict[str, Query]:
    """Load every ``*.cypher`` file of ``directory``; names must be unique across files."""
    directory = directory if directory is not None else query_directory()
    loaded: dict[str, Query] = {}
    files = sorted((f for f in directory.iterdir() if f.name.endswith(".cypher")), key=lambda f: f.name)
    if not files:
        raise QueryFileError(f"no .cypher file in {directory}")
    for file in files:
        for q in parse_queries(file.read_text(encoding="utf-8"), file.name):
            if q.name in loaded:
                raise QueryFileError(f"query {q.name!r} is defined in {loaded[q.name].source} and {q.source}")
            loaded[q.name] = q
    return loaded


@functools.cache
def queries() -> dict[str, Query]:
    """All packaged queries by name (loaded once)."""
    return load_queries()


def query(name: str) -> str:
    """The Cypher text of the packaged query ``name``."""
    try:
        return queries()[name].text
    except KeyError:
        raise QueryNotFoundError("query_missing", name=name) from None
