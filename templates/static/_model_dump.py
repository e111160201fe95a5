"""How models turn into data: `model_dump()` and its options, the fields of a model class, copies.

Imported on first use by `BaseModel` (`_model_base`), so that ``import zai`` stays cheap. The rules
are pydantic v2's, as zai-sdk 0.2.3 (a pydantic 2 SDK) exposes them:

- a model dumps every declared field, absent ones as ``None``, then the fields the SDK does not
  declare (`additional_properties`), by field name, or by wire name with ``by_alias=True``;
- ``exclude_unset=True`` keeps what was set: the keys of the parsed payload (an explicit ``null``
  included), the fields given a value since (``None`` does not count), and every undeclared field;
- ``include``/``exclude`` take pydantic's shapes: a key, a set (or list/tuple) of keys, or a dict
  mapping a key to ``True``/``...`` (the whole value) or to a nested shape; ``"__all__"`` applies to
  every item of a list or dict, and list items are picked by (possibly negative) index. Keys that
  match nothing are ignored, as in pydantic; other shapes raise TypeError.
"""

# The model base's own machinery: it reads the models' private class data (`_zai_fields`, `_zai_set`).
# pyright: reportPrivateUsage=false
from __future__ import annotations

import copy
import datetime
import enum
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Optional, Union, cast

from attrs import NOTHING

from ._model_base import BaseModel

__all__ = ["FieldInfo", "Filter", "construct", "copy_model", "dump", "dump_json", "fields", "fields_set", "field_infos"]

# A normalized include/exclude shape: key -> True (the whole value) or a nested shape.
Filter = dict[Union[str, int], Union[bool, "Filter"]]


class _Required:
    """The default of a required field (pydantic spells it `PydanticUndefined`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "PydanticUndefined"


REQUIRED: Any = _Required()


class Field(NamedTuple):
    """One declared field of a model class: its wire name, attribute, pydantic name and default."""

    wire: str
    attr: str
    name: str
    default: Any


_FIELDS: dict[type[Any], tuple[Field, ...]] = {}
_BY_KEY: dict[type[Any], dict[str, Field]] = {}


def fields(cls: type[BaseModel]) -> tuple[Field, ...]:
    """The declared fields of a model class, in the document's order (cached)."""
    try:
        return _FIELDS[cls]
    except KeyError:
        pass
    defaults: dict[str, Any] = {}
    attributes: tuple[Any, ...] = getattr(cls, "__attrs_attrs__", ())
    for attribute in attributes:
        default = attribute.default
        defaults[attribute.name] = REQUIRED if default is NOTHING else default
    result: list[Field] = []
    for wire, attr in cls._zai_fields.items():
        # `bytes_`, `list_`, `from_`: the Python spelling of a wire name; zai-sdk's field is named `bytes`.
        name = wire if attr == wire + "_" else attr
        result.append(Field(wire, attr, name, defaults.get(attr, None)))
    _FIELDS[cls] = fields_tuple = tuple(result)
    return fields_tuple


def by_key(cls: type[BaseModel]) -> dict[str, Field]:
    """A model class's fields by field name, attribute name and wire name."""
    try:
        return _BY_KEY[cls]
    except KeyError:
        pass
    table: dict[str, Field] = {}
    for field in fields(cls):
        table.setdefault(field.attr, field)
        table.setdefault(field.wire, field)
        table[field.name] = field
    _BY_KEY[cls] = table
    return table


def is_set(field: Field, value: Any, sent: tuple[str, ...]) -> bool:
    return value is not None or field.wire in sent


def fields_set(model: BaseModel) -> set[str]:
    """`model_fields_set`: names of the declared fields that were set, and the undeclared fields."""
    sent = model._zai_set
    result = {field.name for field in fields(type(model)) if is_set(field, getattr(model, field.attr, None), sent)}
    result.update(model.additional_properties)
    return result


def set_keys(model: BaseModel) -> list[str]:
    """Wire names of what was set (as `fields_set`), in dump order."""
    sent = model._zai_set
    keys = [field.wire for field in fields(type(model)) if is_set(field, getattr(model, field.attr, None), sent)]
    seen = set(keys)
    keys.extend(key for key in model.additional_properties if key not in seen)
    return keys


# --- include / exclude -------------------------------------------------------------------------


