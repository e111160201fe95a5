"""zai-sdk's `zai.core._base_type`: the request-side type names user code reaches.

`NotGiven` / `NOT_GIVEN` are the SDK's own sentinel; `FileTypes` is what upload arguments accept.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any, TypeVar, Union

from zai_api.types import NOT_GIVEN, BaseModel, NotGiven

from .._files import FileInput

Body = object
"""A request body (zai-sdk's name for an untyped JSON object)."""

Headers = Mapping[str, str]
Query = Mapping[str, object]
FileTypes = FileInput
"""What a file argument accepts: a path, bytes, a binary file object or a (name, content[, type]) tuple."""

IncEx = Union[Set[int], Set[str], Mapping[int, Any], Mapping[str, Any]]
"""The shape of `include=` / `exclude=` field selections."""

ModelT = TypeVar("ModelT", bound=BaseModel)


def is_given(value: object) -> bool:
    """Whether an argument was passed (is not the `NOT_GIVEN` sentinel)."""
    return not isinstance(value, NotGiven)


__all__ = ["NOT_GIVEN", "Body", "FileTypes", "Headers", "IncEx", "ModelT", "NotGiven", "Query", "is_given"]
