"""JSON Schemas of the models (from the OpenAPI document) and their pydantic integration.

`schemas.json`, shipped beside this module, holds the document's component schemas; each model
class names its own schema with a JSON pointer (`_zai_schema`, written by the model template).
`model_json_schema()` turns that schema into a JSON Schema as pydantic writes one: the document's
`$ref`s point into `$defs` (named after the components), `example` becomes `examples`, the
document's `x-` extensions are left out, and the root gets the class name as its `title`.

pydantic is optional. The hooks below import `pydantic_core` only when pydantic itself asks for
them (building a schema for a pydantic model or `TypeAdapter` with one of our models in it, or
serializing one of our models held in an `Any` field); nothing here runs on ``import zai``.
"""

# The model base's own machinery: it reads the models' private class data (`_zai_schema`).
# pyright: reportPrivateUsage=false
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Optional, cast

from ._model_dump import by_key
from ._model_base import BaseModel

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema, SchemaSerializer

__all__ = ["core_schema", "json_schema", "property_descriptions", "pydantic_json_schema", "serializer"]

COMPONENTS = "#/components/schemas/"
# Keywords whose values are schemas (or maps or lists of schemas); the others hold data.
_SCHEMA_MAPS = frozenset(("properties", "patternProperties", "$defs", "dependentSchemas"))
_SCHEMA_LISTS = frozenset(("allOf", "anyOf", "oneOf", "prefixItems"))
_SCHEMA_VALUES = frozenset(
    ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems")
    + ("unevaluatedProperties",)
)

_document: dict[str, Any] | None = None


def document() -> dict[str, Any]:
    """The shipped component schemas (read once)."""
    global _document
    if _document is None:
        text = resources.files(__package__ or "zai_api").joinpath("schemas.json").read_text(encoding="utf-8")
        _document = cast("dict[str, Any]", json.loads(text))
    return _document


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def resolve(pointer: str) -> Any:
    """The schema at a JSON pointer of the document (``#/components/schemas/...``)."""
    if not pointer.startswith("#/"):
        raise LookupError(f"not a local JSON pointer: {pointer!r}")
    node: Any = document()
    for part in pointer[2:].split("/"):
        key = _unescape(part)
        node = cast("Sequence[Any]", node)[int(key)] if isinstance(node, list) else cast("Mapping[str, Any]", node)[key]
    return node


def _schema_of(cls: type[BaseModel]) -> tuple[str, dict[str, Any]]:
    pointer = cls._zai_schema
    if not pointer:
        raise LookupError(f"{cls.__name__} has no schema in the API document")
    return pointer, cast("dict[str, Any]", resolve(pointer))


def property_descriptions(cls: type[BaseModel]) -> dict[str, str]:
    """Wire name -> the document's description of that property (`model_fields` shows them)."""
    try:
        _, schema = _schema_of(cls)
    except LookupError:
        return {}
    result: dict[str, str] = {}
    for part in [schema, *schema.get("allOf", ())]:
        if "$ref" in part:
            part = resolve(part["$ref"])
        for name, prop in part.get("properties", {}).items():
            if "$ref" in prop and "description" not in prop:
                prop = resolve(prop["$ref"])
            if isinstance(prop.get("description"), str):
                result.setdefault(name, prop["description"])
    return result


# --- model_json_schema -------------------------------------------------------------------------

_index: dict[str, type[BaseModel]] | None = None


def _classes_by_pointer() -> dict[str, type[BaseModel]]:
    # Only `by_alias=False` needs to know which class a nested schema belongs to: import them all once.
    global _index
    if _index is None:
        from importlib import import_module  # noqa: PLC0415

        models = import_module(f"{__package__ or 'zai_api'}.models")
        index: dict[str, type[BaseModel]] = {}
        for name in getattr(models, "_MODULES", {}):
            obj = getattr(models, name)
            if isinstance(obj, type) and issubclass(obj, BaseModel) and obj._zai_schema:
                index[obj._zai_schema] = obj
        _index = index
    return _index


