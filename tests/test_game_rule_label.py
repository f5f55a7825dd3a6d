"""Wherever a rule is cited in the game, an unverified one is marked as such."""

from __future__ import annotations

from engine.library import Library
from game.widgets.links import rule_label


def test_unverified_rules_say_so_and_verified_ones_do_not(library: Library) -> None:
    unverified = library.rules["upg-10-hari-kerja"]
    verified = library.rules["tipikor-12c-lapor"]
    assert not unverified.verified and verified.verified
    assert rule_label(unverified, "id").endswith("· belum terverifikasi")
    assert rule_label(unverified, "en").endswith("· unverified")
    assert "verifi" not in rule_label(verified, "id")
    assert rule_label(verified, "en").startswith("Report to the KPK within 30 working days (UU 31")
