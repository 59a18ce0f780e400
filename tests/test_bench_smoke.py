"""The benchmark's document builder still works, so the benchmark cannot silently rot."""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from inspection_schema.api import validate
from inspection_schema.codecs.json import dumps, loads
from inspection_schema.integrity import check_integrity
from inspection_schema.model import Document, DocumentKind
from inspection_schema.plugins.manager import PluginHost

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("inspection_schema_bench", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_document_loads_and_round_trips() -> None:
    bench = _bench()
    document = bench.build_document(20)
    assert isinstance(document, Document)
    assert document.kind is DocumentKind.FULL_RECORD
    [rectification] = document.rectifications
    assert len(rectification.entries) == 20
    assert rectification.plan is not None
    assert len(rectification.plan.tasks) == 20
    kinds = {type(event).__name__ for entry in rectification.entries for event in entry.history}
    assert {"ProgressNote", "StatusChange", "Acceptance", "SignOff"} <= kinds
    data = dumps(document)
    assert loads(data) == document
    assert dumps(loads(data)) == data
    assert check_integrity(document) == []
    assert bench.build_document(20) == document  # deterministic


def test_the_benchmark_document_breaks_no_rule(plugin_host: PluginHost) -> None:
    # RATIO validate measures the rules on a document they accept, as most documents are.
    document = _bench().build_document(300)
    assert validate(document, as_of=datetime.date(2024, 6, 30)) == []
