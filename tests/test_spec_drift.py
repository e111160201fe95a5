"""scripts/spec_drift.py: what an upstream OpenAPI document has that ours does not account for.

Small fixture documents (tests/fixtures/drift) say the same thing in different ways (3.1 YAML against
3.0 JSON, other servers, schema names, path parameter names, variant splits); each test injects one
change into the upstream one. One test runs over the full reference document.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Optional

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "drift"
# `../shared` beside the project (a git worktree sits one level deeper).
_CANDIDATES = [base / "shared" / "reference" / "bigmodel-openapi-2026-07-11.json" for base in ROOT.parents]
REFERENCE = next((path for path in _CANDIDATES[:2] if path.exists()), _CANDIDATES[0])


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spec_drift", ROOT / "scripts" / "spec_drift.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["spec_drift"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


spec_drift = _load_script()
UPSTREAM: dict[str, Any] = json.loads((FIXTURES / "upstream.json").read_text(encoding="utf-8"))


class Run:
    def __init__(self, code: int, out: str) -> None:
        self.code = code
        self.out = out

    @property
    def report(self) -> Any:
        return json.loads(self.out)

    def findings(self) -> list[tuple[str, str, str, str]]:
        """(kind, operation, field, value or types) of each unaccounted finding."""
        return [
            (f["kind"], f["operation"], f.get("field", ""), f.get("value", "") or f.get("ours", ""))
            for f in self.report["findings"]
            if "accepted" not in f
        ]


@pytest.fixture
def drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(
        change: Optional[Callable[[dict[str, Any]], None]] = None,
        *args: str,
        accepted: str = "accepted: []\n",
        suffix: str = ".json",
        text: bool = False,
    ) -> Run:
        upstream = copy.deepcopy(UPSTREAM)
        if change:
            change(upstream)
        source = tmp_path / f"upstream{suffix}"
        source.write_text(json.dumps(upstream) if suffix == ".json" else yaml.safe_dump(upstream), encoding="utf-8")
        accepted_path = tmp_path / "accepted.yaml"
        accepted_path.write_text(accepted, encoding="utf-8")
        argv = [str(source), "--ours", str(FIXTURES / "ours.yaml"), "--accepted", str(accepted_path), *args]
        code = spec_drift.main(argv if text else [*argv, "--json"])
        return Run(code, capsys.readouterr().out)

    return run


def schemas(document: dict[str, Any]) -> Any:
    return document["components"]["schemas"]


# --- normalisation ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_the_same_api_said_differently_is_no_drift(drift: Callable[..., Run], suffix: str) -> None:
    # Other server path (/api/paas/v4/), {fileId} for {file_id}, OpenAPI 3.0 `nullable`, request variants
    # instead of one request, an enum for our discriminated union, model names our description mentions.
    run = drift(suffix=suffix)
    assert (run.code, run.findings()) == (0, [])


def test_paths_are_relative_to_the_api_root() -> None:
    assert spec_drift.normalise_path("/api/paas/v4/", "/chat/completions") == "/paas/v4/chat/completions"
    assert spec_drift.normalise_path("/api", "/v1/agents") == "/v1/agents"
    assert spec_drift.normalise_path("/api/coding/paas/v4", "/files/{fileId}") == "/paas/v4/files/{}"
    assert spec_drift.normalise_path("", "/api/paas/v4/files/{file_id}/") == "/paas/v4/files/{}"


# --- the injected changes ---------------------------------------------------------------------------------------------


def test_a_new_upstream_operation(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        document["paths"]["/embeddings"] = {"post": {"responses": {"200": {"description": "ok"}}}}

    run = drift(change)
    assert run.code == 1
    assert run.findings() == [("operation-added", "POST /paas/v4/embeddings", "", "")]


def test_an_operation_upstream_no_longer_has(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        del document["paths"]["/files/{fileId}"]

    assert drift(change).findings() == [("operation-removed", "DELETE /paas/v4/files/{}", "", "")]
    assert drift(change, "--subset").findings() == []  # an upstream document that describes part of the API


def test_a_new_request_field(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        schemas(document)["VisionRequest"]["properties"]["tool_stream"] = {"type": "boolean"}

    assert drift(change).findings() == [("field-added", "POST /paas/v4/chat/completions", "body:tool_stream", "")]


def test_a_new_query_parameter_and_a_newly_required_one(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        parameters = document["paths"]["/files/{fileId}"]["delete"]["parameters"]
        parameters[1]["required"] = True
        parameters.append({"name": "force", "in": "query", "schema": {"type": "boolean"}})

    assert drift(change).findings() == [
        ("field-added", "DELETE /paas/v4/files/{}", "query:force", ""),
        ("field-required", "DELETE /paas/v4/files/{}", "query:purpose", ""),
    ]


def test_a_retyped_response_field(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        schemas(document)["Response"]["properties"]["created"] = {"type": "string"}

    run = drift(change)
    assert run.findings() == [("field-retyped", "POST /paas/v4/chat/completions", "response:created", "integer")]
    assert run.report["findings"][0]["upstream"] == "string"


def test_a_new_enum_value(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        choice = schemas(document)["Response"]["properties"]["choices"]["items"]["properties"]
        choice["finish_reason"]["enum"].append("sensitive")  # our enum is closed: a value it lacks
        schemas(document)["TextRequest"]["properties"]["model"]["enum"] += ["glm-4.6", "glm-5.3"]  # open string

    assert drift(change).findings() == [
        ("enum-value-added", "POST /paas/v4/chat/completions", "body:model", "glm-5.3"),
        ("enum-value-added", "POST /paas/v4/chat/completions", "response:choices[].finish_reason", "sensitive"),
    ]


def test_sub_fields_go_with_a_new_field(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        schemas(document)["Response"]["properties"]["usage"] = {
            "type": "object",
            "properties": {"prompt_tokens": {"type": "integer"}, "total_tokens": {"type": "integer"}},
        }

    assert drift(change).findings() == [("field-added", "POST /paas/v4/chat/completions", "response:usage", "")]


def test_a_new_success_media_type(drift: Callable[..., Run]) -> None:
    def change(document: dict[str, Any]) -> None:
        content = document["paths"]["/chat/completions"]["post"]["responses"]["200"]["content"]
        content["text/event-stream"] = {"schema": {"$ref": "#/components/schemas/Response"}}

    findings = drift(change).findings()
    assert findings[0] == ("media-type-added", "POST /paas/v4/chat/completions", "", "text/event-stream")
    assert ("field-added", "POST /paas/v4/chat/completions", "stream:choices", "") in findings


# --- the accepted differences and the output -----------------------------------------------------------------------


def _new_field(document: dict[str, Any]) -> None:
    schemas(document)["TextRequest"]["properties"]["tool_stream"] = {"type": "boolean"}


def test_an_accepted_difference_is_not_drift(drift: Callable[..., Run]) -> None:
    accepted = """accepted:
  - kind: field-added
    operations: 'POST /paas/v4/chat/*'
    fields: ['body:tool_*']
    reason: Not for this SDK.
  - kind: operation-added
    operation: GET /paas/v4/gone
    reason: An entry that matches nothing any more.
