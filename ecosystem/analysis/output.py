"""Analysis results as people and scripts read them: text for an 80-column terminal, JSON, CSV.

JSON: ``{"territory": …, "analysis": …, "<section>": [row.as_dict(), …], …}`` with each row's
fields as documented in README ("Analyses"). CSV: one line per row of the main section, nested
values flattened (``categories.financement``), lists joined with `` | ``.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from ..i18n import tr
from .common import Result

__all__ = ["Section", "render"]

WIDTH = 80

Section = tuple[str, Sequence[Result]]  # (section name, rows)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, list | tuple):
            flat[name] = " | ".join(
                json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, Mapping) else str(v) for v in value
            )
        else:
            flat[name] = "" if value is None else value
    return flat


def _text(territory: str, sections: Sequence[Section], table: str | None) -> str:
    out = [tr("analysis.header", territory=territory), ""]
    if table:
        out.extend([table, ""])
    for name, rows in sections:
        out.append(tr(f"analysis.section.{name}"))
        if not rows:
            out.append("  " + tr("analysis.nothing"))
        for row in rows:
            sentences = row.sentences() if hasattr(row, "sentences") else [row.sentence()]
            for i, sentence in enumerate(sentences):
                bullet = "- " if i == 0 else "  "
                glued = sentence.replace("« ", "«\xa0").replace(" »", "\xa0»").replace(" :", "\xa0:")
                wrapped = textwrap.fill(glued, WIDTH, initial_indent="  " + bullet, subsequent_indent="    ")
                out.append(wrapped.replace("\xa0", " "))
        for note in rows.notes() if hasattr(rows, "notes") else ():  # e.g. suggestions left out
            out.append(textwrap.fill(note, WIDTH, initial_indent="  ", subsequent_indent="    "))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def render(
    fmt: str, analysis: str, territory: str, sections: Sequence[Section], table: str | None = None
) -> str:
    """The results of one analysis in ``fmt`` (table, json or csv)."""
    if fmt == "json":
        data: dict[str, Any] = {"territory": territory, "analysis": analysis}
        for name, rows in sections:
            data[name] = [row.as_dict() for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        name, rows = sections[0]
        flat = [_flatten(row.as_dict()) for row in rows]
        columns: list[str] = []
        for row in flat:
            columns.extend(c for c in row if c not in columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns or ["uid"], lineterminator="\n")
        writer.writeheader()
        for row in flat:
            writer.writerow({c: _safe_cell(row.get(c, "")) for c in columns})
        return buffer.getvalue()
    return _text(territory, sections, table)


def _safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
