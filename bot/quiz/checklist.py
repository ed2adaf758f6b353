"""`python -m bot quiz check-list FILE...`: would these trivia lists import? The same reading as `/quiz import`
(bot/quiz/trivia_lists.py: UTF-8 with or without a BOM, the same bounds), without a database or Discord.

Prints, per file, its question count and any warnings (what Red accepts but is worth fixing, e.g. a question
written twice), or every problem with its line; then, for several files, one summary line. Exit status 1 when
any file would not import.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.quiz import trivia_lists as tl


@dataclass(frozen=True)
class Checked:
    path: Path
    questions: int = 0
    warnings: tuple[tuple[int | None, str], ...] = ()
    problems: tuple[tuple[int | None, str], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path) -> Checked:
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Checked(path, problems=((None, f"cannot read the file: {err.strerror or err}"),))
    if len(raw) > tl.MAX_BYTES:       # the cog refuses these before downloading them
        return Checked(path, problems=((None, f"the file is larger than {tl.MAX_BYTES // 1000} kB"),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Checked(path, problems=((None, "the file is not UTF-8 text"),))
    try:
        parsed = tl.parse(text, path.stem)
    except tl.TriviaListError as bad:
        return Checked(path, warnings=tuple(bad.warnings), problems=tuple(bad.errors))
    return Checked(path, len(parsed.questions), parsed.warnings)


def _where(line: int | None) -> str:
    return f"line {line}: " if line else ""


def report(results: Sequence[Checked], out: TextIO, totals: bool = True) -> None:
    for r in results:
        if r.ok:
            warned = f", {_plural(len(r.warnings), 'warning')}" if r.warnings else ""
            print(f"{r.path}: {_plural(r.questions, 'question')}{warned}", file=out)
        else:
            print(f"{r.path}: not importable, {_plural(len(r.problems), 'problem')}", file=out)
            for line, msg in r.problems:
                print(f"  {_where(line)}{msg}", file=out)
        for line, msg in r.warnings:
            print(f"  {_where(line)}warning: {msg}", file=out)
    if totals and len(results) > 1:
        print(summary(results), file=out)


def summary(results: Sequence[Checked]) -> str:
    good = [r for r in results if r.ok]
    return (f"{len(good)} of {_plural(len(results), 'list')} import: "
            f"{_plural(sum(r.questions for r in good), 'question')}, "
            f"{_plural(sum(len(r.warnings) for r in good), 'warning')} "
            f"in {_plural(sum(1 for r in good if r.warnings), 'list')}; "
            f"{len(results) - len(good)} fail")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def run(files: Iterable[Path], out: TextIO = sys.stdout) -> int:
    results = [check_file(Path(f)) for f in files]
    report(results, out)
    return 0 if all(r.ok for r in results) else 1