class _Converter:
    """Rewrites document schemas into JSON Schema: refs into `$defs` (or inline), no extensions."""

    def __init__(self, *, ref_template: str | None, by_alias: bool) -> None:
        self.ref_template = ref_template  # None: inline every reference (there are no cycles)
        self.by_alias = by_alias
        self.defs: dict[str, Any] = {}
        self._inlining: list[str] = []

    def convert(self, node: Any, pointer: str) -> Any:
        if isinstance(node, list):
            return [self.convert(item, f"{pointer}/{index}") for index, item in enumerate(cast("Sequence[Any]", node))]
        if not isinstance(node, dict):
            return node
        schema = cast("dict[str, Any]", node)
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(COMPONENTS):
            return self._reference(ref, {k: v for k, v in schema.items() if k != "$ref"}, pointer)
        names = self._field_names(pointer) if not self.by_alias else None
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key.startswith("x-"):
                continue
            if key == "example":
                out.setdefault("examples", [value])
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                items = cast("dict[str, Any]", value).items()
                converted = {name: self.convert(item, f"{pointer}/{key}/{name}") for name, item in items}
                out[key] = converted if names is None or key != "properties" else _rename(converted, names)
            elif key in _SCHEMA_LISTS or key in _SCHEMA_VALUES:
                out[key] = self.convert(value, f"{pointer}/{key}")
            elif key == "required" and names is not None and isinstance(value, list):
                out[key] = [names.get(name, name) for name in cast("list[str]", value)]
            elif key == "discriminator" and isinstance(value, dict):
                out[key] = self._discriminator(cast("dict[str, Any]", value))
            else:
                out[key] = value
        return out

    def _reference(self, ref: str, siblings: dict[str, Any], pointer: str) -> Any:
        name = _unescape(ref[len(COMPONENTS) :])
        if self.ref_template is None:
            if name in self._inlining:
                raise ValueError(f"the schema {name!r} refers to itself and cannot be inlined")
            self._inlining.append(name)
            try:
                target = cast("dict[str, Any]", self.convert(resolve(ref), ref))
            finally:
                self._inlining.pop()
            target = {"title": name, **target} if "title" not in target else target
        else:
            if name not in self.defs:
                self.defs[name] = None  # reserved: a cycle refers to it by name
                converted = cast("dict[str, Any]", self.convert(resolve(ref), ref))
                self.defs[name] = {"title": name, **converted} if "title" not in converted else converted
            target = {"$ref": self.ref_template.format(model=name)}
        if not siblings:
            return target
        extra = cast("dict[str, Any]", self.convert(siblings, pointer))
        return {**target, **extra} if self.ref_template is None else {"allOf": [target], **extra}

    def _discriminator(self, value: dict[str, Any]) -> dict[str, Any]:
        mapping = value.get("mapping")
        if not isinstance(mapping, dict):
            return dict(value)
        out = dict(value)
        if self.ref_template is None:
            del out["mapping"]  # inlined variants have nothing to point at
            return out
        out["mapping"] = {
            tag: self.ref_template.format(model=_unescape(target[len(COMPONENTS) :]))
            if isinstance(target, str) and target.startswith(COMPONENTS)
            else target
            for tag, target in cast("dict[str, Any]", mapping).items()
        }
        return out

    def _field_names(self, pointer: str) -> dict[str, str] | None:
        cls = _classes_by_pointer().get(pointer)
        if cls is None:
            return None
        return {field.wire: field.name for field in by_key(cls).values()}


def _rename(properties: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names.get(name, name): value for name, value in properties.items()}


def json_schema(cls: type[BaseModel], *, by_alias: object, ref_template: object, mode: object) -> dict[str, Any]:
    """`model_json_schema()`: the class's schema from the document, references in `$defs`."""
    if not isinstance(by_alias, bool):
        raise TypeError(f"`by_alias` must be a bool, not {type(by_alias).__name__}")
    if not isinstance(ref_template, str) or "{model}" not in ref_template:
        raise TypeError(f"`ref_template` must be a string with a {{model}} placeholder, not {ref_template!r}")
    if mode not in ("validation", "serialization"):
        raise ValueError(f"`mode` must be 'validation' or 'serialization', not {mode!r}")
    return _root(cls, _Converter(ref_template=ref_template, by_alias=by_alias))


def _root(cls: type[BaseModel], converter: _Converter) -> dict[str, Any]:
    pointer, schema = _schema_of(cls)
    converted = cast("dict[str, Any]", converter.convert(schema, pointer))
    result: dict[str, Any] = {"title": cls.__name__, **converted} if "title" not in converted else converted
    if converter.defs:
        result["$defs"] = {name: converter.defs[name] for name in sorted(converter.defs)}
    return result


# --- pydantic ----------------------------------------------------------------------------------


def _validator(cls: type[BaseModel]) -> Callable[[Any], Any]:
    from pydantic_core import PydanticCustomError  # noqa: PLC0415

    def validate(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            return cls.from_dict(cast("Mapping[str, Any]", value))
        raise PydanticCustomError(
            "model_type",
            "Input should be a valid dictionary or instance of {class_name}",
            {"class_name": cls.__name__},
        )

    return validate


def _serialize(value: Any, info: Any) -> Any:
    if not isinstance(value, BaseModel):
        return value
    return value.model_dump(
        mode="json" if info.mode_is_json() else "python",
        include=info.include,
        exclude=info.exclude,
        by_alias=bool(info.by_alias),
        exclude_unset=info.exclude_unset,
        exclude_defaults=info.exclude_defaults,
        exclude_none=info.exclude_none,
    )


def core_schema(cls: type[BaseModel], handler: Optional[GetCoreSchemaHandler] = None) -> CoreSchema:
    """The pydantic-core schema of a model class: dicts are parsed, instances kept, dumps as `model_dump()`."""
    from pydantic_core import core_schema as cs  # noqa: PLC0415

    return cs.no_info_plain_validator_function(
        _validator(cls),
        serialization=cs.plain_serializer_function_ser_schema(_serialize, info_arg=True),
    )


def pydantic_json_schema(cls: type[BaseModel], handler: GetJsonSchemaHandler) -> dict[str, Any]:
    """The JSON Schema pydantic shows for a field of this type: the document's schema, inlined."""
    return _root(cls, _Converter(ref_template=None, by_alias=True))


_serializers: dict[type[Any], SchemaSerializer] = {}


def serializer(cls: type[BaseModel]) -> SchemaSerializer:
    """The `__pydantic_serializer__` pydantic-core uses for our models held in `Any` fields."""
    found = _serializers.get(cls)
    if found is None:
        from pydantic_core import SchemaSerializer  # noqa: PLC0415

        found = _serializers[cls] = SchemaSerializer(core_schema(cls))
    return found
