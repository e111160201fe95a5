"""Correct programs: the asynchronous client, its streams and pages."""

from __future__ import annotations

import asyncio

from zai import AsyncStream, AsyncZaiClient
from zai_api.models import AgentsCompletion, AgentsCompletionChunk, ChatCompletionChunk


async def main() -> None:
    async with AsyncZaiClient(api_key="id.secret") as client:
        completion = await client.chat.completions.create(
            model="glm-5.2", messages=[{"role": "user", "content": "Hello"}]
        )
        print(completion.choices[0].message.content)

        stream: AsyncStream[ChatCompletionChunk] = await client.chat.completions.create(
            model="glm-5.2", messages=[{"role": "user", "content": "Hello"}], stream=True
        )
        async with stream:
            async for chunk in stream:
                print(chunk.choices[0].delta.content or "", end="")

        async for batch in await client.batches.list(limit=10):
            print(batch.id, batch.status)

        first_page = await client.batches.list()
        print(first_page.data, first_page.has_next_page())
        next_page = await first_page.get_next_page()
        if next_page is not None:
            print(next_page.data[0].status == "completed")

        agent: AgentsCompletion = await client.agents.invoke(
            agent_id="general_translation", messages=[{"role": "user", "content": "Bonjour"}]
        )
        print(agent.status)
        agent_stream: AsyncStream[AgentsCompletionChunk] = await client.agents.invoke(
            agent_id="general_translation", messages=[{"role": "user", "content": "Bonjour"}], stream=True
        )
        async for event in agent_stream:
            print(event)

        task = await client.chat.asyncCompletions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
        done = await client.chat.asyncCompletions.wait(task.id, timeout=60, poll_interval=1)
        print(done.task_status == "SUCCESS")

        results = await asyncio.gather(
            client.embeddings.create(model="embedding-3", input="one"),
            client.embeddings.create(model="embedding-3", input=["two", "three"]),
        )
        print([len(result.data) for result in results])


asyncio.run(main())
