"""Every name zai-sdk 0.2.3 makes importable imports from ours, with the same meaning.

The list comes from zai-sdk itself, installed in the side environment (`zai_sdk_surface.py`): every
module whose path has no segment starting with `_`, and the names user code reaches in
`zai.core._errors`, `_base_models`, `_base_type` and `_streaming`. A name counts as present when it imports and
is the same kind of thing (a module of the same path, a model class of ours, an error class, a
TypedDict, ...), and names bound to one object in zai-sdk are bound to one object here too.
Deliberate omissions are the rows of `OMISSIONS` (mirrored in docs/migration.md), each with its
reason; a row that no longer matches anything fails the test.
"""

from __future__ import annotations

import importlib
import inspect
import types
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import zai
from zai._pagination import AsyncCursorPage, SyncCursorPage
from zai_api.types import BaseModel

# Private modules of zai-sdk that user code reaches, and the names it reaches there (None: all).
PRIVATE_MODULES: dict[str, frozenset[str] | None] = {
    "zai.core._errors": None,
    "zai.core._base_models": frozenset({"BaseModel"}),
    "zai.core._base_type": frozenset({"NOT_GIVEN", "NotGiven", "Body", "Headers", "Query", "FileTypes"}),
    # `cast("StreamResponse[ChatCompletionChunk]", ...)` in programs written against zai-sdk
    "zai.core._streaming": frozenset({"StreamResponse"}),
}


@dataclass(frozen=True)
class Omission:
    names: frozenset[str]
    reason: str
    modules: str = ""  # only in modules whose path starts with this
    matches: Callable[[str, str, dict[str, Any]], bool] | None = None  # or any name this accepts


def _third_party(module: str, name: str, entry: dict[str, Any]) -> bool:
    return "third_party" in entry


def _private_internals(module: str, name: str, entry: dict[str, Any]) -> bool:
    reached = PRIVATE_MODULES.get(module)
    return module in PRIVATE_MODULES and reached is not None and name not in reached


OMISSIONS = [
    Omission(
        frozenset(),
        "Names a zai-sdk module merely imports from another package (typing, typing_extensions, "
        "pydantic, httpx, logging, functools, json, os, time, ...): not zai-sdk's API; import them "
        "from their own package.",
        matches=_third_party,
    ),
    Omission(
        frozenset(),
        "The other names of the private modules `zai.core._base_models`, `zai.core._base_type` and "
        "`zai.core._streaming`: zai-sdk's pydantic construction helpers, httpx request types and "
        "SSE parser.",
        matches=_private_internals,
    ),
    Omission(
        frozenset({"BaseAPI"}),
        "zai-sdk's base class of its resource classes. The resources here are generated classes "
        "without a shared base; `zai.api_resource` names each of them.",
    ),
    Omission(
        frozenset(
            {
                "make_request_options",
                "maybe_transform",
                "deepcopy_minimal",
                "extract_files",
                "drop_prefix_image_data",
                "is_file_content",
                "is_list",
                "is_mapping",
                "construct_type",
                "PropertyInfo",
            }
        ),
        "zai-sdk's internal request-building and response-parsing helpers, imported into its "
        "resource and type modules and re-exported by `zai.core`. The generated methods build "
        "requests themselves; `drop_prefix_image_data` rewrote the caller's messages, which this "
        "SDK does not do on purpose.",
    ),
    Omission(
        frozenset(
            {"PYDANTIC_V2", "GenericModel", "get_model_config", "get_model_fields", "field_get_default", "parse_obj"}
        ),
        "zai-sdk's pydantic v1/v2 compatibility shims (`zai.core`). The models here are not "
        "pydantic models and pydantic is optional; their pydantic-style methods are on the models.",
    ),
    Omission(
        frozenset({"logger"}),
        "The module loggers of zai-sdk's resource modules. This SDK logs on the `zai` logger "
        "(`ZAI_LOG`, docs/configuration.md).",
        modules="zai.api_resource.",
    ),
    Omission(
        frozenset({"SyncPage", "BasePage", "BaseSyncPage", "PageInfo", "CursorPageItem"}),
        "zai-sdk's page base classes and a `SyncPage` that no method returns. List calls return "
        "`SyncCursorPage` here as there (`zai.core.pagination.SyncCursorPage`).",
        modules="zai.core.pagination",
    ),
]

# Names whose kind differs for a reason that is not a difference in meaning.
KIND_EXCEPTIONS = {
    ("zai.core", "IncEx"): "zai-sdk binds it to a string (a forward reference); here it is the typing alias it names",
}


def omission_for(module: str, name: str, entry: dict[str, Any]) -> Omission | None:
    for row in OMISSIONS:
        if not module.startswith(row.modules):
            continue
        if name in row.names or (row.matches is not None and row.matches(module, name, entry)):
            return row
    return None


