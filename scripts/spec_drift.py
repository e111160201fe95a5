"""Compare openapi/openapi.yaml with an upstream Z.ai / BigModel OpenAPI document and report the drift.

    python scripts/spec_drift.py UPSTREAM [--json] [--all] [--accepted FILE] [--subset]

UPSTREAM is a file or an http(s) URL holding an OpenAPI 3.0 or 3.1 document, JSON or YAML.

Both documents are reduced to the same shape before they are compared:
- operations are keyed `METHOD /path`, the path made relative to the API root (the server URL's
  path is prefixed, then a leading `/api` or `/api/coding` is dropped) and every path parameter
  written `{}`, so `{taskId}` and `{task_id}` are the same path;
- each operation's inputs and outputs become flat field names: `query:purpose`, `header:x-session-id`,
  `body:messages[].role` (every request media type), `response:choices[].message.content` (the
  success response's JSON) and `stream:choices[].delta.content` (its `text/event-stream` schema).
  `$ref`s are followed, `allOf`/`oneOf`/`anyOf` are merged (a field of any variant is a field), so
  schema names, variant splits and our discriminated unions do not count as drift.

Reported, per operation: operations added or removed upstream, fields added or removed upstream,
fields whose JSON type differs (`null` aside), request fields upstream requires and we do not,
enum values upstream lists and we do not (for a closed enum, a value missing from it; for an open
string, a value its description does not mention), and success media types added or removed.

Differences we keep on purpose are listed in one reviewed file, openapi/drift-accepted.yaml; each
entry gives a reason. The exit status is 1 when a finding is not accepted there, 2 on bad input.
`--subset` is for upstream documents that describe only part of the API (docs.z.ai's): operations
it lacks are not reported as removed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "openapi" / "openapi.yaml"
ACCEPTED = ROOT / "openapi" / "drift-accepted.yaml"

METHODS = ("get", "put", "post", "delete", "patch")
# Prefixes of a full path that name the API root rather than the operation.
API_ROOTS = ("/api/coding", "/api")
MAX_DEPTH = 12

KINDS = (
    "operation-added",
    "operation-removed",
    "field-added",
    "field-removed",
    "field-retyped",
    "field-required",
    "enum-value-added",
    "media-type-added",
    "media-type-removed",
)


class DriftError(Exception):
    """Bad input: a document or the accepted file cannot be read."""


# --- loading -----------------------------------------------------------------------------------


def _yaml_loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it: 10x faster


def load_document(source: str) -> dict[str, Any]:
    """Read an OpenAPI document from a file or an http(s) URL; JSON or YAML."""
    scheme = urllib.parse.urlparse(source).scheme
    try:
        if scheme in ("http", "https"):
            with urllib.request.urlopen(source, timeout=60) as response:
                text = response.read().decode("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        raise DriftError(f"cannot read {source}: {error}") from error
    try:
        document = json.loads(text)
    except ValueError:
        try:
            document = yaml.load(text, Loader=_yaml_loader())
        except yaml.YAMLError as error:
            raise DriftError(f"{source} is neither JSON nor YAML: {error}") from error
    if not isinstance(document, dict) or "paths" not in document:
        raise DriftError(f"{source} is not an OpenAPI document (no `paths`)")
    version = str(document.get("openapi", document.get("swagger", "")))
    if not version.startswith(("3.0", "3.1")):
        raise DriftError(f"{source}: OpenAPI {version or '(no version)'} is not supported (3.0 or 3.1)")
    return document


# --- reducing a document to operations and fields ------------------------------------------------


@dataclass
class Field:
    """What a document says about one field, merged over every place (variant) that defines it."""

    types: set[str] = field(default_factory=set)
    enum: set[str] = field(default_factory=set)
    closed: bool = False  # it has an enum or a const
    description: str = ""
    required: Optional[bool] = None  # None until seen; then required in every definition

    def merge(self, types: set[str], enum: set[str], closed: bool, description: str, required: bool) -> None:
        self.types |= types
        self.enum |= enum
        self.closed = self.closed or closed
        if description and description not in self.description:
            self.description = f"{self.description}\n{description}" if self.description else description
        self.required = required if self.required is None else (self.required and required)


@dataclass
class Operation:
    key: str
    fields: dict[str, Field] = field(default_factory=dict)
    media_types: set[str] = field(default_factory=set)  # of the success response


def normalise_path(base: str, path: str) -> str:
    full = "/" + "/".join(part for part in (base + "/" + path).split("/") if part)
    for root in API_ROOTS:
        if full == root or full.startswith(root + "/"):
            full = full[len(root) :] or "/"
            break
    return re.sub(r"{[^}]*}", "{}", full)


def _base_path(document: dict[str, Any]) -> str:
    servers = document.get("servers") or [{}]
    url = re.sub(r"{[^}]*}", "x", str(servers[0].get("url", "")))  # server variables do not matter here
    return urllib.parse.urlparse(url).path


class _Reducer:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, node: Any, refs: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
        while isinstance(node, dict) and "$ref" in node:
            ref = str(node["$ref"])
            if ref in refs or not ref.startswith("#/"):
                return {}, refs  # a cycle (or an outside reference): stop here
            refs = (*refs, ref)
            target: Any = self.document
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part, {}) if isinstance(target, dict) else {}
            node = target
        return node, refs

    def walk(
        self,
        schema: Any,
        name: str,
        out: dict[str, Field],
        refs: tuple[str, ...] = (),
        required: bool = False,
        depth: int = 0,
    ) -> None:
        schema, refs = self.resolve(schema, refs)
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            return
        types = _types(schema)
        if name:
            enum = {str(value) for value in schema.get("enum", []) if value is not None}
            closed = bool(enum) or "const" in schema
            if "const" in schema:
                enum.add(str(schema["const"]))
            out.setdefault(name, Field()).merge(
                types, enum, closed, str(schema.get("description", "")), required and "null" not in types
            )
        for keyword in ("allOf", "oneOf", "anyOf"):
            for variant in schema.get(keyword) or []:
                # allOf parts share the object; oneOf/anyOf variants are merged (a field of any is a field).
                self.walk(variant, name, out, refs, required, depth + 1)
        needed = set(schema.get("required") or [])
        for prop, sub in (schema.get("properties") or {}).items():
            child = f"{name}{prop}" if name.endswith(":") else f"{name}.{prop}"
            self.walk(sub, child, out, refs, prop in needed, depth + 1)
        if "items" in schema:
            self.walk(schema["items"], f"{name}[]", out, refs, False, depth + 1)

    def operations(self) -> dict[str, Operation]:
        base = _base_path(self.document)
        result: dict[str, Operation] = {}
        for path, item in (self.document.get("paths") or {}).items():
            item, _ = self.resolve(item, ())
            shared = item.get("parameters") or []
            for method in METHODS:
                if method not in item:
                    continue
                key = f"{method.upper()} {normalise_path(base, str(path))}"
                result[key] = self.operation(key, item[method], shared)
        return result

    def operation(self, key: str, raw: dict[str, Any], shared: list[Any]) -> Operation:
        operation = Operation(key)
        for parameter in [*shared, *(raw.get("parameters") or [])]:
            parameter, refs = self.resolve(parameter, ())
            where = str(parameter.get("in", ""))
            if where in ("path", "cookie") or not parameter.get("name"):
                continue  # path parameters are positional: the normalised path covers them
            name = str(parameter["name"])
            if where == "header":
                name = name.lower()
            schema = parameter.get("schema") or {}
            self.walk(schema, f"{where}:{name}", operation.fields, refs, bool(parameter.get("required")))
            if f"{where}:{name}" in operation.fields:  # a parameter's description sits beside its schema
                description = str(parameter.get("description", ""))
                operation.fields[f"{where}:{name}"].merge(set(), set(), False, description, True)
        body, refs = self.resolve(raw.get("requestBody") or {}, ())
        for media in (body.get("content") or {}).values():
            self.walk((media or {}).get("schema"), "body:", operation.fields, refs)
        responses = raw.get("responses") or {}
        success = sorted(code for code in responses if str(code).startswith("2"))
        if success:
            response, refs = self.resolve(responses[success[0]], ())
            for media_type, media in (response.get("content") or {}).items():
                media_type = str(media_type).split(";")[0].strip().lower()
                operation.media_types.add(media_type)
                if media_type == "text/event-stream":
                    prefix = "stream:"
                elif media_type == "application/json" or media_type.endswith("+json"):
                    prefix = "response:"
                else:
                    continue
                self.walk((media or {}).get("schema"), prefix, operation.fields, refs)
        # The roots ("body:", "response:") are the schemas themselves, not fields.
        operation.fields = {name: value for name, value in operation.fields.items() if not name.endswith(":")}
        return operation


def _types(schema: dict[str, Any]) -> set[str]:
    raw = schema.get("type")
    types = {str(t) for t in raw} if isinstance(raw, list) else ({str(raw)} if raw else set())
    if schema.get("nullable"):
        types.add("null")
    if not types:
        if "properties" in schema:
            types.add("object")
        elif "items" in schema:
            types.add("array")
    return types


def reduce(document: dict[str, Any]) -> dict[str, Operation]:
    return _Reducer(document).operations()


# --- comparing -----------------------------------------------------------------------------------


@dataclass
class Finding:
    kind: str
    operation: str
    field: str = ""
    value: str = ""
    ours: str = ""
    upstream: str = ""
    accepted: str = ""  # the reason, when openapi/drift-accepted.yaml accepts it

    def describe(self) -> str:
        where = f" {self.field}" if self.field else ""
        if self.kind == "field-retyped":
            return f"{self.kind}{where}: ours {self.ours}, upstream {self.upstream}"
        if self.kind in ("enum-value-added", "media-type-added", "media-type-removed"):
            return f"{self.kind}{where}: {self.value}"
        return f"{self.kind}{where}"


def _type_text(types: set[str]) -> str:
    return "|".join(sorted(types - {"null"})) or "any"


def _mentioned(value: str, text: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w-]|\.\w)", text) is not None


def compare(ours: dict[str, Operation], upstream: dict[str, Operation], subset: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    for key in sorted(set(upstream) - set(ours)):
        findings.append(Finding("operation-added", key))
    if not subset:
        for key in sorted(set(ours) - set(upstream)):
            findings.append(Finding("operation-removed", key))
    for key in sorted(set(ours) & set(upstream)):
        mine, theirs = ours[key], upstream[key]
        for media_type in sorted(theirs.media_types - mine.media_types):
            findings.append(Finding("media-type-added", key, value=media_type))
        for media_type in sorted(mine.media_types - theirs.media_types):
            findings.append(Finding("media-type-removed", key, value=media_type))
        # The sub-fields of a field added, removed or retyped on one side only go with that field.
        reported: list[str] = []
        for name in sorted(set(theirs.fields) | set(mine.fields)):
            one_sided = name not in mine.fields or name not in theirs.fields
            if one_sided and any(name.startswith((parent + ".", parent + "[]")) for parent in reported):
                continue
            found = _compare_field(key, name, mine.fields.get(name), theirs.fields.get(name))
            if found and found[0].kind in ("field-added", "field-removed", "field-retyped"):
                reported.append(name)
            findings.extend(found)
    return findings


def _compare_field(key: str, name: str, mine: Optional[Field], theirs: Optional[Field]) -> list[Finding]:
    if mine is None:
        return [Finding("field-added", key, name)]
    if theirs is None:
        return [Finding("field-removed", key, name)]
    findings = []
    our_types, their_types = mine.types - {"null"}, theirs.types - {"null"}
    if our_types and their_types and our_types != their_types:
        findings.append(
            Finding("field-retyped", key, name, ours=_type_text(our_types), upstream=_type_text(their_types))
        )
    is_input = not name.startswith(("response:", "stream:"))
    if is_input and theirs.required and not mine.required:
        findings.append(Finding("field-required", key, name))
    for value in sorted(theirs.enum - mine.enum):
        if mine.closed or not _mentioned(value, mine.description):
            findings.append(Finding("enum-value-added", key, name, value=value))
    return findings


# --- the accepted differences ----------------------------------------------------------------------


@dataclass
class Acceptance:
    reason: str
    kind: str
    operations: list[str]
    fields: list[str]
    values: list[str]
    ours: str = ""  # for field-retyped: the types, as the report writes them
    upstream: str = ""
    used: int = 0

    def matches(self, finding: Finding) -> bool:
        return (
            finding.kind == self.kind
            and any(_glob(pattern, finding.operation) for pattern in self.operations)
            and (not self.fields or any(_glob(pattern, finding.field) for pattern in self.fields))
            and (not self.values or finding.value in self.values)
            and (not self.ours or finding.ours == self.ours)
            and (not self.upstream or finding.upstream == self.upstream)
        )

    def label(self) -> str:
        parts = [self.kind, ", ".join(self.operations)]
        if self.fields:
            parts.append(", ".join(self.fields))
        if self.values:
            parts.append(", ".join(self.values))
        if self.ours or self.upstream:
            parts.append(f"ours {self.ours or '*'}, upstream {self.upstream or '*'}")
        return " | ".join(parts)


def _glob(pattern: str, text: str) -> bool:
    """`*` matches anything; every other character is literal (field names contain `[]`)."""
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), text) is not None


def _strings(entry: dict[str, Any], singular: str, plural: str, where: str) -> list[str]:
    raw = entry.get(plural, entry.get(singular, []))
    values = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(value, (str, int, float)) for value in values):
        raise DriftError(f"{where}: `{plural}` must be a string or a list of strings")
    return [str(value) for value in values]


def load_accepted(path: Path) -> list[Acceptance]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())
    except (OSError, yaml.YAMLError) as error:
        raise DriftError(f"cannot read {path}: {error}") from error
    entries = (raw or {}).get("accepted") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise DriftError(f"{path}: expected a mapping with an `accepted` list")
    result = []
    for index, entry in enumerate(entries):
        where = f"{path.name}: entry {index + 1}"
        if not isinstance(entry, dict):
            raise DriftError(f"{where}: expected a mapping")
        keys = {"kind", "reason", "operation", "operations", "field", "fields", "value", "values", "ours", "upstream"}
        unknown = set(entry) - keys
        if unknown:
            raise DriftError(f"{where}: unknown keys {sorted(unknown)}")
        if entry.get("kind") not in KINDS:
            raise DriftError(f"{where}: `kind` must be one of {', '.join(KINDS)}")
        if not str(entry.get("reason", "")).strip():
            raise DriftError(f"{where}: every accepted difference needs a `reason`")
        operations = _strings(entry, "operation", "operations", where)
        if not operations:
            raise DriftError(f"{where}: name the operation(s), `*` for all")
        result.append(
            Acceptance(
                reason=" ".join(str(entry["reason"]).split()),
                kind=str(entry["kind"]),
                operations=operations,
                fields=_strings(entry, "field", "fields", where),
                values=_strings(entry, "value", "values", where),
                ours=str(entry.get("ours", "")),
                upstream=str(entry.get("upstream", "")),
            )
        )
    return result


def apply_accepted(findings: list[Finding], accepted: list[Acceptance]) -> None:
    for finding in findings:
        for entry in accepted:
            if entry.matches(finding):
                entry.used += 1
                finding.accepted = finding.accepted or entry.reason


# --- reporting -------------------------------------------------------------------------------------


@dataclass
class Report:
    upstream: str
    findings: list[Finding]
    stale: list[Acceptance]

    @property
    def unaccounted(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.accepted]

    def to_json(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for finding in self.unaccounted:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        return {
            "upstream": self.upstream,
            "unaccounted": len(self.unaccounted),
            "accepted": len(self.findings) - len(self.unaccounted),
            "counts": counts,
            "findings": [
                {key: value for key, value in vars(finding).items() if value != ""} for finding in self.findings
            ],
            "stale_acceptances": [{"kind": entry.kind, "label": entry.label()} for entry in self.stale],
        }

    def text(self, show_accepted: bool = False) -> str:
        shown = self.findings if show_accepted else self.unaccounted
        lines = [f"Drift against {self.upstream}"]
        by_operation: dict[str, list[Finding]] = {}
        for finding in shown:
            by_operation.setdefault(finding.operation, []).append(finding)
        reasons: dict[str, int] = {}  # each reason is printed once, at the end
        for operation, findings in by_operation.items():
            lines.append(f"\n{operation}")
            for finding in findings:
                suffix = ""
                if finding.accepted:
                    suffix = f"    [accepted, reason {reasons.setdefault(finding.accepted, len(reasons) + 1)}]"
                lines.append(f"  {finding.describe()}{suffix}")
        accepted = len(self.findings) - len(self.unaccounted)
        lines.append("")
        if reasons:
            lines.append("Reasons (openapi/drift-accepted.yaml):")
            lines.extend(f"  {number}. {reason}" for reason, number in reasons.items())
        if self.stale:
            lines.append("Accepted differences that no longer occur (remove them from the accepted file):")
            lines.extend(f"  {entry.label()}" for entry in self.stale)
        lines.append(
            f"{len(self.unaccounted)} unaccounted difference(s), {accepted} accepted on purpose"
            + ("" if self.unaccounted else ": our document accounts for the upstream one.")
        )
        return "\n".join(lines)


def drift(
    upstream_source: str,
    ours_source: str = str(OURS),
    accepted_path: Path = ACCEPTED,
    subset: bool = False,
) -> Report:
    upstream = load_document(upstream_source)
    ours = load_document(ours_source)
    findings = compare(reduce(ours), reduce(upstream), subset=subset)
    accepted = load_accepted(accepted_path)
    apply_accepted(findings, accepted)
    title = str((upstream.get("info") or {}).get("title", ""))
    label = f"{upstream_source} ({title} {upstream.get('openapi')})" if title else upstream_source
    return Report(label, findings, [entry for entry in accepted if not entry.used])


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("upstream", help="the upstream OpenAPI document: a file or an http(s) URL, JSON or YAML")
    parser.add_argument("--ours", default=str(OURS), help="our document (default: openapi/openapi.yaml)")
    parser.add_argument("--accepted", type=Path, default=ACCEPTED, help="the reviewed list of accepted differences")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--all", action="store_true", help="also list the accepted differences")
    parser.add_argument("--subset", action="store_true", help="upstream describes part of the API: no removals")
    args = parser.parse_args(argv)
    try:
        report = drift(args.upstream, args.ours, args.accepted, subset=args.subset)
    except DriftError as error:
        print(f"spec-drift: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report.text(show_accepted=args.all))
    return 1 if report.unaccounted else 0


if __name__ == "__main__":
    sys.exit(main())
