"""The command line: every command, its options and its help."""

from __future__ import annotations

import argparse
from typing import Callable, Protocol

from .. import __version__
from . import _commands as commands
from . import _jobs as jobs

__all__ = ["build_parser"]

DEFAULT_CHAT_MODEL = "glm-5.2"
DEFAULT_EMBEDDING_MODEL = "embedding-3"
DEFAULT_IMAGE_MODEL = "glm-image"
DEFAULT_VIDEO_MODEL = "cogvideox-3"
DEFAULT_BATCH_ENDPOINT = "/v4/chat/completions"

EPILOG = """\
global options may also follow the command (except --timeout after `videos generate|wait` and
`batches run|wait`, where it is the time to wait).

environment:
  ZAI_API_KEY            the API key (--api-key overrides it)
  ZAI_BASE_URL           the API base URL (--base-url overrides it)
  ZAI_LOG=debug|info     log requests and retries to stderr
  ZAI_CLI_POLL_INTERVAL  seconds between two polls of `--wait` (default 2 for videos, 5 for batches)
  NO_COLOR               do not dim the model's reasoning on a terminal

exit status: 0 success, 1 API or SDK error, 2 usage error, 130 interrupted.

to try commands without a key: python -m zai.testing --port 8000 (a local fake server), then
export the two variables it prints.
"""


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _int(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool, timeout: bool = True) -> None:
    """The client options: on the main parser with defaults, on each command without (so they can follow it)."""
    default = None if top else argparse.SUPPRESS
    group = parser.add_argument_group("client options")
    group.add_argument(
        "--api-key", metavar="KEY", default=default, help="API key (default: the ZAI_API_KEY environment variable)"
    )
    group.add_argument(
        "--base-url",
        metavar="URL",
        default=default,
        help="API base URL (default: ZAI_BASE_URL, then the platform's)",
    )
    if timeout:
        group.add_argument(
            "--timeout",
            dest="request_timeout",
            metavar="SECONDS",
            type=_positive_float,
            default=default,
            help="timeout of each HTTP request (default: 300)",
        )
    group.add_argument(
        "--max-retries",
        metavar="N",
        type=_int(0),
        default=default,
        help="retries of a failed request (default: 3)",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="write only results and errors: no progress, status or retry lines",
    )
    group.add_argument(
        "--zhipu",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="use Zhipu BigModel (open.bigmodel.cn) instead of Z.ai",
    )


class _Subparsers(Protocol):
    """What `_command` uses of the (private) `argparse._SubParsersAction` that `add_subparsers()` returns."""

    def add_parser(
        self, name: str, *, help: str | None = ..., description: str | None = ...
    ) -> argparse.ArgumentParser: ...


def _command(
    subparsers: _Subparsers,
    name: str,
    help: str,
    *,
    timeout: bool = True,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help, description=help)
    _add_global_options(parser, top=False, timeout=timeout)
    return parser


