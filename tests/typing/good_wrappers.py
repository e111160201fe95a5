"""Correct programs: thin wrappers that pass their own optional arguments through, and generated messages."""

from __future__ import annotations

from collections.abc import Iterator

from zai import NOT_GIVEN, AsyncZaiClient, NotGiven, ZaiClient
from zai.lib import content_text
from zai.types.chat import ChatCompletionMessageParam
from zai_api.models import ChatCompletion

client = ZaiClient()


def complete(
    prompt: str,
    *,
    temperature: float | None = None,
    max_tokens: int | None = None,
    top_p: float | NotGiven = NOT_GIVEN,
    stop: list[str] | None = None,
    timeout: float | None = None,
) -> ChatCompletion:
    # `None` means "not given": nothing is sent for it.
    return client.chat.completions.create(
        model="glm-5.2",
        messages=[{"role": "user", "content": prompt}],
        temperature=temperature,
        max_tokens=max_tokens,
        top_p=top_p,
        stop=stop,
        user_id=None,
        timeout=timeout,
    )


def conversation(turns: list[str]) -> Iterator[ChatCompletionMessageParam]:
    yield {"role": "system", "content": "Be brief."}
    for turn in turns:
        yield {"role": "user", "content": turn}


# Any iterable of messages, a generator included (it is read once).
client.chat.completions.create(model="glm-5.2", messages=conversation(["Hi", "How are you?"]))
client.chat.completions.create(model="glm-5.2", messages=({"role": "user", "content": t} for t in ["a", "b"]))
client.chat.completions.create(model="glm-5.2", messages=tuple(conversation(["Hi"])))


async def acomplete(aclient: AsyncZaiClient, prompt: str, seed: int | None = None) -> str:
    completion = await aclient.chat.completions.create(
        model="glm-5.2", messages=[{"role": "user", "content": prompt}], seed=seed, stream=False
    )
    return content_text(completion.choices[0].message.content)


print(complete("Hi", temperature=0.2).id)
