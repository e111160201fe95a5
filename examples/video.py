"""Video: submit a video generation, follow its progress with `wait(on_progress=...)`, print the links."""

import time

from zai import WaitTimeoutError, ZaiClient
from zai_api.models import AsyncResult


def main() -> None:
    started = time.monotonic()

    def report(state: AsyncResult) -> None:
        print(f"  {time.monotonic() - started:5.0f} s  {state.task_status}")

    with ZaiClient() as client:
        task = client.videos.generations(
            model="cogvideox-3",
            prompt="A paper boat drifting down a rain-soaked street, cinematic close-up.",
            quality="speed",
            duration=5,
            with_audio=True,
        )
        print("task:", task.id)
        if not task.id:
            return
        try:
            # Videos take a minute or more: poll every 5 s, give up after 10 minutes.
            result = client.videos.wait(task.id, timeout=600, poll_interval=5, on_progress=report)
        except WaitTimeoutError as error:
            print(f"{error}; ask again later with videos.retrieve_videos_result({task.id!r})")
            return
        for video in result.video_result or []:
            print("video:", video.url)
            print("cover:", video.cover_image_url)


if __name__ == "__main__":
    main()