def normalize_filter(value: Any, argument: str) -> Filter | None:
    """pydantic's include/exclude shapes as a `Filter`; a clear TypeError for anything else."""
    if value is None:
        return None
    if isinstance(value, str):  # one key, as pydantic reads it
        return {value: True}
    if isinstance(value, (set, frozenset, list, tuple)):
        return {_filter_key(key, argument): True for key in cast("Iterable[Any]", value)}
    if isinstance(value, Mapping):
        result: Filter = {}
        for key, item in cast("Iterable[tuple[Any, Any]]", value.items()):
            key = _filter_key(key, argument)
            if item is True or item is Ellipsis:
                result[key] = True
            elif item is False and argument == "exclude":
                continue  # {"field": False}: not excluded
            elif isinstance(item, (str, set, frozenset, list, tuple, Mapping)):
                nested = normalize_filter(item, argument)
                assert nested is not None
                result[key] = nested
            else:
                raise TypeError(
                    f"`{argument}` values must be True, ... or a nested set or dict, not {item!r} (for key {key!r})"
                )
        return result
    raise TypeError(
        f"`{argument}` must be a set of field names or a dict of field names to True or nested shapes, "
        f"not {type(value).__name__}"
    )


def _filter_key(key: Any, argument: str) -> str | int:
    if isinstance(key, str) or (isinstance(key, int) and not isinstance(key, bool)):
        return key
    raise TypeError(f"`{argument}` keys must be field names (str) or list indexes (int), not {key!r}")


def _merge(left: bool | Filter | None, right: bool | Filter | None) -> bool | Filter | None:
    # A specific key and "__all__" both apply: the whole value wins, nested shapes combine.
    if left is None:
        return right
    if right is None or left is True:
        return left
    if right is True:
        return True
    assert not isinstance(left, bool) and not isinstance(right, bool)
    merged: Filter = dict(left)
    for key, value in right.items():
        combined = _merge(merged.get(key), value)
        assert combined is not None
        merged[key] = combined
    return merged


def _entry(shape: Filter, key: str | int, alt: int | None = None) -> bool | Filter | None:
    entry = shape.get(key)
    if alt is not None and entry is None:
        entry = shape.get(alt)
    if "__all__" in shape:
        entry = _merge(entry, shape["__all__"])
    return entry


def _narrow(
    include: Filter | None, exclude: Filter | None, key: str | int, alt: int | None = None
) -> tuple[Filter | None, Filter | None] | None:
    """The include and exclude filters for what is under `key`; None when `key` is left out."""
    sub_include = sub_exclude = None
    if include is not None:
        entry = _entry(include, key, alt)
        if entry is None:
            return None
        sub_include = entry if isinstance(entry, dict) else None
    if exclude is not None:
        entry = _entry(exclude, key, alt)
        if entry is True:
            return None
        sub_exclude = entry if isinstance(entry, dict) else None
    return sub_include, sub_exclude


# --- dumping -----------------------------------------------------------------------------------

_SCALARS = frozenset((str, int, float, bool, type(None)))


