"""A compiled load cache, like ink's compiled JSON: validated content reloads in milliseconds.

:func:`load_library_cached` keys an entry by a hash of everything a load reads: each
source file's bytes and path, the engine's own source, the Python and pydantic versions,
the arguments and the working folder (problems name files relative to it). A hit rebuilds
the Library from the stored model dump without parsing YAML or validating again; a miss
(or any doubt) loads cold and writes the entry. Problems come back exactly as stored.

Format and why: JSON of the validated models (each as the list of its field values), with
an HMAC-SHA256 over it keyed by a random per-user key kept beside the entries (mode 0600).
JSON, not pickle, because reading JSON never runs code, whoever wrote the file. The HMAC
is there because a hit skips validation: only content this user's engine wrote (and
nobody truncated, garbled or swapped in) is trusted as valid; anything else fails the
check and is rebuilt.
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
from engine.messages import CATALOGUE, Msg, current_lang
from engine.model import Rule, Scenario, Value
from engine.paths import scenarios_dir
from engine.problems import Problem
from engine.programme import Programme
from engine.source_file import collect_files
from engine.yaml_io import MAX_FILE_BYTES

CACHE_FORMAT = 3  # 3: a problem keeps its message id; the key has the message language
KEEP_ENTRIES = 8  # older entries are removed when a new one is written
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # a bigger file in the cache folder is not ours: not read
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
        current_lang(),  # problems are stored in the language they were written in
        hashlib.blake2b(CATALOGUE.read_bytes(), digest_size=16).hexdigest(),
        json.dumps([str(p) for p in paths] if paths else None),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    roots = [*(paths or []), scenarios_dir()] if paths else [scenarios_dir()]
    files, _ = collect_files(roots)
    for path in files:
        digest.update(str(path.resolve()).encode())  # problems show resolved paths
        digest.update(b"\0")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused unread by the loader: its size is what it says
            digest.update(f"too big {size}".encode())
            continue
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
        if entry.stat().st_size > MAX_ENTRY_BYTES:
            return None
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
    return [p.path, p.line, p.col, p.message, p.level, p.code]


def _unproblem(row: list[Any]) -> Problem:
    """A stored problem, its message again carrying its catalogue id."""
    path, line, col, message, level, *code = row
    text = Msg(message, code[0]) if code and code[0] else message
    return Problem(path, line, col, text, level)


def _dump(library: Library) -> dict[str, Any]:
    return {
        "stories": [
            {
                "path": str(story.path),
                "scenario": dump(story.scenario),
                "conditions": [[node, i] for node, i in story.conditions],
            }
            for story in library.stories.values()
        ],
        "values": [dump(v) for v in library.values],
        "rules": [dump(r) for r in library.rules.values()],
        "problems": [_problem(p) for p in library.problems],
        "unavailable": [
            [str(u.path), u.scenario_id, [_problem(p) for p in u.problems]]
            for u in library.unavailable
        ],
        "programmes": [dump(p) for p in library.programmes.values()],
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
        problems=tuple(_unproblem(p) for p in data["problems"]),
        unavailable=tuple(
            Unavailable(Path(path), sid, tuple(_unproblem(p) for p in problems))
            for path, sid, problems in data["unavailable"]
        ),
        programmes=programmes,
    )


class LazyConditions(typing.Mapping[tuple[str, int], Condition]):
    """A story's conditions, each parsed again from its (already checked) text on first use:
    parsing a thousand at load would cost more than the rest of a cached load."""

    def __init__(self, scenario: Scenario, keys: list[tuple[str, int]]) -> None:
        self._scenario = scenario
        self._keys = dict.fromkeys((str(node), int(i)) for node, i in keys)  # file order
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
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys


# -- models as positional JSON, and back without validating again ---------------------------
#
# A model is stored as the list of its field values in declaration order (a nested model the
# same way, a date as ISO text): lists decode about a third faster than objects with keys.

Convert = Callable[[Any], Any]
_codecs: dict[type[BaseModel], tuple[Convert, Convert]] = {}


def dump(obj: BaseModel) -> list[Any]:
    """The positional JSON form of a validated model."""
    return _codec(type(obj))[0](obj)


def build(cls: type[BaseModel], data: list[Any]) -> Any:
    """An instance of ``cls`` from :func:`dump`'s output, as ``model_construct`` would make
    it (fields set directly, no validators run), recursively."""
    return _codec(cls)[1](data)


def _codec(cls: type[BaseModel]) -> tuple[Convert, Convert]:
    """The encoder and decoder of one model class, made once."""
    made = _codecs.get(cls)
    if made is not None:
        return made
    names = tuple(cls.model_fields)
    size = len(names)
    every = set(names)
    fields: list[tuple[str, Convert | None]] = []
    decodes: list[tuple[int, Convert]] = []

    def encode(obj: BaseModel) -> list[Any]:
        values = obj.__dict__
        return [
            value if convert is None or value is None else convert(value)
            for name, convert in fields
            for value in (values[name],)
        ]

    def decode(data: list[Any]) -> Any:
        if type(data) is not list or len(data) != size:
            raise ValueError(f"{cls.__name__}: the stored fields do not match the model")
        for i, convert in decodes:
            value = data[i]
            if value is not None:
                data[i] = convert(value)
        obj = _new(cls)
        _set(obj, "__dict__", dict(zip(names, data, strict=False)))  # lengths checked above
        _set(obj, "__pydantic_fields_set__", every)  # frozen models: shared, never changed
        _set(obj, "__pydantic_extra__", None)
        _set(obj, "__pydantic_private__", None)
        return obj

    _codecs[cls] = (encode, decode)  # before the fields: a model may contain itself
    for i, (name, field) in enumerate(cls.model_fields.items()):
        pair = _field_codec(field.annotation)
        fields.append((name, pair[0] if pair else None))
        if pair:
            decodes.append((i, pair[1]))
    return encode, decode


_new = object.__new__
_set = object.__setattr__


def _field_codec(annotation: Any) -> tuple[Convert, Convert] | None:
    """How a value of ``annotation`` is written and read back (None: JSON holds it as is)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _field_codec(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _codec(annotation)
    if annotation is dt.date:
        return dt.date.isoformat, dt.date.fromisoformat
    if origin in (typing.Union, types.UnionType):
        real = [c for a in args if a is not type(None) and (c := _field_codec(a)) is not None]
        if len(real) > 1:
            raise TypeError(f"cannot store {annotation!r} as JSON unambiguously")
        return real[0] if real else None
    if origin is list:
        item = _field_codec(args[0])
        if item is None:
            return None
        enc, dec = item
        return (lambda v: [enc(x) for x in v]), (lambda v: [dec(x) for x in v])
    if origin is dict:
        item = _field_codec(args[1])
        if item is None:
            return None
        enc, dec = item
        return (
            (lambda v: {k: enc(x) for k, x in v.items()}),
            (lambda v: {k: dec(x) for k, x in v.items()}),
        )
    return None