def _is_typeddict(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, dict) and hasattr(value, "__total__")


def kind_matches(module: str, name: str, entry: dict[str, Any], ours: Any) -> bool:
    kind = entry["kind"]
    if (module, name) in KIND_EXCEPTIONS:
        return ours is not None
    if kind == "module":
        return isinstance(ours, types.ModuleType) and ours.__name__ == entry["id"]
    if kind == "model":
        return inspect.isclass(ours) and (issubclass(ours, BaseModel) or ours in (SyncCursorPage, AsyncCursorPage))
    if kind == "exception":
        return inspect.isclass(ours) and issubclass(ours, zai.ZaiError)
    if kind == "typeddict":
        return _is_typeddict(ours)
    if kind == "class":
        return inspect.isclass(ours)
    if kind == "function":
        return callable(ours)
    if kind == "alias":
        return ours is not None
    # A value: of the same type (ours, when the module names zai-sdk's type, as with `NotGiven`).
    same_named_type = getattr(importlib.import_module(module), entry["type"], None)
    if inspect.isclass(same_named_type):
        return isinstance(ours, same_named_type)
    return bool(type(ours).__name__ == entry["type"])


def resolve(module: str, name: str) -> Any:
    """What `from module import name` gives (a submodule if it is not an attribute)."""
    imported = importlib.import_module(module)
    if hasattr(imported, name):
        return getattr(imported, name)
    return importlib.import_module(f"{module}.{name}")


def checked_names(
    surface: dict[str, Any],
) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[tuple[str, str], Omission]]:
    expected: dict[tuple[str, str], dict[str, Any]] = {}
    omitted: dict[tuple[str, str], Omission] = {}
    for module, entries in surface["modules"].items():
        for name, entry in entries.items():
            row = omission_for(module, name, entry)
            if row is None:
                expected[(module, name)] = entry
            else:
                omitted[(module, name)] = row
    return expected, omitted


def test_every_zai_sdk_name_imports_with_its_meaning(zai_sdk_surface: dict[str, Any]) -> None:
    expected, _ = checked_names(zai_sdk_surface)
    missing: list[str] = []
    different: list[str] = []
    for (module, name), entry in sorted(expected.items()):
        try:
            ours = resolve(module, name)
        except (ImportError, AttributeError) as error:
            missing.append(f"{module}.{name} ({entry['kind']}): {error}")
            continue
        if not kind_matches(module, name, entry, ours):
            different.append(f"{module}.{name}: zai-sdk has a {entry['kind']}, ours is {ours!r}")
    assert missing == [], f"{len(missing)} missing:\n" + "\n".join(missing)
    assert different == [], "\n".join(different)
    # The scale of the surface, so a broken listing cannot pass by listing nothing.
    assert len(zai_sdk_surface["modules"]) >= 120
    assert len(expected) >= 650


def test_names_bound_together_in_zai_sdk_are_bound_together_here(zai_sdk_surface: dict[str, Any]) -> None:
    expected, _ = checked_names(zai_sdk_surface)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (module, name), entry in expected.items():
        groups[entry["id"]].append((module, name))
    split: list[str] = []
    for identity, places in sorted(groups.items()):
        objects = {id(resolve(module, name)) for module, name in places}
        if len(objects) > 1:
            split.append(f"{identity}: " + ", ".join(f"{m}.{n}" for m, n in places))
    assert split == [], "\n".join(split)


def test_every_omission_is_still_needed(zai_sdk_surface: dict[str, Any]) -> None:
    _, omitted = checked_names(zai_sdk_surface)
    used = {id(row) for row in omitted.values()}
    assert [row.reason for row in OMISSIONS if id(row) not in used] == []
    for row in OMISSIONS:  # an omitted name must really be absent, or it belongs in the checked list
        for module, name in [key for key, value in omitted.items() if value is row and row.matches is None]:
            try:
                resolve(module, name)
            except (ImportError, AttributeError):
                continue
            raise AssertionError(f"{module}.{name} is listed as omitted but imports")


def test_zai_sdk_public_modules_all_exist_here(zai_sdk_surface: dict[str, Any]) -> None:
    for module in zai_sdk_surface["modules"]:
        assert importlib.import_module(module).__name__ == module


def test_omissions_are_documented() -> None:
    """docs/migration.md mirrors `OMISSIONS`: every omitted name is in its "Names not provided" table."""
    from tests.compat.conftest import ROOT  # noqa: PLC0415

    text = (ROOT / "docs" / "migration.md").read_text(encoding="utf-8")
    section = text.split("### Names not provided", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    assert len(rows) == len(OMISSIONS) + 1  # the header
    for name in sorted({name for row in OMISSIONS for name in row.names}):
        assert f"`{name}`" in section, name
