"""Files: upload from a path, from bytes and from a file object, list them, download one, delete them."""

import json
import tempfile
from pathlib import Path

from zai import APIStatusError, ZaiClient

REQUEST = {"custom_id": "hello", "method": "POST", "url": "/v4/chat/completions"}
LINE = json.dumps({**REQUEST, "body": {"model": "glm-5.2", "messages": [{"role": "user", "content": "Hello"}]}}) + "\n"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ZaiClient() as client:
        path = Path(folder) / "requests.jsonl"
        path.write_text(LINE, encoding="utf-8")

        uploaded = [
            client.files.create(file=path, purpose="batch"),  # streamed from disk
            client.files.create(file=("from-bytes.jsonl", LINE.encode(), "application/jsonl"), purpose="batch"),
        ]
        with open(path, "rb") as handle:  # any binary file object
            uploaded.append(client.files.create(file=handle, purpose="batch"))
        for file in uploaded:
            print(f"uploaded {file.filename} as {file.id} ({file.bytes_} bytes)")

        listing = client.files.list(purpose="batch", limit=5)
        print("batch files (first page):", [file.filename for file in listing.data])

        if uploaded[0].id:
            try:
                content = client.files.content(uploaded[0].id)
                print("downloaded:", content.text.strip()[:60], "...")
            except APIStatusError as error:  # the platform may refuse to serve some kinds of file
                print("download refused:", error.status_code, error.code, error.message)

        for file in uploaded:
            if file.id:
                deleted = client.files.delete(file.id)
                print("deleted:", deleted.id, deleted.deleted)


if __name__ == "__main__":
    main()
