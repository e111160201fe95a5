"""Run by zai-sdk 0.2.3's interpreter (the side environment): print its import surface as JSON.

Every module of the installed `zai` package whose path has no segment starting with `_`, plus the
four private modules user code reaches (`zai.core._errors`, `_base_models`, `_base_type`,
`_streaming`). For
each public name of a module: its kind, an identity key (names bound to one object share it) and,
for names zai-sdk merely imports from another package, that package.

Standard library only besides zai-sdk itself (and pydantic, which it needs). Run it from a
directory without a `zai/` folder, or our package would shadow zai-sdk's.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
import types
from typing import Any

PRIVATE_MODULES = ("zai.core._errors", "zai.core._base_models", "zai.core._base_type", "zai.core._streaming")


def module_names(root: str) -> list[str]:
    """Every module and package (namespace packages included) under the `zai` directory."""
    names: set[str] = set()
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        relative = os.path.relpath(directory, root)
        package = "zai" if relative == "." else "zai." + relative.replace(os.sep, ".")
        if any(name.endswith(".py") for name in files):
            names.add(package)
        names.update(f"{package}.{name[:-3]}" for name in files if name.endswith(".py") and name != "__init__.py")
    public = {n for n in names if not any(part.startswith("_") for part in n.split("."))}
    return sorted(public | set(PRIVATE_MODULES))


def third_party_origin(name: str, value: Any) -> str | None:
    """The package a name comes from when it is not zai-sdk's own (same object, same name)."""
    if isinstance(value, types.ModuleType):
        return None if value.__name__.split(".")[0] == "zai" else value.__name__
    for module_name, module in list(sys.modules.items()):
        if module is None or module_name.split(".")[0] in ("zai", "__main__"):
            continue
        try:
            if getattr(module, name, None) is value:
                return module_name.split(".")[0]
        except Exception:
            continue
    return None


def kind_of(value: Any) -> str:
    import pydantic  # noqa: PLC0415  (zai-sdk's dependency)
    import typing_extensions  # noqa: PLC0415

    if isinstance(value, types.ModuleType):
        return "module"
    if inspect.isclass(value):
        if issubclass(value, BaseException):
            return "exception"
        if issubclass(value, pydantic.BaseModel):
            return "model"
        if typing_extensions.is_typeddict(value):
            return "typeddict"
        return "class"
    if inspect.isfunction(value) or inspect.isbuiltin(value):
        return "function"
    if type(value).__module__ in ("typing", "typing_extensions"):
        return "alias"
    return "value"


def identity(value: Any) -> str:
    if isinstance(value, types.ModuleType):
        return value.__name__
    if inspect.isclass(value) or inspect.isfunction(value):
        return f"{value.__module__}.{value.__qualname__}"
    return f"object-{id(value)}"


def main() -> None:
    import zai  # noqa: PLC0415

    root = os.path.dirname(os.path.abspath(zai.__file__))
    surface: dict[str, dict[str, dict[str, Any]]] = {}
    for module_name in module_names(root):
        module = importlib.import_module(module_name)
        entries: dict[str, dict[str, Any]] = {}
        for name, value in sorted(vars(module).items()):
            if not name.isidentifier() or (name.startswith("_") and name != "__version__"):
                continue
            entry: dict[str, Any] = {"kind": kind_of(value), "id": identity(value), "type": type(value).__name__}
            origin = third_party_origin(name, value)
            if origin is not None:
                entry["third_party"] = origin
            entries[name] = entry
        surface[module_name] = entries
    json.dump({"version": zai.__version__, "file": zai.__file__, "modules": surface}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
