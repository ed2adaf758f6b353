"""/factcheck in the console: a file path typed after the command is the article, checked by the real bot
over the loopback Discord; a missing file is refused politely; text can be given with text:."""
from __future__ import annotations

from pathlib import Path

from tests.console.test_console import console, sections

ARTICLE = Path(__file__).resolve().parents[1] / "factcheck" / "articles" / "arop-800.txt"


def test_a_file_path_is_fact_checked_and_paged(db_path, tmp_path):
    lines = [f"/factcheck {ARTICLE}", "1", "2", "/factcheck no-such-article.txt",
             "/factcheck text:Marco Arop won the 800m at the 2023 World Championships in 1:44.23.", "quit"]
    proc = console(db_path, tmp_path, lines, "console")
    assert proc.returncode == 0, proc.stderr
    got = dict(sections(proc.stdout))
    first = got[f"/factcheck {ARTICLE}"]
    assert "Fact check: 800m 2023 World Championships" in first
    assert "11 confirmed · 3 contradicted · 1 not checkable" in first
    assert "Read as written on 2023-09-05" in first and "▶️ Next" in first
    assert "Fact check: Emmanuel Wanyonyi" in got["1"] and "was 19 on 5 September 2023" in got["1"]
    assert "Fact check: 800m 2022 World Championships" in got["2"]
    assert "Contradicted" in got["2"] and "Emmanuel Kipkurui Korir" in got["2"]
    assert "there is no file 'no-such-article.txt'" in got["/factcheck no-such-article.txt"]
    typed = got["/factcheck text:Marco Arop won the 800m at the 2023 World Championships in 1:44.23."]
    assert "Marco Arop ran 1:44.24, not 1:44.23" in " ".join(typed.split())
