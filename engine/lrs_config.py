"""Where the learning record store is: its xAPI endpoint and Basic-auth credentials.

Kept in ``lrs.json`` in :func:`engine.paths.config_dir`, readable by its owner only and written
atomically (a crash never leaves half a file). The password is stored there because the
background sender needs it, but it is never printed, logged or exported: ``repr`` hides it and
:meth:`LrsSettings.masked` is what a screen may show.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from engine.paths import config_dir
from engine.xapi import DEFAULT_IRI_BASE, check_iri_base

CONFIG_NAME = "lrs.json"
ENV_PASSWORD = "BERAKHLAK_LRS_PASSWORD"
MAX_CONFIG_BYTES = 16_384


class LrsConfigError(Exception):
    """The settings file cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class LrsSettings:
    """An LRS endpoint (``.../xAPI/``), who we are to it, and the base of our IRIs."""

    endpoint: str
    user: str
    password: str = field(repr=False)
    iri_base: str = DEFAULT_IRI_BASE

    @property
    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"

    def masked(self) -> dict[str, str]:
        """What may be shown: everything but the password."""
        return {
            "endpoint": self.endpoint,
            "user": self.user,
            "password": "********" if self.password else "(none)",
            "iri_base": self.iri_base,
        }


def check_endpoint(url: str) -> str:
    """The endpoint with one trailing slash, or ValueError when it is not an http(s) address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url.strip():
        raise ValueError(f"the LRS endpoint must be an http(s) address, not {url!r}")
    if parts.username or parts.password:
        raise ValueError("put the user in --user and the password in the prompt, not in the URL")
    if parts.query or parts.fragment:
        raise ValueError("the LRS endpoint takes no ?query or #fragment")
    return url.strip().rstrip("/") + "/"


def config_path(directory: str | Path | None = None) -> Path:
    return config_dir(directory) / CONFIG_NAME


def load(directory: str | Path | None = None) -> LrsSettings | None:
    """The saved settings, None when no LRS is set; LrsConfigError for a bad file."""
    path = config_path(directory)
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise LrsConfigError(f"{path}: larger than {MAX_CONFIG_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LrsConfigError(f"{path}: cannot be read ({exc}); run 'lrs set' again") from None
    if not isinstance(data, dict):
        raise LrsConfigError(f"{path}: not a JSON object; run 'lrs set' again")
    try:
        endpoint = check_endpoint(str(data["endpoint"]))
        iri_base = check_iri_base(str(data.get("iri_base", DEFAULT_IRI_BASE)))
        user, password = str(data["user"]), str(data.get("password", ""))
    except (KeyError, ValueError) as exc:
        raise LrsConfigError(f"{path}: {exc}; run 'lrs set' again") from None
    return LrsSettings(endpoint, user, password, iri_base)


def save(settings: LrsSettings, directory: str | Path | None = None) -> Path:
    """Write the settings atomically (temporary file, then rename), owner-only."""
    path = config_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "endpoint": check_endpoint(settings.endpoint),
        "user": settings.user,
        "password": settings.password,
        "iri_base": check_iri_base(settings.iri_base),
    }
    fd, tmp = tempfile.mkstemp(prefix=".lrs-", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def clear(directory: str | Path | None = None) -> bool:
    """Forget the LRS; True when there was one."""
    path = config_path(directory)
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
