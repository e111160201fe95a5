"""zai-sdk's `zai.types.file_parser`: aliases of our generated models."""

from . import file_parser_create_params, file_parser_resp

__all__ = ["file_parser_create_params", "file_parser_resp"]
