"""Moderation: screen text (and media by URL) for risky content before showing or storing it."""

from zai import ZaiClient


def main() -> None:
    with ZaiClient() as client:
        checks = {
            "text": client.moderations.create(model="moderation", input="Let's meet at the library at six."),
            "image": client.moderations.create(
                model="moderation",
                input={"type": "image_url", "image_url": {"url": "https://cdn.bigmodel.cn/static/logo/register.png"}},
            ),
        }
        for name, response in checks.items():
            for result in response.result_list or []:
                risks = ", ".join(result.risk_type or []) or "none"
                print(f"{name}: {result.risk_level} (content type {result.content_type}; risks: {risks})")


if __name__ == "__main__":
    main()
