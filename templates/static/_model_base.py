"""The base class of every generated model: the pydantic v2 surface zai-sdk users call, without pydantic.

Imported with ``zai`` (through `types`), so it stays cheap: no attrs, no third-party imports. The
work is done by `_model_dump` (dumping, filters, fields, copies) and `_model_schema` (JSON Schemas
and the pydantic hooks), imported on first use.
"""

from __future__ import annotations

import json
import reprlib
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Literal, TypeVar, Union, cast

if TYPE_CHECKING:
    from . import _model_dump as _md
    from ._model_dump import FieldInfo
else:

    class _LazyModule:
        # `_model_dump` is imported on first use, keeping `import zai` light; then the module
        # itself replaces this placeholder.
        def __getattr__(self, name: str) -> Any:
            from . import _model_dump  # noqa: PLC0415

            globals()["_md"] = _model_dump
            return getattr(_model_dump, name)

    _md = _LazyModule()


# The factory of a model's `additional_properties` (plain `dict`: a typed alias costs more per model).
new_extras: Callable[[], dict[str, Any]] = dict

# What `include=` and `exclude=` accept (pydantic's shapes): a set of keys, or a dict of key -> True
# or a nested shape; list items are picked by index, every item by "__all__".
IncEx = Union[AbstractSet[str], AbstractSet[int], Sequence[Union[str, int]], Mapping[str, Any], Mapping[int, Any]]


class _ClassProperty:
    # `Model.model_fields` works on the class (as in pydantic), computed on first use.
    def __init__(self, fget: Callable[[Any], Any]) -> None:
        self.fget = fget

    def __get__(self, obj: object, owner: type[Any]) -> Any:
        return self.fget(owner)


class _PydanticSerializer:
    # pydantic-core looks for `__pydantic_serializer__` on objects it meets in `Any` fields. Built
    # on first access; without pydantic the attribute does not exist.
    def __get__(self, obj: object, owner: type[Any]) -> Any:
        try:
            from ._model_schema import serializer  # noqa: PLC0415

            return serializer(owner)
        except ImportError:
            raise AttributeError("__pydantic_serializer__") from None


