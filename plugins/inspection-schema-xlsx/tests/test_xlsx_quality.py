"""The code standards on this distribution's source: ruff (root settings) and mypy --strict.

openpyxl ships no type information; mypy reads it from ``types-openpyxl``, a typing-only
dependency (the ``typing`` extra of this distribution), never needed at run time.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SOURCE = Path(__file__).resolve().parents[1] / "src"
TESTS = Path(__file__).resolve().parent


def _has_stubs() -> bool:
    try:
        importlib.metadata.version("types-openpyxl")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["ruff", "check", str(SOURCE), str(TESTS)], id="ruff-check"),
        pytest.param(["ruff", "format", "--check", str(SOURCE), str(TESTS)], id="ruff-format"),
        pytest.param(["mypy", "--strict", str(SOURCE)], id="mypy-strict"),
    ],
)
def test_source_is_clean(command: list[str]) -> None:
    if shutil.which(command[0], path=str(Path(sys.executable).parent)) is None:
        pytest.fail(f"{command[0]} is a test dependency; install the core with its [test] extra")
    if command[0] == "mypy" and not _has_stubs():
        pytest.skip(
            "mypy needs types-openpyxl: pip install -e 'plugins/inspection-schema-xlsx[typing]'"
        )
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
