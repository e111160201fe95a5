"""Images: generate an image and wait for it, then submit a deferred generation and poll it with `wait()`."""

from zai import ZaiClient


def main() -> None:
    with ZaiClient() as client:
        # Synchronous: the call returns once the image is ready (links are kept for 30 days).
        image = client.images.generations(
            model="cogview-4-250304", prompt="A red fox curled up asleep in fresh snow, soft morning light."
        )
        for item in image.data or []:
            print("image:", item.url)

        # Deferred (glm-image): submit a task, then wait() polls it until it leaves PROCESSING.
        task = client.images.async_generations(
            model="glm-image", prompt="An isometric illustration of a tiny island with a lighthouse.", size="1568x1056"
        )
        print("task:", task.id, task.task_status)
        if task.id:
            result = client.images.wait(task.id, timeout=300, on_progress=lambda state: print("  ", state.task_status))
            for item in result.image_result or []:
                print("deferred image:", item.url)


if __name__ == "__main__":
    main()
