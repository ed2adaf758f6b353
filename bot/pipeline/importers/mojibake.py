"""Text a source mis-decoded (mojibake) or lost letters of ('?'): repaired where it can be, flagged where not.

repair_mojibake: ftfy undoes UTF-8 read as Latin-1 or cp1252, also twice over ('Ã\\x83â\\x80\\x93dÃ\\x83Â¶n' is
'Ödön'). Where a byte was lost in between ('ELMSÃ?TER') nothing can be undone, and it says so.
KNOWN_NAMES: the few names the sources garbled beyond ftfy's reach, each with its rows and the evidence.
garbled: why a text still looks broken, or None. The whole-database test lists what is left with it.
"""
from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

# Source text as written -> the name. Applied by the importers before repair_mojibake, to exactly these texts.
KNOWN_NAMES = {
    # olympic-medallists-1896-2024 all_olympic_medalists.csv:2524 and olympic-medallists-marks-1896-2016
    # results.csv:1567 (1932 shot put bronze, TCH). One letter lost to '?': wr-progressions
    # hindustantimes_wr_progression_to2016.csv writes the same athlete (TCH, shot put WR 16.20, 1932) 'Frantisek
    # Douda', so the letter is an s with a diacritic: the Czech š.
    "Franti?ek DOUDA": "František DOUDA",
    # results.csv:1059 (1996 decathlon bronze, CZE, 8664). One letter lost to '?' after UTF-8 read as Latin-1
    # ('TomÃ¡?'): wa-toplists male/decathlon.csv.gz has the same performance as 'Tomáš DVOŘÁK' (CZE, born
    # 1972-05-11), and the builder already joins the two.
    "TomÃ¡? DVORÃ\x81K": "Tomáš DVOŘÁK",
    # all_olympic_medalists.csv:3661 (1952 long jump bronze, HUN): the second byte of 'ö' is lost ('dÃn').
    # results.csv:1334 has the same medal with the double encoding intact, which ftfy reads as 'Ödön FÖLDESSY'.
    "Ã–dÃn FÃ–LDESSY": "Ödön FÖLDESSY",
    # Not repaired: 'Fritz Erik ELMSÃ?TER' (all_olympic_medalists.csv:3234, results.csv:501, 1948 steeplechase
    # silver, SWE). The letter after the lead byte C3 is lost and no source here spells the name whole, so the
    # rows stay rejected as garbled (a letter from memory would be a fact without a source).
    # all_olympic_medalists.csv:4105 and results.csv:498 (1956 3000 m steeplechase silver, HUN). 'á' survives,
    # the letter after C3 in the family name is lost. hindustantimes_wr_progression_to2016.csv writes the same
    # athlete without accents ('Sandor Rozsnyoi', HUN, steeplechase WRs of 1954 and 1956), so the letter is an
    # accented o, with the lead byte C3 an ó or ö: the athlete is Sándor Rozsnyói.
    "SÃ¡ndor ROZSNYÃ?I": "Sándor ROZSNYÓI",
    "SÃ\x83Â¡ndor ROZSNYÃ\x83?I": "Sándor ROZSNYÓI",
    # wa-toplists male/long-jump.csv.gz:7868 (PUR, born 1958-06-15): one letter lost to '?', the only row of
    # this athlete in any source. In a Spanish family name 'QUINO?ES' is Quiñones (national.csv writes the
    # same family name of a Peruvian 'Quiñones').
    "Reynaldo QUINO?ES": "Reynaldo QUIÑONES",
}

# An upper-case Ã or Â right after a lower-case letter: the lead byte of a UTF-8 letter whose second byte was
# lost ('ÖdÃn'). Written names put them at a word's start ('Ânderson') or in capitals ('LEITÃO', 'SARÂBOYUKOV').
_LONE_LEAD_BYTE = re.compile(r"(?<=[a-zß-ÿ])[ÃÂ]")


def repair_mojibake(text: str) -> tuple[str | None, bool]:
    """UTF-8 read as Latin-1/cp1252 ("ZÃ\\x81TOPEK") -> ("ZÁTOPEK", True). (text, False) when there is nothing to
    undo; (None, True) when bytes were lost ("ELMSÃ?TER") and the name cannot be restored."""
    fixed = ftfy.fix_encoding(text)
    if fixed == text and not _lost_byte(text):
        return text, False
    if _lost_byte(fixed) or is_bad(fixed):
        return None, True
    return fixed, True


def _lost_byte(text: str) -> bool:
    return "\ufffd" in text or bool(re.search(r"[ÃÂ]\?", text)) or bool(_LONE_LEAD_BYTE.search(text))


def garbled(text: str | None) -> str | None:
    """Why a text still looks broken (mojibake, a lost byte, a '?' for a letter), or None when it looks clean."""
    if not text:
        return None
    if ftfy.fix_encoding(text) != text or is_bad(text):
        return "mojibake (UTF-8 read as Latin-1 or cp1252)"
    if _lost_byte(text):
        return "a byte lost from a mis-decoded letter"
    if "?" in text:
        return "'?' in place of a letter"
    return None
