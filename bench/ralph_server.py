"""A real Ralph LRS on 127.0.0.1 for the LRS tests and the benchmark (fs backend, no database).

Ralph (ralph-malph 5.1.0) gets its own virtual environment in a cache folder (env
``BERAKHLAK_RALPH_VENV``, default ``~/.cache/berakhlak-tests/ralph-5.1.0``): it pins exact
versions of fastapi, uvicorn and pydantic that would fight the game's. Creating it needs PyPI.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RALPH = "ralph-malph[lrs]==5.1.0"
EXTRA = ["requests"]  # a missing dependency of the [lrs] extra
STAMP = ".berakhlak-ready"
USER, PASSWORD = "berakhlak", "rahasia-uji-123"


class RalphUnavailable(Exception):
    """Ralph's venv could not be made (no network to PyPI, say); the message says why."""


def venv_dir() -> Path:
    default = Path.home() / ".cache" / "berakhlak-tests" / "ralph-5.1.0"
    return Path(os.environ.get("BERAKHLAK_RALPH_VENV", default))


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    """Ralph's python, creating its venv on first use (in a temporary folder, then renamed)."""
    venv = venv_dir()
    if (venv / STAMP).exists():
        return venv_python(venv)
    tmp = venv.with_name(venv.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(tmp)], check=True, capture_output=True)
        subprocess.run(
            [str(venv_python(tmp)), "-m", "pip", "install", "-q", RALPH, *EXTRA],
            check=True, capture_output=True, timeout=900,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        raise RalphUnavailable(f"cannot install {RALPH}: {exc} {detail[-500:]!r}") from None
    (tmp / STAMP).write_text(RALPH + "\n")
    if venv.exists():
        shutil.rmtree(venv, ignore_errors=True)
    tmp.rename(venv)
    return venv_python(venv)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Ralph:
    """A running Ralph: its xAPI endpoint, credentials, data folder and process."""

    python: Path
    folder: Path
    port: int
    process: subprocess.Popen

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def statements_file(self) -> Path:
        return self.folder / "data" / "fs_lrs.jsonl"

    def stored(self) -> list[dict]:
        """Every statement in Ralph's file, as stored (duplicates would show here)."""
        path = self.statements_file()
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


def write_auth(python: Path, path: Path, user: str = USER, password: str = PASSWORD) -> None:
    """Ralph's auth file: one user, bcrypt-hashed password, every scope."""
    code = (
        "import bcrypt, json, sys;"
        "h = bcrypt.hashpw(sys.argv[2].encode(), bcrypt.gensalt(4)).decode();"
        "print(json.dumps([{'username': sys.argv[1], 'hash': h, 'scopes': ['all'],"
        "'agent': {'mbox': 'mailto:' + sys.argv[1] + '@berakhlak.example'}}]))"
    )
    out = subprocess.run(
        [str(python), "-c", code, user, password], check=True, capture_output=True, text=True
    )
    path.write_text(out.stdout, encoding="utf-8")


def start(
    folder: Path,
    port: int | None = None,
    python: Path | None = None,
    settings: dict[str, str] | None = None,
) -> Ralph:
    """Start Ralph on 127.0.0.1 with its data in ``folder``; returns once it answers."""
    python = python or ensure_venv()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    if not (folder / "auth.json").exists():
        write_auth(python, folder / "auth.json")
    port = port or free_port()
    env = {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(folder / "auth.json"),
        "RALPH_HISTORY_FILE": str(folder / "history.json"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
        "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
        **(settings or {}),
    }
    log = (folder / "ralph.log").open("ab")
    process = subprocess.Popen(
        [str(python), "-m", "uvicorn", "ralph_app:app", "--app-dir", str(ROOT / "tests"),
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    log.close()
    ralph = Ralph(python, folder, port, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = (folder / "ralph.log").read_text(errors="replace")[-2000:]
            raise RalphUnavailable(f"Ralph exited ({process.returncode}): {text}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=1):
                return ralph
        except OSError:
            time.sleep(0.1)
    ralph.stop()
    raise RalphUnavailable("Ralph did not answer within 60 s")
