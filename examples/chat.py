"""A chat completion, then a follow-up turn that sends the reply back as history."""

from zai import ZaiClient
from zai.types.chat import ChatCompletionMessageParam


def main() -> None:
    with ZaiClient() as client:  # reads ZAI_API_KEY (and ZAI_BASE_URL, if set)
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": "You are a concise assistant."},
            {"role": "user", "content": "Name three primary colours."},
        ]
        completion = client.chat.completions.create(model="glm-5.2", messages=messages, temperature=0.6)
        reply = completion.choices[0].message
        print("assistant:", reply.content)
        print("usage:", completion.usage.total_tokens if completion.usage else "n/a", "tokens")

        # Response objects can go straight back into the history.
        messages.extend([reply, {"role": "user", "content": "Now in French, please."}])
        follow_up = client.chat.completions.create(model="glm-5.2", messages=messages)
        print("assistant:", follow_up.choices[0].message.content)


if __name__ == "__main__":
    main()
