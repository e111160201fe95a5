"""What every client shares: configuration, request building, parsing, and the pauses between tries.

`SyncAPIClient` (`_sync_client.py`) and `AsyncAPIClient` (`_async_client.py`) are twins: everything
that does not wait on the network lives in `BaseClient`, and their `_send` loops mirror each other
line for line. Their pauses go through `sleep` / `async_sleep` here, one seam for the tests.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, Callable, ClassVar, Generic, TypeVar, Union

import httpx

from zai_api.types import NOT_GIVEN, NotGiven, json_default

from ._auth import ApiKeyAuth
from ._exceptions import (
    APIBusinessError,
    APIResponseValidationError,
    APIStatusError,
    APIStreamError,
    ZaiError,
    body_snippet,
    decode_error_body,
)
from ._headers import check_api_key, check_header
from ._json import loads
from ._retry import retry_delay, should_retry
from ._version import __version__

if TYPE_CHECKING:
    pass

# Streams, binary bodies, pages, raw responses and multipart bodies are imported on first use:
# `import zai` loads only what every call needs.
RETRIES_TAKEN = "zai_retries_taken"

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "BaseClient"]

DEFAULT_TIMEOUT = httpx.Timeout(300.0, connect=8.0)
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)
DEFAULT_MAX_RETRIES = 3
DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
# Operations under this prefix are addressed relative to `base_url`; the others (agents,
# knowledge bases, ...) relative to the API root, which is `base_url` without this suffix.
PAAS_PREFIX = "/paas/v4"
CODING_PREFIX = "/coding"

# The `user:password@` part of a URL, removed from what error messages show.
_USERINFO = re.compile(r"//[^/?#]*@")

TimeoutTypes = Union[float, httpx.Timeout, None]
_T = TypeVar("_T")
# The httpx client a `BaseClient` sends with: httpx.Client for SyncAPIClient, httpx.AsyncClient for AsyncAPIClient.
_HttpT = TypeVar("_HttpT", bound="httpx.Client | httpx.AsyncClient")


def as_timeout(value: object, name: str = "timeout") -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return httpx.Timeout(float(value))
    raise TypeError(f"{name} must be a number of seconds, an httpx.Timeout or None, not {type(value).__name__}")


def check_type(value: object, expected: type[object], message: str) -> None:
    # For callers without a type checker: the annotations already promise `expected`.
    if not isinstance(value, expected):
        raise TypeError(f"{message}, not {type(value).__name__}")


def _max_retries(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"max_retries must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"max_retries must not be negative, got {value}")
    return value


def split_base_url(base_url: str) -> tuple[str, str]:
    """(`base_url` without a trailing slash, the API root). See `openapi/README.md` for the rule.

    Operation paths are appended to `base_url` as text, so it may have no query and no fragment
    (every call would go to the wrong path), and no user name or password (httpx would send them as
    Basic credentials in place of the key). Errors never repeat those parts.
    """
    url = str(base_url)
    # What an error may show: no credentials, no query or fragment (a proxy's token may be there).
    shown = _USERINFO.sub("//", url).partition("?")[0].partition("#")[0]
    if "?" in url or "#" in url:
        raise ZaiError(
            f"base_url {shown!r} is followed by a query ('?...') or a fragment ('#...'): operation paths are "
            "appended to base_url, so it may have neither"
        )
    url = url.rstrip("/")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ZaiError(f"base_url is not a valid URL: {shown!r}") from exc
    if parsed.userinfo:
        raise ZaiError(
            f"base_url {shown!r} carries a user name or password (user:password@): the SDK sends the API key "
            "itself; give a proxy's credentials to an http_client instead"
        )
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ZaiError(f"base_url must be an http(s) URL with a host, got {shown!r}")
    root = url[: -len(PAAS_PREFIX)] if url.endswith(PAAS_PREFIX) else url
    # The Coding-Plan endpoint (`.../api/coding/paas/v4`) shares the platform's root for the rest.
    if url.endswith(PAAS_PREFIX) and root.endswith(CODING_PREFIX):
        root = root[: -len(CODING_PREFIX)]
    return url, root


def _encode_json(data: Mapping[str, Any]) -> bytes:
    try:
        return json.dumps(
            data, default=json_default, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode()
    except (TypeError, ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        for key, value in data.items():  # name the argument that cannot be sent
            try:
                json.dumps(value, default=json_default, allow_nan=False)
            except (TypeError, ValueError, RecursionError) as inner:
                raise TypeError(f"Argument `{key}` cannot be sent as JSON: {inner}") from exc
        raise TypeError(f"The request body cannot be sent as JSON: {exc}") from exc


class BaseClient(Generic[_HttpT]):
    """Configuration and the parts of a call that do not wait on the network."""

    default_base_url: ClassVar[str] = ""
    # Sent by ZaiClient, as zai-sdk does; the BigModel clients send none.
    accept_language: ClassVar[str | None] = None

    api_key: str
    base_url: str
    max_retries: int
    _http: _HttpT
    # The value given (as zai-sdk and openai-python keep it), and the same as the httpx.Timeout sent with.
    timeout: TimeoutTypes
    _timeout: httpx.Timeout
    disable_token_cache: bool
    source_channel: str | None

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int,
        custom_headers: Mapping[str, str] | None,
        disable_token_cache: bool,
        source_channel: str | None,
        http_client_timeout: httpx.Timeout | None,
    ) -> None:
        api_key = api_key if api_key is not None else os.environ.get("ZAI_API_KEY")
        if not api_key:
            raise ZaiError("No API key: pass api_key=... to the client or set the ZAI_API_KEY environment variable.")
        check_type(api_key, str, "api_key must be a str")
        check_api_key(api_key)
        self.api_key = api_key
        self.disable_token_cache = bool(disable_token_cache)
        self._auth = ApiKeyAuth(api_key, jwt=not disable_token_cache)
        self.base_url, self._api_root = split_base_url(
            base_url or os.environ.get("ZAI_BASE_URL") or self.default_base_url
        )
        self.max_retries = _max_retries(max_retries)
        if isinstance(timeout, NotGiven):
            # A client left at httpx's 5 s default gets the SDK's (as in zai-sdk): 5 s would cut completions short.
            if http_client_timeout is None or http_client_timeout == _HTTPX_DEFAULT_TIMEOUT:
                http_client_timeout = DEFAULT_TIMEOUT
            self.timeout = self._timeout = http_client_timeout
        else:
            self._timeout = as_timeout(timeout)
            self.timeout = timeout
        self.source_channel = source_channel
        headers = {
            "Accept": "application/json",
            "User-Agent": f"zai-sdk-python/{__version__} httpx/{httpx.__version__}",
        }
        if source_channel:
            headers["x-source-channel"] = source_channel
        if self.accept_language:
            headers["Accept-Language"] = self.accept_language
        self._custom_headers = dict(custom_headers or {})
        headers.update(self._custom_headers)
        for name, value in headers.items():
            check_header(name, value)
        self._headers = headers
        if not self._auth.jwt:
            headers["Authorization"] = self._auth.authorization()
        # Headers sent with each request. When the SDK owns its httpx client, the constant ones are
        # set on that client once instead (`_own_http_headers`), which httpx merges far more cheaply.
        self._request_headers: dict[str, str] = dict(headers)
        self._urls: dict[str, httpx.URL] = {}

    def __repr__(self) -> str:
        # Never raises, even for a client whose __init__ failed (a traceback printed with its locals).
        auth = getattr(self, "_auth", None)
        mode = "?" if auth is None else "jwt" if auth.jwt else "bearer"
        base_url, max_retries = getattr(self, "base_url", None), getattr(self, "max_retries", None)
        return f"{type(self).__name__}(base_url={base_url!r}, auth={mode!r}, max_retries={max_retries})"

    def with_options(
        self: SelfT,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        custom_headers: Mapping[str, str] | None = None,
        disable_token_cache: bool | None = None,
        source_channel: str | None = None,
    ) -> SelfT:
        """A copy of this client with some options changed; it shares this client's connections.

            client.with_options(timeout=10, max_retries=0).chat.completions.create(...)

        `custom_headers` are merged into this client's.
        """
        cls: Any = type(self)
        copy: SelfT = cls(
            api_key=api_key if api_key is not None else self.api_key,
            base_url=base_url if base_url is not None else self.base_url,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            http_client=self._http,
            custom_headers={**self._custom_headers, **(custom_headers or {})},
            disable_token_cache=self.disable_token_cache if disable_token_cache is None else disable_token_cache,
            source_channel=source_channel if source_channel is not None else self.source_channel,
        )
        return copy

    copy = with_options

    def _url(self, path: str) -> str:
        if path.startswith(PAAS_PREFIX + "/"):
            return self.base_url + path[len(PAAS_PREFIX) :]
        return self._api_root + path

    def _parsed_url(self, path: str) -> httpx.URL:
        # Parsing a URL is a large part of building a request; paths without ids repeat.
        url = self._urls.get(path)
        if url is None:
            url = httpx.URL(self._url(path))
            if len(self._urls) < 512:
                self._urls[path] = url
        return url

    def _own_http_headers(self) -> dict[str, str]:
        """The constant headers, moved onto an httpx client the SDK creates for itself."""
        constant = self._request_headers
        self._request_headers = {}
        return constant

    def _build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None,
        files: Mapping[str, Any] | None,
        file_fields: tuple[str, ...],
        query: Mapping[str, Any] | None,
        headers: Mapping[str, Any] | None,
        stream: bool,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None,
        extra_body: Mapping[str, object] | None,
        timeout: TimeoutTypes | NotGiven,
    ) -> tuple[httpx.Request, list[IO[bytes]]]:
        """The request, and the files opened for its body (the caller closes them)."""
        all_headers = dict(self._request_headers)
        if stream:
            all_headers["Accept"] = "text/event-stream"
        if headers:
            for name, value in headers.items():
                if value is not NOT_GIVEN and value is not None:
                    check_header(name, text := str(value))
                    all_headers[name] = text
        params: dict[str, Any] | None = None
        if query:
            params = {key: value for key, value in query.items() if value is not NOT_GIVEN and value is not None}
        if extra_query:
            params = {**(params or {}), **extra_query}
        content: bytes | None = None
        parts: list[Any] | None = None
        opened: list[IO[bytes]] = []
        if files is not None:
            from ._files import multipart  # noqa: PLC0415

            parts, opened = multipart(files, file_fields, extra_body)
        elif body is not None:
            # An argument left out, or passed as None, is not sent (extra_body is sent as given).
            data = {key: value for key, value in body.items() if value is not NOT_GIVEN and value is not None}
            if extra_body:
                data.update(extra_body)
            content = _encode_json(data)
            all_headers["Content-Type"] = "application/json"
        elif extra_body:
            content = _encode_json(extra_body)
            all_headers["Content-Type"] = "application/json"
        if self._auth.jwt:
            all_headers["Authorization"] = self._auth.authorization()
        if extra_headers:
            for name, value in extra_headers.items():
                check_header(name, value)
            all_headers.update(extra_headers)
        try:
            request = http.build_request(
                method,
                self._parsed_url(path),
                params=params or None,
                headers=all_headers,
                content=content,
                files=parts or None,
                timeout=self._timeout if isinstance(timeout, NotGiven) else as_timeout(timeout),
            )
        except BaseException:
            for handle in opened:
                handle.close()
            raise
        return request, opened

    def _retries(self, max_retries: int | NotGiven) -> int:
        return self.max_retries if isinstance(max_retries, NotGiven) else _max_retries(max_retries)

    @staticmethod
    def _retry_wait(
        response: httpx.Response, error: APIStatusError, retries_taken: int, max_retries: int
    ) -> float | None:
        """Seconds to wait before retrying a failed response, or None to raise its error."""
        if retries_taken < max_retries and should_retry(response, error.code):
            return retry_delay(retries_taken, response)
        return None

    def _should_resign(self, error: APIStatusError, resigned: bool) -> bool:
        # An expired JWT (401, business code 1003) is signed again once, outside the retry budget.
        return self._auth.jwt and not resigned and error.status_code == 401 and error.code == "1003"

    @staticmethod
    def _parse(
        response: httpx.Response,
        cast_to: Callable[[Any], _T] | None,
        success: tuple[str, tuple[Any, ...]] | None,
        failure: tuple[str, tuple[Any, ...]] | None = None,
    ) -> _T | Any:
        content = response.content
        try:
            data = loads(content)
        except ValueError:
            raise APIResponseValidationError(
                f"Expected a JSON body (status {response.status_code}), got: {body_snippet(content)}",
                response=response,
                body=content,
            ) from None
        # json.loads makes plain dicts; `__class__ is dict` also keeps `data` from narrowing to dict[Unknown, Unknown].
        # The operation's rule for a failure reported inside a 2xx body: `success` lists the values
        # of a field that mean success (anything else fails), `failure` those that mean failure.
        if data.__class__ is dict and (
            (success is not None and data.get(success[0]) not in success[1])
            or (failure is not None and data.get(failure[0]) in failure[1])
        ):
            _, code, message = decode_error_body(response.text)
            detail = message or body_snippet(content)
            raise APIBusinessError(f"[{code}] {detail}" if code else detail, response=response, body=data, code=code)
        if cast_to is None:
            return data
        if data.__class__ is not dict:
            raise APIResponseValidationError(
                f"Expected a JSON object (status {response.status_code}), got: {body_snippet(content)}",
                response=response,
                body=data,
            )
        try:
            return cast_to(data)
        except Exception as exc:  # a parser bug must not surface as a bare KeyError or TypeError
            raise APIResponseValidationError(
                f"Could not parse the response (status {response.status_code}): {exc!r}", response=response, body=data
            ) from exc

    @staticmethod
    def _poll_state(result: Any, status: str, pending: tuple[str, ...], done: tuple[str, ...]) -> tuple[bool, Any]:
        """(finished, status value) of a polled result."""
        value = result.get(status) if hasattr(result, "get") else getattr(result, status, None)
        text = None if value is None else str(value)
        return ((text in done) if done else (text not in pending)), value

    @staticmethod
    def _check_poll(timeout: float, poll_interval: float) -> None:
        if not timeout > 0 or not poll_interval > 0:
            raise ValueError(f"timeout and poll_interval must be positive, got {timeout} and {poll_interval}")

    @staticmethod
    def _not_a_stream(response: httpx.Response) -> Exception:
        _, code, message = decode_error_body(response.text)
        if message:
            text = f"[{code}] {message}" if code else message
            return APIStreamError(text, response=response, body=response.text, code=code)
        return APIResponseValidationError(
            f"Expected an event stream, got {response.headers.get('content-type')!r}: {body_snippet(response.content)}",
            response=response,
            body=response.content,
        )


def identity(data: Any) -> Any:
    return data


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    import asyncio  # noqa: PLC0415  (only the async client pays for importing asyncio)

    await asyncio.sleep(seconds)


SelfT = TypeVar("SelfT", bound="BaseClient[Any]")
