"""Problems found while reading files: where (file, sheet, row, column), what (the bad value) and
the fix — collected all at once so a coordinator corrects a file in one go.

Errors block the import (nothing is written); warnings do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..errors import EcosystemError
from ..i18n import tr

__all__ = ["Severity", "Location", "Problem", "Problems", "ImportRefused"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where a value sits: file, and when known the sheet, row (as Excel numbers it) and column."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def at(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file, self.sheet, row if row is not None else self.row, column or self.column)

    def describe(self) -> str:
        parts = [tr("where.file", file=Path(self.file).name)]
        if self.sheet:
            parts.append(tr("where.sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(tr("where.row", row=self.row))
        if self.column:
            parts.append(tr("where.column", column=self.column))
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One problem: its place, the bad value (if any) and a message id with its parameters.

    The message says what is wrong and how to fix it; it is rendered in the current language.
    """

    severity: Severity
    where: Location
    message_id: str
    value: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def describe(self) -> str:
        text = tr(self.message_id, value=self.value, **self.params)
        return f"{self.where.describe()} : {text}" if _french() else f"{self.where.describe()}: {text}"


def _french() -> bool:
    from ..i18n import get_language

    return get_language() == "fr"


class Problems:
    """Collects problems while files are read."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, where: Location, message_id: str, value: object = None, **params: object) -> None:
        self.items.append(Problem(Severity.ERROR, where, message_id, _text(value), params))

    def warning(self, where: Location, message_id: str, value: object = None, **params: object) -> None:
        self.items.append(Problem(Severity.WARNING, where, message_id, _text(value), params))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


class ImportRefused(EcosystemError):
    """The files hold errors: nothing was written. ``str()`` lists every error, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("import_refused", count=len(problems))
        self.problems = problems

    def __str__(self) -> str:
        lines = [tr("import_refused", count=len(self.problems))]
        lines.extend(f"  - {p.describe()}" for p in self.problems)
        return "\n".join(lines)
