"""What a person sees: the HTML progress report rendered in headless Chromium.

The browser is Debian's (``apt-get install chromium chromium-driver``; ``.ci/run`` installs it
when missing), driven through Selenium. Selenium rather than Playwright: Debian builds
``chromedriver`` from the same source and version as ``chromium``, so the driver always matches
the browser, while Playwright supports only the Chromium revision it pins (a Debian build through
``executable_path`` is best effort) and its wheel carries a Node.js runtime of its own. Selenium
is pure Python and speaks the W3C WebDriver protocol.

Without Chromium the tests skip, saying why; with ``CI`` set they fail instead, since CI must
prove the page works.
"""

from __future__ import annotations

import datetime
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from inspection_schema import api
from inspection_schema.model import Document, ProgressNote
from inspection_schema.progress import Standing
from inspection_schema.reports import html_report
from inspection_schema.reports.html import PALETTE

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fulian-2023.json"
BENCH = ROOT / "benchmarks" / "bench.py"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WIDTHS = (1280, 800)
"""A laptop, and a narrow window (or a laptop with the side panel open)."""
HOSTILE = "<script>alert('x')</script>"
LONG_TOKEN = "https://example.invalid/" + "a1b2c3d4" * 40
"""An unbreakable run of ASCII, as a pasted link or file name in a progress note is."""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing() -> str | None:
    """Why the browser cannot run here, or ``None``."""
    if not Path(CHROMIUM).is_file():
        return f"Chromium is not installed ({CHROMIUM} not found)"
    if not Path(CHROMEDRIVER).is_file():
        return f"chromedriver is not installed ({CHROMEDRIVER} not found)"
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (it is in the [test] extra)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _missing()
    if missing is not None:
        advice = "apt-get install chromium chromium-driver; pip install -e '.[test]'"
        if _in_ci():
            pytest.fail(f"{missing}: CI must run the browser test ({advice})")
        pytest.skip(f"{missing}: {advice}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, path: Path, width: int, media: str = "screen") -> None:
    """Load the page in a viewport exactly ``width`` CSS pixels wide."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    driver.get(path.as_uri())
    assert driver.execute_script("return window.innerWidth") == width


_OVERFLOW = """
const width = window.innerWidth;
const found = [];
for (const el of document.querySelectorAll('body *')) {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const clips = ['hidden', 'clip'].includes(style.overflowX);
  if (clips && el.scrollWidth > el.clientWidth) {
    found.push(['clipped', el.tagName, el.className, el.scrollWidth, el.clientWidth]);
  }
  if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {
    found.push(['outside', el.tagName, el.className, box.left, box.right]);
  }
}
return {
  page: document.documentElement.scrollWidth, width: width, found: found.slice(0, 10)
};
"""


def _assert_nothing_overflows(driver: Any) -> None:
    result = driver.execute_script(_OVERFLOW)
    assert result["page"] <= result["width"], result
    assert result["found"] == [], result


def _assert_overdue_first(driver: Any, expected: list[str] | None = None) -> None:
    rows = driver.execute_script(
        """
        return [...document.querySelectorAll('tr[data-standing]')].map(tr => ({
          entry: tr.dataset.entry, standing: tr.dataset.standing,
          inOverdue: tr.closest('#overdue') !== null,
          top: tr.getBoundingClientRect().top + window.scrollY,
          visible: tr.offsetHeight > 0 && getComputedStyle(tr).visibility === 'visible',
        }));
        """
    )
    overdue = [row for row in rows if row["inOverdue"]]
    assert overdue, "the overdue list is empty"
    assert all(row["visible"] for row in rows)
    assert all(row["standing"] == "red" for row in overdue)
    assert rows[: len(overdue)] == overdue  # before every other row, in document order
    last_overdue = max(row["top"] for row in overdue)
    assert all(row["top"] > last_overdue for row in rows[len(overdue) :])  # and on screen
    red_elsewhere = {r["entry"] for r in rows[len(overdue) :] if r["standing"] == "red"}
    assert {row["entry"] for row in overdue} == red_elsewhere
    if expected is not None:
        assert [row["entry"] for row in overdue] == expected


def _rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def _assert_colours(driver: Any) -> None:
    for standing in Standing:
        background, text, _ = PALETTE[standing]
        seen = driver.execute_script(
            """
            const badge = document.querySelector('tbody .badge.' + arguments[0]);
            const row = document.querySelector('tr.standing-' + arguments[0]);
            return badge && {
              background: getComputedStyle(badge).backgroundColor,
              color: getComputedStyle(badge).color,
              word: badge.innerText,
              border: getComputedStyle(row).borderLeftColor,
            };
            """,
            standing.value,
        )
        assert seen is not None, standing
        assert seen["background"] == _rgb(background)
        assert seen["color"] == _rgb(text)
        assert seen["border"] == _rgb(background)
        assert seen["word"].startswith(standing.term)  # the colour is also said in words


def _write(
    tmp_path: Path, name: str, document: Document, as_of: datetime.date | None = None
) -> Path:
    path = tmp_path / name
    path.write_bytes(html_report(document, as_of))
    return path


@pytest.fixture(scope="module")
def example_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("report"), "fulian.html", api.load(EXAMPLE))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_example_report(browser: Any, example_page: Path, width: int) -> None:
    _open(browser, example_page, width)
    assert browser.title == "巡察整改进展情况报告（截至2024年1月10日）"
    text = browser.execute_script("return document.body.innerText")
    assert "巡察整改进展情况报告" in text
    assert "整改完成率33.33%" in text
    assert "逾期未完成事项" in text
    _assert_overdue_first(browser, ["entry-4", "entry-1"])
    _assert_nothing_overflows(browser)
    _assert_colours(browser)
    bar = browser.execute_script(
        """
        const bar = document.querySelector('#overview .bar');
        const blue = bar.querySelector('.seg.blue');
        return [blue.getBoundingClientRect().width, bar.clientWidth];
        """
    )
    assert abs(bar[0] / bar[1] - 0.3333) < 0.01  # 2 of 6 completed
    # nothing was fetched: no fonts, scripts, styles or images from anywhere
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return document.scripts.length") == 0


def test_the_example_report_in_print(browser: Any, example_page: Path) -> None:
    """Printed on A4 landscape (297 mm less 2 × 12 mm margins ≈ 1032 px), nothing is cut off."""
    _open(browser, example_page, 1032, media="print")
    _assert_nothing_overflows(browser)
    assert browser.execute_script(
        "return getComputedStyle(document.querySelector('thead')).display"
    ) == ("table-header-group")


def _bench_document(entries: int) -> Document:
    spec = importlib.util.spec_from_file_location("inspection_schema_bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    document: Document = module.build_document(entries)
    return document


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 200-entry ledger, with hostile and unbreakable texts in it."""
    document = _bench_document(200)
    [inspection] = document.inspections
    assert inspection.feedback is not None
    problems = list(inspection.feedback.problems)
    problems[0] = attrs.evolve(problems[0], text=f"{HOSTILE}{problems[0].text}{LONG_TOKEN}")
    [rectification] = document.rectifications
    entries = list(rectification.entries)
    for index, entry in enumerate(entries[:5]):
        history = tuple(
            attrs.evolve(event, text=event.text + LONG_TOKEN)
            if isinstance(event, ProgressNote)
            else event
            for event in entry.history
        )
        entries[index] = attrs.evolve(entry, history=history)
    document = attrs.evolve(
        document,
        inspections=(
            attrs.evolve(
                inspection,
                feedback=attrs.evolve(inspection.feedback, problems=tuple(problems)),
            ),
        ),
        rectifications=(attrs.evolve(rectification, entries=tuple(entries)),),
    )
    # by then about 40 % are done, a third overdue and the rest in progress: all three colours
    as_of = datetime.date(2023, 9, 30)
    return _write(tmp_path_factory.mktemp("report"), "large.html", document, as_of)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_200_entry_ledger(browser: Any, large_page: Path, width: int) -> None:
    _open(browser, large_page, width)
    _assert_overdue_first(browser)
    _assert_nothing_overflows(browser)
    _assert_colours(browser)
    counts = browser.execute_script(
        """
        return {
          ledger: document.querySelectorAll('section.org tbody tr').length,
          scripts: document.scripts.length,
          images: document.images.length,
          text: document.body.innerText.includes(arguments[0]),
        };
        """,
        HOSTILE,
    )
    assert counts == {"ledger": 200, "scripts": 0, "images": 0, "text": True}
