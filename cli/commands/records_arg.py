"""What the records commands share: open the database named by ``--data-dir``, or say why not."""

from __future__ import annotations

import sys

from engine.records import Records, RecordsError


def open_records(data_dir: str | None) -> Records | None:
    """The existing records (never creates one), or None after printing the reason."""
    try:
        return Records.open(data_dir, create=False)
    except RecordsError as exc:
        print(exc, file=sys.stderr)
        return None
