"""The code standards on this distribution's source: ruff (root settings) and mypy --strict.

The core's quality test checks ``src/`` only; this one covers the plugin's own ``src/``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SOURCE = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["ruff", "check", str(SOURCE)], id="ruff-check"),
        pytest.param(["ruff", "format", "--check", str(SOURCE)], id="ruff-format"),
        pytest.param(["mypy", "--strict", str(SOURCE)], id="mypy-strict"),
    ],
)
def test_source_is_clean(command: list[str]) -> None:
    if shutil.which(command[0], path=str(Path(sys.executable).parent)) is None:
        pytest.fail(f"{command[0]} is a test dependency; install the core with its [test] extra")
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
