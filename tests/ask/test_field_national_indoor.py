"""A field event's national record counts wherever it was set, as the world record does (the men's pole vault
world record is an indoor mark): "swedish pole vault record" is the better of the national list's indoor and
outdoor records, indoors said, the outdoor one named beside it; "outdoor" asked keeps the outdoor list.
Expectations come from the raw national list (../shared), not from our database."""
from __future__ import annotations

import re

import pytest

from tests.ask import raw

EVENTS = {"STA": "pole vault", "HOC": "high jump", "WEI": "long jump", "DRE": "triple jump", "KUG": "shot put"}
NATIONS = {"SWE": "swedish", "FRA": "french", "GBR": "british", "UKR": "ukrainian", "USA": "american",
           "GER": "german", "ITA": "italian", "CUB": "cuban", "CAN": "canadian"}


def _bests() -> list[tuple[str, str, float | None, float]]:
    """(nation, discipline, best outdoor or None, best indoor) of the men's lists that have an indoor record."""
    rows = [r for r in raw.national() if r["Code"] == "NR" and r["Class"] == "M"]
    out = []
    for nat in NATIONS:
        for disc in EVENTS:
            mine = [r for r in rows if r["Type"] == nat and r["Discipline"] == disc]
            outdoor = [float(r["Result"]) for r in mine if r["Environment"] == "Outdoor"]
            indoor = [float(r["Result"]) for r in mine if r["Environment"] == "Indoor"]
            if indoor:
                out.append((nat, disc, max(outdoor) if outdoor else None, max(indoor)))
    return out


CASES = _bests()


def test_the_cases_hold_both_kinds():
    # indoor ahead, outdoor ahead, and no outdoor record at all: each way the rule can go is tried
    assert sum(o is not None and i > o for _, _, o, i in CASES) >= 5
    assert sum(o is not None and o >= i for _, _, o, i in CASES) >= 20
    assert any(o is None for _, _, o, _ in CASES)


@pytest.mark.parametrize(("nation", "disc", "outdoor", "indoor"), CASES,
                         ids=[f"{n}-{d}" for n, d, _, _ in CASES])
def test_a_field_national_record_is_the_better_of_indoor_and_outdoor(engine, nation, disc, outdoor, indoor):
    a = engine.answer_now(f"{NATIONS[nation]} men's {EVENTS[disc]} record")
    assert a.status == "answered", a.headline
    if a.entities.get("listed_beaten"):
        pytest.skip("a mark on file beats the list: answered by the beaten-record rule")
    mark = float(re.search(r" record is ([\d.]+)", a.headline).group(1))
    if outdoor is None or indoor > outdoor:
        assert mark == indoor and " indoor " in a.headline, a.headline
        outdoor_note = [n for n in a.notes if n.startswith("Indoors:")]
        assert outdoor_note, a.notes
        if outdoor is not None:
            assert f"{outdoor:.2f}" in outdoor_note[0], outdoor_note
    else:
        assert mark == outdoor and " indoor " not in a.headline, a.headline


def test_outdoor_asked_keeps_the_outdoor_list(engine):
    nat, disc, outdoor, indoor = next(c for c in CASES if c[2] is not None and c[3] > c[2])
    a = engine.answer_now(f"{NATIONS[nat]} men's outdoor {EVENTS[disc]} record")
    assert f"record is {outdoor:.2f}" in a.headline and " indoor " not in a.headline, a.headline
    a = engine.answer_now(f"{NATIONS[nat]} men's indoor {EVENTS[disc]} record")
    assert f"record is {indoor:.2f}" in a.headline, a.headline
