"""The commands. Each takes the client, the parsed arguments and the console, and returns the exit code.

Results go to stdout (plain text by default, the full response with ``--json``); progress,
reasoning and notes go to stderr. Errors are raised and reported by `zai.cli.main`.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Union

import zai
from zai import NOT_GIVEN, NotGiven

from ._output import CommandError, Console, ReasoningWriter, UsageError
from ._progress import Progress

if TYPE_CHECKING:
    from zai._binary import BinaryResponse
    from zai_api.models.system_message import SystemMessageParam
    from zai_api.models.user_message import UserMessageParam

__all__ = [
    "POLL_INTERVAL_ENV",
    "chat",
    "embeddings",
    "emit",
    "files_delete",
    "files_download",
    "files_list",
    "files_upload",
    "given",
    "images_generate",
    "models",
    "poll_interval",
    "print_json",
    "require_file",
    "status_text",
]

POLL_INTERVAL_ENV = "ZAI_CLI_POLL_INTERVAL"

Message = Union["SystemMessageParam", "UserMessageParam"]


# ---------------------------------------------------------------------- helpers


def given(value: Any) -> Any:
    """The option's value, or NOT_GIVEN when it was not set (so that nothing is sent)."""
    return NOT_GIVEN if value is None else value


def require_file(path: str) -> str:
    if not os.path.isfile(path):
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
    return path


def status_text(value: object) -> str:
    """A task's or batch's status for display: "unknown" when the server left it out."""
    # A status the server left out reads as None, whatever its declared type.
    return "unknown" if value is None else str(value)


def poll_interval(args: argparse.Namespace, default: float) -> float:
    if args.poll_interval is not None:
        return float(args.poll_interval)
    text = os.environ.get(POLL_INTERVAL_ENV)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise UsageError(f"{POLL_INTERVAL_ENV} must be a positive number of seconds, got {text!r}")
    return value


def print_json(console: Console, model: zai.BaseModel) -> None:
    console.print(model.to_json())


def _save(response: BinaryResponse, path: str, console: Console, label: str) -> None:
    """Write a download to `path` (through a `.part` file, so an interrupted download leaves no half file)."""
    partial = path + ".part"
    total = int(response.headers.get("content-length") or 0) or None
    showing = console.stderr_is_tty() and not console.quiet
    progress = Progress(label, stream=console.stderr, units="bytes") if showing else None
    done = 0
    try:
        with open(partial, "wb") as handle:
            for chunk in response.iter_bytes(64 * 1024):
                handle.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress.update("downloading", done=done, total=total)
        os.replace(partial, path)
    except BaseException:
        response.close()
        if os.path.exists(partial):
            os.remove(partial)
        raise
    finally:
        if progress is not None:
            progress.close()


def emit(response: BinaryResponse, output: str | None, console: Console, label: str) -> None:
    """A download to the file `output`, or to stdout."""
    if output:
        _save(response, output, console, label)
        return
    with response:
        for chunk in response.iter_bytes(64 * 1024):
            console.write_bytes(chunk)


def _timestamp(seconds: int | None) -> str:
    if seconds is None:
        return "-"
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):
        return str(seconds)


# ---------------------------------------------------------------------- chat


def _read_prompt(prompt: str) -> str:
    if prompt == "-":
        prompt = sys.stdin.read()
    if not prompt.strip():
        raise UsageError("the prompt is empty")
    return prompt.rstrip("\n")


