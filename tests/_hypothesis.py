"""Example counts for the property tests, scaled by the Hypothesis profile.

`make test` uses the default profile; `HYPOTHESIS_PROFILE=thorough make pytest` runs ten times as
many examples of every property test.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(count: int) -> int:
    """`count` examples in the default profile, scaled with the profile's `max_examples`."""
    return max(1, count * settings.default.max_examples // 100)