class Dumper:
    """One `model_dump()` call's options, applied recursively."""

    __slots__ = ("by_alias", "exclude_defaults", "exclude_none", "exclude_unset", "json")

    def __init__(self, *, json: bool, by_alias: bool, exclude_unset: bool, exclude_defaults: bool, exclude_none: bool):
        self.json = json
        self.by_alias = by_alias
        self.exclude_unset = exclude_unset
        self.exclude_defaults = exclude_defaults
        self.exclude_none = exclude_none

    def model(self, model: BaseModel, include: Filter | None, exclude: Filter | None) -> dict[str, Any]:
        if include is None and exclude is None and not self.exclude_defaults:
            return self._plain_model(model)
        out: dict[str, Any] = {}
        sent = model._zai_set
        for wire, attr, name, default in fields(type(model)):
            filters = _narrow(include, exclude, name)
            if filters is None:
                continue
            sub_include, sub_exclude = filters
            value = getattr(model, attr, None)
            if value is None:
                if (
                    self.exclude_none
                    or (self.exclude_unset and wire not in sent)
                    or (self.exclude_defaults and default is None)
                ):
                    continue
            elif self.exclude_defaults and default is not REQUIRED and _same(value, default):
                continue
            out[wire if self.by_alias else name] = self.value(value, sub_include, sub_exclude)
        for key, value in model.additional_properties.items():
            if key in out or (value is None and self.exclude_none):
                continue
            filters = _narrow(include, exclude, key)
            if filters is None:
                continue
            sub_include, sub_exclude = filters
            out[key] = self.value(value, sub_include, sub_exclude)
        return out

    def _plain_model(self, model: BaseModel) -> dict[str, Any]:
        # The common case (no include/exclude, no exclude_defaults), kept lean: `to_dict()`,
        # `model_dump()` and models in request bodies come through here.
        out: dict[str, Any] = {}
        sent = model._zai_set
        by_alias, exclude_unset, exclude_none = self.by_alias, self.exclude_unset, self.exclude_none
        value_of = self.value
        for wire, attr, name, _ in fields(type(model)):
            value = getattr(model, attr, None)
            if value is None:
                if exclude_none or (exclude_unset and wire not in sent):
                    continue
                out[wire if by_alias else name] = None
            elif value.__class__ in _SCALARS:
                out[wire if by_alias else name] = value
            else:
                out[wire if by_alias else name] = value_of(value, None, None)
        for key, value in model.additional_properties.items():
            if key in out or (value is None and exclude_none):
                continue
            out[key] = value if value.__class__ in _SCALARS else value_of(value, None, None)
        return out

    def value(self, value: Any, include: Filter | None, exclude: Filter | None) -> Any:
        cls = value.__class__
        if cls in _SCALARS:
            return value
        if isinstance(value, BaseModel):
            return self.model(value, include, exclude)
        if isinstance(value, enum.Enum):
            return self.value(value.value, include, exclude)
        if isinstance(value, (list, tuple)):
            items = cast("Sequence[Any]", value)
            if include is None and exclude is None:
                if all(item.__class__ in _SCALARS for item in items):
                    return list(items)
                return [self.value(item, None, None) for item in items]
            return self._items(items, include, exclude)
        if isinstance(value, Mapping):
            return self._mapping(cast("Iterable[tuple[Any, Any]]", value.items()), include, exclude)
        if isinstance(value, (str, int, float)):  # subclasses of the scalars (an OpenStrEnum is an Enum)
            return value
        if isinstance(value, (set, frozenset)):
            members = cast("Iterable[Any]", value)
            return [self.value(item, None, None) for item in members] if self.json else set(members)
        if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            return value.isoformat() if self.json else value
        if isinstance(value, (bytes, bytearray)):
            return bytes(value).decode("utf-8", "replace") if self.json else value
        if self.json:
            raise TypeError(f"Object of type {cls.__name__} is not JSON serializable")
        return value

    def _items(self, items: Sequence[Any], include: Filter | None, exclude: Filter | None) -> list[Any]:
        out: list[Any] = []
        size = len(items)
        for index, item in enumerate(items):
            filters = _narrow(include, exclude, index, index - size)
            if filters is None:
                continue
            sub_include, sub_exclude = filters
            out.append(self.value(item, sub_include, sub_exclude))
        return out

    def _mapping(
        self, items: Iterable[tuple[Any, Any]], include: Filter | None, exclude: Filter | None
    ) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key, item in items:
            filters = _narrow(include, exclude, key)
            if filters is None:
                continue
            sub_include, sub_exclude = filters
            out[key.value if isinstance(key, enum.Enum) else key] = self.value(item, sub_include, sub_exclude)
        return out


def _same(value: Any, default: Any) -> bool:
    try:
        return bool(value == default)
    except Exception:  # a value of an unexpected type that cannot be compared
        return False


def _flag(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"`{name}` must be a bool, not {type(value).__name__}")


def dump(
    model: BaseModel,
    *,
    mode: str,
    include: Any,
    exclude: Any,
    by_alias: Optional[bool],
    exclude_unset: bool,
    exclude_defaults: bool,
    exclude_none: bool,
) -> dict[str, Any]:
    """`model_dump()` with its arguments checked."""
    if mode != "python" and mode != "json":
        raise ValueError(f"`mode` must be 'python' or 'json', not {mode!r}")
    dumper = Dumper(
        json=mode == "json",
        by_alias=False if by_alias is None else _flag(by_alias, "by_alias"),
        exclude_unset=_flag(exclude_unset, "exclude_unset"),
        exclude_defaults=_flag(exclude_defaults, "exclude_defaults"),
        exclude_none=_flag(exclude_none, "exclude_none"),
    )
    if include is None and exclude is None:
        return dumper.model(model, None, None)
    return dumper.model(model, normalize_filter(include, "include"), normalize_filter(exclude, "exclude"))


def check_options(round_trip: object, warnings: object) -> None:
    """`round_trip` and `warnings` change nothing for these models, but must be of pydantic's types."""
    if round_trip is False and warnings is True:
        return
    _flag(round_trip, "round_trip")
    if not isinstance(warnings, bool) and warnings not in ("none", "warn", "error"):
        raise TypeError(f"`warnings` must be a bool or 'none', 'warn' or 'error', not {warnings!r}")


def dump_json(data: Any, indent: object) -> str:
    """JSON text as pydantic writes it: compact, UTF-8 kept, non-finite floats as null."""
    if indent is not None and (not isinstance(indent, int) or isinstance(indent, bool)):
        raise TypeError(f"`indent` must be an int or None, not {type(indent).__name__}")
    separators = (",", ":") if indent is None else (",", ": ")
    try:
        return json.dumps(data, ensure_ascii=False, separators=separators, indent=indent, allow_nan=False)
    except ValueError:  # inf or nan somewhere: pydantic writes null
        return json.dumps(_finite(data), ensure_ascii=False, separators=separators, indent=indent, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_finite(item) for item in cast("Sequence[Any]", value)]
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in cast("Iterable[tuple[Any, Any]]", value.items())}
    return value


