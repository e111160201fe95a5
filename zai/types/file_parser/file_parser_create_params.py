"""zai-sdk's `zai.types.file_parser.file_parser_create_params`: aliases of our generated models."""

from typing import Literal, TypedDict

from zai.core._base_type import FileTypes
from zai_api.models.file_parser_create_request import FileParserCreateRequestParam as FileParserCreateParams
from zai_api.models.file_parser_sync_request import FileParserSyncRequestParam as FileParserSyncParams


class FileParserDownloadParams(TypedDict):
    """The arguments of `client.file_parser.content`, as a dict (path parameters, not a request body)."""

    task_id: str
    format_type: Literal["text", "download_link"]


__all__ = ["FileParserCreateParams", "FileParserDownloadParams", "FileParserSyncParams", "FileTypes"]
