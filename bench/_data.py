"""Where the benchmarks find the public datasets (optional) and put their scratch files."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "bench" / "out"


def datasets_dir() -> Path | None:
    """Return the folder of public datasets when present (CXDASH_DATASETS or the shared folder)."""
    default = ROOT.parent / "shared" / "data" / "external"
    chosen = Path(os.environ.get("CXDASH_DATASETS", default))
    return chosen if chosen.is_dir() else None


def dataset(*parts: str) -> Path | None:
    """Return the path of one public dataset file, or None when it is not available."""
    base = datasets_dir()
    path = base.joinpath(*parts) if base else None
    return path if path and path.exists() else None


def scratch(name: str) -> Path:
    """Return a path for a generated benchmark file (git-ignored)."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    return SCRATCH / name
