"""`python -m zai`: the `zai` command line (see `zai --help`)."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
