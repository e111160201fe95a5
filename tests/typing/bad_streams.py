"""Wrong: stream overloads used the wrong way round, and a missing `await`."""

from __future__ import annotations

from zai import AsyncZaiClient, ZaiClient

client = ZaiClient()
aclient = AsyncZaiClient()
M = "glm-5.2"

stream = client.chat.completions.create(model=M, messages=[{"role": "user", "content": "Hi"}], stream=True)
print(stream.choices)  # type-error
completion = client.chat.completions.create(model=M, messages=[{"role": "user", "content": "Hi"}])
with completion:  # type-error
    pass
agent_stream = client.agents.invoke(agent_id="a", messages=[{"role": "user", "content": "Hi"}], stream=True)
print(agent_stream.choices)  # type-error
agent_stream_positional = client.agents.invoke("a", "req-1", True)
print(agent_stream_positional.status)  # type-error
agent = client.agents.invoke(agent_id="a", messages=[{"role": "user", "content": "Hi"}])
with agent:  # type-error
    pass


async def main() -> None:
    aclient.chat.completions.create(model=M, messages=[{"role": "user", "content": "Hi"}])  # type-error
    pending = aclient.chat.completions.create(model=M, messages=[{"role": "user", "content": "Hi"}])
    print(pending.choices)  # type-error
    astream = await aclient.chat.completions.create(model=M, messages=[{"role": "user", "content": "Hi"}], stream=True)
    for _chunk in astream:  # type-error
        pass
    async for _item in client.chat.completions.create(model=M, messages=[], stream=True):  # type-error
        pass
    page = aclient.batches.list()
    async for _batch in page:  # type-error
        pass
