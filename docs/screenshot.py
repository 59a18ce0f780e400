"""Make docs/images/report-fulian-2023.png: the HTML progress report of the example, as shown.

Run from the repository root after changing the report's look::

    .venv/bin/python docs/screenshot.py

It needs Debian's Chromium and its driver (``apt-get install chromium chromium-driver``), a
Chinese font (``fonts-wqy-zenhei`` or ``fonts-noto-cjk``) and Selenium (in the ``test`` extra).
The page is rendered 1280 px wide, as on a laptop, and captured whole.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from inspection_schema import api
from inspection_schema.reports import html_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "fulian-2023.json"
OUTPUT = ROOT / "docs" / "images" / "report-fulian-2023.png"
AS_OF = datetime.date(2024, 1, 10)
"""The example's issue date: what ``export`` uses when no ``--as-of`` is given."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--width", type=int, default=1280)
    arguments = parser.parse_args(argv)
    page = html_report(api.load(EXAMPLE), AS_OF)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    options.add_argument(f"--window-size={arguments.width},900")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "report.html"
            path.write_bytes(page)
            driver.get(path.as_uri())
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(arguments.width, int(height) + 40)
            arguments.output.parent.mkdir(parents=True, exist_ok=True)
            arguments.output.write_bytes(driver.get_screenshot_as_png())
    finally:
        driver.quit()
    print(arguments.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
