"""Function calling: the model asks for a tool, we run it, the model answers from its result."""

import json
from typing import Any

from zai import ZaiClient
from zai.types.chat import ChatCompletionMessageParam, ChatCompletionToolParam

TOOLS: list[ChatCompletionToolParam] = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Current weather for a city",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string", "description": "City name"}},
                "required": ["city"],
            },
        },
    }
]


def get_weather(city: str) -> dict[str, Any]:
    return {"city": city, "temperature_c": 21, "sky": "clear"}


def main() -> None:
    with ZaiClient() as client:
        messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "What is the weather like in Paris?"}]
        first = client.chat.completions.create(model="glm-5.2", messages=messages, tools=TOOLS)
        message = first.choices[0].message
        messages.append(message)
        for call in message.tool_calls or []:
            if call.function is None:  # not a function call (a web search, say)
                continue
            arguments = json.loads(call.function.arguments)  # arguments arrive as a JSON string
            print(f"tool call: {call.function.name}({arguments})")
            result = get_weather(**arguments)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})
        final = client.chat.completions.create(model="glm-5.2", messages=messages, tools=TOOLS)
        print("assistant:", final.choices[0].message.content)


if __name__ == "__main__":
    main()
