"""What the records commands share: open the database named by ``--data-dir``, or say why not."""

from __future__ import annotations

import sys

from engine.records import Records, RecordsError


def open_records(data_dir: str | None, *, readonly: bool = False) -> Records | None:
    """The existing records (never created here), or None after printing the reason.

    ``readonly`` (report, export) opens with ``mode=ro``, so a read-only copy or mount works.
    """
    try:
        return Records.open(data_dir, create=False, readonly=readonly)
    except RecordsError as exc:
        print(exc, file=sys.stderr)
        return None
