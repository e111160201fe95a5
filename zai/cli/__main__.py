"""`python -m zai.cli`: the same as the `zai` script (and `python -m zai`)."""

from __future__ import annotations

from . import main

raise SystemExit(main())
