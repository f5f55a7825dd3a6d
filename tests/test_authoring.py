"""Authoring aids of issue 14: the message catalogue, ``rules``, schema completion, the Twine
import, and the bugs found while writing scenarios as a widyaiswara would."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import run
from engine.lint import lint_library
from engine.loader import load_library
from engine.messages import catalogue, msg, set_lang
from engine.schema import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
TWINE = FIXTURES / "twine"


@pytest.fixture(autouse=True)
def _language_reset():
    yield
    set_lang(None)


# -- the catalogue ----------------------------------------------------------------------------
def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in catalogue().items():
        holes = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in texts.items()}
        assert holes["id"] == holes["en"], key
        assert texts["id"].strip() and texts["en"].strip(), key


def test_every_message_id_used_in_the_code_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for folder in ("engine", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"\bmsg\(\s*\"([a-z_]+\.[a-z_.]+)\"", path.read_text("utf-8")))
    assert len(used) > 100
    assert used <= set(catalogue()), sorted(used - set(catalogue()))


def test_indonesian_by_default_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BERAKHLAK_LANG", raising=False)
    assert msg("file.empty") == "berkas ini kosong"
    monkeypatch.setenv("BERAKHLAK_LANG", "en")
    assert msg("file.empty") == "the file is empty"
    set_lang("id")  # --lang wins over the environment
    assert msg("file.empty") == "berkas ini kosong"
    assert msg("file.empty").code == "file.empty"


def test_lang_option_switches_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    bad = FIXTURES / "broken" / "bad_next.yaml"
    assert run(["--lang", "id", "validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert "node berikutnya 'akhri' tidak ada (maksud Anda 'akhir'?)" in out.out
    assert "skenario dimuat" in out.err
    assert run(["--lang", "en", "validate", str(bad)]) == 1
    assert "the next node 'akhri' does not exist (did you mean 'akhir'?)" in capsys.readouterr().out


# -- rules and the schemas --------------------------------------------------------------------
def test_rules_lists_ids_with_instrument_article_and_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["--lang", "id", "rules", "gratifikasi"]) == 0
    lines = capsys.readouterr().out.splitlines()
    by_id = {line.split("\t")[0]: line.split("\t") for line in lines}
    assert by_id["tipikor-12b"] == [
        "tipikor-12b",
        "UU 31/1999 jo. UU 20/2001 tentang Pemberantasan Tindak Pidana Korupsi, Pasal 12B",
        "Gratifikasi dianggap suap",
    ]
    assert all("gratifikasi" in line.lower() or "12b" in line.lower() for line in lines[:1])
    assert "kode-etik-melayani" not in by_id  # filtered by the word
    assert run(["rules", "no-such-word-anywhere"]) == 1


def test_schema_offers_the_shipped_rule_and_value_ids(library) -> None:
    scenario = build("scenario")
    choice = scenario["$defs"]["Choice"]["properties"]
    assert set(choice["rules"]["items"]["examples"]) == set(library.rules)
    assert {"tipikor-12b", "kode-etik-melayani"} <= set(choice["rules"]["items"]["examples"])
    assert "cannot complete" in choice["next"]["description"]
    values = [v.id for v in library.values]
    assert scenario["properties"]["focus_values"]["items"] == {"enum": values}
    rules = build("rules")
    assert rules["$defs"]["Rule"]["properties"]["values"]["items"] == {"enum": values}


# -- bugs ---------------------------------------------------------------------------------------
def test_lint_with_one_rulebook_file_still_knows_the_other_rules() -> None:
    library = load_library(
        [ROOT / "scenarios" / "gratifikasi.yaml", ROOT / "scenarios" / "rulebook" / "vuca.yaml"]
    )
    assert "gratifikasi" in library.stories
    assert not [p for p in lint_library(library) if p.code == "ref.rule"]
    assert not [p for p in library.problems if p.level == "error"]


def test_a_given_rulebook_entry_wins_over_the_shipped_one(tmp_path: Path) -> None:
    mine = tmp_path / "aturan.yaml"
    text = (ROOT / "scenarios" / "rulebook" / "gratifikasi.yaml").read_text("utf-8")
    mine.write_text(text.replace("Gratifikasi dianggap suap", "Versi saya"), "utf-8")
    library = load_library([ROOT / "scenarios" / "gratifikasi.yaml", mine])
    assert library.rules["tipikor-12b"].title.id == "Versi saya"
    assert not library.problems


def test_analyze_says_choice_numbers_follow_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--lang", "id", "analyze", "gratifikasi"]) == 0
    out = capsys.readouterr().out
    assert "nomor pilihan sesuai urutan berkas" in out
    assert "urutan tampil diacak per permainan" in out


def test_lint_places_the_dead_end_where_it_is_not_before_it() -> None:
    path = FIXTURES / "lint" / "dead_end_ahead.yaml"
    found = [p for p in lint_library(load_library([path])) if p.code.startswith("lint.")]
    dead = [p for p in found if p.code in ("lint.dead_end", "lint.no_ending_from")]
    assert [(p.line, p.code) for p in dead] == [(37, "lint.dead_end")]  # 'cek', not 'tengah'
    assert "'cek'" in dead[0].message and "lapor=false" in dead[0].message


def test_a_dead_end_in_play_ends_with_a_notice_not_an_impossible_prompt() -> None:
    from engine.play import Play

    library = load_library([FIXTURES / "lint" / "dead_end_ahead.yaml"])
    play = Play.begin(library, "lint-dead-end-ahead", seed=None)
    play.choose(1)  # Simpan (file order)
    play.choose(0)
    view = play.view()
    assert view.stuck and play.stuck and not view.finished and view.choices == ()
    done = subprocess.run(
        [sys.executable, "main.py", "play", "--text", "--order", "file",
         str(FIXTURES / "lint" / "dead_end_ahead.yaml")],
        input="2\n1\n", capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "(1-0)" not in done.stdout
    assert "Jalan buntu: di situasi 'cek' tidak ada pilihan yang terbuka" in done.stdout


# -- Twine import -----------------------------------------------------------------------------
EXPECTED_WARNINGS = {  # a skeleton has no scores, no English and no bad ending yet
    "lint.no_english_at_all",
    "lint.focus_unscored",
    "lint.no_effect",
    "lint.minutes",
    "ped.best_path",
    "ped.no_bad",
}


@pytest.mark.parametrize("name", ["parsel.twee", "parsel.html"])
def test_import_twee_gives_a_scenario_that_lints_and_plays_to_an_end(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    shutil.copy(TWINE / name, source)
    assert run(["--lang", "id", "import-twee", str(source)]) == 0
    err = capsys.readouterr().err
    target = source.with_suffix(".yaml")  # beside the input
    assert "tidak dikonversi:" in err and "(set: $parsel to true)" in err
    library = load_library([target])
    assert not library.problems
    story = library.stories["parsel"]
    sc = story.scenario
    assert sc.start == "pagi_di_kantor"
    assert [c.next for c in sc.nodes["pagi_di_kantor"].choices] == ["diterima", "laporkan"]
    assert [c.text.id for c in sc.nodes["pagi_di_kantor"].choices] == [
        "Terima dan ucapkan terima kasih",
        "Tolak dengan sopan",
    ]
    assert sc.nodes["diterima"].choices[0].next == "teguran"
    assert set(sc.endings) == {"laporkan", "teguran"}
    assert sc.nodes["pagi_di_kantor"].notes.id == "Tag Twine: pembuka, gratifikasi"
    assert (
        "[[" not in sc.nodes["pagi_di_kantor"].text.id
        and "$" not in sc.nodes["pagi_di_kantor"].text.id
    )
    warnings = lint_library(library)
    assert {p.level for p in warnings} == {"warning"}
    assert {p.code for p in warnings} == EXPECTED_WARNINGS
    played = subprocess.run(
        [sys.executable, "main.py", "play", "--text", "--order", "file", str(target)],
        input="1\n1\n", capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert played.returncode == 0, played.stderr
    assert "Anda mendapat teguran tertulis." in played.stdout
    assert run(["import-twee", str(source)]) == 1  # never overwrites


def test_import_twee_refuses_what_is_not_a_story_or_too_big(tmp_path: Path) -> None:
    from engine import twee

    with pytest.raises(twee.TweeError):
        twee.parse("just some text, no passages")
    with pytest.raises(twee.TweeError):
        twee.parse(":: A\n" + "x" * (twee.MAX_BYTES + 1))
    many = "".join(f":: P{i}\n[[P{i + 1}]]\n" for i in range(twee.MAX_PASSAGES + 1))
    with pytest.raises(twee.TweeError):
        twee.parse(many)


def test_twine_link_spellings() -> None:
    from engine.twee import split_link

    assert split_link("Pergi->Kantor") == ("Pergi", "Kantor")
    assert split_link("Kantor<-Pergi") == ("Pergi", "Kantor")
    assert split_link("Pergi|Kantor") == ("Pergi", "Kantor")
    assert split_link("Kantor") == ("Kantor", "Kantor")


def test_the_load_cache_keeps_message_ids_and_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.load_cache import load_library_cached

    monkeypatch.setenv("BERAKHLAK_CACHE_DIR", str(tmp_path / "cache"))
    bad = FIXTURES / "broken" / "bad_next.yaml"
    set_lang("id")
    cold = load_library_cached([bad])
    warm = load_library_cached([bad])
    assert [p.code for p in warm.problems] == [p.code for p in cold.problems] == ["ref.next"]
    assert "tidak ada" in warm.problems[0].message
    set_lang("en")  # another language is another entry, not the Indonesian one
    assert "does not exist" in load_library_cached([bad]).problems[0].message
