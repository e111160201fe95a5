"""zai-sdk's `zai.types.file_parser.file_parser_resp`: aliases of our generated models."""

from zai_api.models.file_parser_result import FileParserResult as FileParsingDownloadResp
from zai_api.models.file_parser_task import FileParserTask as FileParserTaskCreateResp
from zai_api.types import BaseModel

__all__ = ["BaseModel", "FileParserTaskCreateResp", "FileParsingDownloadResp"]
