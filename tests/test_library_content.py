"""The shipped library: complete, bilingual, every value exercised, and right about the law."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from engine.library import Library
from engine.reach import explore
from engine.text import LocalText

GUIDE_ID = re.compile(r"^[a-z]+-\d$")


def local_texts(model: BaseModel, where: str = "") -> Iterator[tuple[str, LocalText]]:
    """Every player-facing string in a model tree, with a readable location."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else [(None, value)]
        )
        for key, item in items:
            here = f"{where}.{name}" + (f"[{key}]" if key is not None else "")
            if isinstance(item, LocalText):
                yield here, item
            elif isinstance(item, BaseModel):
                yield from local_texts(item, here)


def test_at_least_ten_scenarios_and_all_load(library: Library) -> None:
    assert library.problems == ()
    assert library.unavailable == ()
    assert len(library.stories) >= 10


def test_each_scenario_is_rich(library: Library) -> None:
    for story in library.stories.values():
        sc = story.scenario
        assert len(sc.nodes) >= 5, sc.id
        assert len(sc.endings) >= 3, sc.id
        assert len({e.tone for e in sc.endings.values()}) >= 2, sc.id


def test_every_ending_reachable_no_dead_ends_no_loops(library: Library) -> None:
    for story in library.stories.values():
        graph = explore(story)
        assert not graph.truncated
        assert not graph.back_edges, f"{story.id} loops"
        dead = [key for key, steps in graph.steps.items() if not steps]
        assert not dead, f"{story.id}: dead ends at {dead[:3]}"
        assert story.reach.endings == set(story.scenario.endings), story.id
        visited = {key[0] for key in graph.steps}
        assert visited == set(story.scenario.nodes), f"{story.id}: unreachable nodes"


def test_every_choice_cites_and_every_rule_is_cited(library: Library) -> None:
    cited: Counter[str] = Counter()
    for story in library.stories.values():
        for node in story.scenario.nodes.values():
            for choice in node.choices:
                assert choice.rules
                cited.update(choice.rules)
    rulebook = [rule_id for rule_id in library.rules if not GUIDE_ID.match(rule_id)]
    assert len(rulebook) >= 20
    assert [r for r in rulebook if not cited[r]] == []


def test_every_value_gains_and_loses_and_is_focus_and_scored_enough(library: Library) -> None:
    gains: Counter[str] = Counter()
    losses: Counter[str] = Counter()
    focus: Counter[str] = Counter()
    scored_in: Counter[str] = Counter()
    for story in library.stories.values():
        focus.update(story.scenario.focus_values)
        seen = set()
        for node in story.scenario.nodes.values():
            for choice in node.choices:
                for value, delta in choice.scores.items():
                    seen.add(value)
                    (gains if delta > 0 else losses)[value] += delta != 0
        scored_in.update(seen)
        for value in story.scenario.focus_values:
            low, high = story.reach.range(value)
            assert low < high, f"{story.id} names {value} as focus but cannot move it"
    for value in library.value_ids:
        assert gains[value] and losses[value], value
        assert focus[value] >= 2, f"{value} is the focus of {focus[value]} scenario(s)"
        assert scored_in[value] >= 4, f"{value} is scored in {scored_in[value]} scenario(s)"


def test_every_player_facing_string_has_indonesian_and_english(library: Library) -> None:
    missing = [
        f"{story.id}{where}"
        for story in library.stories.values()
        for where, text in local_texts(story.scenario)
        if not text.id.strip() or not (text.en or "").strip()
    ]
    assert missing == []
    for rule in library.rules.values():
        assert rule.title.en and rule.summary.en, rule.id


def all_text(library: Library, lang: str) -> Iterator[tuple[str, str]]:
    for story in library.stories.values():
        for where, text in local_texts(story.scenario):
            yield f"{story.id}{where}", text.get(lang)
    for rule in library.rules.values():
        for where, text in local_texts(rule):
            yield f"rule {rule.id}{where}", text.get(lang)


def test_the_gratuity_deadline_is_thirty_working_days(library: Library) -> None:
    calendar = library.stories["gratifikasi"].scenario.calendar
    assert calendar is not None and calendar.deadline == 30
    assert "30 hari kerja" in library.rules["tipikor-12c-lapor"].summary.id
    assert "30 working days" in library.rules["tipikor-12c-lapor"].summary.en
    wrong_id = [w for w, t in all_text(library, "id") if re.search(r"30 hari(?! kerja)", t)]
    wrong_en = [
        w
        for w, t in all_text(library, "en")
        if re.search(r"(?<!working )(?<!calendar )\b30 days", t)
    ]
    assert wrong_id == [] and wrong_en == []


@pytest.mark.parametrize("old", ["PP 53/2010", "PP 53 Tahun 2010", "37/2012", "PP 30/1980"])
def test_replaced_rules_are_never_cited_as_in_force(library: Library, old: str) -> None:
    for rule in library.rules.values():
        assert old not in rule.instrument and old not in (rule.article or ""), rule.id
        if old in rule.summary.id:
            assert re.search(r"[Mm]enggantikan|[Dd]iganti|tidak berlaku", rule.summary.id)
    for where, text in all_text(library, "id"):
        if old in text:
            assert re.search(r"[Mm]enggantikan|[Dd]iganti|tidak berlaku|lama", text), where


def test_the_2026_gift_limits_are_used(library: Library) -> None:
    limits = library.rules["perkpk-1-2026-batas"]
    assert limits.verified and limits.date is not None and limits.date.year == 2026
    for figure in ("Rp1,5 juta", "Rp500 ribu"):
        assert figure in limits.summary.id
    gratifikasi = " ".join(t for w, t in all_text(library, "id") if w.startswith("gratifikasi"))
    assert "Rp500 ribu" in gratifikasi and "Rp1,5 juta" in gratifikasi
    for where, text in all_text(library, "id"):
        assert "Rp200 ribu" not in text or "sebelumnya" in text, where
        assert "Rp300 ribu" not in text or "dihapus" in text, where


def test_rules_are_verified_only_with_a_source_and_a_check_date(library: Library) -> None:
    for rule in library.rules.values():
        assert rule.source.strip() and rule.checked, rule.id
        if not rule.verified:
            assert rule.note is not None or not GUIDE_ID.match(rule.id), rule.id
