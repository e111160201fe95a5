"""zai-sdk's `zai.api_resource`: aliases of our generated resources."""

from . import (
    agents,
    assistant,
    audio,
    batch,
    chat,
    embeddings,
    file_parser,
    files,
    images,
    moderations,
    ocr,
    tools,
    videos,
    web_reader,
    web_search,
)
from .agents.agents import Agents
from .assistant.assistant import Assistant
from .audio.audio import Audio
from .batch.batches import Batches
from .chat.async_completions import AsyncCompletions
from .chat.chat import Chat
from .chat.completions import Completions
from .embeddings.embeddings import Embeddings
from .file_parser.file_parser import FileParser
from .files.files import Files, FilesWithRawResponse
from .images.images import Images
from .moderations.moderations import Moderations
from .ocr.handwriting_ocr import HandwritingOCR
from .ocr.layout_parsing import LayoutParsing
from .tools.tools import Tools
from .videos.videos import Videos
from .web_reader.web_reader import WebReaderApi
from .web_search.web_search import WebSearchApi

__all__ = [
    "Agents",
    "Assistant",
    "AsyncCompletions",
    "Audio",
    "Batches",
    "Chat",
    "Completions",
    "Embeddings",
    "FileParser",
    "Files",
    "FilesWithRawResponse",
    "HandwritingOCR",
    "Images",
    "LayoutParsing",
    "Moderations",
    "Tools",
    "Videos",
    "WebReaderApi",
    "WebSearchApi",
    "agents",
    "assistant",
    "audio",
    "batch",
    "chat",
    "embeddings",
    "file_parser",
    "files",
    "images",
    "moderations",
    "ocr",
    "tools",
    "videos",
    "web_reader",
    "web_search",
]
