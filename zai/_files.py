"""Multipart bodies: files from paths, bytes, file objects or tuples, and the form fields beside them.

Files given by path are opened, not read: httpx streams them from disk in chunks, and rewinds them
if the request is retried. So are file objects that can seek. File objects that cannot (pipes,
sockets, objects with only ``read()``) are read into memory first, up to 100 MiB
(`zai_api.types.replayable_payload`). The caller of `multipart()` closes what it opened.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping, Sequence
from typing import IO, Any, Union, cast

from zai_api.types import NOT_GIVEN, File, json_default, replayable_payload

__all__ = ["FileInput", "multipart"]

# What a file argument accepts: a path, bytes, a binary file object, or
# (filename, content[, content_type[, headers]]) with content as any of the first three.
FileInput = Union[str, "os.PathLike[str]", bytes, IO[bytes], "tuple[Any, ...]"]

Part = tuple[str, tuple[Any, ...]]


def _file_part(name: str, value: Any, opened: list[IO[bytes]]) -> tuple[Any, ...]:
    if isinstance(value, File):
        value = value.to_tuple() if value.file_name else value.payload
    if isinstance(value, tuple):
        parts = cast("Sequence[Any]", value)
        if not 2 <= len(parts) <= 4:
            raise TypeError(f"Argument `{name}`: a file tuple is (filename, content[, content_type[, headers]])")
        filename, content, *rest = parts
        return (filename, _content(name, content, opened)[1], *rest)
    return _content(name, value, opened)


def _content(name: str, value: Any, opened: list[IO[bytes]]) -> tuple[str | None, Any]:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "upload", bytes(cast("bytes | bytearray | memoryview[int]", value))
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(cast("str | os.PathLike[str]", value))
        if not os.path.isfile(path):
            raise FileNotFoundError(f"Argument `{name}`: no such file: {path!r}")
        handle = open(path, "rb")  # noqa: SIM115  (closed by the caller once the request is done)
        opened.append(handle)
        return os.path.basename(path), handle
    if isinstance(value, io.TextIOBase):
        raise TypeError(f"Argument `{name}`: open the file in binary mode ('rb'), not text mode")
    if hasattr(value, "read"):
        filename = getattr(value, "name", None)
        return (os.path.basename(filename) if isinstance(filename, str) else "upload"), replayable_payload(value, name)
    raise TypeError(
        f"Argument `{name}` must be a path, bytes, a binary file object or a (filename, content) tuple, "
        f"not {type(value).__name__}"
    )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(value, default=json_default, ensure_ascii=False)


def _plain_items(value: object) -> Sequence[Any] | None:
    """`value` if it is a list or tuple of plain values (no objects or lists among them), else None."""
    if not isinstance(value, (list, tuple)):
        return None
    items = cast("Sequence[Any]", value)
    return None if any(isinstance(item, (dict, list)) for item in items) else items


def multipart(
    fields: Mapping[str, Any], file_fields: tuple[str, ...], extra: Mapping[str, object] | None
) -> tuple[list[Part], list[IO[bytes]]]:
    """The parts of a multipart body, and the files opened to build them.

    Lists of plain values repeat the field; objects and lists of objects are sent as JSON text;
    booleans as ``true``/``false``. Unset and ``None`` values are left out.
    """
    parts: list[Part] = []
    opened: list[IO[bytes]] = []
    try:
        for name, value in {**fields, **(extra or {})}.items():
            if value is NOT_GIVEN or value is None:
                continue
            if name in file_fields:
                values = cast("Sequence[Any]", value) if isinstance(value, list) else [value]
                parts.extend((name, _file_part(name, item, opened)) for item in values)
            elif (items := _plain_items(value)) is not None:
                parts.extend((name, (None, _text(item))) for item in items)
            else:
                parts.append((name, (None, _text(value))))
    except BaseException:
        for handle in opened:
            handle.close()
        raise
    return parts, opened
