"""zai-sdk 0.2.3's import path for the models of file parsing."""

from zai_api.models.file_parser_result import FileParserResult as FileParsingDownloadResp
from zai_api.models.file_parser_task import FileParserTask as FileParserTaskCreateResp

__all__ = ["FileParserTaskCreateResp", "FileParsingDownloadResp"]
