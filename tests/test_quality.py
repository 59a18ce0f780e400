"""The code standards, checked where CI checks everything: ruff and mypy --strict on src/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def _tool(name: str) -> list[str]:
    if shutil.which(name, path=str(Path(sys.executable).parent)) is None:
        pytest.fail(f"{name} is a test dependency; install the project with its [test] extra")
    return [sys.executable, "-m", name]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["ruff", "check", "src"], id="ruff-check"),
        pytest.param(["ruff", "format", "--check", "src"], id="ruff-format"),
        pytest.param(["mypy", "--strict", "src"], id="mypy-strict"),
    ],
)
def test_source_is_clean(command: list[str]) -> None:
    done = subprocess.run(
        [*_tool(command[0]), *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
