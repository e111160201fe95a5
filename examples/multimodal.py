"""Vision: ask a vision model about images (by URL or inline base64) and about a video."""

import base64
import struct
import zlib

from zai import ZaiClient

IMAGE_URL = "https://cdn.bigmodel.cn/static/logo/register.png"
VIDEO_URL = "https://cdn.bigmodel.cn/agent-demos/lark/113123.mov"


def red_square_png(size: int = 32) -> bytes:
    """A small solid-red PNG, built with the standard library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress((b"\x00" + b"\xff\x00\x00" * size) * size)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def main() -> None:
    inline = "data:image/png;base64," + base64.b64encode(red_square_png()).decode()
    with ZaiClient() as client:
        images = client.chat.completions.create(
            model="glm-5v-turbo",
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "image_url", "image_url": {"url": IMAGE_URL}},
                        {"type": "image_url", "image_url": {"url": inline}},
                        {"type": "text", "text": "Describe each image in one short sentence."},
                    ],
                }
            ],
        )
        for choice in images.choices or []:
            print("images:", choice.message.content if choice.message else None)

        video = client.chat.completions.create(
            model="glm-5v-turbo",
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "video_url", "video_url": {"url": VIDEO_URL}},
                        {"type": "text", "text": "What happens in this video?"},
                    ],
                }
            ],
        )
        for choice in video.choices or []:
            print("video:", choice.message.content if choice.message else None)


if __name__ == "__main__":
    main()