def chat(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai chat PROMPT`: one user turn (after an optional system message); prints the reply."""
    messages: list[Message] = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": _read_prompt(args.prompt)})
    thinking: Any = {"type": args.thinking} if args.thinking else NOT_GIVEN
    temperature: float | NotGiven = given(args.temperature)
    max_tokens: int | NotGiven = given(args.max_tokens)
    from ..lib._chat_stream import content_text  # noqa: PLC0415 (loads the models: only for `zai chat`)

    reasoning = ReasoningWriter(console)
    if not args.stream:
        completion = client.chat.completions.create(
            model=args.model, messages=messages, thinking=thinking, temperature=temperature, max_tokens=max_tokens
        )
        if args.json:
            print_json(console, completion)
            return 0
        for choice in completion.choices or []:
            message = choice.message
            reasoning.write(message.reasoning_content or "")
            reasoning.end()
            text = content_text(message.content)
            if text:
                console.print(text)
        return 0
    stream = client.chat.completions.create(
        model=args.model,
        messages=messages,
        stream=True,
        thinking=thinking,
        temperature=temperature,
        max_tokens=max_tokens,
    )
    last = "\n"
    with stream:
        for chunk in stream:
            if args.json:
                console.print(chunk.to_json(indent=None))
                continue
            for chunk_choice in chunk.choices or []:
                delta = chunk_choice.delta
                if delta.reasoning_content:
                    reasoning.write(delta.reasoning_content)
                text = content_text(delta.content)
                if text:
                    reasoning.end()
                    console.write(text)
                    last = text
    reasoning.end()
    if not last.endswith("\n"):
        console.write("\n")
    return 0


# ---------------------------------------------------------------------- embeddings


def embeddings(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai embeddings TEXT...`: one JSON array per text, in the order given."""
    texts: list[str] = list(args.texts)
    response = client.embeddings.create(
        model=args.model,
        input=texts[0] if len(texts) == 1 else texts,
        dimensions=given(args.dimensions),
    )
    if args.json:
        print_json(console, response)
        return 0
    items = sorted(response.data or [], key=lambda item: item.index or 0)
    for item in items:
        console.print(json.dumps(item.embedding or []))
    return 0


# ---------------------------------------------------------------------- files


def files_upload(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai files upload PATH --purpose P`: prints the new file's id."""
    uploaded = client.files.create(purpose=args.purpose, file=require_file(args.path))
    if args.json:
        print_json(console, uploaded)
    elif uploaded.id:
        console.print(uploaded.id)
    else:
        raise CommandError("the upload response holds no file id")
    return 0


def files_list(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai files list`: every page of files of one purpose, as tab-separated lines."""
    first = page = client.files.list(purpose=args.purpose)
    files = list(page.data or [])
    seen: set[str] = set()
    while page.has_more and page.data:
        cursor = page.data[-1].id
        if not cursor or cursor in seen:
            break
        seen.add(cursor)
        page = client.files.list(purpose=args.purpose, after=cursor)
        files.extend(page.data or [])
    if args.json:
        whole = first.page.to_dict()
        whole["data"] = [file.to_dict() for file in files]
        if "has_more" in whole:
            whole["has_more"] = False
        console.print(json.dumps(whole, indent=2, ensure_ascii=False))
        return 0
    for file in files:
        size = "-" if file.bytes_ is None else str(file.bytes_)
        fields = [file.id or "-", size, _timestamp(file.created_at), file.purpose or "-", file.filename or "-"]
        console.print("\t".join(fields))
    return 0


def files_delete(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai files delete FILE_ID`."""
    result = client.files.delete(args.file_id)
    if args.json:
        print_json(console, result)
    if result.deleted is False:
        raise CommandError(f"file {args.file_id} was not deleted")
    if not args.json:
        console.print(f"deleted {result.id or args.file_id}")
    return 0


def files_download(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai files download FILE_ID [-o PATH]`: the content to PATH or stdout."""
    emit(client.files.content(args.file_id), args.output, console, f"file {args.file_id}")
    return 0


# ---------------------------------------------------------------------- images and videos


def images_generate(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai images generate PROMPT`: prints the image URL(s)."""
    response = client.images.generations(
        model=args.model, prompt=args.prompt, size=given(args.size), quality=given(args.quality)
    )
    if args.json:
        print_json(console, response)
        return 0
    urls = [item.url for item in response.data or [] if item.url]
    if not urls:
        raise CommandError("the response holds no image URL (try --json)")
    for url in urls:
        console.print(url)
    return 0


# ---------------------------------------------------------------------- models


def models(client: zai.ZaiClient, args: argparse.Namespace, console: Console) -> int:
    """`zai models`: the model ids, one per line."""
    listing = client.models.list()
    if args.json:
        print_json(console, listing)
        return 0
    for model in listing.data or []:
        if model.id:
            console.print(model.id)
    return 0
