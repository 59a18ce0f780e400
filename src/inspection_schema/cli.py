"""The command line: parse arguments, call the library, print, choose the exit code.

Exit codes (:class:`ExitCode`) are the contract scripts rely on: 0 fine, 1 the document has
problems, 2 the input or the command line is unusable.
"""

from __future__ import annotations

import argparse
import datetime
import enum
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import orjson

from . import api
from .arguments import date_argument
from .commands import Command
from .display import summary_zh
from .errors import (
    InspectionSchemaError,
    Issue,
    IssuesError,
    OutputError,
    Severity,
    UnreadableInputError,
)
from .files import write_atomic
from .formats import Format, format_for_path, formats, get_format
from .model import SCHEMA_VERSION, Document
from .plugins.manager import host

DEBUG_ENV = "INSPECTION_SCHEMA_DEBUG"
"""Set to 1 to let unexpected errors show their traceback (for reporting a bug)."""


class ExitCode(enum.IntEnum):
    """退出码."""

    OK = 0
    PROBLEMS = 1
    UNUSABLE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.UNUSABLE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``inspection-schema``."""
    parser = _Parser(
        prog="inspection-schema",
        description="巡视巡察工作记录:校验、转换、查看 (records of Party inspection work).",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s (format {SCHEMA_VERSION})"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    show = commands.add_parser(
        "show", help="读取、校验并以中文概述一份文档 (load, validate, summarise)"
    )
    show.add_argument("file", help="document file (- for standard input)")
    show.add_argument("--from", dest="source_format", help="format of the input")
    show.add_argument(
        "--as-of", type=date_argument, help="date of the ledger's standing (default: today)"
    )

    validate = commands.add_parser("validate", help="校验文档 (validate documents)")
    validate.add_argument("files", nargs="+", help="document files (- for standard input)")
    validate.add_argument("--from", dest="source_format", help="format of the inputs")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format"
    )
    validate.add_argument(
        "--convention", help="工作规范 by name (default: by the document's region code)"
    )
    validate.add_argument(
        "--as-of", type=date_argument, help="date to judge deadlines as of (default: today)"
    )
    validate.add_argument(
        "--select",
        type=_codes,
        action="extend",
        default=[],
        help="only these rule codes or prefixes (comma separated; repeatable)",
    )
    validate.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        default=[],
        help="skip these rule codes or prefixes (comma separated; repeatable)",
    )
    validate.add_argument(
        "--lenient",
        action="store_true",
        help="校验位不符的代码只警告 (wrong check characters in credit codes and identity "
        "numbers are warnings, for registers holding early codes)",
    )

    convert = commands.add_parser("convert", help="转换格式 (convert between formats)")
    convert.add_argument("input", help="input file, or - for standard input")
    convert.add_argument("output", help="output file, or - for standard output")
    convert.add_argument("--from", dest="source_format", help="input format (default: by suffix)")
    convert.add_argument("--to", dest="target_format", help="output format (default: by suffix)")
    convert.add_argument(
        "-O",
        "--option",
        dest="options",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="格式选项 (an option of the input or output format, e.g. template=example-city; "
        "repeatable; `inspection-schema formats` lists them)",
    )

    schema = commands.add_parser("schema", help="导出格式的模式 (write the format's schemas)")
    schema.add_argument("which", choices=("json-schema", "xsd"), help="which schema")
    schema.add_argument("-o", "--output", default=".", help="directory to write into")

    commands.add_parser("formats", help="列出可用格式 (list formats)")

    plugins = commands.add_parser(
        "plugins", help="列出插件及其登记的内容 (list plugins and what they register)"
    )
    plugins.add_argument("--format", choices=("text", "json"), default="text")

    for command in host().commands():  # the host refuses core names (CORE_COMMANDS)
        sub = commands.add_parser(command.name, help=command.help)
        command.configure(sub)
        _PLUGIN_COMMANDS[command.name] = command
    return parser


_PLUGIN_COMMANDS: dict[str, Command] = {}


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        parser = build_parser()
    except InspectionSchemaError as exc:
        print(f"inspection-schema: error: {exc}", file=sys.stderr)
        return int(ExitCode.UNUSABLE)
    arguments = parser.parse_args(argv)
    try:
        if arguments.command in _PLUGIN_COMMANDS:
            return int(_PLUGIN_COMMANDS[arguments.command].run(arguments))
        handler = _HANDLERS[arguments.command]
        return int(handler(arguments))
    except IssuesError as exc:
        _print_error(exc)
        return int(
            ExitCode.UNUSABLE if isinstance(exc, UnreadableInputError) else ExitCode.PROBLEMS
        )
    except InspectionSchemaError as exc:
        print(f"inspection-schema: error: {exc}", file=sys.stderr)
        return int(ExitCode.UNUSABLE)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as exc:  # no traceback reaches office staff
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        print(
            f"inspection-schema: internal error: {type(exc).__name__}: {exc}\n"
            f"(set {DEBUG_ENV}=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return int(ExitCode.UNUSABLE)


def _print_error(exc: IssuesError) -> None:
    print(f"inspection-schema: {exc.summary}", file=sys.stderr)
    for issue in exc.issues:
        print(f"  {issue}", file=sys.stderr)


def _read_bytes(name: str, source_format: str | None) -> tuple[bytes, str]:
    """The raw bytes of an input and the name of its format."""
    if name == "-":
        if source_format is None:
            raise InspectionSchemaError("reading standard input needs --from FORMAT")
        return sys.stdin.buffer.read(), get_format(source_format).name
    fmt = get_format(source_format) if source_format else format_for_path(name)
    return api.read_file(name), fmt.name


def _read_input(name: str, source_format: str | None, *, check: bool = True) -> Document:
    if name == "-":
        if source_format is None:
            raise InspectionSchemaError("reading standard input needs --from FORMAT")
        return api.loads(sys.stdin.buffer.read(), format=source_format, check=check)
    return api.load(name, format=source_format, check=check)


# -- commands --------------------------------------------------------------------------------


def _show(arguments: argparse.Namespace) -> ExitCode:
    document = _read_input(arguments.file, arguments.source_format, check=False)
    as_of = arguments.as_of or datetime.date.today()
    sys.stdout.write(summary_zh(document, as_of))
    issues = api.validate(document)
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if not issues:
        print("\n校验:通过(未发现问题)")
    else:
        print(f"\n校验:发现 {len(issues)} 个问题")
        for issue in issues:
            print(f"  {issue}")
    return ExitCode.PROBLEMS if errors else ExitCode.OK


def _validate(arguments: argparse.Namespace) -> ExitCode:
    results: list[tuple[str, list[Issue], bool]] = []
    for name in arguments.files:
        try:
            data, fmt = _read_bytes(name, arguments.source_format)
            issues = api.validate_bytes(
                data,
                format=fmt,
                convention=arguments.convention,
                as_of=arguments.as_of,
                select=arguments.select,
                ignore=arguments.ignore,
                strict=not arguments.lenient,
            )
            results.append((name, issues, False))
        except IssuesError as exc:
            results.append((name, list(exc.issues), isinstance(exc, UnreadableInputError)))
    if arguments.format == "json":
        listing = [
            {"file": name, **issue.as_dict()} for name, issues, _ in results for issue in issues
        ]
        sys.stdout.buffer.write(orjson.dumps(listing, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        for name, issues, _ in results:
            if not issues:
                print(f"{name}: 通过 (valid)")
            for issue in issues:
                print(f"{name}: {issue}")
    if any(unreadable for _, _, unreadable in results):
        return ExitCode.UNUSABLE
    if any(i.severity is Severity.ERROR for _, issues, _ in results for i in issues):
        return ExitCode.PROBLEMS
    return ExitCode.OK


def _convert(arguments: argparse.Namespace) -> ExitCode:
    if arguments.output == "-":
        if arguments.target_format is None:
            raise InspectionSchemaError("writing standard output needs --to FORMAT")
        target = get_format(arguments.target_format)
    else:
        target = (
            get_format(arguments.target_format)
            if arguments.target_format
            else format_for_path(arguments.output)
        )
    source = (
        get_format(arguments.source_format)
        if arguments.source_format
        else format_for_path(arguments.input)
        if arguments.input != "-"
        else None
    )
    if source is None:
        raise InspectionSchemaError("reading standard input needs --from FORMAT")
    read_options, write_options = _split_options(arguments.options, source, target)
    data_in = sys.stdin.buffer.read() if arguments.input == "-" else api.read_file(arguments.input)
    document = api.loads(data_in, format=source.name, options=read_options)
    data = api.dumps(document, format=target.name, options=write_options)
    if arguments.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(arguments.output, data)
    return ExitCode.OK


def _split_options(
    given: list[str], source: Format, target: Format
) -> tuple[dict[str, str], dict[str, str]]:
    """``KEY=VALUE`` options, each to the reader or writer that declares it (or both)."""
    read: dict[str, str] = {}
    write: dict[str, str] = {}
    for item in given:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InspectionSchemaError(
                f"an option is KEY=VALUE, not {item!r} / 选项格式应为 键=值"
            )
        if key not in source.read_options and key not in target.write_options:
            known = sorted({*source.read_options, *target.write_options})
            raise InspectionSchemaError(
                f"neither reading {source.name} nor writing {target.name} takes the option "
                f"{key!r} (they take: {', '.join(known) or 'none'}) / 不支持的选项“{key}”"
            )
        if key in source.read_options:
            read[key] = value
        if key in target.write_options:
            write[key] = value
    return read, write


def _schema(arguments: argparse.Namespace) -> ExitCode:
    directory = Path(arguments.output)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a name too long, no permission...
        raise OutputError(
            f"cannot make the directory {directory}: {exc.strerror or exc} / 无法创建输出目录"
        ) from None
    from .extensions import registered_extensions

    if arguments.which == "xsd":
        from .schemas.xsd import extension_file_name, write_xsd

        written = [write_xsd(directory)]
    else:
        from .schemas.json_schema import extension_file_name, write_json_schema

        written = [write_json_schema(directory)]
    # Each registered extension's schema is written beside the core's, which it imports.
    written += [directory / extension_file_name(e) for e in registered_extensions()]
    for path in written:
        print(path)
    return ExitCode.OK


def _plugins(arguments: argparse.Namespace) -> ExitCode:
    listing = host().plugins()
    if arguments.format == "json":
        data = [info.as_dict() for info in listing]
        sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
        return ExitCode.OK
    for info in listing:
        origin = "内置 built-in" if info.builtin else f"{info.distribution} {info.version}"
        print(f"{info.name} ({origin})")
        print(f"  hooks: {', '.join(info.hooks) or '-'}")
        for kind, names in info.registered.items():
            print(f"  {kind}: {', '.join(names)}")
            for name, description in info.details.get(kind, {}).items():
                print(f"    {name}: {description}")
    return ExitCode.OK


def _formats(arguments: argparse.Namespace) -> ExitCode:
    for fmt in formats():
        modes = "".join(
            mode for mode, present in (("r", fmt.read), ("w", fmt.write)) if present is not None
        )
        loss = "lossless" if fmt.lossless else "lossy"
        print(f"{fmt.name}\t{','.join(fmt.suffixes)}\t{modes}\t{loss}\t{fmt.description}")
        for way, options in (("read", fmt.read_options), ("write", fmt.write_options)):
            for key, help_text in options.items():
                print(f"\t{way} option {key}: {help_text}")
    return ExitCode.OK


_HANDLERS = {
    "show": _show,
    "validate": _validate,
    "convert": _convert,
    "schema": _schema,
    "formats": _formats,
    "plugins": _plugins,
}
