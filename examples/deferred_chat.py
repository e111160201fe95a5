"""Deferred (server-side asynchronous) chat: submit a task, then poll for its result."""

import time

from zai import ZaiClient


def main() -> None:
    with ZaiClient() as client:
        task = client.chat.asyncCompletions.create(
            model="glm-5.2", messages=[{"role": "user", "content": "Summarise the plot of Hamlet in one line."}]
        )
        print("task:", task.id, task.task_status)
        result = client.chat.asyncCompletions.retrieve_completion_result(task.id)
        for _ in range(59):  # 60 polls at most, a second apart
            if result.task_status != "PROCESSING":
                break
            time.sleep(1)
            result = client.chat.asyncCompletions.retrieve_completion_result(task.id)
        print("status:", result.task_status)
        if result.choices:
            print("assistant:", result.choices[0].message.content)


if __name__ == "__main__":
    main()
