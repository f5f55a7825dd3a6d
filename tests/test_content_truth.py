"""The content review of 2026-11 stays fixed: what the game teaches about the law, and how its
dilemmas are built. Each test names the review finding it guards (see the team's review notes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from engine.library import Library
from engine.outlook import outlook
from engine.pedagogy import source_policy
from engine.text import LocalText

# The scenarios whose texts and dilemmas this file guards. Rules are checked library-wide; a
# scenario joins this list once its own review findings are fixed.
GUARDED = (
    "gratifikasi",
    "konflik_kepentingan",
    "bantuan_kedinasan",
    "dokumen_rahasia",
    "satgas_lintas_instansi",
)

VALUES_FILE = Path(__file__).resolve().parents[1] / "scenarios" / "values.yaml"

# News portals the review and the reference sheet used for background: fine for research notes,
# never as the source a player reads (the lint policy covers seeds, file sharing and blogs).
NEWS_SITES = re.compile(
    r"detik|kompas|okezone|idxchannel|tribunnews|liputan6|cnnindonesia|tempo\.co|antaranews|"
    r"kumparan|wahananews|literasihukum|seketika|kanalindonesia|goodstats|alinea|medcom|"
    r"palpres|disway|malutpost|babelpos|jpnn|idntimes|investortrust|dntlawyers|motorcomcom|"
    r"dialeksis|coesmanafamily|gendis|asninstitute|rumahadhyaksa|christiangamas|pasal\.id",
    re.IGNORECASE,
)


def teaching_texts(library: Library, lang: str) -> Iterator[tuple[str, str]]:
    """The texts written in the teacher's voice: feedback, notes, endings and rule summaries
    (of the guarded scenarios, and of every rule).

    Option texts and dialogue are left out on purpose: a tempting wrong option or a character
    may voice a wrong belief; the game must never endorse it.
    """
    for sid in GUARDED:
        sc = library.stories[sid].scenario
        for nid, node in sc.nodes.items():
            if node.notes is not None:
                yield f"{sid}:{nid}.notes", node.notes.get(lang)
            for i, choice in enumerate(node.choices, 1):
                if choice.feedback is not None:
                    yield f"{sid}:{nid}#{i}.feedback", choice.feedback.get(lang)
        for eid, ending in sc.endings.items():
            yield f"{sid}:{eid}", ending.text.get(lang)
    for rid, rule in library.rules.items():
        for part in (rule.summary, rule.note):
            if isinstance(part, LocalText):
                yield f"rule {rid}", part.get(lang)


def test_no_teaching_text_calls_a_gift_not_a_bribe(library: Library) -> None:
    """Review W10: "Benar, ini bukan suap" for an envelope during a pending handover."""
    allowed_id = re.compile(
        r"membuktikan bahwa (itu|pemberian itu|gratifikasi tersebut) bukan suap"
    )
    allowed_en = re.compile(r"prove (that )?it (is|was) not a bribe")
    wrong_id = [
        where
        for where, text in teaching_texts(library, "id")
        if "bukan suap" in allowed_id.sub("", text).lower()
    ]
    wrong_en = [
        where
        for where, text in teaching_texts(library, "en")
        if re.search(r"\bnot a bribe\b", allowed_en.sub("", text))
    ]
    assert wrong_id == [] and wrong_en == []


def test_the_no_deal_excuse_is_a_marked_breach(library: Library) -> None:
    """Review W10/M15: the option "no prior deal, so not a bribe" exists to be judged wrong."""
    found = []
    for sid in GUARDED:
        for nid, node in library.stories[sid].scenario.nodes.items():
            for choice in node.choices:
                if re.search(r"bukan suap", choice.text.id):
                    found.append((sid, nid))
                    assert choice.breach and choice.verdict == "bad", (sid, nid)
                    assert "kuhp-605-606-suap" in choice.rules, (sid, nid)
    assert found, "the gratuity scenario should still offer the tempting excuse"


def test_bribery_rule_says_no_prior_deal_is_needed(library: Library) -> None:
    """Review W4: bribery for an act of office needs no prior deal; KUHP 605-606 since 2026."""
    rule = library.rules["suap-gratifikasi-pemerasan"]
    assert "tidak harus ada kesepakatan" in rule.summary.id
    assert "Suap didahului kesepakatan" not in rule.summary.id
    assert "605" in rule.instrument and "UU 1/2023" in rule.instrument
    kuhp = library.rules["kuhp-605-606-suap"]
    assert kuhp.date is not None and "2 Januari 2026" in kuhp.summary.id


@pytest.mark.parametrize("repealed", ["UU 5/2014", "UU 5 Tahun 2014", "UU No. 5 Tahun 2014"])
def test_the_repealed_civil_service_law_is_not_cited_as_in_force(
    library: Library, repealed: str
) -> None:
    """Review W1-W3: the ethics rules rested on UU 5/2014 Pasal 5, repealed by UU 20/2023."""
    for rule in library.rules.values():
        assert repealed not in rule.instrument and repealed not in (rule.article or ""), rule.id
        assert repealed not in rule.source, rule.id
    for lang in ("id", "en"):
        for where, text in teaching_texts(library, lang):
            for hit in re.finditer(re.escape(repealed), text):
                context = text[max(0, hit.start() - 80) : hit.end() + 120]
                assert re.search(
                    r"[Mm]enggantikan|[Dd]iganti|tidak berlaku|lama|replaced|no longer", context
                ), where


def test_tipikor_articles_5_and_11_are_not_cited_as_current_law(library: Library) -> None:
    """Review W4: since 2 Jan 2026 UU Tipikor Pasal 5 and 11 are revoked (KUHP Pasal 622)."""
    tipikor = re.compile(r"UU 31/1999|UU 20/2001|Tipikor")
    for rule in library.rules.values():
        cites = f"{rule.instrument} {rule.article or ''}"
        if tipikor.search(cites):
            assert not re.search(r"Pasal (5|11)\b(?! ?[0-9])", rule.article or ""), rule.id
        assert not re.search(r"Tipikor Pasal (5|11)\b", rule.instrument), rule.id
    for where, text in teaching_texts(library, "id"):
        for hit in re.finditer(r"(UU Tipikor|UU 31/1999|UU 20/2001)[^.]{0,20}Pasal (5|11)\b", text):
            context = text[hit.start() : hit.end() + 120]
            assert re.search(r"dicabut|kini|KUHP", context), where


def test_rule_sources_name_the_instrument_not_a_seed_blog_or_news_site(library: Library) -> None:
    """Review §9 'Sources shown to players': no seed label, file-sharing site, blog or news site."""
    policy = source_policy()
    for rule in library.rules.values():
        assert policy.objection(rule.source) is None, (rule.id, rule.source)
        assert not NEWS_SITES.search(rule.source), (rule.id, rule.source)
        assert "rujukan:" not in rule.source, (rule.id, rule.source)
    values_source = yaml.safe_load(VALUES_FILE.read_text(encoding="utf-8"))["source"]
    assert policy.objection(values_source) is None
    assert not NEWS_SITES.search(values_source)


def test_every_rule_has_a_date_or_says_why_not(library: Library) -> None:
    """Review F5: 24 of 31 rules had no date. A date not confirmed is said so, never guessed."""
    undated = []
    for rule in library.rules.values():
        if rule.date is None:
            undated.append(rule.id)
            assert rule.note is not None and "tanggal" in rule.note.id, rule.id
    # Only rules whose instrument date could not be confirmed may stay undated, and no more.
    assert len(undated) <= 3, undated
    assert len(library.rules) >= 25


def test_the_rp1_5_million_exemption_is_for_the_recipients_own_ceremony(library: Library) -> None:
    """Review F1: the Rp1,5 juta exemption is not for religious-holiday (Lebaran) gifts."""
    limits = library.rules["perkpk-1-2026-batas"]
    assert "diselenggarakan penerima" in limits.summary.id
    assert "hari raya" in limits.summary.id  # ... named as not covered
    assert "recipient's own" in limits.summary.en
    wrong_id = re.compile(
        r"(hadiah|pemberian) (pernikahan, adat, atau )?keagamaan|Lebaran[^.]*Rp1,5"
    )
    wrong_en = re.compile(r"religious gifts up to|(Eid|holiday) (gifts|presents) up to Rp1\.5")
    for where, text in teaching_texts(library, "id"):
        assert not wrong_id.search(text), where
    for where, text in teaching_texts(library, "en"):
        assert not wrong_en.search(text), where


def test_a_shopping_voucher_is_never_called_an_exempt_co_worker_gift(library: Library) -> None:
    """Review F7: the co-worker exemption is for non-cash gifts that are not cash-equivalent."""
    limits = library.rules["perkpk-1-2026-batas"].summary.id
    assert "setara uang" in limits and "per tahun" in limits


@pytest.mark.parametrize("story_id", GUARDED)
def test_best_scoring_path_ends_well_and_no_breach_ends_well(
    library: Library, story_id: str
) -> None:
    """Review §5.3: the highest total must lead to a good ending; a clear breach never may."""
    view = outlook(library.stories[story_id])
    assert view.exact
    assert view.best_tone == "good", (story_id, dict(view.best_paths))
    assert not view.breach_reaches_good, (story_id, dict(view.breach_to_good))


@pytest.mark.parametrize("story_id", GUARDED)
def test_every_choice_is_judged_and_every_character_can_be_drawn(
    library: Library, story_id: str
) -> None:
    sc = library.stories[story_id].scenario
    unjudged = [
        f"{nid}#{i}"
        for nid, node in sc.nodes.items()
        for i, c in enumerate(node.choices, 1)
        if c.verdict is None
    ]
    assert unjudged == []
    assert [cid for cid, c in sc.characters.items() if c.gender is None] == []
    breaches = [c for node in sc.nodes.values() for c in node.choices if c.breach]
    assert breaches and all(c.verdict == "bad" for c in breaches)


def test_a_late_conflict_declaration_never_gets_the_good_ending(library: Library) -> None:
    """Review §5.3: staying on the panel against Pasal 42 must not end 'Konflik yang dikelola'."""
    sc = library.stories["konflik_kepentingan"].scenario
    staying = [c for c in sc.nodes["pembukaan"].choices if c.next == "evaluasi"]
    assert staying and all(c.breach for c in staying)
    late = sc.nodes["evaluasi"].choices[0]
    assert late.set.get("terlambat") is True
    to_clean = [c for c in sc.nodes["keluarga"].choices if c.next == "bersih"]
    assert to_clean and all("not terlambat" in (c.condition or "") for c in to_clean)


def test_the_emergency_help_rule_is_cited_where_help_is_refused(library: Library) -> None:
    """Review W5/W12: refusing help to a flood post is weighed against UU 30/2014 Pasal 36(3)."""
    node = library.stories["bantuan_kedinasan"].scenario.nodes["wa_wahyu"]
    refuse = [c for c in node.choices if "Senin" in c.text.id]
    assert refuse and all("uu30-2014-bantuan-darurat" in c.rules for c in refuse)
    assert library.rules["uu30-2014-bantuan-darurat"].article == "Pasal 36 ayat (3)"


def test_patient_data_cites_the_data_protection_and_health_laws(library: Library) -> None:
    """Review M10: sending the full patient file is judged under UU 27/2022 and UU 17/2023."""
    node = library.stories["bantuan_kedinasan"].scenario.nodes["data_pasien"]
    send_all = node.choices[0]
    assert send_all.breach
    assert {"uu27-2022-pdp", "uu17-2023-rahasia-pasien"} <= set(send_all.rules)
