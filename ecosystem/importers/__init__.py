"""Importing what coordinators already have: workshop tables and the open data of lieux.

See :func:`import_files`; the readers (:mod:`.reading`), table recognition (:mod:`.tables`),
workshop rules (:mod:`.workshop`), open-data lieux (:mod:`.opendata`) and the blank workbook
(:mod:`.template`) each live in their own module.
"""

from .importer import ImportResult, TableRead, import_files
from .opendata import LieuFilter
from .problems import ImportRefused, Location, Problem, Problems

__all__ = ["ImportRefused", "ImportResult", "LieuFilter", "Location", "Problem", "Problems", "TableRead", "import_files"]
