"""Wrong: the everyday mistakes in a call."""

from __future__ import annotations

from zai import ZaiClient
from zai.types.chat import ChatCompletionMessageParam

client = ZaiClient()
msgs: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Hi"}]

client.chat.completions.create(model="glm-5.2", messages=msgs, temprature=0.5)  # type-error
client.chat.completions.create(model="glm-5.2", messages=[{"role": "usr", "content": "Hi"}])  # type-error
client.chat.completions.create(model="glm-5.2", messages={"role": "user", "content": "Hi"})  # type-error
client.chat.completions.create(model="glm-5.2", messages="Hi")  # type-error
client.chat.completions.create(model="glm-5.2", messages=["Hi"])  # type-error
client.chat.completions.create(messages=msgs)  # type-error
client.chat.completions.create(model=None, messages=msgs)  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, timeout="10")  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, max_tokens="100")  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, temperature="0.5")  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, stream="yes")  # type-error
client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": 5}])  # type-error
client.chat.completions.create(model="glm-5.2", messages=[{"role": "user"}])  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, extra_headers={"X-Id": 1})  # type-error
client.chat.completions.create("glm-5.2", msgs)  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, thinking={"type": "disable"})  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, reasoning_effort="hgih")  # type-error
client.chat.completions.create(model="m", messages=msgs, tools=[{"type": "function", "function": {}}])  # type-error
client.chat.completions.create(model="glm-5.2", messages=msgs, stop=5)  # type-error
client.embeddings.create(model="embedding-3", input=5)  # type-error
client.files.create(file=123, purpose="batch")  # type-error
client.batches.retrieve()  # type-error
ZaiClient(api_key=123)  # type-error
ZaiClient(timout=5)  # type-error
client.with_options(max_retries="3")  # type-error
