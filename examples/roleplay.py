"""Role-play: a character model (charglm-4) speaks as the persona that `meta` describes."""

from zai import ZaiClient
from zai.types.chat import ChatCompletionMessageParam
from zai_api.models import UserMessage
from zai_api.models.role_play_meta import RolePlayMetaParam

META: RolePlayMetaParam = {
    "bot_name": "Captain Mira",
    "bot_info": "Captain of the cargo airship Kestrel: brisk, warm, fond of old sky-sailor sayings.",
    "user_name": "Sam",
    "user_info": "A new deckhand on the Kestrel, on the first day aboard.",
}


def main() -> None:
    with ZaiClient() as client:
        history: list[ChatCompletionMessageParam] = []  # dicts, request models and replies mix freely
        for line in ["Captain, where are we headed?", "What should I do first?"]:
            print(f"{META['user_name']}: {line}")
            history.append(UserMessage(content=line))
            completion = client.chat.completions.create(model="charglm-4", meta=META, messages=history)
            reply = completion.choices[0].message if completion.choices else None
            if reply is None:
                break
            print(f"{META['bot_name']}: {reply.content}")
            history.append(reply)  # the reply goes back into the history as it is


if __name__ == "__main__":
    main()
