"""Turn a Twine 2 story (Twee 3 text or a published HTML file) into a scenario skeleton.

Passages become nodes (or endings, when they link nowhere), ``[[links]]`` become choices,
the start passage becomes ``start:`` and tags become facilitator notes. What has no place in
the scenario format (macros, variables, scripts, styles) is left out and listed, so the
author knows what to rebuild with ``if:``/``set:``. Nothing is ever evaluated: the HTML is
read with the standard library's parser and the Twee text with regular expressions, both on
bounded input. The skeleton has no scores and cites one placeholder guide: lint then says
what is left to write.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from engine.limits import MAX_CHOICES, MAX_NODES, MAX_TEXT
from engine.messages import msg

MAX_BYTES = 2 * 1024 * 1024  # the same limit as a scenario file
MAX_PASSAGES = MAX_NODES

_LINK = re.compile(r"\[\[(.*?)\]\](?:\[.*?\])?", re.DOTALL)
_HEADER = re.compile(r"^::\s*(.*?)\s*(?:\[(.*?)\])?\s*(\{.*\})?\s*$")
_MACROS = (
    ("twee.macro", re.compile(r"<<.*?>>", re.DOTALL)),  # SugarCube, Harlowe's <<>> alike
    ("twee.macro", re.compile(r"\([a-z][\w-]*:.*?\)", re.DOTALL)),  # Harlowe (set: ...)
    ("twee.script", re.compile(r"<script.*?</script>", re.DOTALL | re.IGNORECASE)),
    ("twee.markup", re.compile(r"<[^>]+>")),
    ("twee.variable", re.compile(r"[$_][A-Za-z_]\w*")),
)
_SPECIAL = {"StoryTitle", "StoryData", "StoryInit", "StoryCaption", "StoryMenu", "StoryBanner"}


class TweeError(ValueError):
    """The input cannot be converted at all (too big, not a Twine story)."""


@dataclass
class Passage:
    name: str
    text: str
    tags: list[str] = field(default_factory=list)


@dataclass
class Story:
    title: str
    start: str | None
    passages: list[Passage]
    skipped: list[str] = field(default_factory=list)  # special passages, scripts, styles


def parse(text: str) -> Story:
    """A Twine story from Twee 3 text or a published Twine 2 HTML file."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise TweeError(msg("twee.too_large", limit=MAX_BYTES // (1024 * 1024)))
    story = _parse_html(text) if "<tw-storydata" in text.lower() else _parse_twee(text)
    if not story.passages:
        raise TweeError(msg("twee.no_passages"))
    if len(story.passages) > MAX_PASSAGES:
        raise TweeError(msg("twee.too_many", count=len(story.passages), limit=MAX_PASSAGES))
    return story


def _parse_twee(text: str) -> Story:
    title, start, passages, skipped = "", None, [], []
    name: str | None = None
    tags: list[str] = []
    body: list[str] = []

    def close() -> None:
        nonlocal title, start
        if name is None:
            return
        content = "\n".join(body).strip()
        if name == "StoryTitle":
            title = content
        elif name == "StoryData":
            try:
                data = json.loads(content)
            except ValueError:
                data = {}
            start = data.get("start") if isinstance(data, dict) else None
        elif name in _SPECIAL or {"script", "stylesheet"} & set(tags):
            skipped.append(name)
        else:
            passages.append(Passage(name, content, tags))

    for line in text.splitlines():
        header = _HEADER.match(line) if line.startswith("::") else None
        if header:
            close()
            name = _unescape(header.group(1))
            tags = (header.group(2) or "").split()
            body = []
        elif name is not None:
            body.append(line)
    close()
    return Story(title, start if isinstance(start, str) else None, passages, skipped)


def _unescape(name: str) -> str:
    return re.sub(r"\\(.)", r"\1", name)


