"""bot/pipeline/importers/mojibake.py: ftfy's repairs, the known names, and what is still flagged as broken."""
import pytest

from bot.pipeline.importers.mojibake import KNOWN_NAMES, garbled, repair_mojibake
from tests.importers.helpers import SHARED


def test_repair_mojibake():
    assert repair_mojibake("Emil ZÃ\x81TOPEK") == ("Emil ZÁTOPEK", True)
    assert repair_mojibake("Ã–dÃ¶n FÃ–LDESSY") == ("Ödön FÖLDESSY", True)
    assert repair_mojibake("JOÃO SILVA") == ("JOÃO SILVA", False)  # a real Ã is left alone
    assert repair_mojibake("Fritz Erik ELMSÃ?TER") == (None, True)  # lost byte: cannot repair


def test_repair_undoes_double_encoding():
    # results.csv:1334 of the Olympic marks file: UTF-8 read as cp1252 twice over
    assert repair_mojibake("Ã\x83â\x80\x93dÃ\x83Â¶n FÃ\x83â\x80\x93LDESSY") == ("Ödön FÖLDESSY", True)
    # ...and a lost byte under two layers: ftfy gets as far as U+FFFD, which is not a name
    assert repair_mojibake("SÃ\x83Â¡ndor ROZSNYÃ\x83?I") == (None, True)
    # one layer left with the second byte of 'ö' lost (all_olympic_medalists.csv:3661)
    assert repair_mojibake("Ã–dÃn FÃ–LDESSY") == (None, True)


@pytest.mark.parametrize("name", ["Ânderson DOS SANTOS", "Bozhidar SARÂBOYUKOV", "Elena MÂNDRILĂ",
                                  "António LEITÃO", "Coraline MAÂMOURI", "Kerry O’FLAHERTY", "Tomáš DVOŘÁK",
                                  "Côte d’Ivoire"])
def test_real_names_are_not_garbled(name):
    """Letters that look like mojibake but are how WA writes these names (Â for the Bulgarian ъ, Portuguese Ã)."""
    assert repair_mojibake(name) == (name, False)
    assert garbled(name) is None


@pytest.mark.parametrize("text,why", [
    ("Franti?ek DOUDA", "'?'"),
    ("Fritz Erik ELMSÃ?TER", "lost"),
    ("Sándor ROZSNY\ufffdI", "lost"),
    ("ÖdÃn FÖLDESSY", "lost"),
    ("SÃ¡ndor ROZSNY", "mojibake"),
    ("? Sapna", "'?'"),
])
def test_garbled(text, why):
    assert why in (garbled(text) or "")


def test_known_names_are_clean_and_only_for_broken_text():
    for raw, name in KNOWN_NAMES.items():
        assert garbled(raw), raw  # a known fix only where the text is broken
        assert garbled(name) is None, name
        fixed = repair_mojibake(raw)[0]
        assert fixed is None or garbled(fixed), raw  # and only where ftfy cannot make it whole


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/datasets is not present")
def test_known_names_are_in_the_sources():
    """Each known fix is for text a source really holds (a fix for nothing would hide a changed file)."""
    import gzip
    texts = [(SHARED / "olympic-medallists-1896-2024" / "all_olympic_medalists.csv").read_text(encoding="utf-8"),
             (SHARED / "olympic-medallists-marks-1896-2016" / "results.csv").read_text(encoding="utf-8"),
             gzip.open(SHARED / "wa-toplists" / "male" / "long-jump.csv.gz", "rt", encoding="utf-8").read()]
    for raw in KNOWN_NAMES:
        assert any(raw in t for t in texts), raw