# --- building and copying ----------------------------------------------------------------------


def construct(cls: type[Any], fields_set: Any, values: dict[str, Any]) -> Any:
    """`model_construct()`: values by field or wire name, nested dicts parsed, nothing validated."""
    table = by_key(cls)
    data: dict[str, Any] = {}
    for key, value in values.items():
        field = table.get(key)
        data[field.wire if field is not None else key] = value
    model = cls.from_dict(data)
    if fields_set is not None:
        if isinstance(fields_set, (str, bytes)) or not isinstance(fields_set, Iterable):
            raise TypeError(f"`_fields_set` must be a set of field names, not {type(fields_set).__name__}")
        names = cast("Iterable[Any]", fields_set)
        object.__setattr__(model, "_zai_set", tuple(table[name].wire if name in table else str(name) for name in names))
    return model


def copy_model(model: BaseModel, update: Any, deep: bool) -> Any:
    """`model_copy()`: a shallow (or deep) copy, with `update` applied by field name, unvalidated."""
    _flag(deep, "deep")
    if update is not None and not isinstance(update, Mapping):
        raise TypeError(f"`update` must be a dict of field names to values, not {type(update).__name__}")
    new = copy.deepcopy(model) if deep else copy.copy(model)
    if update:
        table = by_key(type(model))
        sent = list(new._zai_set)
        for key, value in cast("Mapping[str, Any]", update).items():
            field = table.get(key)
            if field is None:
                new.additional_properties[key] = value
            else:
                setattr(new, field.attr, value)
                sent.append(field.wire)
        object.__setattr__(new, "_zai_set", tuple(sent))
    return new


def shallow_copy(model: BaseModel) -> Any:
    """`copy.copy()`: the same field values, and its own dict of undeclared fields (as pydantic)."""
    cls = type(model)
    new = cls.__new__(cls)
    for attribute in getattr(cls, "__attrs_attrs__", ()):
        name = attribute.name
        try:
            object.__setattr__(new, name, getattr(model, name))
        except AttributeError:  # a slot never assigned (an instance made without __init__)
            pass
    object.__setattr__(new, "additional_properties", dict(model.additional_properties))
    return new


# --- model_fields ------------------------------------------------------------------------------


class FieldInfo:
    """What `model_fields` says about a field, in the spelling of pydantic's `FieldInfo`."""

    __slots__ = ("alias", "annotation", "default", "description")

    def __init__(self, *, annotation: Any, default: Any, alias: str | None, description: str | None) -> None:
        self.annotation = annotation
        self.default = default
        self.alias = alias
        self.description = description

    def is_required(self) -> bool:
        return self.default is REQUIRED

    def __repr__(self) -> str:
        parts = [f"annotation={_type_repr(self.annotation)}", f"required={self.is_required()}"]
        if not self.is_required():
            parts.append(f"default={self.default!r}")
        if self.alias is not None:
            parts.append(f"alias={self.alias!r}")
        return f"FieldInfo({', '.join(parts)})"


def _type_repr(annotation: Any) -> str:
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, type):
        return annotation.__name__
    return repr(annotation).replace("typing.", "")


_INFOS: dict[type[Any], dict[str, FieldInfo]] = {}


def field_infos(cls: type[BaseModel]) -> dict[str, FieldInfo]:
    """`model_fields`: field name -> `FieldInfo` (cached; descriptions come from the document)."""
    cached = _INFOS.get(cls)
    if cached is not None:
        return cached
    from ._model_schema import property_descriptions  # noqa: PLC0415

    descriptions = property_descriptions(cls)
    infos = {
        field.name: FieldInfo(
            annotation=_annotation(cls, field.attr),
            default=field.default,
            alias=field.wire if field.wire != field.name else None,
            description=descriptions.get(field.wire),
        )
        for field in fields(cls)
    }
    _INFOS[cls] = infos
    return infos


def _annotation(cls: type[Any], attr: str) -> Any:
    # The generated modules use postponed annotations (strings). They are evaluated in the model's
    # module; `X | None` cannot be evaluated before Python 3.10, and then stays a string.
    import sys  # noqa: PLC0415

    raw = cls.__dict__.get("__annotations__", {}).get(attr)
    if not isinstance(raw, str):
        return raw
    namespace = dict(vars(sys.modules[cls.__module__]))
    try:
        return eval(raw, namespace)  # noqa: S307  (the generator's own annotation text)
    except Exception:
        return raw
