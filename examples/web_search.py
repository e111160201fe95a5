"""Web search and web reader: find pages about a topic, then read the top result as Markdown."""

from zai import ZaiClient


def main() -> None:
    with ZaiClient() as client:
        found = client.web_search.web_search(
            search_engine="search-prime",  # BigModel engines: search_std, search_pro, ...
            search_query="GLM-5 release notes",
            count=5,
            search_recency_filter="oneMonth",
        )
        results = found.search_result or []
        for result in results:
            print(f"- {result.title} ({result.media}, {result.publish_date})\n  {result.link}")

        url = results[0].link if results and results[0].link else "https://docs.z.ai/guides/overview/quick-start"
        page = client.web_reader.web_reader(url=url, return_format="markdown", timeout=20)  # a server-side limit
        reader = page.reader_result
        if reader is not None:
            print("\ntitle:", reader.title)
            print((reader.content or "")[:300])


if __name__ == "__main__":
    main()
