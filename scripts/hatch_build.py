"""Build hook: the package description (PyPI's page) is the user part of README.md.

The README ends with a section for people working on the SDK (make targets, how it is built),
after a marker comment; the description is everything before it, so that the rest stays out of
the published metadata.
"""

from __future__ import annotations

import os
from typing import Any

from hatchling.metadata.plugin.interface import MetadataHookInterface

MARKER = "<!-- The package description (PyPI) ends here"


def user_readme(text: str) -> str:
    """The part of the README for users: everything before the marker comment."""
    head, found, _ = text.partition(MARKER)
    if not found:
        raise ValueError(f"README.md has no {MARKER!r} comment: the package description would include all of it")
    return head.rstrip() + "\n"


class CustomMetadataHook(MetadataHookInterface):
    def update(self, metadata: dict[str, Any]) -> None:
        with open(os.path.join(self.root, "README.md"), encoding="utf-8") as handle:
            text = handle.read()
        metadata["readme"] = {"content-type": "text/markdown", "text": user_readme(text)}
