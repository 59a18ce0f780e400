"""The ``redact`` command: the version of a document for an audience (公开版 / 党内版).

``inspection-schema redact FILE --audience public -o OUT`` writes what
:func:`~inspection_schema.redaction.redact` makes of FILE, in the format OUT's suffix names (the
input's format for ``-o -``), atomically. Registered through the same hook as an outside
plugin's command.
"""

from __future__ import annotations

import argparse
import sys
from typing import Final, get_args

from .. import api
from ..commands import Command
from ..errors import InspectionSchemaError, SchemaViolationError, Severity
from ..files import write_atomic
from ..formats import format_for_path, get_format
from ..model import Classification, Document
from ..plugins import Register, hookimpl
from ..redaction import ClueTreatment, PersonReduction, RedactionPolicy, redact

UNUSABLE: Final = 2
PROBLEMS: Final = 1


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="document file (- for standard input)")
    parser.add_argument("--from", dest="source_format", help="format of the input")
    parser.add_argument(
        "--audience",
        required=True,
        choices=tuple(level.value for level in Classification),
        help="知悉范围: who the version is for (public 公开, party 党内, ...)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        help="output file, its format by its suffix; - for standard output in the input's format",
    )
    parser.add_argument(
        "--persons",
        choices=get_args(PersonReduction),
        default="post",
        help="a person whose name may not be shown becomes their post (default) or 某同志",
    )
    parser.add_argument(
        "--clue-transfers",
        choices=get_args(ClueTreatment),
        default="remove",
        help="clue transfers the audience may not read: removed (default) or kept as counts",
    )


def _read(name: str, source_format: str | None) -> tuple[Document, str]:
    if name == "-":
        if source_format is None:
            raise InspectionSchemaError("reading standard input needs --from FORMAT")
        fmt = get_format(source_format).name
        return api.loads(sys.stdin.buffer.read(), format=fmt), fmt
    fmt = get_format(source_format).name if source_format else format_for_path(name).name
    return api.load(name, format=fmt), fmt


def _run(arguments: argparse.Namespace) -> int:
    try:
        document, source = _read(arguments.file, arguments.source_format)
    except SchemaViolationError as exc:
        # An incoherent document cannot be redacted safely: unusable input, not a finding.
        print(f"inspection-schema: {exc.summary}", file=sys.stderr)
        for issue in exc.issues:
            print(f"  {issue}", file=sys.stderr)
        return UNUSABLE
    policy = RedactionPolicy(persons=arguments.persons, clue_transfers=arguments.clue_transfers)
    redacted = redact(document, str(arguments.audience), policy=policy)
    left = [
        issue
        for issue in api.validate(redacted, select=("R7",))
        if issue.severity is Severity.ERROR
    ]
    if left:  # redaction guarantees none; refuse to write rather than disclose
        for issue in left:
            print(f"inspection-schema: {issue}", file=sys.stderr)
        return PROBLEMS
    if arguments.output == "-":
        sys.stdout.buffer.write(api.dumps(redacted, format=source))
        sys.stdout.buffer.flush()
    else:
        target = format_for_path(arguments.output).name
        write_atomic(arguments.output, api.dumps(redacted, format=target))
    return 0


REDACT: Final = Command(
    name="redact",
    help="删减为公开版或党内版 (the version of a document for an audience: public, party, ...)",
    configure=_configure,
    run=_run,
)


@hookimpl
def register_commands(register: Register[Command]) -> None:
    register(REDACT)
