"""Every error the SDK raises, and the one table that maps HTTP statuses to them.

ZaiError
└── APIError                       .message .request .body .code
    ├── APIStatusError             .response .status_code .request_id   (a non-2xx response)
    │   ├── APIRequestFailedError      400   (alias BadRequestError)
    │   ├── APIAuthenticationError     401   (alias AuthenticationError)
    │   ├── APIPermissionDeniedError   403   (alias PermissionDeniedError)
    │   ├── APINotFoundError           404   (alias NotFoundError)
    │   ├── APIConflictError           409   (alias ConflictError)
    │   ├── APIUnprocessableEntityError 422  (alias UnprocessableEntityError)
    │   ├── APIReachLimitError         429   (alias RateLimitError)
    │   └── APIServerError             5xx   (alias InternalServerError)
    │       ├── APIInternalError           500
    │       └── APIServerFlowExceedError   503
    ├── APIResponseError           a 2xx response the SDK could not use
    │   ├── APIResponseValidationError   body that is not the expected JSON
    │   ├── APIStreamError               an error event inside a stream
    │   ├── APIBusinessError             a failure reported inside a 2xx body
    │   └── APIPaginationError           a list page whose cursor did not advance
    └── APIConnectionError         no usable response (network failure, stream cut short)
        └── APITimeoutError
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from ._json import loads

__all__ = [
    "APIAuthenticationError",
    "APIBusinessError",
    "APIConflictError",
    "APIConnectionError",
    "APIError",
    "APIInternalError",
    "APINotFoundError",
    "APIPaginationError",
    "APIPermissionDeniedError",
    "APIReachLimitError",
    "APIRequestFailedError",
    "APIResponseError",
    "APIResponseValidationError",
    "APIServerError",
    "APIServerFlowExceedError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "APIUnprocessableEntityError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "ZaiError",
    "request_id",
    "status_error",
    "transport_error",
]

_SNIPPET = 500
# An error body is shown whole in its message up to this many characters (an HTML error page is cut).
_ERROR_TEXT = 4000
# A quoted (bytes) literal in a message, such as h11's "Illegal header value b'...'".
_QUOTED = re.compile(r"""b?(['"]).*\1""")
_REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-log-id")


class ZaiError(Exception):
    """Base class of every error raised by this SDK."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own pickling calls `cls(*args)`, which the keyword-only arguments of the
        # subclasses refuse: the error would pickle in a worker process and fail to load in the
        # parent. Rebuilt without `__init__`, then given its attributes back (httpx requests and
        # responses pickle without their stream).
        return (_restore, (type(self), self.args), self.__dict__)


def _restore(cls: type[ZaiError], args: tuple[Any, ...]) -> ZaiError:
    error = cls.__new__(cls)
    error.args = args
    return error


class APIError(ZaiError):
    """A request to the API failed.

    `code` is the platform's business code (for example ``"1302"``) when the server sent one, and
    `body` the decoded error body.
    """

    message: str
    request: httpx.Request | None
    body: object | None
    code: str | None

    def __init__(
        self, message: str, *, request: httpx.Request | None = None, body: object | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        self.code = code


class APIStatusError(APIError):
    """The server answered with a non-2xx status."""

    response: httpx.Response
    status_code: int
    request_id: str | None

    def __init__(
        self, message: str, *, response: httpx.Response, body: object | None = None, code: str | None = None
    ) -> None:
        super().__init__(message, request=response.request, body=body, code=code)
        self.response = response
        self.status_code = response.status_code
        self.request_id = request_id(response)


class APIRequestFailedError(APIStatusError):
    """400: the request was invalid (business codes 1210-1261, 1301, ...)."""


class APIAuthenticationError(APIStatusError):
    """401: the key or token was missing, invalid or expired (codes 1000-1005)."""


class APIPermissionDeniedError(APIStatusError):
    """403: the key may not use this API (code 1220)."""


class APINotFoundError(APIStatusError):
    """404: no such resource."""


class APIConflictError(APIStatusError):
    """409: the request conflicts with the resource's state."""


class APIUnprocessableEntityError(APIStatusError):
    """422: the request was well-formed but could not be processed."""


class APIReachLimitError(APIStatusError):
    """429: a rate, concurrency, quota or balance limit was reached (codes 1113, 1302-1321)."""


class APIServerError(APIStatusError):
    """5xx: the server failed."""


class APIInternalError(APIServerError):
    """500: internal server error."""


class APIServerFlowExceedError(APIServerError):
    """503: the service is overloaded."""


class APIResponseError(APIError):
    """A 2xx response whose content the SDK could not use."""

    response: httpx.Response
    status_code: int

    def __init__(
        self, message: str, *, response: httpx.Response, body: object | None = None, code: str | None = None
    ) -> None:
        super().__init__(message, request=response.request, body=body, code=code)
        self.response = response
        self.status_code = response.status_code

    @property
    def json_data(self) -> object | None:
        """The decoded body (zai-sdk's name for `body`)."""
        return self.body


class APIResponseValidationError(APIResponseError):
    """A 2xx body that is not the JSON the operation returns."""


class APIStreamError(APIResponseError):
    """The server reported an error inside an event stream; `code` and `message` are the server's."""


class APIBusinessError(APIResponseError):
    """A 2xx body whose status envelope reports a failure (for example `{"code": 10003, "message": ...}`)."""


class APIPaginationError(APIResponseError):
    """A list page did not advance: its next cursor was used before (the server ignored the cursor).

    Raised instead of fetching the same pages forever; `cursor` is the repeated value.
    """

    def __init__(self, message: str, *, response: httpx.Response, body: object | None = None, cursor: object) -> None:
        super().__init__(message, response=response, body=body)
        self.cursor = cursor


class WaitTimeoutError(ZaiError, TimeoutError):
    """A `wait()` helper reached its timeout; `last` is the last state it polled."""

    def __init__(self, message: str, *, last: object) -> None:
        super().__init__(message)
        self.last = last


class APIConnectionError(APIError):
    """No usable response: the connection failed, was reset, or a stream ended before its end marker."""

    def __init__(self, message: str = "Connection error.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    """The request did not complete within the timeout."""

    def __init__(self, message: str = "Request timed out.", *, request: httpx.Request | None = None) -> None:
        super().__init__(message, request=request)


# openai-python's names for the same classes.
BadRequestError = APIRequestFailedError
AuthenticationError = APIAuthenticationError
PermissionDeniedError = APIPermissionDeniedError
NotFoundError = APINotFoundError
ConflictError = APIConflictError
UnprocessableEntityError = APIUnprocessableEntityError
RateLimitError = APIReachLimitError
InternalServerError = APIServerError

# The one status table. Statuses not listed map to APIServerError (5xx) or APIStatusError.
STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: APIRequestFailedError,
    401: APIAuthenticationError,
    403: APIPermissionDeniedError,
    404: APINotFoundError,
    409: APIConflictError,
    422: APIUnprocessableEntityError,
    429: APIReachLimitError,
    500: APIInternalError,
    503: APIServerFlowExceedError,
}


def request_id(response: httpx.Response) -> str | None:
    """The platform's request id, from whichever header carries it."""
    for name in _REQUEST_ID_HEADERS:
        value: str | None = response.headers.get(name)
        if value:
            return value
    return None


def decode_error_body(text: str) -> tuple[object | None, str | None, str | None]:
    """(decoded body, business code, message) of an error body in any of the platform's shapes."""
    try:
        body: Any = loads(text)
    except ValueError:
        return (text or None), None, None
    # json.loads makes plain dicts; `__class__ is dict` also keeps the values from narrowing to dict[Unknown, Unknown].
    detail: Any = body.get("error") if body.__class__ is dict else None
    if detail.__class__ is not dict:
        # The knowledge and application APIs use a flat {"code": 1234, "message": "..."}.
        detail = body if body.__class__ is dict else {}
    code = detail.get("code")
    message = detail.get("message", detail.get("msg"))
    return (
        body,
        None if code is None or isinstance(code, (dict, list)) else str(code),
        message if isinstance(message, str) else None,
    )


def status_error(response: httpx.Response) -> APIStatusError:
    """The error for a non-2xx response whose body has been read."""
    status = response.status_code
    text = response.text
    body, code, _ = decode_error_body(text)
    # zai-sdk's wording, kept because programs parse it (the body after "with error text") or look
    # for words of the body in it; openai-python's messages carry the body too.
    shown = text.strip()
    if len(shown) > _ERROR_TEXT:
        shown = f"{shown[:_ERROR_TEXT]}... ({len(shown)} characters in all, in error.response.text)"
    cls = STATUS_ERRORS.get(status) or (APIServerError if status >= 500 else APIStatusError)
    return cls(f"Error code: {status}, with error text {shown}", response=response, body=body, code=code)


def server_message(error: APIStatusError) -> str:
    """What the server said of an error: its body's message, else the start of the body, else the reason."""
    response = error.response
    try:
        text = response.text
    except httpx.ResponseNotRead:
        text = ""
    message = decode_error_body(text)[2]
    return message or text.strip()[:_SNIPPET] or response.reason_phrase or "no body"


def transport_error(
    exc: Exception, request: httpx.Request | None, what: str = "Connection error"
) -> APIConnectionError:
    """The SDK error for an httpx failure: `APITimeoutError` for timeouts, `APIConnectionError` otherwise."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=request)
    if isinstance(exc, httpx.LocalProtocolError):
        # h11 quotes the offending header ("Illegal header value b'Bearer ...'"): keep the complaint, not the value.
        return APIConnectionError(
            f"{what}: the request is not valid HTTP: {_QUOTED.sub('<redacted>', str(exc))}", request=request
        )
    return APIConnectionError(f"{what}: {exc}", request=request)


def body_snippet(content: bytes) -> str:
    """The start of a body, for error messages."""
    text = content[:_SNIPPET].decode("utf-8", errors="replace")
    return text + ("..." if len(content) > _SNIPPET else "")