class _StoryHTML(HTMLParser):
    """Collects <tw-storydata> and its <tw-passagedata>; everything else is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.start_pid: str | None = None
        self.passages: list[tuple[dict[str, str], list[str]]] = []
        self.skipped: list[str] = []
        self._current: list[str] | None = None
        self._in_other = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "tw-storydata" and not self.title:
            self.title, self.start_pid = values.get("name", ""), values.get("startnode")
        elif tag == "tw-passagedata":
            self._current = []
            self.passages.append((values, self._current))
        elif tag in ("script", "style"):
            self._in_other = tag
            self.skipped.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tw-passagedata":
            self._current = None
        elif tag == self._in_other:
            self._in_other = ""

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._in_other:
            self._current.append(data)


def _parse_html(text: str) -> Story:
    reader = _StoryHTML()
    reader.feed(text)
    reader.close()
    passages, start = [], None
    for attrs, parts in reader.passages:
        passage = Passage(
            attrs.get("name", ""), "".join(parts).strip(), attrs.get("tags", "").split()
        )
        if attrs.get("pid") == reader.start_pid:
            start = passage.name
        passages.append(passage)
    return Story(reader.title, start, passages, reader.skipped)


def split_link(inner: str) -> tuple[str, str]:
    """(shown text, target passage) of one ``[[...]]``, in Twine 2's three spellings."""
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
    elif "<-" in inner:
        target, text = inner.split("<-", 1)
    elif "|" in inner:
        text, target = inner.rsplit("|", 1)
    else:
        text = target = inner
    return text.strip(), target.strip()


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", name.strip()).strip("_").lower()[:70] or "bagian"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


def convert(story: Story, scenario_id: str, value_id: str, rule_id: str) -> tuple[dict, list[str]]:
    """(scenario data ready to dump, what could not be converted) for one parsed story."""
    report = [msg("twee.skipped", name=name) for name in story.skipped]
    taken: set[str] = set()
    ids = {p.name: _slug(p.name, taken) for p in story.passages}
    by_name = {p.name: p for p in story.passages}
    nodes: dict[str, Any] = {}
    endings: dict[str, Any] = {}
    for passage in story.passages:
        links = [split_link(m.group(1)) for m in _LINK.finditer(passage.text)]
        body = _LINK.sub("", passage.text)
        body = _strip_unconvertible(body, passage.name, report)
        if len(links) > MAX_CHOICES:
            report.append(msg("twee.too_many_links", name=passage.name, limit=MAX_CHOICES))
            links = links[:MAX_CHOICES]
        entry: dict[str, Any] = {"title": passage.name[:200], "text": body[:MAX_TEXT] or "..."}
        if passage.tags:
            entry["notes"] = msg("twee.tags_note", tags=", ".join(passage.tags))
        if not links:
            endings[ids[passage.name]] = {**entry, "tone": "mixed"}
            continue
        choices = []
        for text, target in links:
            if target not in by_name:
                report.append(msg("twee.missing_target", name=passage.name, target=target))
                continue
            choices.append(
                {
                    "text": text or target,
                    "feedback": msg("twee.feedback_todo"),
                    "rules": [rule_id],
                    "next": ids[target],
                }
            )
        if not choices:
            endings[ids[passage.name]] = {**entry, "tone": "mixed"}
            continue
        nodes[ids[passage.name]] = {**entry, "choices": choices}
    start = story.start if story.start in by_name else story.passages[0].name
    if story.start not in by_name:
        report.append(msg("twee.no_start", name=start))
    if ids[start] not in nodes:
        raise TweeError(msg("twee.start_has_no_links", name=start))
    if not endings:
        report.append(msg("twee.no_endings"))
    title = story.title or scenario_id
    data = {
        "id": scenario_id,
        "title": title,
        "summary": msg("twee.summary", title=title),
        "focus_values": [value_id],
        "minutes": 5,
        "audience": "CPNS",
        "author": "",
        "version": "1",
        "start": ids[start],
        "nodes": nodes,
        "endings": endings or {"akhir": {"title": "Akhir", "text": "...", "tone": "mixed"}},
    }
    return data, report


def _strip_unconvertible(body: str, name: str, report: list[str]) -> str:
    for code, pattern in _MACROS:
        found = pattern.findall(body)
        if found:
            shown = ", ".join(dict.fromkeys(f.strip()[:40] for f in found[:5]))
            report.append(msg(code, name=name, found=shown))
            body = pattern.sub("", body)
    return re.sub(r"[ \t]+\n", "\n", re.sub(r"\n{3,}", "\n\n", body)).strip()
