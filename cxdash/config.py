"""Settings read from the environment, with the defaults a local install needs."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "cxdash.duckdb"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
MAX_UPLOAD_MB = 200


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the workspace database path: the argument, then CXDASH_DB, then data/cxdash.duckdb."""
    chosen = explicit or os.environ.get("CXDASH_DB") or DEFAULT_DB
    return Path(chosen).expanduser()


def default_language() -> str:
    """Return CXDASH_LANG when it names a supported language, else Chinese."""
    lang = os.environ.get("CXDASH_LANG", DEFAULT_LANGUAGE).strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def backup_dir() -> Path:
    """Return the folder for backups: CXDASH_BACKUPS, else `backups/` beside the database."""
    chosen = os.environ.get("CXDASH_BACKUPS")
    return Path(chosen).expanduser() if chosen else db_path().parent / "backups"
