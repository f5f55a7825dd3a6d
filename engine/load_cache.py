"""A compiled load cache, like ink's compiled JSON: validated content reloads in milliseconds.

:func:`load_library_cached` keys an entry by a hash of everything a load reads: each
source file's bytes and path, the engine's own source, the Python and pydantic versions,
the arguments and the working folder (problems name files relative to it). A hit rebuilds
the Library from the stored model dump without parsing YAML or validating again; a miss
(or any doubt) loads cold and writes the entry. Problems come back exactly as stored.

Format and why: JSON of the validated models' dump, with an HMAC-SHA256 over it keyed by
a random per-user key kept beside the entries (mode 0600). JSON, not pickle, because
reading JSON never runs code, whoever wrote the file. The HMAC is there because a hit
skips validation: only content this user's engine wrote (and nobody truncated, garbled
or swapped in) is trusted as valid; anything else fails the check and is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import sys
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pydantic
from pydantic import BaseModel

from engine.expr import Condition, parse_condition
from engine.gc_pause import paused_gc
from engine.library import DAY_VARIABLE, Library, Story, Unavailable
from engine.loader import load_library
from engine.model import Rule, Scenario, Value
from engine.paths import scenarios_dir
from engine.problems import Problem
from engine.programme import Programme
from engine.source_file import collect_files

CACHE_FORMAT = 1
KEEP_ENTRIES = 8  # older entries are removed when a new one is written
ENGINE_DIR = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Where entries live: ``BERAKHLAK_CACHE_DIR``, else the user's cache folder."""
    override = os.environ.get("BERAKHLAK_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("berakhlak")) / "library"


def load_library_cached(
    paths: Sequence[Path | str] | None = None, folder: Path | None = None
) -> Library:
    """Like :func:`engine.loader.load_library`, through the cache in ``folder``."""
    folder = folder or cache_dir()
    try:
        key = cache_key(paths)
    except OSError:
        return load_library(paths)
    entry = folder / f"{key}.json"
    library = _read(entry, folder, key)
    if library is not None:
        return library
    library = load_library(paths)
    _write(entry, folder, key, library)
    return library


# -- the key --------------------------------------------------------------------------------

_engine_hash: str | None = None


def engine_fingerprint() -> str:
    """A hash of the engine's own source: any change to the code makes every entry stale."""
    global _engine_hash
    if _engine_hash is None:
        digest = hashlib.blake2b(digest_size=16)
        for path in sorted(ENGINE_DIR.rglob("*.py")):
            digest.update(str(path.relative_to(ENGINE_DIR)).encode())
            digest.update(path.read_bytes())
        _engine_hash = digest.hexdigest()
    return _engine_hash


def cache_key(paths: Sequence[Path | str] | None) -> str:
    """The hash of everything the load depends on (reads every source file's bytes)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (
        str(CACHE_FORMAT),
        engine_fingerprint(),
        sys.version,
        pydantic.VERSION,
        str(Path.cwd()),
        json.dumps([str(p) for p in paths] if paths else None),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    roots = [*(paths or []), scenarios_dir()] if paths else [scenarios_dir()]
    files, _ = collect_files(roots)
    for path in files:
        digest.update(str(path.resolve()).encode())
        digest.update(b"\0")
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    return digest.hexdigest()


# -- reading and writing entries ------------------------------------------------------------


def _secret(folder: Path) -> bytes:
    """The per-user random key that authenticates entries, made on first use."""
    path = folder / "key"
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(32)
    tmp = folder / f".key.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    return data


def _mac(secret: bytes, key: str, body: bytes) -> bytes:
    return hmac.new(secret, key.encode() + b"\0" + body, hashlib.sha256).hexdigest().encode()


@paused_gc()  # thousands of small objects that all stay alive: collections would find nothing
def _read(entry: Path, folder: Path, key: str) -> Library | None:
    """The library stored in ``entry``, or None if it is missing, damaged or not ours."""
    try:
        raw = entry.read_bytes()
        secret = (folder / "key").read_bytes()
    except OSError:
        return None
    mac, _, body = raw.partition(b"\n")
    if len(secret) != 32 or not hmac.compare_digest(mac, _mac(secret, key, body)):
        return None
    try:
        return _library(json.loads(body))
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None  # authentic but unreadable (e.g. written by a different layout): rebuild


def _write(entry: Path, folder: Path, key: str, library: Library) -> None:
    try:
        secret = _secret(folder)
        body = json.dumps(_dump(library), ensure_ascii=False, separators=(",", ":")).encode()
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(_mac(secret, key, body) + b"\n" + body)
        os.replace(tmp, entry)
        old = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP_ENTRIES:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk only costs the next start a cold load


# -- the library as JSON and back -----------------------------------------------------------


def _problem(p: Problem) -> list[Any]:
    return [p.path, p.line, p.col, p.message, p.level]


def _dump(library: Library) -> dict[str, Any]:
    return {
        "stories": [
            {
                "path": str(story.path),
                "scenario": story.scenario.model_dump(mode="json"),
                "conditions": [[node, i] for node, i in story.conditions],
            }
            for story in library.stories.values()
        ],
        "values": [v.model_dump(mode="json") for v in library.values],
        "rules": [r.model_dump(mode="json") for r in library.rules.values()],
        "problems": [_problem(p) for p in library.problems],
        "unavailable": [
            [str(u.path), u.scenario_id, [_problem(p) for p in u.problems]]
            for u in library.unavailable
        ],
        "programmes": [p.model_dump(mode="json") for p in library.programmes.values()],
    }


def _library(data: dict[str, Any]) -> Library:
    stories: dict[str, Story] = {}
    for item in data["stories"]:
        scenario = build(Scenario, item["scenario"])
        conditions = LazyConditions(scenario, [tuple(k) for k in item["conditions"]])
        stories[scenario.id] = Story(scenario, Path(item["path"]), conditions)
    rules = {}
    for raw in data["rules"]:
        rule = build(Rule, raw)
        rules[rule.id] = rule
    programmes = {}
    for raw in data["programmes"]:
        programme = build(Programme, raw)
        programmes[programme.id] = programme
    return Library(
        stories=stories,
        values=tuple(build(Value, v) for v in data["values"]),
        rules=rules,
        problems=tuple(Problem(*p) for p in data["problems"]),
        unavailable=tuple(
            Unavailable(Path(path), sid, tuple(Problem(*p) for p in problems))
            for path, sid, problems in data["unavailable"]
        ),
        programmes=programmes,
    )


class LazyConditions(typing.Mapping[tuple[str, int], Condition]):
    """A story's conditions, each parsed again from its (already checked) text on first use:
    parsing a thousand at load would cost more than the rest of a cached load."""

    def __init__(self, scenario: Scenario, keys: list[tuple[str, int]]) -> None:
        self._scenario = scenario
        self._keys = {(str(node), int(i)) for node, i in keys}
        self._done: dict[tuple[str, int], Condition] = {}
        self._types: dict[str, type] | None = None

    def __getitem__(self, key: tuple[str, int]) -> Condition:
        done = self._done.get(key)
        if done is not None:
            return done
        if key not in self._keys:
            raise KeyError(key)
        if self._types is None:
            self._types = {n: type(v) for n, v in self._scenario.variables.items()}
            self._types[DAY_VARIABLE] = int
        node, i = key
        source = self._scenario.nodes[node].choices[i].condition
        cond = parse_condition(source or "", self._types)
        self._done[key] = cond
        return cond

    def __iter__(self) -> typing.Iterator[tuple[str, int]]:
        return iter(sorted(self._keys))

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys


# -- rebuilding models without validating them again -----------------------------------------

Convert = Callable[[Any], Any]
_builders: dict[type[BaseModel], Convert] = {}


def build(cls: type[BaseModel], data: dict[str, Any]) -> Any:
    """An instance of ``cls`` from its own ``model_dump(mode="json")``, as ``model_construct``
    would make it (fields set directly, no validators run) but recursively and faster."""
    return _builder(cls)(data)


def _builder(cls: type[BaseModel]) -> Convert:
    """One function per model class: it converts the fields that need it (nested models,
    dates) in place in the freshly decoded dict, and makes that dict the instance's."""
    made = _builders.get(cls)
    if made is not None:
        return made
    names = tuple(cls.model_fields)
    size = len(names)
    converts: list[tuple[str, Convert]] = []

    def make(data: dict[str, Any]) -> Any:
        if len(data) != size:
            raise ValueError(f"{cls.__name__}: stored fields do not match the model")
        for name, convert in converts:
            value = data[name]
            if value is not None:
                data[name] = convert(value)
        obj = _new(cls)
        _set(obj, "__dict__", data)
        _set(obj, "__pydantic_fields_set__", set(names))
        _set(obj, "__pydantic_extra__", None)
        _set(obj, "__pydantic_private__", None)
        return obj

    _builders[cls] = make  # before the fields: a model may (indirectly) contain itself
    for name, field in cls.model_fields.items():
        convert = _converter(field.annotation)
        if convert is not None:
            converts.append((name, convert))
    return make


_new = object.__new__
_set = object.__setattr__


def _converter(annotation: Any) -> Convert | None:
    """How to turn the JSON form of ``annotation`` back into the model's value (None: as is)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _converter(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _builder(annotation)
    if annotation is dt.date:
        return dt.date.fromisoformat
    if origin in (typing.Union, types.UnionType):
        inner = [_converter(a) for a in args if a is not type(None)]
        real = [c for c in inner if c is not None]
        if len(real) > 1:
            raise TypeError(f"cannot rebuild {annotation!r} from JSON unambiguously")
        return real[0] if real else None
    if origin is list:
        item = _converter(args[0])
        return None if item is None else (lambda v, f=item: [f(x) for x in v])
    if origin is dict:
        item = _converter(args[1])
        return None if item is None else (lambda v, f=item: {k: f(x) for k, x in v.items()})
    return None
