"""Correct programs: uploads, downloads, pages, waiting, agents, embeddings and media."""

from __future__ import annotations

import io
from pathlib import Path

from zai import Stream, ZaiClient
from zai_api.models import AgentsCompletion, AgentsCompletionChunk, Batch, FileObject

client = ZaiClient()

uploaded: FileObject = client.files.create(file=Path("requests.jsonl"), purpose="batch")
client.files.create(file=("data.jsonl", b"{}\n", "application/jsonl"), purpose="batch")
client.files.create(file=io.BytesIO(b"{}"), purpose="batch")
client.files.content(uploaded.id).write_to_file("output.jsonl")

batch: Batch = client.batches.create(
    endpoint="/v4/chat/completions", input_file_id=uploaded.id, completion_window="24h", metadata={"job": "x"}
)
finished = client.batches.wait(batch.id, timeout=3600, on_progress=lambda b: print(b.status))
if finished.status == "completed" and finished.request_counts is not None:
    print(finished.request_counts.completed)

page = client.batches.list(limit=20)
for item in page:
    print(item.id, item.status in ("failed", "expired"))
print(page.data[0].id, page.has_next_page())
for one_page in page.iter_pages():
    print(len(one_page.data))

files = client.files.list(purpose="batch")
print([f.filename for f in files.data])

embedding = client.embeddings.create(model="embedding-3", input=["a", "b"], dimensions=256)
vector: list[float] = embedding.data[0].embedding
print(len(vector), embedding.usage)

video = client.videos.generations(model="cogvideox-3", prompt="A fox in the snow")
done = client.videos.wait(video.id, timeout=600, poll_interval=5, on_progress=lambda r: print(r.task_status))
if done.task_status == "SUCCESS":
    print(done.video_result)

image = client.images.generations(model="cogview-4", prompt="A lighthouse")
print(image.data)

agent: AgentsCompletion = client.agents.invoke(
    agent_id="general_translation", messages=[{"role": "user", "content": "Hi"}]
)
agent_positional: AgentsCompletion = client.agents.invoke("general_translation", "req-1", False)
agent_stream: Stream[AgentsCompletionChunk] = client.agents.invoke(
    agent_id="general_translation", messages=[{"role": "user", "content": "Hi"}], stream=True
)
agent_stream_positional: Stream[AgentsCompletionChunk] = client.agents.invoke(
    "general_translation", "req-1", True, [{"role": "user", "content": "Hi"}]
)
for chunk in agent_stream:
    print(chunk)
print(agent.status, agent_positional, agent_stream_positional)

speech = client.audio.speech(model="glm-tts", input="Hello", voice="tongtong", response_format="wav")
speech.write_to_file("hello.wav")

raw = client.chat.completions.with_raw_response.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
print(raw.headers.get("x-request-id"), raw.parse().choices[0].message.content)

search = client.web_search.web_search(search_engine="search-std", search_query="weather")
print(search)

options = client.with_options(timeout=5, max_retries=0)
print(options.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}]).id)
print(dir(client), client.chat, client.embeddings)
