"""Assistants: stream a conversation with an official assistant that browses the web before answering.

The assistant API is documented for Zhipu BigModel: with a BigModel key, use `ZhipuAiClient()` or set
ZAI_BASE_URL=https://open.bigmodel.cn/api/paas/v4.
"""

from zai import ZaiClient
from zai_api.models import AssistantTextDelta, AssistantToolCallsDelta

WEB_SEARCH_ASSISTANT = "659e54b1b8006379b4b2abd6"


def main() -> None:
    with ZaiClient() as client:
        stream = client.assistant.conversation(
            WEB_SEARCH_ASSISTANT,
            [{"role": "user", "content": "What is new in solid-state batteries this week?"}],
            model="glm-4-assistant",
            stream=True,
        )
        conversation_id = None
        with stream:
            for chunk in stream:
                conversation_id = chunk.conversation_id or conversation_id
                for choice in chunk.choices or []:
                    delta = choice.delta
                    if isinstance(delta, AssistantToolCallsDelta):
                        for call in delta.tool_calls or []:
                            print(f"[tool: {call.type}]")
                    elif isinstance(delta, AssistantTextDelta) and delta.content:
                        print(delta.content, end="", flush=True)
        print("\nconversation:", conversation_id)  # pass it as conversation_id= to continue


if __name__ == "__main__":
    main()
