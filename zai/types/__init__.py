"""zai-sdk's `zai.types`: packages of aliases of the generated models (`zai_api.models`).

The subpackages are imported when first used, so `import zai` then `zai.types.chat.Completion`
works without importing every model.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import agents as agents
    from . import assistant as assistant
    from . import audio as audio
    from . import batch as batch
    from . import chat as chat
    from . import embeddings as embeddings
    from . import file_parser as file_parser
    from . import files as files
    from . import fine_tuning as fine_tuning
    from . import image as image
    from . import moderation as moderation
    from . import ocr as ocr
    from . import sensitive_word_check as sensitive_word_check
    from . import tools as tools
    from . import video as video
    from . import voiceclone as voiceclone
    from . import web_reader as web_reader
    from . import web_search as web_search

_SUBPACKAGES = frozenset(
    {
        "agents",
        "assistant",
        "audio",
        "batch",
        "chat",
        "embeddings",
        "file_parser",
        "files",
        "fine_tuning",
        "image",
        "moderation",
        "ocr",
        "sensitive_word_check",
        "tools",
        "video",
        "voiceclone",
        "web_reader",
        "web_search",
    }
)

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name in _SUBPACKAGES:
            return import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
