"""The `zai` command: the SDK from a shell.

    zai chat "Name three primary colours." --stream
    zai embeddings "first text" "second text" --dimensions 256
    zai files upload requests.jsonl --purpose batch
    zai images generate "a lighthouse at dawn"
    zai videos generate "waves on a beach" --wait
    zai videos wait TASK_ID
    zai batches run requests.jsonl --wait -o results.jsonl
    zai batches wait BATCH_ID
    zai batches results BATCH_ID -o results.jsonl
    zai models

`zai --help` and `zai COMMAND --help` describe every option. Results go to stdout, progress and
errors to stderr; an error is one line (``zai: error: [1302] rate limit reached (HTTP 429)``).
Each retry of a request is shown as it happens, one line each; ``--quiet`` keeps stderr to errors.
Exit status: 0 success, 1 API or SDK error, 2 usage error, 130 interrupted.

`--wait` polls every 2 s (videos) or 5 s (batches); the environment variable
``ZAI_CLI_POLL_INTERVAL`` (or the hidden option ``--poll-interval SECONDS``) changes that, which
keeps tests fast.

The CLI uses only the standard library and the public client (`zai.ZaiClient`); `import zai` does
not import it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import httpx

import zai
from zai_api.types import PathParamError

from ._output import CommandError, Console, UsageError, describe_error, retry_lines
from ._parser import build_parser

__all__ = ["main"]


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 2


def _client(args: argparse.Namespace) -> zai.ZaiClient:
    if not (args.api_key if args.api_key is not None else os.environ.get("ZAI_API_KEY")):
        raise CommandError("no API key: pass --api-key or set the ZAI_API_KEY environment variable")
    cls = zai.ZhipuAiClient if args.zhipu else zai.ZaiClient
    timeout: float | zai.NotGiven = zai.NOT_GIVEN if args.request_timeout is None else args.request_timeout
    if args.max_retries is None:  # keep the client's default
        return cls(api_key=args.api_key, base_url=args.base_url, timeout=timeout)
    return cls(api_key=args.api_key, base_url=args.base_url, timeout=timeout, max_retries=args.max_retries)


def _silence_stdout() -> None:
    """After a broken pipe (`zai ... | head`), send what Python flushes at exit nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: `sys.argv[1:]`) and return the exit status.

    0 success, 1 an API or SDK error (reported as one line on stderr), 2 a usage error,
    130 interrupted.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help, --version, or a usage error already reported by argparse
        return _exit_code(exit.code)
    console = Console(quiet=args.quiet)
    try:
        with _client(args) as client, retry_lines(console):
            code = int(args.handler(client, args, console))
        console.stdout.flush()  # here, so that a closed pipe is reported like any other error
        return code
    except (UsageError, PathParamError) as error:
        console.error(describe_error(error))
        return 2
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except (zai.ZaiError, CommandError, OSError) as error:
        console.error(describe_error(error))
        return 1
    except httpx.HTTPError as error:  # a download cut short: the SDK raises httpx's error as it is
        console.error(describe_error(zai.APIConnectionError(f"Connection error: {error}")))
        return 1
