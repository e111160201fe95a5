"""Wrong: responses used where requests go, literal values misspelled, models built wrongly."""

from __future__ import annotations

from zai import ZaiClient
from zai.types.chat import ChatCompletionMessageParam
from zai_api import Client
from zai_api.api.chat import create_chat_completion
from zai_api.models import ChatCompletionRequest, ResponseFormat, ThinkingConfig, UserMessage

client = ZaiClient()
embedding = client.embeddings.create(model="embedding-3", input="x")
client.chat.completions.create(model="glm-5.2", messages=[embedding])  # type-error
client.chat.completions.create(model="glm-5.2", messages=[], tools=[embedding])  # type-error
client.chat.completions.create(model="glm-5.2", messages=[], thinking=embedding)  # type-error
history: list[ChatCompletionMessageParam] = []
history.append(embedding)  # type-error

completion = client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
choice = completion.choices[0]
if choice.finish_reason == "lenght":  # type-error
    pass
if choice.finish_reason != "stpo":  # type-error
    pass
task = client.videos.retrieve_videos_result("id")
if task.task_status == "SUCESS":  # type-error
    pass
batch = client.batches.retrieve("batch_1")
if batch.status == "complete":  # type-error
    pass

ThinkingConfig(type="disable")  # type-error
ResponseFormat(type="json")  # type-error
ChatCompletionRequest(model="glm-5.2", messages=[], reasoning_effort="hgih")  # type-error
UserMessage(content="hi", role="assistant")  # type-error
UserMessage(content=5)  # type-error
UserMessage()  # type-error

low: Client = client.low_level
create_chat_completion.sync(client=low, body={"model": "glm-5.2", "messages": []})  # type-error
result = create_chat_completion.sync(client=low, body=ChatCompletionRequest(model="glm-5.2", messages=[]))
print(result.choices)  # type-error
video = client.videos.generations(model="cogvideox-3", prompt="fox")
client.videos.wait(video)  # type-error
