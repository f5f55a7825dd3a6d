"""The classroom package's parts on their own: the QR code, rate limits, names, addresses,
the page files (size, words in both languages, nothing odd served)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from classroom_helpers import decode_qr, start

from classroom import ClassServer
from classroom.ballot import Room, VoteRefused, clean_name
from classroom.limits import Buckets
from classroom.net import lan_addresses
from classroom.web import STATIC_DIR, load_static

JOIN_PAGE = ["join.html", "app.css", "common.js", "join.js", "words.json"]
FACIL_PAGE = ["facil.html", "app.css", "common.js", "facil.js", "words.json"]


def test_the_qr_code_holds_the_join_url():
    server = start()
    try:
        assert decode_qr(server.qr_png(300)) == server.join_url
        assert server.room_code in server.join_url
        # The matrix the projector draws is the same code: paint it 4 px a module and decode.
        matrix = server.qr_matrix()
        scale = 4
        rows = []
        for row in matrix:
            line = bytes(0 if dark else 255 for dark in row for _ in range(scale))
            rows += [line] * scale
        import zxingcpp

        size = len(matrix) * scale
        found = zxingcpp.read_barcodes(memoryview(b"".join(rows)).cast("B", (size, size)))
        assert [f.text for f in found] == [server.join_url]
    finally:
        server.stop()


def test_a_token_bucket_allows_a_burst_then_the_rate():
    buckets = Buckets(rate=10, burst=20, max_keys=3)
    assert [buckets.allow("a", now=0.0) for _ in range(21)] == [True] * 20 + [False]
    assert buckets.allow("a", now=0.05) is False  # half a token back
    assert buckets.allow("a", now=0.1) is True
    assert buckets.allow("b", now=0.1) is True  # another device is not slowed
    for key in "cde":
        buckets.allow(key, now=0.2)
    assert len(buckets._state) == 3  # bounded: the longest idle key went


def test_names_are_one_short_printable_line():
    assert clean_name("  Budi\x00\n Santoso\u202e ") == "Budi Santoso"
    assert clean_name("x" * 100) == "x" * 40
    assert clean_name("   ") is None and clean_name(None) is None
    with pytest.raises(VoteRefused):
        clean_name(42)


def test_the_room_takes_a_bounded_number_of_devices(monkeypatch):
    import classroom.ballot as ballot

    monkeypatch.setattr(ballot, "MAX_DEVICES", 3)
    room = Room()
    tokens = [room.join(None, None)[0] for _ in range(3)]
    with pytest.raises(ballot.RoomFull):
        room.join(None, "late")
    assert room.join(tokens[0], "known")[1] is True  # a known device still gets in


def test_lan_addresses_are_real_ipv4_and_never_loopback():
    for address in lan_addresses():
        parts = address.split(".")
        assert len(parts) == 4 and not address.startswith(("127.", "169.254."))


def test_bound_to_one_address_the_urls_name_it():
    server = ClassServer("127.0.0.1", 0, room_code="ab12", pin="123456")
    assert server.room_code == "AB12" and server.pin == "123456"
    server.port = 8765
    assert server.join_url == "http://127.0.0.1:8765/?r=AB12"
    assert server.facilitator_url == "http://127.0.0.1:8765/f?r=AB12"
    assert server.lan_urls() == [server.join_url]
    wild = ClassServer("0.0.0.0", 0, public_host="10.1.2.3")
    assert wild.url.startswith("http://10.1.2.3:")


def test_generated_codes_are_short_and_unambiguous():
    codes = {ClassServer("127.0.0.1").room_code for _ in range(50)}
    assert all(len(c) == 4 and not set(c) & set("01OI") for c in codes)
    assert len(codes) > 40
    assert all(len(ClassServer("127.0.0.1").pin) == 6 for _ in range(5))


def test_the_pages_are_small_and_speak_both_languages():
    files = load_static(STATIC_DIR)
    join = sum(len(files[name][0]) for name in JOIN_PAGE)
    join_gz = sum(len(files[name][1]) for name in JOIN_PAGE)
    facil = sum(len(files[name][0]) for name in FACIL_PAGE)
    print(f"\njoin page {join} B ({join_gz} B gzipped), facilitator page {facil} B")
    assert join < 30_000 and facil < 30_000
    words = json.loads(files["words.json"][0])
    assert set(words) == {"id", "en"} and set(words["id"]) == set(words["en"])
    used = set()
    for name in ("join.html", "facil.html", "common.js", "join.js", "facil.js"):
        text = files[name][0].decode()
        used |= {w for w in words["id"] if f'"{w}"' in text}
    commands = {
        f"c_{k}"
        for k in (
            "open_vote",
            "close_vote",
            "timer_start",
            "timer_pause",
            "timer_reset",
            "reveal",
            "show_questions",
            "next",
        )
    }
    assert set(words["id"]) - used - commands == set()  # no unused words
    assert gzip.decompress(files["join.html"][1]) == files["join.html"][0]


def test_only_plain_known_files_are_listed(tmp_path: Path):
    (tmp_path / "ok.js").write_text("x")
    (tmp_path / "secret.py").write_text("x")
    (tmp_path / ".hidden.js").write_text("x")
    (tmp_path / "Upper.JS").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.js").symlink_to(tmp_path / "secret.py")
    assert set(load_static(tmp_path)) == {"ok.js"}


def test_the_package_runs_without_pygame():
    import subprocess
    import sys

    code = "import sys, classroom, classroom.__main__; print(sorted(sys.modules).count('pygame'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_the_package_stands_alone():
    """classroom/ is driven by the game but imports none of it (nor pygame, nor the CLI)."""
    import ast

    for path in sorted((Path(__file__).resolve().parent.parent / "classroom").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            bad = [n for n in names if n.split(".")[0] in ("pygame", "game", "cli", "engine")]
            assert not bad, f"{path.name} imports {bad}"


def test_tally_leaders_agree_with_the_engine():
    from classroom.ballot import Tally
    from engine.records import leaders

    for counts in [(), (0, 0, 0), (3, 1, 3), (0, 2, 1), (5,)]:
        tally = Tally("k", 1, tuple(map(str, range(len(counts)))), counts, sum(counts), (), False)
        assert list(tally.leaders) == leaders(counts)
        assert tally.tie == (len(leaders(counts)) > 1)