class BaseModel:
    """Base class of every generated model.

    Models are attrs classes. This base gives them the pydantic v2 surface that zai-sdk 0.2.3 users
    call (`model_dump`, `model_dump_json`, `model_validate`, `model_copy`, `model_fields`, ...),
    zai-sdk's `to_dict`/`to_json`, dict-style access by wire name (``obj["finish_reason"]``,
    ``obj.get(...)``) and attribute access to fields the SDK does not declare yet (`model_extra`).
    pydantic is not needed; when it is installed, the models also work inside pydantic models.

    A field the server left out reads as ``None``. The model remembers which keys the payload had
    (`model_fields_set`): ``model_dump()`` gives every declared field, ``model_dump(exclude_unset=True)``
    and ``to_dict()`` exactly what was sent (an explicit ``null`` included) plus any field given a
    value since. See `_model_dump` for the rules.
    """

    __slots__ = ()

    # Generated for each model: wire name -> attribute name, and the JSON pointer of its schema.
    # (`_Dict`, not `dict`: `typing.get_type_hints` reads these in the class's namespace, where
    # `dict` is the pydantic v1 method below.)
    _zai_fields: ClassVar[_Dict[str, str]] = {}
    _zai_schema: ClassVar[str] = ""
    additional_properties: _Dict[str, Any]
    # The keys of the payload the model was parsed from (`()` for a model built by its constructor).
    _zai_set: tuple[str, ...]

    if TYPE_CHECKING:
        model_fields: ClassVar[dict[str, FieldInfo]]
    else:
        model_fields = _ClassProperty(lambda cls: _md.field_infos(cls))
        __pydantic_serializer__ = _PydanticSerializer()

    @classmethod
    def from_dict(cls: type[_M], src_dict: Mapping[str, Any]) -> _M:
        """Build the model from a decoded JSON object (wire names); nothing is validated."""
        raise NotImplementedError

    # --- pydantic's spelling ---------------------------------------------------------------------

    @classmethod
    def model_validate(cls: type[_M], obj: Any) -> _M:
        """Build the model from a mapping of wire names; an instance of the class is returned as is.

        Like zai-sdk's responses (built without validation), values are not checked against their
        types: unknown fields and values are kept.
        """
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, Mapping):
            return cls.from_dict(cast("Mapping[str, Any]", obj))
        raise TypeError(f"{cls.__name__}.model_validate() expects a dict or a {cls.__name__}, not {type(obj).__name__}")

    @classmethod
    def model_validate_json(cls: type[_M], json_data: str | bytes | bytearray) -> _M:
        """Build the model from JSON text holding an object (`json.JSONDecodeError` if it is not JSON)."""
        data = json.loads(json_data)  # TypeError for anything but str and bytes
        if not isinstance(data, dict):
            raise TypeError(f"{cls.__name__}.model_validate_json() expects a JSON object, not {type(data).__name__}")
        return cls.from_dict(cast("dict[str, Any]", data))

    @classmethod
    def model_construct(cls: type[_M], _fields_set: AbstractSet[str] | None = None, **values: Any) -> _M:
        """Build the model from field (or wire) names without validation; nested dicts become models."""
        return cast("_M", _md.construct(cls, _fields_set, values))

    # pydantic v1's name, which zai-sdk's models define too.
    construct = model_construct

    def model_copy(self: _M, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> _M:
        """A copy (deep with ``deep=True``), with `update` (field names -> values) applied unvalidated."""
        return cast("_M", _md.copy_model(self, update, deep))

    @property
    def model_fields_set(self) -> set[str]:
        """Names of the fields that were set: sent by the server, given to the constructor or assigned."""
        return _md.fields_set(self)

    @property
    def model_extra(self) -> dict[str, Any]:
        """Fields the server sent that this SDK version does not declare."""
        return self.additional_properties

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] | str = "python",
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
    ) -> dict[str, Any]:
        """The model as a dict, as pydantic's `model_dump`: every declared field (absent ones as None),
        then the undeclared ones. Keys are field names, or wire names with ``by_alias=True``.

        ``mode="json"`` gives only JSON types; enum values are plain values in both modes.
        `round_trip` and `warnings` are accepted and change nothing (there is nothing to warn about).
        """
        _md.check_options(round_trip, warnings)
        return _md.dump(
            self,
            mode=mode,
            include=include,
            exclude=exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

    def model_dump_json(
        self,
        *,
        indent: int | None = None,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
    ) -> str:
        """The model as JSON text, as pydantic writes it: compact unless `indent` is given."""
        _md.check_options(round_trip, warnings)
        data = _md.dump(
            self,
            mode="json",
            include=include,
            exclude=exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )
        return _md.dump_json(data, indent)

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool = True,
        ref_template: str = "#/$defs/{model}",
        mode: Literal["validation", "serialization"] = "validation",
    ) -> dict[str, Any]:
        """The JSON Schema of the model, from the API document (references in ``$defs``)."""
        from ._model_schema import json_schema  # noqa: PLC0415

        return json_schema(cls, by_alias=by_alias, ref_template=ref_template, mode=mode)

    # --- zai-sdk's spelling ----------------------------------------------------------------------

    def to_dict(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, Any]:
        """The model as a dict of what was sent (by default): wire names, unset fields left out."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """`to_dict()` as JSON text, indented by 2 by default (as zai-sdk)."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def __json__(self) -> dict[str, Any]:
        """`to_dict()`, for JSON encoders that look for ``__json__`` (zai-sdk's models have it)."""
        return self.to_dict()

    # --- dict-style access (wire names) ----------------------------------------------------------

    def keys(self) -> KeysView[str]:
        """Wire names of what was set (the keys of `to_dict()`)."""
        return dict.fromkeys(_md.set_keys(self)).keys()

    def values(self) -> ValuesView[Any]:
        """The values of `to_dict()` (plain data)."""
        return self.to_dict().values()

    def items(self) -> ItemsView[str, Any]:
        """The items of `to_dict()` (plain data)."""
        return self.to_dict().items()

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        # (key, value) pairs of `to_dict()`, as zai-sdk iterates.
        return iter(self.items())

    def get(self, key: str, default: Any = None) -> Any:
        """The field's value (by wire or field name), or `default` when it is absent or ``None``."""
        attr = self._zai_fields.get(key) or _attr_of(type(self), key)
        value = getattr(self, attr) if attr is not None else self.additional_properties.get(key)
        return default if value is None else value

    def __getitem__(self, key: str) -> Any:
        attr = self._zai_fields.get(key)
        if attr is not None:
            value = getattr(self, attr)
            if value is not None or key in self._zai_set:
                return value
            raise KeyError(key)
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        attr = self._zai_fields.get(key)
        if attr is not None:
            setattr(self, attr, value)
            if value is None and key not in self._zai_set:
                _set_sent(self, (*self._zai_set, key))  # an explicit None is set, as in pydantic
        else:
            self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        attr = self._zai_fields.get(key)
        if attr is not None:
            if getattr(self, attr) is None and key not in self._zai_set:
                raise KeyError(key)
            setattr(self, attr, None)
            _set_sent(self, tuple(sent for sent in self._zai_set if sent != key))
        else:
            del self.additional_properties[key]

    def __contains__(self, key: object) -> bool:
        attr = self._zai_fields.get(key) if isinstance(key, str) else None
        if attr is not None:
            return getattr(self, attr) is not None or key in self._zai_set
        return key in self.additional_properties

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)

    if not TYPE_CHECKING:  # type checkers should flag unknown attributes, so they do not see this

        def __getattr__(self, name: str) -> Any:
            # Only reached when normal lookup fails: expose undeclared fields as attributes.
            if name == "additional_properties" or name.startswith("__"):
                raise AttributeError(name)
            attr = self._zai_fields.get(name)
            if attr is not None and attr != name:  # a wire name spelled differently in Python (`list_`)
                return getattr(self, attr)
            try:
                return self.additional_properties[name]
            except KeyError:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") from None

    # --- Python protocols ------------------------------------------------------------------------

    if not TYPE_CHECKING:  # type checkers keep `object.__dict__`'s type

        @property
        def __dict__(self) -> dict[str, Any]:
            # The models are slotted (no instance dict), but `vars(obj)` and `obj.__dict__` work on
            # pydantic models, and frameworks serialise with `json.dumps(obj, default=vars)`: a new
            # dict of the declared fields by pydantic name, values as they are (undeclared fields are
            # not in it, as pydantic keeps them apart). Writing to it does not change the model.
            return {field.name: getattr(self, field.attr, None) for field in _md.fields(type(self))}

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        # As pydantic: every declared field (by field name), then the undeclared ones. Never raises.
        try:
            parts = [f"{field.name}={_safe_repr(getattr(self, field.attr, None))}" for field in _md.fields(type(self))]
            extra: dict[str, Any] = getattr(self, "additional_properties", None) or {}
            parts.extend(f"{key}={_safe_repr(value)}" for key, value in extra.items())
        except Exception:
            parts = ["..."]
        return f"{type(self).__name__}({', '.join(parts)})"

    def __copy__(self: _M) -> _M:
        return cast("_M", _md.shallow_copy(self))

    # --- pydantic integration (used only when pydantic asks) -------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from ._model_schema import core_schema  # noqa: PLC0415

        return core_schema(cls, handler)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        from ._model_schema import pydantic_json_schema  # noqa: PLC0415

        return pydantic_json_schema(cls, handler)

    # --- pydantic v1 spellings (zai-sdk's models have them, deprecated) --------------------------
    # Last in the class: inside the class body, `dict` and `json` name these methods from here on.

    def dict(
        self,
        *,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> _Dict[str, Any]:
        """pydantic v1's name for `model_dump()` (python mode)."""
        return self.model_dump(
            include=include,
            exclude=exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )

    def json(
        self,
        *,
        include: IncEx | None = None,
        exclude: IncEx | None = None,
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> str:
        """pydantic v1's name for `model_dump_json()` (compact)."""
        return self.model_dump_json(
            include=include,
            exclude=exclude,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )


_Dict = dict
_M = TypeVar("_M", bound=BaseModel)


def _set_sent(model: BaseModel, keys: tuple[str, ...]) -> None:
    # `_zai_set` is a slot of the generated (attrs) subclass, not of this base.
    object.__setattr__(model, "_zai_set", keys)


def _attr_of(cls: type[BaseModel], name: str) -> str | None:
    field = _md.by_key(cls).get(name)
    return None if field is None else field.attr


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception as exc:  # a value whose repr fails must not break ours
        return f"<{type(value).__name__} (repr failed: {type(exc).__name__})>"


__all__ = ["BaseModel", "IncEx", "new_extras"]
