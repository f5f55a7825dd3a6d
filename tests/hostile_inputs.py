"""Hostile scenario folders from issue 17: each is one bad file that once emptied the library,
hung a command or froze the game. Shared by the tests and by anyone who wants to time them::

    python -m tests.hostile_inputs OUT_DIR   # writes one folder per case, beside a good file
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "good" / "mini.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """One bad file: its name, its bytes, a part of the message expected and its line."""

    file: str
    content: bytes
    expect: str
    line: int | None = None


def _scenario(**changes: object) -> dict:
    data = yaml.safe_load(GOOD)
    data["id"] = "jahat"
    data.update(changes)
    return data


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _with_condition(condition: str) -> bytes:
    data = _scenario()
    data["nodes"]["lapor"]["choices"][0]["if"] = condition
    return _dump(data).encode()


def _replace(old: str, new: str) -> bytes:
    text = _dump(_scenario())
    assert old in text, old
    return text.replace(old, new, 1).encode()


def _line_of(content: bytes, needle: bytes) -> int:
    return content[: content.index(needle)].count(b"\n") + 1


def _missing_next(nodes: int = 333, choices: int = 12) -> bytes:
    """~4,000 choices pointing at nodes that do not exist (the quadratic 'did you mean')."""
    data = _scenario()
    choice = data["nodes"]["awal"]["choices"][0]
    data["nodes"] = {
        f"simpul_{n}": {
            "text": f"Situasi {n}",
            "choices": [
                {**copy.deepcopy(choice), "next": f"hilang_{n}_{c}"} for c in range(choices)
            ],
        }
        for n in range(nodes)
    }
    data["start"] = "simpul_0"
    return _dump(data).encode()


def _shared_alias() -> bytes:
    """3,000 choices sharing one 200 kB text through JSON-style keys (``{"text": *big}``)."""
    data = _scenario()
    text = _dump(data)
    big = "x" * 200_000
    choices = "".join(
        '    - {"text": *big, "feedback": "f", "rules": [akuntabel-1], "next": tepat}\n'
        for _ in range(3000)
    )
    head = f'big_text: &big "{big}"\n'
    return (
        head + text.replace("    - text: Masih tepat waktu", choices + "    - text: X", 1)
    ).encode()


def _rulebook_with(checked: str) -> bytes:
    return (
        "rules:\n"
        "  - id: aturan-uji\n"
        "    title: Uji\n"
        "    instrument: UU 1/2000\n"
        "    summary: Ringkas.\n"
        "    source: https://example.org\n"
        f"    checked: {checked}\n"
        "    verified: false\n"
    ).encode()


def _cases() -> dict[str, Case]:
    nul = _replace("summary: Uji kecil.", "summary: Uji\x00 kecil.")
    big_int = _replace("minutes: 2", "minutes: " + "9" * 5000)
    text_date = _replace("text: Anda menerima parsel.", "text: 2026-02-30")
    huge_start = _replace("start: 1", "start: " + str(10**20))
    return {
        "rule_checked_date": Case(
            "rulebook_jahat.yaml", _rulebook_with("2026-02-29"), "is not a real date", 7
        ),
        "text_date": Case(
            "jahat.yaml", text_date, "is not a real date", _line_of(text_date, b"2026-02-30")
        ),
        "big_integer": Case("jahat.yaml", big_int, "5,000 digits", _line_of(big_int, b"minutes")),
        "deep_not": Case(
            "jahat.yaml", _with_condition("not " * 5000 + "dilaporkan"), "the limit is 4,000"
        ),
        "deep_not_short_text": Case(
            "jahat.yaml", _with_condition("not " * 900 + "dilaporkan"), "the limit is 500"
        ),
        "deep_minus": Case(
            "jahat.yaml", _with_condition("-" * 3000 + "hari_kerja > 0"), "the limit is 500"
        ),
        "deep_minus_spaced": Case(
            "jahat.yaml", _with_condition("- " * 5000 + "hari_kerja > 0"), "nested more than 64"
        ),
        "nested_not_in_limit": Case(
            "jahat.yaml", _with_condition("not " * 100 + "dilaporkan"), "nested more than 32 levels"
        ),
        "nested_minus_in_limit": Case(
            "jahat.yaml",
            _with_condition("-" * 400 + "hari_kerja > 0"),
            "nested more than 32 levels",
        ),
        "missing_next_4000": Case("jahat.yaml", _missing_next(), "does not exist"),
        # ~4,000 broken names among ~2,000 nodes: 35 s of 'did you mean' before the budget.
        "missing_next_wide": Case(
            "jahat.yaml", _missing_next(nodes=1990, choices=2), "does not exist"
        ),
        "text_100kb": Case(
            "jahat.yaml", _replace("Anda menerima parsel.", "kata " * 20_000), "the limit is 4,000"
        ),
        "text_1mb": Case(
            "jahat.yaml", _replace("Anda menerima parsel.", "kata " * 190_000), "the limit is 4,000"
        ),
        "json_style_alias": Case("jahat.yaml", _shared_alias(), "anchors and aliases"),
        "nul_byte": Case("jahat.yaml", nul, "control character (U+0000)", _line_of(nul, b"\x00")),
        "calendar_start_1e20": Case(
            "jahat.yaml", huge_start, "numbers are limited", _line_of(huge_start, b"start: 1000")
        ),
        "calendar_start_past_limit": Case(
            "jahat.yaml", _replace("start: 1", "start: 50000"), "must be at most 10000"
        ),
        "days_past_limit": Case(
            "jahat.yaml", _replace("days: 30", "days: 100000"), "must be at most 365"
        ),
        "score_past_limit": Case(
            "jahat.yaml",
            _replace("akuntabel: -1", "akuntabel: -1000000"),
            "must be at least -100",
        ),
        "too_many_nodes": Case(
            "jahat.yaml", _missing_next(nodes=2100, choices=1), "the limit is 2,000"
        ),
        "too_many_choices": Case(
            "jahat.yaml", _missing_next(nodes=1, choices=40), "the limit is 12 per node"
        ),
        "too_many_rules": Case(
            "jahat.yaml",
            _replace(
                "rules:\n      - tipikor-12c-lapor",
                "rules:\n" + "      - akuntabel-1\n" * 30 + "      - x",
            ),
            "the limit is 12 per choice",
        ),
        "long_key": Case(
            "jahat.yaml",
            _replace("  dilaporkan: false", "  ? " + "k" * 100_000 + "\n  : false"),
            "a key of 100,000 characters",
        ),
        "date_as_key": Case(
            "jahat.yaml", _replace("variables:", "2026-02-31: x\nvariables:"), "is not a real date"
        ),
    }


CASES = _cases()


def write_case(folder: Path, name: str) -> Path:
    """The case's bad file beside a copy of a good scenario; returns the bad file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "baik.yaml").write_text(GOOD, encoding="utf-8")
    case = CASES[name]
    path = folder / case.file
    path.write_bytes(case.content)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    for case_name in CASES:
        print(write_case(out / case_name, case_name))
