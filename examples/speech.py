"""Text to speech: synthesise a sentence and stream the audio file to disk."""

import tempfile
from pathlib import Path

from zai import ZaiClient


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ZaiClient() as client:
        target = Path(folder) / "shipped.wav"
        speech = client.audio.speech(
            model="glm-tts",
            input="Your order has shipped and should arrive on Thursday.",
            voice="tongtong",
            response_format="wav",
            speed=1.1,
        )
        print("content type:", speech.headers.get("content-type"))
        speech.stream_to_file(target)  # written chunk by chunk, never held whole in memory
        print(f"wrote {target.name}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
