"""The progress reports: ``markdown`` and ``html`` write-only formats, ``summary`` and ``export``.

Registered through the same hooks as an outside plugin's. As formats (``convert FILE
report.html``) the reports are judged as of the document's issue date unless the write option
``as_of`` says otherwise (``convert FILE report.html -O as_of=2023-12-31``); ``export --as-of
DATE`` does the same with a flag of its own.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import PurePath
from typing import Final

import orjson

from .. import api
from ..arguments import date_argument, option_date
from ..commands import Command
from ..conventions import Convention, choose_convention
from ..errors import InspectionSchemaError
from ..files import write_atomic
from ..formats import Format
from ..model import Document
from ..plugins import Register, hookimpl
from ..reports import html_report, markdown_report
from ..reports.summary import summarise, summary_json, summary_text

Writer = Callable[[Document, datetime.date | None, Convention | None], bytes]

REPORTS: Final[dict[str, tuple[tuple[str, ...], Writer, str]]] = {
    "markdown": (
        (".md", ".markdown"),
        markdown_report,
        "整改进展情况报告 rectification progress report, Markdown (write-only)",
    ),
    "html": (
        (".html", ".htm"),
        html_report,
        "整改进展情况报告 rectification progress report, one self-contained HTML page (write-only)",
    ),
}
"""Report format name -> (file suffixes, writer taking the document and a date, description)."""


AS_OF_OPTION: Final = "as_of"
WRITE_OPTIONS: Final = {
    AS_OF_OPTION: "the date the ledger is judged as of, YYYY-MM-DD (default: the document's "
    "issue date)",
    "convention": "the convention whose deadlines apply, by name (default: the one the "
    "document's region code chooses)",
}


def _convention(document: Document, name: str | None) -> Convention:
    """The convention named, else the one the document's region chooses (as ``validate``)."""
    from ..plugins.manager import host

    return choose_convention(host().conventions(), document, name)


def _format(name: str) -> Format:
    suffixes, writer, description = REPORTS[name]

    def write(
        document: Document, *, as_of: str | None = None, convention: str | None = None
    ) -> bytes:
        day = None if as_of is None else option_date(name, AS_OF_OPTION, as_of)
        return writer(document, day, _convention(document, convention))

    return Format(
        name=name,
        suffixes=suffixes,
        read=None,
        write=write,
        lossless=False,
        description=description,
        write_options=WRITE_OPTIONS,
    )


@hookimpl
def register_formats(register: Register[Format]) -> None:
    for name in REPORTS:
        register(_format(name))


# -- commands -------------------------------------------------------------------------------------


def _read(name: str, source_format: str | None) -> Document:
    """The document, read as ``show`` reads it: a summary of an incoherent document still helps."""
    if name == "-":
        if source_format is None:
            raise InspectionSchemaError("reading standard input needs --from FORMAT")
        return api.loads(sys.stdin.buffer.read(), format=source_format, check=False)
    return api.load(name, format=source_format, check=False)


def _configure_summary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="document file (- for standard input)")
    parser.add_argument("--from", dest="source_format", help="format of the input")
    parser.add_argument(
        "--as-of", type=date_argument, help="date to count the ledger as of (default: today)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    _convention_argument(parser)


def _convention_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--convention",
        help="工作规范 by name, for the due dates of items without one (default: by the "
        "document's region code)",
    )


def _run_summary(arguments: argparse.Namespace) -> int:
    document = _read(arguments.file, arguments.source_format)
    convention = _convention(document, arguments.convention)
    summary = summarise(document, arguments.as_of or datetime.date.today(), convention=convention)
    if arguments.format == "json":
        data = orjson.dumps(summary_json(summary), option=orjson.OPT_INDENT_2) + b"\n"
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(summary_text(summary))
    return 0 if summary.consistent else 1


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="document file (- for standard input)")
    parser.add_argument("--from", dest="source_format", help="format of the input")
    parser.add_argument(
        "--to",
        dest="target_format",
        choices=tuple(REPORTS),
        help="report format (default: by the output's suffix)",
    )
    parser.add_argument(
        "-o", "--output", required=True, help="output file, or - for standard output"
    )
    parser.add_argument(
        "--as-of",
        type=date_argument,
        help="date to judge the ledger as of (default: the document's issue date)",
    )
    _convention_argument(parser)


def _target(arguments: argparse.Namespace) -> str:
    if arguments.target_format is not None:
        return str(arguments.target_format)
    name = PurePath(arguments.output).name.lower()
    for report, (suffixes, _, _) in REPORTS.items():
        if arguments.output != "-" and name.endswith(suffixes):
            return report
    raise InspectionSchemaError(
        f"cannot tell the report format of {arguments.output!r}; give --to "
        f"{' or '.join(REPORTS)} / 无法从文件名判断报告格式,请用 --to 指定"
    )


def _run_export(arguments: argparse.Namespace) -> int:
    target = _target(arguments)
    document = _read(arguments.file, arguments.source_format)
    data = REPORTS[target][1](
        document, arguments.as_of, _convention(document, arguments.convention)
    )
    if arguments.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(arguments.output, data)
    return 0


SUMMARY: Final = Command(
    name="summary",
    help="整改进展统计与通报核对 (progress counters as of a date; notices checked)",
    configure=_configure_summary,
    run=_run_summary,
)
EXPORT: Final = Command(
    name="export",
    help="导出整改进展情况报告 (write the progress report as Markdown or HTML)",
    configure=_configure_export,
    run=_run_export,
)


@hookimpl
def register_commands(register: Register[Command]) -> None:
    register(SUMMARY)
    register(EXPORT)
