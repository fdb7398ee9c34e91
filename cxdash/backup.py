"""Workspace backups: a zip of Parquet tables with a checksummed manifest, and verified restore."""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cxdash import __version__
from cxdash.errors import InvalidInput
from cxdash.storage import Store
from cxdash.storage.backup import export_snapshot, restore_snapshot, table_fingerprints

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
MAX_UNPACKED_BYTES = 20 * 1024**3
AUTO_PREFIX = "cxdash-auto-"


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds: when it was made, the row count per table, and its file checksums."""

    created_at: str
    tables: dict[str, int]
    files: dict[str, str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create_backup(store: Store, destination: Path, *, now: datetime | None = None) -> Path:
    """Write a backup zip of the whole workspace into destination; return the zip's path."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    destination.mkdir(parents=True, exist_ok=True)
    target = destination / f"cxdash-{stamp}.zip"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "snapshot"
        export_snapshot(store, folder)
        files = {p.name: _sha256(p) for p in sorted(folder.iterdir())}
        tables = {name: rows for name, (rows, _) in table_fingerprints(store).items()}
        manifest = {
            "format": FORMAT_VERSION,
            "app_version": __version__,
            "created_at": stamp,
            "tables": tables,
            "files": files,
        }
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            for name in files:
                archive.write(folder / name, arcname=name)
        partial.replace(target)
    return target


def _read_manifest(archive: zipfile.ZipFile) -> BackupInfo:
    try:
        data = json.loads(archive.read(MANIFEST))
        return BackupInfo(str(data["created_at"]), dict(data["tables"]), dict(data["files"]))
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidInput("backup.no_manifest") from exc


def verify_backup(path: Path) -> BackupInfo:
    """Return the backup's manifest after checking every file against its checksum."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput("backup.not_a_backup", name=path.name) from exc
    with archive:
        info = _read_manifest(archive)
        if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise InvalidInput("backup.too_large")
        names = {i.filename for i in archive.infolist()} - {MANIFEST}
        if names != set(info.files):
            raise InvalidInput("backup.files_differ")
        for name, expected in info.files.items():
            if hashlib.sha256(archive.read(name)).hexdigest() != expected:
                raise InvalidInput("backup.checksum_mismatch", file=name)
    return info


def restore_backup(store: Store, path: Path) -> BackupInfo:
    """Verify a backup, then replace the workspace with it in one transaction; return its info."""
    info = verify_backup(path)
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(path) as archive:
        folder = Path(tmp)
        for name in info.files:
            (folder / name).write_bytes(archive.read(name))
        restore_snapshot(store, folder, info.created_at)
    store.migrate()
    return info


def auto_backup(
    store: Store, folder: Path, *, keep: int = 7, now: datetime | None = None
) -> Path | None:
    """Make today's automatic backup unless one exists, keep the newest `keep`; return a new one."""
    moment = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    today = folder / f"{AUTO_PREFIX}{moment:%Y%m%d}.zip"
    made = None
    if not today.exists():
        made = create_backup(store, folder, now=moment).replace(today)
    for old in sorted(folder.glob(f"{AUTO_PREFIX}*.zip"))[:-keep]:
        old.unlink()
    return made
