"""The Excel rectification ledger (整改台账) for inspection-schema.

- :func:`write_xlsx`: a document's ledger as offices keep it: Chinese headings in the consensus
  order (or a region's :class:`~inspection_schema.conventions.LedgerTemplate`), one row per
  problem, status colours, a sheet of the history, and a hidden sheet so that it reads back;
- :func:`read_xlsx`: a workbook back into a ledger document: one this library wrote (with the
  office's edits of its visible cells), or an office's own, with its title rows, heading
  synonyms, merged cells, text dates and status words;
- :func:`ledger_part`: exactly what a workbook of a document carries;
- :data:`FORMAT`: the ``xlsx`` format the plugin registers (not lossless: a workbook carries
  the ledger part of a document only).
"""

from __future__ import annotations

from .format import FORMAT
from .headings import COLUMNS_NAMESPACE, HEADING_SYNONYMS, VERBATIM_NAMESPACE
from .ledger import ledger_part
from .options import Limits, ReadOptions
from .reader import read_xlsx
from .writer import write_xlsx

__all__ = [
    "COLUMNS_NAMESPACE",
    "FORMAT",
    "HEADING_SYNONYMS",
    "VERBATIM_NAMESPACE",
    "Limits",
    "ReadOptions",
    "ledger_part",
    "read_xlsx",
    "write_xlsx",
]
