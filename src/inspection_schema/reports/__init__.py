"""Rectification progress reports (整改进展情况报告): Markdown and one self-contained HTML page.

:func:`build_report` gathers what a report says (:mod:`.content`); :mod:`.markdown` and
:mod:`.html` lay it out. Both are registered as write-only formats (``markdown``, ``html``) by
the built-in plugin :mod:`inspection_schema.builtin.reports`, which also adds the ``summary``
and ``export`` commands.
"""

from __future__ import annotations

from .content import OrganisationSection, ReportContent, ReportItem, build_report
from .html import html_report, render_html
from .markdown import markdown_report, render_markdown

__all__ = [
    "OrganisationSection",
    "ReportContent",
    "ReportItem",
    "build_report",
    "html_report",
    "markdown_report",
    "render_html",
    "render_markdown",
]
