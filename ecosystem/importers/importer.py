"""``import_files``: read every file, check everything, then write once — or write nothing.

1. Each file is read (CSV, XLSX: every sheet; JSON: open-data lieux) and each sheet's table is
   recognised by its headers.
2. Lieux of the open-data standard stream straight into the batch (filtered to the territory);
   workshop tables are read in the method's order — enjeux, actors, chantiers, governance,
   resource map — so that later tables can name what earlier ones defined, and an explicit
   status in a resource map wins over the chantiers table's default.
3. If any error was found, :class:`ImportRefused` lists them all and nothing is written.
   Otherwise the batch is written in one transaction (or rolled back, for ``dry_run``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import WriteSummary, normalize_name
from ..store import Store
from .problems import ImportRefused, Location, Problem, Problems
from .reading import read_sheets
from .template import template_sheet_titles
from .tables import ACTORS, CHANTIERS, ENJEUX, GOVERNANCE, LIEUX, RESOURCE_MAP, Recognised, recognise
from .workshop import Notes, WorkshopImport

__all__ = ["ImportResult", "TableRead", "import_files"]

_ORDER = (ENJEUX, ACTORS, CHANTIERS, GOVERNANCE, RESOURCE_MAP)

Progress = Callable[[Location, int, int | None], None]


@dataclass(frozen=True)
class TableRead:
    """One table found in a file: where, which kind, how many data rows."""

    where: Location
    kind: str
    rows: int


@dataclass
class ImportResult:
    summary: WriteSummary
    dry_run: bool
    tables: list[TableRead] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: Notes = field(default_factory=Notes)


def import_files(
    store: Store,
    paths: Iterable[str | Path],
    territory: str,
    *,
    lieu_filter: object | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import workshop tables and open-data lieux into ``territory``; all or nothing."""
    from . import opendata  # the open-data importer is optional reading for workshop-only imports

    problems = Problems()
    known = store.territories()
    existing = store.read_territory(territory) if normalize_name(territory) in known else None
    workshop = WorkshopImport(territory, problems, existing)
    tables: list[TableRead] = []
    pending: dict[str, list[tuple[Recognised, list[tuple[int, dict[str, str]]], Location]]] = {}
    lieu_filter = lieu_filter or opendata.LieuFilter()

    for raw_path in paths:
        path = Path(raw_path)
        before = len(problems.errors)
        found = 0
        if path.suffix.lower() == ".json":
            count = 0
            for node in opendata.read_lieux_json(path, territory, lieu_filter, problems):
                workshop.add_node(node)
                count += 1
            tables.append(TableRead(Location(str(path)), LIEUX.kind, count))
            continue
        empty: list[tuple[Recognised, Location]] = []
        rows_in_file = 0
        for sheet in read_sheets(path, problems):
            table = recognise(sheet)
            if table is None:
                if sheet.where.sheet and sheet.where.sheet not in template_sheet_titles():
                    problems.warning(sheet.where, "import.sheet_skipped")
                continue
            found += 1
            where = sheet.where
            if table.spec is LIEUX:
                count = 0
                for node in opendata.lieux_from_table(table, territory, lieu_filter, problems, where):
                    workshop.add_node(node)
                    count += 1
                    if progress and count % 500 == 0:
                        progress(where, count, sheet.estimated_rows)
                tables.append(TableRead(where, LIEUX.kind, count))
                continue
            records = list(table.records())
            rows_in_file += len(records)
            if not records:
                empty.append((table, where))  # normal for unused sheets of the template
                continue
            tables.append(TableRead(where, table.spec.kind, len(records)))
            pending.setdefault(table.spec.kind, []).append((table, records, where))
        if found and not rows_in_file:
            for table, where in empty:
                problems.warning(where.at(table.header_row), "import.empty_table", kind=table.spec.title())
        if not found and len(problems.errors) == before:
            problems.error(Location(str(path)), "import.no_table", expected=_expected_headers())

    readers = {
        ENJEUX.kind: workshop.add_enjeux,
        ACTORS.kind: workshop.add_actors,
        CHANTIERS.kind: workshop.add_chantiers,
        GOVERNANCE.kind: workshop.add_governance,
        RESOURCE_MAP.kind: workshop.add_resource_map,
    }
    for spec in _ORDER:
        for table, records, where in pending.get(spec.kind, []):
            readers[spec.kind](table, records, where)

    if problems.errors:
        raise ImportRefused(problems.errors)
    summary = store.write(workshop.batch, dry_run=dry_run)
    return ImportResult(summary, dry_run, tables, problems.warnings, workshop.notes)


def _expected_headers() -> str:
    from ..i18n import get_language

    en = get_language() == "en"
    parts = []
    for spec in (CHANTIERS, RESOURCE_MAP, GOVERNANCE, ENJEUX, ACTORS):
        required = [f for f in spec.fields if f.required][:3]
        headers = ", ".join(f"« {f.header_en if en else f.header_fr} »" for f in required)
        parts.append(f"{spec.title_en if en else spec.title_fr} ({headers}…)")
    return " ; ".join(parts)
