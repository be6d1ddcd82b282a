"""First start: a store that does not exist yet is filled from the bundled sample exports, through
the same importer a user uses."""

from __future__ import annotations

import fcntl
from pathlib import Path

from analytics import store
from analytics.config import PROJECT_ROOT
from analytics.ingest.load import ImportReport, import_files

SAMPLE_DIR = PROJECT_ROOT / "sample_data"
# Load order does not matter to the importer (it orders by kind); listed for the reader's sake.
SAMPLE_FILES = (
    "organisatie.csv",
    "medewerkers.csv",
    "functiehistorie.csv",
    "verzuim.csv",
    "enquete_vragen.csv",
    "enquete_antwoorden.csv",
)


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    return [folder / name for name in SAMPLE_FILES if (folder / name).exists()]


def ensure_store(path: Path | str | None = None) -> ImportReport | None:
    """Load the sample organisation when the store does not exist; returns the report if it did.

    Several dashboard sessions may start at once: the first loads, the others wait and find it.
    """
    files = store.StoreFiles.resolve(path)
    if files.path.exists():
        return None
    missing = [name for name in SAMPLE_FILES if not (SAMPLE_DIR / name).exists()]
    if missing:
        raise store.StoreError(
            f"sample exports missing in {SAMPLE_DIR.name}/: {', '.join(missing)} "
            "(write them with `python -m analytics sample`)"
        )
    files.path.parent.mkdir(parents=True, exist_ok=True)
    lock = files.path.with_name(files.path.name + ".bootstrap.lock")
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            if files.path.exists():
                return None
            report = import_files(sample_files(), db=files.path, replace=True)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    if not report.loaded:
        raise store.StoreError("the sample data did not load:\n" + report.format())
    return report
