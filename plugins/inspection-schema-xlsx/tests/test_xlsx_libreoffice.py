"""A workbook opened and saved again by a spreadsheet program still reads the same.

LibreOffice rewrites every part (shared strings, its own styles, dates, merged cells) as an
office's program would; these tests run where ``soffice`` is installed, and are skipped elsewhere.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from inspection_schema_xlsx import ledger_part, read_xlsx, write_xlsx

import inspection_schema as ins

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SOFFICE = shutil.which("soffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _resaved(data: bytes, directory: Path) -> bytes:
    assert SOFFICE is not None
    source = directory / "in" / "ledger.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    target = directory / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(directory / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (target / "ledger.xlsx").read_bytes()


def test_a_written_ledger_saved_again_reads_the_same(tmp_path: Path) -> None:
    document = ins.load(EXAMPLES / "fulian-2023.json")
    again = _resaved(write_xlsx(document), tmp_path)
    assert read_xlsx(again) == ledger_part(document)


def test_an_office_ledger_saved_again_reads_the_same(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        from test_xlsx_office import office_workbook
    finally:
        sys.path.pop(0)
    data = office_workbook()
    first, again = read_xlsx(data), read_xlsx(_resaved(data, tmp_path))
    # the id is a digest of the file, which the program rewrote; everything else is the same
    assert again.id != first.id
    assert ins.dumps(again).replace(again.id.encode(), b"") == ins.dumps(first).replace(
        first.id.encode(), b""
    )
