"""Wrong: misspelled names, which lazy loading must not hide from type checkers."""
# ruff: noqa: I001, B018  (one wrong import per line, and bare attribute reads, on purpose)

from __future__ import annotations

import zai
from zai import RateLimitErorr  # type-error
from zai import Strem  # type-error
from zai import AsyncZaiClient, ZaiClient
from zai_api import Clinet  # type-error
from zai_api.models import ChatCompletoin  # type-error
from zai_api.models import UserMesageParam  # type-error

__all__ = ["ChatCompletoin", "Clinet", "RateLimitErorr", "Strem", "UserMesageParam"]  # uses the imports
client = ZaiClient()
chat = client.chatt  # type-error
embeddings = client.embedding  # type-error
async_chat = AsyncZaiClient().chatt  # type-error
page = client.batches.list()
items = page.dataa  # type-error
more = page.has_mor  # type-error
completion = client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
choices = completion.choises  # type-error
stream_class = zai.Strem  # type-error

try:
    client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
except zai.RateLimitErorr:  # type-error
    pass
except zai.APIStatusError as error:
    print(error.status_cod)  # type-error

client.request("GET", "/models", cast_to=None)  # type-error
client.poll  # type-error
