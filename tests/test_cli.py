"""The command line as a user meets it: exit codes, messages with places, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from inspection_schema.cli import ExitCode, main

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal-round-plan.json"


def minimal() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(MINIMAL.read_text(encoding="utf-8"))
    return loaded


def write(tmp_path: Path, content: bytes | str | dict[str, Any], name: str = "doc.json") -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_valid_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(MINIMAL)], capsys)
    assert code == ExitCode.OK
    assert "通过" in out


def _broken_documents() -> list[tuple[str, bytes, int, str]]:
    """(case, bytes, expected exit code, a place or phrase the message must name)."""
    base = minimal()

    def doc(change: Any) -> bytes:
        data = json.loads(json.dumps(base))
        change(data)
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    text = MINIMAL.read_bytes()
    return [
        ("truncated", text[: len(text) // 2], ExitCode.UNUSABLE, "line"),
        ("empty", b"", ExitCode.UNUSABLE, "empty"),
        ("whitespace only", b"  \n ", ExitCode.UNUSABLE, "JSON"),
        ("not JSON", b"<xml/>", ExitCode.UNUSABLE, "not valid JSON"),
        ("invalid UTF-8", b'{"id": "\xff"}', ExitCode.UNUSABLE, "not valid JSON"),
        ("top level a list", b"[1, 2]", ExitCode.PROBLEMS, "$: S101"),
        (
            "wrong type",
            doc(lambda d: d["round"].__setitem__("year", "2023")),
            ExitCode.PROBLEMS,
            "$.round.year",
        ),
        (
            "unknown field",
            doc(lambda d: d["round"]["groups"][0].__setitem__("leader", "x")),
            ExitCode.PROBLEMS,
            "$.round.groups[0].leader: S102",
        ),
        (
            "missing required field",
            doc(lambda d: d["round"]["groups"][0]["members"][0].pop("role")),
            ExitCode.PROBLEMS,
            "$.round.groups[0].members[0].role: S103",
        ),
        (
            "bad code",
            doc(lambda d: d["round"]["groups"][0]["members"][0].__setitem__("role", "组长")),
            ExitCode.PROBLEMS,
            "$.round.groups[0].members[0].role: S106",
        ),
        (
            "dangling reference",
            doc(lambda d: d["round"]["groups"][0]["members"][0].__setitem__("person", "p-nobody")),
            ExitCode.PROBLEMS,
            "$.round.groups[0].members[0].person: S202",
        ),
        (
            "reference to the wrong kind",
            doc(lambda d: d["round"].__setitem__("office", "p-leader")),
            ExitCode.PROBLEMS,
            "$.round.office: S203",
        ),
        (
            "duplicate id",
            doc(lambda d: d["people"].append({"id": "p-leader", "name": "钱"})),
            ExitCode.PROBLEMS,
            "$.people[1].id: S201",
        ),
        (
            "forbidden control character",
            doc(lambda d: d["people"][0].__setitem__("name", "赵\u0007")),
            ExitCode.PROBLEMS,
            "$.people[0].name: S104",
        ),
        (
            "U+FFFF",
            doc(lambda d: d["round"]["groups"][0].__setitem__("name", "组\uffff")),
            ExitCode.PROBLEMS,
            "$.round.groups[0].name: S104",
        ),
        (
            "lone surrogate",
            text.replace("赵𠀀".encode(), b"\\ud800"),
            ExitCode.UNUSABLE,
            "surrogate",
        ),
        (
            "naive date-time",
            doc(lambda d: d.__setitem__("issued_at", "2023-03-01T09:00:00")),
            ExitCode.PROBLEMS,
            "$.issued_at: S101",
        ),
        (
            "impossible date",
            doc(lambda d: d.__setitem__("issued_at", "2023-02-30T09:00:00+08:00")),
            ExitCode.PROBLEMS,
            "$.issued_at",
        ),
        ("deeply nested", b"[" * 200_000 + b"]" * 200_000, ExitCode.UNUSABLE, "depth"),
        ("huge number", doc(lambda d: d["round"].__setitem__("year", 10**30)), ExitCode.PROBLEMS, "$.round.year"),
        ("number out of range", text.replace(b"2023,", b"1" + b"0" * 400 + b","), ExitCode.UNUSABLE, "infinity"),
        (
            "other major version",
            doc(lambda d: d.__setitem__("schema_version", "2.0")),
            ExitCode.PROBLEMS,
            "$.schema_version: S206",
        ),
        (
            "part the kind requires",
            doc(lambda d: d.pop("round")),
            ExitCode.PROBLEMS,
            "$.round: S205",
        ),
    ]


@pytest.mark.parametrize(
    ("content", "expected", "named"),
    [pytest.param(c, e, n, id=case) for case, c, e, n in _broken_documents()],
)
def test_broken_input_is_reported_with_its_place(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    expected: int,
    named: str,
) -> None:
    path = write(tmp_path, content)
    code, out, err = run(["validate", str(path)], capsys)
    assert code == expected
    assert named in out + err
    assert "Traceback" not in out + err


def test_convert_refuses_broken_input_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = minimal()
    data["round"]["year"] = "二〇二三"
    source = write(tmp_path, data)
    target = tmp_path / "out.json"
    code, _, err = run(["convert", str(source), str(target)], capsys)
    assert code == ExitCode.PROBLEMS
    assert "$.round.year" in err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_huge_input_is_refused_before_parsing(tmp_path: Path) -> None:
    from inspection_schema import UnreadableInputError
    from inspection_schema.codecs.json import loads

    with pytest.raises(UnreadableInputError, match="limit"):
        loads(MINIMAL.read_bytes(), max_bytes=100)


def test_validate_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal()
    data["round"]["groups"][0]["ordinal"] = "1"
    path = write(tmp_path, data)
    code, out, _ = run(["validate", "--format", "json", str(path), str(MINIMAL)], capsys)
    assert code == ExitCode.PROBLEMS
    report = json.loads(out)
    assert report == [
        {
            "file": str(path),
            "code": "S101",
            "severity": "error",
            "path": "$.round.groups[0].ordinal",
            "message": "expected an integer, got a string",
            "message_zh": "应为整数,实为字符串",
        }
    ]


def test_convert_json_to_json_is_identity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.json"
    code, _, _ = run(["convert", str(MINIMAL), str(target)], capsys)
    assert code == ExitCode.OK
    assert target.read_bytes() == MINIMAL.read_bytes()


def test_convert_canonicalises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path, json.dumps(minimal(), separators=(",", ":")))
    target = tmp_path / "canonical.json"
    assert run(["convert", str(source), str(target)], capsys)[0] == ExitCode.OK
    assert target.read_bytes() == MINIMAL.read_bytes()


def test_convert_through_standard_streams() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inspection_schema", "convert", "-", "-", "--from", "json", "--to", "json"],
        input=MINIMAL.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == MINIMAL.read_bytes()


def test_standard_input_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["convert", "-", "out.json"], capsys)
    assert code == ExitCode.UNUSABLE
    assert "--from" in err


def test_unknown_suffix_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["convert", str(MINIMAL), str(tmp_path / "out.docx")], capsys)
    assert code == ExitCode.UNUSABLE
    assert "out.docx" in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(tmp_path / "nothing.json")], capsys)
    assert code == ExitCode.UNUSABLE
    assert "nothing.json" in out + err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["validate"])
    assert raised.value.code == ExitCode.UNUSABLE


def test_show_summarises_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", str(MINIMAL), "--as-of", "2023-06-30"], capsys)
    assert code == ExitCode.OK
    assert "市委第一巡察组" in out
    assert "赵𠀀(组长)" in out
    assert "校验:通过" in out


def test_schema_json_schema_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema", "json-schema", "-o", str(tmp_path / "out")], capsys)
    assert code == ExitCode.OK
    written = Path(out.strip())
    assert written.parent == tmp_path / "out"
    assert json.loads(written.read_text(encoding="utf-8"))["$defs"]


@pytest.mark.parametrize("where", ["a-file", "a-file/sub", "x" * 300])
def test_schema_refuses_a_directory_it_cannot_make(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("x")
    code, out, err = run(["schema", "xsd", "-o", str(tmp_path / where)], capsys)
    assert code == ExitCode.UNUSABLE
    assert "cannot make the directory" in err
    assert "internal error" not in err
    assert out == ""


def test_module_entry_point_matches_console_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inspection_schema", "validate", str(MINIMAL)],
        capture_output=True,
        check=False,
        text=True,
    )
    assert done.returncode == 0
    assert "通过" in done.stdout