"""
    run = drift(_new_field, accepted=accepted)
    assert run.code == 0
    assert run.report["findings"][0]["accepted"] == "Not for this SDK."
    assert [entry["kind"] for entry in run.report["stale_acceptances"]] == ["operation-added"]


def test_the_readable_report(drift: Callable[..., Run]) -> None:
    run = drift(_new_field, text=True)
    assert run.code == 1
    assert "POST /paas/v4/chat/completions\n  field-added body:tool_stream\n" in run.out
    assert run.out.rstrip().endswith("1 unaccounted difference(s), 0 accepted on purpose")


@pytest.mark.parametrize(
    "accepted",
    [
        "accepted:\n  - kind: field-added\n    operations: '*'\n",  # no reason
        "accepted:\n  - kind: renamed\n    operations: '*'\n    reason: x\n",  # unknown kind
        "accepted:\n  - kind: field-added\n    reason: x\n",  # no operation
        "accepted: {}\n",
    ],
)
def test_a_bad_accepted_file_is_an_error(drift: Callable[..., Run], accepted: str) -> None:
    run = drift(accepted=accepted, text=True)
    assert (run.code, run.out) == (2, "")


def test_a_document_that_is_not_openapi_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "swagger.json").write_text('{"swagger": "2.0", "paths": {}}', encoding="utf-8")
    assert spec_drift.main([str(tmp_path / "swagger.json")]) == 2
    assert "OpenAPI 2.0 is not supported" in capsys.readouterr().err


# --- the reference document ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference document is not beside the project")
def test_our_document_accounts_for_the_reference_document() -> None:
    report = spec_drift.drift(str(REFERENCE))
    assert [finding.describe() for finding in report.unaccounted] == []
    assert [entry.label() for entry in report.stale] == []
    assert len(report.findings) > 100  # the comparison ran: it found and accepted the known differences
