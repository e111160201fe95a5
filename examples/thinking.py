"""Thinking: let the model reason before it answers, choose how hard, and read the reasoning."""

from zai import ZaiClient

QUESTION = "A bat and a ball cost 1.10 in total. The bat costs 1.00 more than the ball. What does the ball cost?"


def main() -> None:
    with ZaiClient() as client:
        # `thinking` turns chain-of-thought on; `reasoning_effort` (GLM-5.2 and later) sets how much.
        completion = client.chat.completions.create(
            model="glm-5.2",
            messages=[{"role": "user", "content": QUESTION}],
            thinking={"type": "enabled"},
            reasoning_effort="high",
        )
        message = completion.choices[0].message if completion.choices else None
        if message is not None:
            print("reasoning:", message.reasoning_content)  # the model's thinking, apart from the answer
            print("answer:", message.content)

        # For quick replies, skip thinking altogether.
        quick = client.chat.completions.create(
            model="glm-5.2",
            messages=[{"role": "user", "content": "Say hello in Italian."}],
            thinking={"type": "disabled"},
        )
        for choice in quick.choices or []:
            print("quick answer:", choice.message.content if choice.message else None)
        print("usage:", quick.usage.total_tokens if quick.usage else "n/a", "tokens")


if __name__ == "__main__":
    main()
