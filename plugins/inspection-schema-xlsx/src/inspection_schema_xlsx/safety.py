"""Opening a workbook that may be hostile: sizes checked before openpyxl expands anything.

An ``.xlsx`` is a zip of XML parts. Before openpyxl sees it, the zip is opened with the standard
library and every part's declared size is added up (:mod:`zipfile` never inflates a part beyond
its declared size: it fails the CRC check instead); every XML part is then streamed once, in
small pieces, to refuse document type declarations (which OOXML never uses, and which entity
expansion attacks need) and to count the rows and cells of the worksheets. Only a workbook
within :class:`~inspection_schema_xlsx.options.Limits` reaches openpyxl, and any exception of
openpyxl's becomes an :class:`~inspection_schema.errors.UnreadableInputError`.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import Final

from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook.workbook import Workbook

from inspection_schema.errors import UnreadableInputError

from .issues import unreadable
from .options import Limits
from .rawcells import RawCells, sheet_parts

_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK: Final = 64 * 1024
_CELL: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ROW: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_DTD: Final = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_MERGE: Final = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]{0,64}?\bref=\"([A-Za-z]{1,3})([0-9]{1,7}):"
    rb"([A-Za-z]{1,3})([0-9]{1,7})\""
)
_OVERLAP: Final = 128


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _area(match: re.Match[bytes]) -> int:
    """How many cells a merged range covers: openpyxl makes an object for each."""
    first_column, first_row, last_column, last_row = match.groups()
    columns = abs(_column(last_column) - _column(first_column)) + 1
    return columns * (abs(int(last_row) - int(first_row)) + 1)


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int, bool]:
    """Stream one XML part: refuse a DTD; count rows, and cells with those merged ranges cover
    (openpyxl builds an object for every one of them); tell whether it has a formula."""
    rows = cells = 0
    formulas = False
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if _DTD.search(window):
                unreadable(
                    "XL003",
                    f"the part {info.filename} declares a document type; workbooks never do, "
                    "and entity expansion attacks need one",
                    f"部件 {info.filename} 含文档类型声明(DTD),正常工作簿不会含有,拒绝读取",
                )
            # a match ending in the old tail was counted with the window before
            seen = len(tail)
            rows += sum(1 for m in _ROW.finditer(window) if m.end() > seen)
            cells += sum(1 for m in _CELL.finditer(window) if m.end() > seen)
            cells += sum(_area(m) for m in _MERGE.finditer(window) if m.end() > seen)
            formulas = formulas or _FORMULA.search(window) is not None
            tail = window[-_OVERLAP:]
    return rows, cells, formulas


def check_archive(data: bytes, limits: Limits) -> frozenset[str]:
    """Raise :class:`UnreadableInputError` unless ``data`` is a zip within ``limits``; else
    the worksheet parts that hold formulas."""
    if len(data) > limits.max_bytes:
        unreadable(
            "XL002",
            f"the workbook is {len(data)} bytes, more than the limit of {limits.max_bytes}",
            f"工作簿为 {len(data)} 字节,超过上限 {limits.max_bytes} 字节",
        )
    if data.startswith(_OLE):
        unreadable(
            "XL001",
            "this is an old-style .xls workbook or an encrypted one; save it as .xlsx without a "
            "password",
            "这是旧版 .xls 工作簿或加密的工作簿;请另存为不加密码的 .xlsx",
        )
    if not data.startswith(b"PK"):
        unreadable(
            "XL001", "not an .xlsx workbook (not a zip file)", "不是 .xlsx 工作簿(非 zip 文件)"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                unreadable(
                    "XL002",
                    f"the workbook has {len(infos)} parts, more than the limit of "
                    f"{limits.max_members}",
                    f"工作簿含 {len(infos)} 个部件,超过上限 {limits.max_members}",
                )
            total = sum(info.file_size for info in infos)
            if total > limits.max_uncompressed:
                unreadable(
                    "XL002",
                    f"the workbook's parts expand to {total} bytes, more than the limit of "
                    f"{limits.max_uncompressed}",
                    f"工作簿解压后为 {total} 字节,超过上限 {limits.max_uncompressed} 字节",
                )
            if any(info.flag_bits & 0x1 for info in infos):
                unreadable("XL001", "the workbook is encrypted", "工作簿已加密")
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                unreadable(
                    "XL001",
                    "not an .xlsx workbook (a zip without the parts of one)",
                    "不是 .xlsx 工作簿(zip 中没有工作簿的部件)",
                )
            cells = 0
            formulas: set[str] = set()
            for info in infos:
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                rows, found, formula = _scan(archive, info)
                if formula:
                    formulas.add(info.filename)
                if info.filename.startswith("xl/worksheets/"):
                    if rows > limits.max_rows:
                        unreadable(
                            "XL002",
                            f"the sheet {info.filename} has {rows} rows, more than the limit "
                            f"of {limits.max_rows}",
                            f"工作表 {info.filename} 有 {rows} 行,超过上限 {limits.max_rows}",
                        )
                    cells += found
            if cells > limits.max_cells:
                unreadable(
                    "XL002",
                    f"the workbook has {cells} cells, more than the limit of {limits.max_cells}",
                    f"工作簿有 {cells} 个单元格,超过上限 {limits.max_cells}",
                )
            return frozenset(formulas)
    except UnreadableInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile and zlib fail in many ways on bad bytes
        unreadable(
            "XL001",
            f"the workbook is damaged: {exc}",
            f"工作簿已损坏:{exc}",
        )


def open_workbook(data: bytes, limits: Limits) -> tuple[Workbook, RawCells]:
    """The workbook in ``data``, with cached formula values, once it passed the checks; and
    its worksheet parts, to look up what openpyxl does not keep of a cell."""
    formulas = check_archive(data, limits)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it drops (data validation, unknown extensions) and
            # about dates out of range (the reader reports those itself)
            warnings.simplefilter("ignore")
            reader = ExcelReader(
                io.BytesIO(data), read_only=False, data_only=True, keep_links=False
            )
            reader.read()
            targets = [
                rel.target
                for _, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files
            ]
    except Exception as exc:  # noqa: BLE001 - whatever openpyxl trips on, the input is bad
        unreadable(
            "XL001",
            f"the workbook cannot be read: {type(exc).__name__}: {exc}",
            f"无法读取工作簿:{type(exc).__name__}: {exc}",
        )
    book = reader.wb
    return book, RawCells(data, sheet_parts(book, targets), formulas)
