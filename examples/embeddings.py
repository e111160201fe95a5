"""Embeddings: embed a few documents and a query, then rank the documents by cosine similarity."""

import math

from zai import ZaiClient

DOCUMENTS = [
    "The Eiffel Tower is a wrought-iron lattice tower in Paris.",
    "Photosynthesis turns light, water and carbon dioxide into sugar.",
    "The Louvre is the world's most-visited art museum.",
]
QUERY = "Which landmarks can I visit in France?"


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) or 1.0)


def main() -> None:
    with ZaiClient() as client:
        response = client.embeddings.create(model="embedding-3", input=[QUERY, *DOCUMENTS], dimensions=256)
        items = sorted(response.data or [], key=lambda item: item.index or 0)
        vectors = [item.embedding or [] for item in items]
        print(f"{len(vectors)} vectors of {len(vectors[0]) if vectors else 0} dimensions,", end=" ")
        print(f"{response.usage.total_tokens if response.usage else 'n/a'} tokens")
        query, *documents = vectors
        ranked = sorted(zip(documents, DOCUMENTS), key=lambda pair: cosine(query, pair[0]), reverse=True)
        for vector, text in ranked:
            print(f"{cosine(query, vector):+.3f}  {text}")


if __name__ == "__main__":
    main()
