"""Streaming: print the reasoning and the reply as they arrive, sync and async."""

import asyncio

from zai import AsyncZaiClient, ZaiClient


def sync_stream() -> None:
    with ZaiClient() as client:
        stream = client.chat.completions.create(
            model="glm-5.2",
            messages=[{"role": "user", "content": "Write a haiku about the sea."}],
            thinking={"type": "enabled"},
            stream=True,
        )
        section = None
        with stream:  # the connection is released even if the loop stops early
            for chunk in stream:
                delta = chunk.choices[0].delta
                for name, text in (("thinking", delta.reasoning_content), ("answer", delta.content)):
                    if text:
                        if section != name:
                            section = name
                            print(f"\n[{name}] ", end="")
                        print(text, end="", flush=True)
                if chunk.usage:
                    print(f"\n({chunk.usage.total_tokens} tokens)")


async def async_stream() -> None:
    async with AsyncZaiClient() as client:
        stream = await client.chat.completions.create(
            model="glm-5.2", messages=[{"role": "user", "content": "Count to five."}], stream=True
        )
        async for chunk in stream:
            print(chunk.choices[0].delta.content or "", end="", flush=True)
        print()


if __name__ == "__main__":
    sync_stream()
    asyncio.run(async_stream())
