"""Dates people type, on the command line and as format options: YYYY-MM-DD and nothing else."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from inspection_schema import api
from inspection_schema.arguments import option_date
from inspection_schema.cli import ExitCode, main
from inspection_schema.errors import InspectionSchemaError

EXAMPLE = Path(__file__).parent.parent / "examples" / "fulian-2023.json"

# what datetime.date.fromisoformat takes besides YYYY-MM-DD (Python 3.11), and other near misses
NOT_DATES = ["20230609", "2023-W23-5", "2023-W235", "2023-06-9", "2023/06/09", "２０２３-06-09", ""]


@pytest.mark.parametrize("text", NOT_DATES)
def test_a_format_option_takes_yyyy_mm_dd_only(text: str) -> None:
    with pytest.raises(InspectionSchemaError, match="markdown option as_of takes a date"):
        option_date("markdown", "as_of", text)
    with pytest.raises(InspectionSchemaError, match="takes a date YYYY-MM-DD"):
        api.dumps(api.load(EXAMPLE), format="markdown", options={"as_of": text})


def test_a_real_date_is_read() -> None:
    assert option_date("html", "as_of", "2023-06-09") == datetime.date(2023, 6, 9)


@pytest.mark.parametrize(
    "arguments",
    [
        ["show", str(EXAMPLE), "--as-of"],
        ["validate", str(EXAMPLE), "--as-of"],
        ["summary", str(EXAMPLE), "--as-of"],
    ],
)
@pytest.mark.parametrize("text", ["20230609", "2023-W23-5", "2023-02-30"])
def test_a_command_line_date_takes_yyyy_mm_dd_only(
    arguments: list[str], text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*arguments, text])
    assert stopped.value.code == ExitCode.UNUSABLE
    assert "not a date YYYY-MM-DD" in capsys.readouterr().err
