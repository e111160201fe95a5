"""Logging through the standard `logging` module, on the "zai" logger.

`ZAI_LOG=debug` logs every request (with headers, `Authorization` redacted), response and retry;
`ZAI_LOG=info` logs retries. Without the variable nothing is configured and the calls cost a level check.
"""

from __future__ import annotations

import logging
import os
import time

import httpx

from ._exceptions import request_id

__all__ = ["SENSITIVE_HEADERS", "log_request", "log_response", "log_retry", "logger", "redact_headers"]

logger = logging.getLogger("zai")

SENSITIVE_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "proxy-authorization", "cookie"})


def redact_headers(headers: httpx.Headers) -> dict[str, str]:
    """Headers as a dict, with credentials replaced by `<redacted>`."""
    return {name: ("<redacted>" if name.lower() in SENSITIVE_HEADERS else value) for name, value in headers.items()}


def _setup_logging() -> None:
    level = os.environ.get("ZAI_LOG", "").strip().lower()
    levels = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
    if level not in levels:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(levels[level])


def log_request(request: httpx.Request, retries_taken: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "Request: %s %s (attempt %d) headers=%s",
            request.method,
            request.url,
            retries_taken + 1,
            redact_headers(request.headers),
        )


def log_response(request: httpx.Request, response: httpx.Response, started: float) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "Response: %s %s -> %d %s in %.0f ms (request id %s)",
            request.method,
            request.url,
            response.status_code,
            response.reason_phrase,
            (time.monotonic() - started) * 1000,
            request_id(response) or "-",
        )


def log_retry(request: httpx.Request, retries_taken: int, max_retries: int, delay: float, reason: str) -> None:
    if logger.isEnabledFor(logging.INFO):
        logger.info(
            "Retrying %s %s in %.2f s (retry %d of %d) after %s",
            request.method,
            request.url,
            delay,
            retries_taken + 1,
            max_retries,
            reason,
        )


_setup_logging()
