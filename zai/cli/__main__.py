"""`python -m zai.cli`: the same as the `zai` script."""

from __future__ import annotations

from . import main

raise SystemExit(main())
