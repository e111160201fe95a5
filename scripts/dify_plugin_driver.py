"""Drive the Dify ZhipuAI model plugin's classes directly, without the Dify daemon.

Run by scripts/dify_plugin_compat.py inside a virtual environment that has `dify_plugin` and one
`zai` (zai-sdk 0.2.3 or this SDK), with the plugin's directory (`models/zhipuai` of
langgenius/dify-official-plugins) as the working directory and `ZAI_BASE_URL` pointing at a
`FakeZai` server. `python dify_plugin_driver.py CASE` prints one JSON line: what the plugin
produced (results, chunks, usage, errors), with the run-dependent numbers (latency) left out.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, os.getcwd())

import yaml
from dify_plugin.entities.model import AIModelEntity
from dify_plugin.entities.model.message import (
    AssistantPromptMessage,
    ImagePromptMessageContent,
    PromptMessageTool,
    SystemPromptMessage,
    TextPromptMessageContent,
    ToolPromptMessage,
    UserPromptMessage,
)
from models.llm.llm import ZhipuAILargeLanguageModel
from models.text_embedding.text_embedding import ZhipuAITextEmbeddingModel

KEY = "fake-id.fake-secret"
CREDENTIALS = {"api_key": KEY, "base_url": os.environ["ZAI_BASE_URL"]}
WEATHER = PromptMessageTool(
    name="get_weather",
    description="The weather in a city",
    parameters={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def schemas(kind: str) -> list[AIModelEntity]:
    folder = Path("models") / kind
    found = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "model" in data:
            found.append(AIModelEntity.model_validate(data))
    return found


def scrub(value: Any) -> Any:
    """Drop the wall-clock numbers (latency) so both runs compare."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k != "latency"}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def error_of(error: BaseException) -> dict[str, Any]:
    cause = error.__cause__
    return {
        "type": type(error).__name__,
        "message": str(error),
        "cause": None if cause is None else {"type": type(cause).__name__, "message": str(cause)},
    }


def llm() -> ZhipuAILargeLanguageModel:
    return ZhipuAILargeLanguageModel(model_schemas=schemas("llm"))


def invoke(model: str, messages: list[Any], stream: bool, **kwargs: Any) -> list[Any]:
    chunks = llm().invoke(model=model, credentials=dict(CREDENTIALS), prompt_messages=messages, stream=stream, **kwargs)
    return [scrub(chunk.model_dump(mode="json")) for chunk in chunks]


HELLO = [SystemPromptMessage(content="Be brief."), UserPromptMessage(content="Hello")]
ASKED = [UserPromptMessage(content="Weather in Beijing?")]
ANSWERED = [
    *ASKED,
    AssistantPromptMessage(
        content="",
        tool_calls=[
            AssistantPromptMessage.ToolCall(
                id="call_1",
                type="function",
                function=AssistantPromptMessage.ToolCall.ToolCallFunction(
                    name="get_weather", arguments='{"city": "Beijing"}'
                ),
            )
        ],
    ),
    ToolPromptMessage(content='{"temp": 21}', tool_call_id="call_1"),
]
IMAGE = [
    UserPromptMessage(
        content=[
            TextPromptMessageContent(data="What is in this picture?"),
            ImagePromptMessageContent(format="png", mime_type="image/png", base64_data=PNG),
        ]
    )
]
PARAMS = {"temperature": 0.3, "top_p": 0.8, "max_tokens": 256, "thinking": True}


def validate_llm() -> Any:
    llm().validate_credentials(model="glm-4.7", credentials=dict(CREDENTIALS))
    return "valid"


def embed() -> Any:
    model = ZhipuAITextEmbeddingModel(model_schemas=schemas("text_embedding"))
    result = model.invoke(model="embedding-3", credentials=dict(CREDENTIALS), texts=["one", "two"])
    return scrub(result.model_dump(mode="json"))


def validate_embedding() -> Any:
    model = ZhipuAITextEmbeddingModel(model_schemas=schemas("text_embedding"))
    model.validate_credentials(model="embedding-3", credentials=dict(CREDENTIALS))
    return "valid"


CASES: dict[str, Callable[[], Any]] = {
    "blocking": lambda: invoke("glm-4.7", HELLO, False, model_parameters=dict(PARAMS)),
    "blocking_tools": lambda: invoke("glm-4.7", ASKED, False, tools=[WEATHER]),
    "blocking_tool_result": lambda: invoke("glm-4.7", ANSWERED, False, tools=[WEATHER]),
    "blocking_json_schema": lambda: invoke(
        "glm-4.7",
        HELLO,
        False,
        model_parameters={"response_format": "json_object"},
    ),
    "stream": lambda: invoke("glm-4.7", HELLO, True, model_parameters=dict(PARAMS), stop=["END"]),
    "stream_tools": lambda: invoke("glm-4.7", ASKED, True, tools=[WEATHER]),
    "stream_tool_result": lambda: invoke("glm-4.7", ANSWERED, True, tools=[WEATHER]),
    "vision_blocking": lambda: invoke("glm-4.6v", IMAGE, False),
    "vision_blocking_parts": lambda: invoke("glm-4.6v", IMAGE, False),
    "vision_stream_box": lambda: invoke("glm-4.5v", IMAGE, True),
    "error_400": lambda: invoke("glm-4.7", HELLO, False),
    "error_401_stream": lambda: invoke("glm-4.7", HELLO, True),
    "error_in_stream": lambda: invoke("glm-4.7", HELLO, True),
    "retry_503": lambda: invoke("glm-4.7", HELLO, False),
    "validate_llm": validate_llm,
    "validate_llm_401": validate_llm,
    "embedding": embed,
    "validate_embedding": validate_embedding,
    "validate_embedding_401": validate_embedding,
}


def main() -> None:
    name = sys.argv[1]
    try:
        out: dict[str, Any] = {"result": CASES[name]()}
    except Exception as error:  # the error is the outcome compared
        out = {"error": error_of(error)}
    print(json.dumps(out, sort_keys=True, default=repr))


if __name__ == "__main__":
    main()
