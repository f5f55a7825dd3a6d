"""``import-twee FILE``: a scenario skeleton from a Twine 2 story (Twee 3 or published HTML)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from engine import twee
from engine.loader import load_library
from engine.messages import msg
from engine.problems import display_path
from engine.scaffold import ID_PATTERN, schema_reference

HELP = "turn a Twine 2 story (.twee or published .html) into a scenario skeleton"
HEADER = (
    "# yaml-language-server: $schema={schema}\n"
    "# Imported from Twine ({source}). Next: python main.py lint {target}\n"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import-twee", help=HELP, description=HELP)
    parser.add_argument("file", metavar="FILE", help="a .twee/.tw file or a published .html")
    parser.add_argument("-o", "--output", metavar="FILE", help="default: beside FILE, as .yaml")
    parser.add_argument("--id", dest="scenario_id", help="scenario id (default: from FILE)")


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = Path(args.output) if args.output else source.with_suffix(".yaml")
    if target.exists():
        print(msg("twee.exists", path=display_path(target)), file=sys.stderr)
        return 1
    try:
        if source.stat().st_size > twee.MAX_BYTES:
            raise twee.TweeError(msg("twee.too_large", limit=twee.MAX_BYTES // (1024 * 1024)))
        text = source.read_text(encoding="utf-8", errors="replace")
        story = twee.parse(text)
        library = load_library()
        value = next(iter(v.id for v in library.values), "akuntabel")
        rule = next((r for r in sorted(library.rules) if value in library.rules[r].values), "")
        scenario_id = args.scenario_id or _id_from(source.stem)
        data, report = twee.convert(story, scenario_id, value, rule)
    except twee.TweeError as exc:
        print(f"{display_path(source)}: {exc}", file=sys.stderr)
        return 1
    schema = schema_reference(target)
    header = HEADER.format(schema=schema, source=source.name, target=target.as_posix())
    body = yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False, width=100)
    with target.open("x", encoding="utf-8") as out:
        out.write(header + body)
    nodes, endings = len(data["nodes"]), len(data["endings"])
    path = display_path(target)
    print(msg("twee.written", path=path, nodes=nodes, endings=endings, rule=rule), file=sys.stderr)
    if report:
        print(msg("twee.not_converted"), file=sys.stderr)
        for line in report:
            print(f"  - {line}", file=sys.stderr)
    return 0


def _id_from(stem: str) -> str:
    slug = "".join(c if c.isalnum() or c in "_-" else "_" for c in stem).strip("_")[:80]
    return slug if slug and ID_PATTERN.fullmatch(slug) else "impor_twine"


def _plain(data: Any) -> Any:
    """Catalogue messages (a str subclass) as plain text, so the safe dumper takes them."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return str(data) if isinstance(data, str) else data