def _json_option(parser: argparse.ArgumentParser, help: str = "print the full response as JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def _wait_timeout_option(parser: argparse.ArgumentParser, default: float, help: str) -> None:
    parser.add_argument(
        "--timeout", dest="wait_timeout", type=_positive_float, default=default, metavar="SECONDS", help=help
    )


def _poll_interval_option(parser: argparse.ArgumentParser) -> None:
    # Hidden: for tests and impatient people. ZAI_CLI_POLL_INTERVAL does the same.
    parser.add_argument("--poll-interval", type=_positive_float, default=None, help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zai",
        description="Command-line client for the Z.ai / Zhipu BigModel API.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"zai-sdk {__version__}")
    _add_global_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    sub.required = True

    chat = _command(sub, "chat", "send a prompt to a chat model and print the reply")
    chat.add_argument("prompt", metavar="PROMPT", help="the prompt; '-' reads it from stdin")
    chat.add_argument("--model", "-m", default=DEFAULT_CHAT_MODEL, help=f"(default: {DEFAULT_CHAT_MODEL})")
    chat.add_argument("--system", "-s", metavar="TEXT", help="a system message to send first")
    chat.add_argument("--stream", action="store_true", help="print the reply as it is generated")
    chat.add_argument(
        "--thinking",
        choices=("enabled", "disabled"),
        help="turn the model's reasoning on or off (default: the model's)",
    )
    chat.add_argument("--temperature", type=float, help="sampling temperature, 0-1")
    chat.add_argument("--max-tokens", type=_int(1), metavar="N", help="upper bound on generated tokens")
    _json_option(chat, "print the full response as JSON (with --stream: one chunk per line)")
    chat.set_defaults(handler=commands.chat)

    embeddings = _command(sub, "embeddings", "embed texts; prints one JSON array per text")
    embeddings.add_argument("texts", metavar="TEXT", nargs="+", help="the texts to embed")
    embeddings.add_argument(
        "--model", "-m", default=DEFAULT_EMBEDDING_MODEL, help=f"(default: {DEFAULT_EMBEDDING_MODEL})"
    )
    embeddings.add_argument("--dimensions", type=_int(1), metavar="N", help="vector length (embedding-3)")
    _json_option(embeddings)
    embeddings.set_defaults(handler=commands.embeddings)

    files = sub.add_parser("files", help="upload, list, delete and download files", description="Manage files.")
    files_sub = files.add_subparsers(dest="files_command", metavar="ACTION", title="actions")
    files_sub.required = True
    upload = _command(files_sub, "upload", "upload a file; prints its id")
    upload.add_argument("path", metavar="PATH")
    upload.add_argument("--purpose", required=True, help="batch, agent, code-interpreter, voice-clone-input, ...")
    _json_option(upload)
    upload.set_defaults(handler=commands.files_upload)
    listing = _command(files_sub, "list", "list files of one purpose: id, bytes, created, purpose, filename")
    listing.add_argument("--purpose", default="batch", help="the API lists one purpose at a time (default: batch)")
    _json_option(listing)
    listing.set_defaults(handler=commands.files_list)
    delete = _command(files_sub, "delete", "delete a file")
    delete.add_argument("file_id", metavar="FILE_ID")
    _json_option(delete)
    delete.set_defaults(handler=commands.files_delete)
    download = _command(files_sub, "download", "download a file's content")
    download.add_argument("file_id", metavar="FILE_ID")
    download.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    download.set_defaults(handler=commands.files_download)

    images = sub.add_parser("images", help="generate images", description="Generate images.")
    images_sub = images.add_subparsers(dest="images_command", metavar="ACTION", title="actions")
    images_sub.required = True
    image = _command(images_sub, "generate", "generate an image; prints its URL")
    image.add_argument("prompt", metavar="PROMPT")
    image.add_argument("--model", "-m", default=DEFAULT_IMAGE_MODEL, help=f"(default: {DEFAULT_IMAGE_MODEL})")
    image.add_argument("--size", metavar="WxH", help="e.g. 1280x1280")
    image.add_argument("--quality", choices=("hd", "standard"))
    _json_option(image)
    image.set_defaults(handler=commands.images_generate)

    videos = sub.add_parser("videos", help="generate videos and wait for them", description="Generate videos.")
    videos_sub = videos.add_subparsers(dest="videos_command", metavar="ACTION", title="actions")
    videos_sub.required = True
    video = _command(
        videos_sub,
        "generate",
        "submit a video generation; prints the task id, or the video URL with --wait",
        timeout=False,
    )
    video.add_argument("prompt", metavar="PROMPT")
    video.add_argument("--model", "-m", default=DEFAULT_VIDEO_MODEL, help=f"(default: {DEFAULT_VIDEO_MODEL})")
    video.add_argument(
        "--image-url",
        action="append",
        metavar="URL",
        help="source image: a URL or a local file (sent as a data: URL); repeat for first and last frame",
    )
    video.add_argument("--size", metavar="WxH", help="e.g. 1920x1080")
    video.add_argument("--duration", type=_int(1), metavar="SECONDS")
    video.add_argument("--quality", choices=("speed", "quality"))
    video.add_argument("--with-audio", action="store_true", default=None, help="add generated sound")
    video.add_argument("--wait", action="store_true", help="wait for the video, showing progress")
    _wait_timeout_option(video, 900.0, "with --wait, how long to wait (default: 900)")
    _poll_interval_option(video)
    _json_option(video, "print the full response as JSON (with --wait: the finished task)")
    video.set_defaults(handler=jobs.videos_generate)
    video_wait = _command(
        videos_sub, "wait", "wait for a video task submitted earlier; prints the video URL", timeout=False
    )
    video_wait.add_argument("task_id", metavar="TASK_ID")
    _wait_timeout_option(video_wait, 900.0, "how long to wait (default: 900)")
    _poll_interval_option(video_wait)
    _json_option(video_wait, "print the finished task as JSON")
    video_wait.set_defaults(handler=jobs.videos_wait)

    batches = sub.add_parser(
        "batches", help="run batches of requests, wait for them, print their results", description="Run batches."
    )
    batches_sub = batches.add_subparsers(dest="batches_command", metavar="ACTION", title="actions")
    batches_sub.required = True
    run = _command(
        batches_sub,
        "run",
        "upload a .jsonl file of requests and start a batch; prints the batch id, or its output with --wait",
        timeout=False,
    )
    run.add_argument("path", metavar="FILE.jsonl")
    run.add_argument(
        "--endpoint", default=DEFAULT_BATCH_ENDPOINT, help=f"API of every request (default: {DEFAULT_BATCH_ENDPOINT})"
    )
    run.add_argument("--wait", action="store_true", help="wait for the batch, showing progress, then print its output")
    run.add_argument("-o", "--output", metavar="OUTPUT.jsonl", help="with --wait, write the output here, not stdout")
    _wait_timeout_option(run, 86400.0, "with --wait, how long to wait (default: 86400, the 24 h window)")
    _poll_interval_option(run)
    run.set_defaults(handler=jobs.batches_run)
    batch_wait = _command(
        batches_sub, "wait", "wait for a batch created earlier, showing progress, then print its output", timeout=False
    )
    batch_wait.add_argument("batch_id", metavar="BATCH_ID")
    batch_wait.add_argument("-o", "--output", metavar="OUTPUT.jsonl", help="write the output here, not stdout")
    _wait_timeout_option(batch_wait, 86400.0, "how long to wait (default: 86400)")
    _poll_interval_option(batch_wait)
    batch_wait.set_defaults(handler=jobs.batches_wait)
    results = _command(batches_sub, "results", "print the output file of a batch that has ended")
    results.add_argument("batch_id", metavar="BATCH_ID")
    results.add_argument("--errors", action="store_true", help="print the error file (the failed requests) instead")
    results.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    results.set_defaults(handler=jobs.batches_results)

    models = _command(sub, "models", "list the ids of the models the key may use")
    _json_option(models)
    models.set_defaults(handler=commands.models)

    return parser
