"""Read the tables coordinators have, the way French Excel writes them — detected, never asked.

* CSV: ``;``, ``,`` or tab separators; UTF-8 with or without BOM, or Windows-1252; CRLF; quoted
  multi-line cells. The file is streamed row by row, never held whole in memory.
* XLSX: every sheet (read-only mode, cached formula values); an ``.xlsx`` renamed ``.csv`` is
  read as a workbook.
* Everywhere: blank rows are skipped (row numbers stay those Excel shows), trailing empty
  columns are dropped, numbers typed as text or stored as numbers come out the same text
  ("12" not "12.0"), dates as ``AAAA-MM-JJ``.

A sheet gives ``(row number, [cell text, ...])`` pairs; recognising which table it holds is
:mod:`ecosystem.importers.tables`' job.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import BinaryIO
from dataclasses import dataclass
from pathlib import Path

from .problems import Location, Problems

__all__ = ["Sheet", "read_sheets", "cell_text", "detect_encoding", "detect_delimiter"]

Row = tuple[int, list[str]]

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
csv.field_size_limit(16 * 1024 * 1024)  # a huge cell is data, not an attack on the reader


@dataclass
class Sheet:
    """One table-shaped source: a CSV file or one sheet of a workbook."""

    where: Location
    rows: Iterator[Row]
    estimated_rows: int | None = None


def cell_text(value: object) -> str:
    """The text of a cell, whatever its type, as a person would read it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return text.strip()


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def read_sheets(path: str | Path, problems: Problems) -> Iterator[Sheet]:
    """Yield the sheets of a CSV or XLSX file; unreadable files become problems, not exceptions."""
    path = Path(path)
    where = Location(str(path))
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except FileNotFoundError:
        problems.error(where, "read.missing", str(path))
        return
    except OSError as e:
        problems.error(where, "read.unreadable", str(path), detail=e.strerror or str(e))
        return
    if not head.strip():
        problems.error(where, "read.empty")
        return
    if head.startswith(_XLSX_MAGIC):
        yield from _read_xlsx(path, problems)
        return
    if head.startswith(_XLS_MAGIC):
        problems.error(where, "read.xls")
        return
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        problems.error(where, "read.bad_xlsx", detail="not a zip archive")
        return
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.error(where, "read.binary")
        return
    yield from _read_csv(path, head, problems)


# --- CSV -------------------------------------------------------------------------------------


def detect_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return "cp1252"
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_delimiter(sample: str) -> str:
    """The separator that cuts the sample's rows into the most consistent number of columns."""
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut in the middle
    text = "".join(lines)
    best, best_score = ",", (0, 0)
    for delimiter in (";", ",", "\t"):
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        width, count = Counter(wide).most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, head: bytes, problems: Problems) -> Iterator[Sheet]:
    encoding = detect_encoding(path, head)
    errors = "replace" if encoding == "cp1252" else "strict"
    with open(path, encoding=encoding, errors=errors, newline="") as f:
        sample = f.read(64 * 1024)
    delimiter = detect_delimiter(sample)
    sample_lines = max(sample.count("\n"), 1)
    size = path.stat().st_size
    estimated = int(size / max(len(sample.encode(encoding, errors="replace")) / sample_lines, 1))
    yield Sheet(Location(str(path)), _csv_rows(path, encoding, errors, delimiter, problems), estimated)


def _mixed_lines(handle: BinaryIO, path: Path, problems: Problems) -> Iterator[str]:
    """Lines of a file that is not wholly UTF-8: each line as UTF-8 when it is, else Windows-1252
    (files pasted together from several exports mix both); says so once."""
    saw_utf8 = saw_cp1252 = False
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
            saw_utf8 = saw_utf8 or any(b > 127 for b in raw)
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            if not saw_cp1252 and saw_utf8:
                problems.warning(Location(str(path), row=number), "read.mixed_encoding")
            saw_cp1252 = True
        yield text


def _csv_rows(path: Path, encoding: str, errors: str, delimiter: str, problems: Problems) -> Iterator[Row]:
    with open(path, "rb") as binary:
        if encoding == "cp1252":
            lines: Iterable[str] = _mixed_lines(binary, path, problems)
        else:
            lines = io.TextIOWrapper(binary, encoding=encoding, errors=errors, newline="")
        reader = csv.reader(lines, delimiter=delimiter)
        line = 1
        while True:
            try:
                raw = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                problems.error(Location(str(path), row=line), "read.bad_csv", detail=str(e))
                return
            cells = _trimmed([cell_text(c) for c in raw])
            if cells:
                yield line, cells
            line = reader.line_num + 1


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, problems: Problems) -> Iterator[Sheet]:
    from openpyxl import load_workbook  # imported here: only workbook users pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    with open(path, "rb") as handle:  # a file object: openpyxl would judge a path by its suffix
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as e:
            problems.error(Location(str(path)), "read.bad_xlsx", detail=type(e).__name__)
            return
        except Exception as e:  # noqa: BLE001 - a damaged archive raises zlib.error, EOFError...
            problems.error(Location(str(path)), "read.bad_xlsx", detail=type(e).__name__)
            return
        try:
            for ws in workbook.worksheets:
                yield Sheet(Location(str(path), sheet=ws.title), _xlsx_rows(ws, path, problems), ws.max_row)
        finally:
            workbook.close()


def _xlsx_rows(ws, path: Path, problems: Problems) -> Iterator[Row]:
    try:
        for number, values in enumerate(ws.iter_rows(values_only=True), start=ws.min_row or 1):
            cells = _trimmed([cell_text(v) for v in values])
            if cells:
                yield number, cells
    except Exception as e:  # noqa: BLE001 - a sheet damaged inside a readable archive
        problems.error(Location(str(path), sheet=ws.title), "read.bad_xlsx", detail=type(e).__name__)
