"""Test configuration shared by the whole suite: Hypothesis profiles and opt-in slow tests.

``HYPOTHESIS_PROFILE`` chooses the profile:

- ``ci`` (the default): a modest number of examples and no deadline, so that a shared two-core
  CI machine neither takes long nor fails a test for being slow;
- ``thorough``: many examples, for a deliberate search before a release; it also runs the
  tests marked ``slow``.

Tests marked ``slow`` are skipped unless ``--run-slow`` is given or the profile is ``thorough``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"

settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    # generating a whole document is slow by Hypothesis' standards, more so on a busy machine
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)

PROFILE = os.environ.get(PROFILE_VARIABLE) or "ci"
settings.load_profile(PROFILE)  # an unknown name fails here, loudly


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help=f"run the tests marked slow (so does {PROFILE_VARIABLE}=thorough)",
    )


def pytest_report_header(config: pytest.Config) -> str:
    return f"hypothesis profile: {PROFILE} ({PROFILE_VARIABLE})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow") or PROFILE == "thorough":
        return
    skip = pytest.mark.skip(reason=f"slow: run with --run-slow or {PROFILE_VARIABLE}=thorough")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)
