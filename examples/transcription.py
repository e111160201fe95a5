"""Speech to text: write a short WAV file with the `wave` module, transcribe it, then stream a transcription."""

import math
import struct
import tempfile
import wave
from pathlib import Path

from zai import ZaiClient


def write_tone(path: Path, seconds: float = 1.0, rate: int = 16000) -> None:
    """A 440 Hz tone as 16-bit mono PCM: record your own voice to hear real words back."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(int(seconds * rate))
    )
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(frames)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ZaiClient() as client:
        recording = Path(folder) / "recording.wav"
        write_tone(recording)
        print(f"wrote {recording.name}: {recording.stat().st_size} bytes")

        # A path is streamed from disk; bytes, file objects and (name, content) tuples work too.
        transcript = client.audio.transcriptions.create(model="glm-asr-2512", file=recording, hotwords=["Z.ai", "GLM"])
        print("text:", transcript.text or "(no speech recognised)")

        # With stream=True the text arrives as transcript.text.delta events.
        stream = client.audio.transcriptions.create(model="glm-asr-2512", file=recording, stream=True)
        with stream:
            for event in stream:
                if event.type == "transcript.text.delta":
                    print("delta:", event.delta)


if __name__ == "__main__":
    main()
