"""The YAML mistakes a widyaiswara makes, each explained at the line to change (issue 14).

One fixture per mistake in tests/fixtures/yaml_mistakes/; the table gives the line:col each
must report, the catalogue id, and the exact message in Indonesian (the default) and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.loader import load_library
from engine.messages import msg, set_lang

MISTAKES = Path(__file__).parent / "fixtures" / "yaml_mistakes"

# fixture: (line, col, message id, Indonesian, English)
TABLE = {
    "unclosed_quote.yaml": (  # 6-line file; libyaml said line 7 (the end of the file)
        5,
        10,
        "yaml.unclosed_quote",
        'tanda kutip " dibuka di sini tetapi tidak pernah ditutup; tambahkan " penutup di '
        "akhir teks",
        'the quote " opened here is never closed; add the closing " at the end of the text',
    ),
    "unclosed_quote_swallows.yaml": (  # the text ran on to the quote on line 4
        2,
        10,
        "yaml.unclosed_quote",
        'tanda kutip " dibuka di sini tetapi tidak pernah ditutup; tambahkan " penutup di '
        "akhir teks",
        'the quote " opened here is never closed; add the closing " at the end of the text',
    ),
    "tab.yaml": (
        4,
        1,
        "yaml.tab",
        "ada karakter tab di baris 4 kolom 1; YAML hanya menerima spasi untuk menjorok. Ganti "
        "tab dengan spasi (atur editor agar tombol Tab menyisipkan spasi)",
        "a tab character at line 4, column 1; YAML indents with spaces only. Replace the tab "
        "with spaces (set your editor to insert spaces for Tab)",
    ),
    "quote_starts_text.yaml": (  # id: "Kebiasaan" tidak boleh dibiarkan
        5,
        11,
        "yaml.quote_starts_text",
        "teks 'id:' diawali tanda kutip \", dan YAML menganggap teks berakhir di kutip penutup; "
        "kutip seluruh teks (misalnya '\"Kebiasaan\" tidak ...' dengan kutip tunggal di luar) "
        "atau tulis teks di baris berikutnya setelah 'id: >-'",
        "the text of 'id:' starts with a quote \", and YAML takes the text to end at the closing "
        "quote; quote the whole text (e.g. '\"Habit\" is not ...' with single quotes outside) or "
        "write the text on the next line after 'id: >-'",
    ),
    "quote_starts_item.yaml": (  # - "Kebiasaan" tidak baik (a discussion question)
        3,
        5,
        "yaml.quote_starts_item",
        'butir daftar ini diawali tanda kutip ", dan YAML menganggap teks berakhir di kutip '
        'penutup; kutip seluruh teks dengan kutip jenis lain (misalnya \'"Kebiasaan" tidak '
        "...')",
        'this list item starts with a quote ", and YAML takes the text to end at the closing '
        'quote; quote the whole text with the other kind of quote (e.g. \'"Habit" is not '
        "...')",
    ),
    "item_too_far_left.yaml": (  # libyaml: "did not find expected '-' indicator"
        8,
        7,
        "yaml.item_too_far_left",
        "baris ini 2 spasi terlalu ke kiri: ia milik butir daftar '- text: Tolak' di baris 7; "
        "geser ke kolom 9 (sejajar dengan teks setelah '- '), atau awali dengan '- ' untuk "
        "butir baru",
        "this line is 2 space(s) too far left: it belongs to the list item '- text: Tolak' on "
        "line 7; move it to column 9 (under the text after '- '), or start it with '- ' for a "
        "new item",
    ),
    "list_item_too_far_left.yaml": (
        7,
        5,
        "yaml.list_too_far_left",
        "butir daftar ini 2 spasi terlalu ke kiri dibanding daftar di baris 5; geser '- ' ke "
        "kolom 7",
        "this list item is 2 space(s) further left than the list on line 5; move its '- ' to "
        "column 7",
    ),
    "key_too_far_left.yaml": (
        5,
        4,
        "yaml.indent_near",
        "baris ini 1 spasi terlalu ke kiri untuk blok 'mulai:' (baris 3), yang kuncinya mulai "
        "di kolom 5; geser ke kolom 5 (atau, jika ia milik blok lain, samakan dengan kunci "
        "blok itu)",
        "this line is 1 space(s) too far left for the block 'mulai:' (line 3), whose keys start "
        "at column 5; move it to column 5 (or, if it belongs to another block, line it up with "
        "that block's keys)",
    ),
    "en_too_far_left.yaml": (  # was "unknown key 'en'"
        4,
        1,
        "model.lang_key_too_far_left",
        "'en:' terlalu ke kiri: ia milik teks 'title:' di atasnya; jorokkan 'en:' sejajar "
        "dengan 'id:'/'en:' lain di dalam 'title:'",
        "'en:' is too far left: it belongs to the text 'title:' above it; indent 'en:' like "
        "the other 'id:'/'en:' inside 'title:'",
    ),
    "long_text_left.yaml": (  # libyaml placed it 2 lines below, at line 8
        6,
        7,
        "yaml.block_text_left",
        "baris pertama teks panjang setelah 'id:' (baris 5) harus menjorok lebih ke kanan "
        "daripada 'id:'; geser baris ini dan lanjutannya ke kolom 9",
        "the first line of the long text after 'id:' (line 5) must be indented further than "
        "'id:'; move this line and the ones after it to column 9",
    ),
    "colon_in_text.yaml": (
        2,
        15,
        "yaml.colon_in_text",
        "ada ':' yang tidak diharapkan YAML; kutip teks yang berisi ': '",
        "a ':' where YAML did not expect one; put text containing ': ' in quotes",
    ),
}


@pytest.fixture(autouse=True)
def _language_reset():
    yield
    set_lang(None)


def _found(name: str) -> list[tuple[int, int, str, str]]:
    library = load_library([MISTAKES / name])
    mine = [p for p in library.problems if Path(p.path).name == name]
    # The 'en:' case also lacks required keys (a minimal file); the table is about the mistake.
    return [
        (p.line, p.col, p.code, str(p.message))
        for p in mine
        if not p.code.startswith("model.missing")
    ]


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_mistake_in_indonesian_by_default(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BERAKHLAK_LANG", raising=False)  # the suite runs in English otherwise
    line, col, code, indonesian, _ = TABLE[name]
    assert _found(name) == [(line, col, code, indonesian)]


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_mistake_in_english(name: str) -> None:
    set_lang("en")
    line, col, code, _, english = TABLE[name]
    assert _found(name) == [(line, col, code, english)]


def test_every_fixture_is_in_the_table() -> None:
    assert {p.name for p in MISTAKES.glob("*.yaml")} == set(TABLE)


def test_after_a_yaml_error_the_summary_says_the_other_checks_did_not_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cli.main import run

    monkeypatch.delenv("BERAKHLAK_LANG", raising=False)
    assert run(["lint", "--no-fit", str(MISTAKES / "tab.yaml")]) == 1
    err = capsys.readouterr().err
    assert "0 peringatan" not in err and "warning(s)" not in err
    assert msg("summary.not_checked", lang="id", count=1) in err
    assert run(["--lang", "en", "validate", str(MISTAKES / "tab.yaml")]) == 1
    err = capsys.readouterr().err
    assert "1 file(s) could not be read as YAML, so the other checks did not run" in err
