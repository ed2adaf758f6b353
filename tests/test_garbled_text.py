"""No broken text in the built database: mojibake, lost bytes or a '?' for a letter (mojibake.garbled), in every
name and place a user can see. The importers repair what ftfy can and mojibake.KNOWN_NAMES what it cannot;
anything left is listed here."""
from __future__ import annotations

from bot.pipeline.importers.mojibake import garbled

# table -> its text columns a user sees (aliases too: they are spellings the name search offers)
TEXT = {
    "athletes": ["name", "given", "family"],
    "athlete_aliases": ["alias"],
    "races": ["venue", "label"],
    "competitions": ["name", "venue", "city"],
    "series": ["name"],
    "records": ["venue"],
}


def test_no_garbled_text_left(db):
    left = [f"{table}.{col}: {text!r} ({garbled(text)})"
            for table, cols in TEXT.items() for col in cols
            for (text,) in db.execute(f"SELECT DISTINCT {col} FROM {table} WHERE {col} IS NOT NULL")
            if garbled(text)]
    assert not left, "repair it in the importer or add it to mojibake.KNOWN_NAMES with its evidence:\n" + \
        "\n".join(left)


def test_repaired_names_are_shown(db):
    """The names the issue named, as the sources' evidence spells them (bot/pipeline/importers/mojibake.py)."""
    names = {n for (n,) in db.execute("SELECT name FROM athletes WHERE nationality IN ('HUN', 'TCH', 'SWE', 'PUR', "
                                      "'IND', 'CZE')")}
    assert {"Sándor Rozsnyói", "František Douda", "Ödön Földessy", "Reynaldo Quiñones",
            "Sapna", "Tomáš Dvořák"} <= names
