"""zai-sdk's `zai.api_resource.file_parser.file_parser`: aliases of our generated resources."""

from zai.core._base_type import Body, FileTypes, Headers
from zai.types.file_parser.file_parser_create_params import FileParserCreateParams, FileParserSyncParams
from zai.types.file_parser.file_parser_resp import FileParserTaskCreateResp, FileParsingDownloadResp
from zai_api.api.file_parser import FileParser
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "FileParser",
    "FileParserCreateParams",
    "FileParserSyncParams",
    "FileParserTaskCreateResp",
    "FileParsingDownloadResp",
    "FileTypes",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
]
