"""Trivia lists in Red-DiscordBot's YAML format: `question: [answers]`, plus AUTHOR, DESCRIPTION and CONFIG.

The YAML is composed into nodes rather than loaded, so answers keep the text as written: `yes`, `no`, `on`
stay words (YAML 1.1 would make them True/False), `1969` and `9.80` stay text, and every error can name its
line. The document is validated against trivia_schema.json. Importing is all-or-nothing: every error in
the file is reported, with line numbers, and nothing is saved unless there are none.

Lists shipped with the bot live in data/trivia/ (generated from the reference database, never typed in).
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bot.quiz.answers import TEXT, AnswerSpec
from bot.quiz.model import MEDIUM, Question, make
from bot.state.store import IntegrityError, StateStore

SCHEMA_PATH = Path(__file__).with_name("trivia_schema.json")
LISTS_DIR = Path(__file__).resolve().parents[2] / "data" / "trivia"
META_KEYS = ("$schema", "AUTHOR", "DESCRIPTION", "CONFIG")
MAX_BYTES = 1_000_000
MAX_QUESTIONS = 5000


class TriviaListError(ValueError):
    def __init__(self, errors: list[tuple[int | None, str]]):
        self.errors = errors
        super().__init__("; ".join(f"line {line}: {msg}" if line else msg for line, msg in errors))


@dataclass(frozen=True)
class TriviaQuestion:
    question: str
    answers: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class TriviaList:
    name: str
    questions: tuple[TriviaQuestion, ...]
    author: str = ""
    description: str = ""
    config: dict[str, Any] = field(default_factory=dict)

    def as_questions(self, rng: random.Random | None = None) -> list[Question]:
        """Quiz questions (typed answers only: a list gives no distractors), shuffled."""
        out = [make("trivia", q.question, AnswerSpec(TEXT, q.answers[0], q.answers[1:]), difficulty=MEDIUM,
                    source=f"trivia list {self.name}" + (f" by {self.author}" if self.author else ""),
                    facts={"list": self.name, "line": q.line}) for q in self.questions]
        (rng or random).shuffle(out)
        return out


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def parse(text: str, name: str = "list") -> TriviaList:
    """Read and validate a list. Raises TriviaListError with every problem found, each with its line."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise TriviaListError([(None, f"the file is larger than {MAX_BYTES // 1000} kB")])
    loader = None
    try:
        loader = yaml.SafeLoader(text)      # the reader checks the characters here: may raise ReaderError
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(exc, yaml.reader.ReaderError):    # a control character: no mark, a position
            line = text[:exc.position].count("\n") + 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise TriviaListError([(line, f"not valid YAML: {problem}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        raise TriviaListError([(_line(root) if root is not None else None,
                                "a trivia list is a mapping of questions to lists of answers")])
    errors: list[tuple[int | None, str]] = []
    doc: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in root.value:
        line = _line(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append((line, "a question must be text"))
            continue
        key = key_node.value
        if key in doc:
            errors.append((line, f"{key!r} appears twice (first on line {lines[key]})"))
            continue
        lines[key] = line
        if key in ("AUTHOR", "DESCRIPTION", "$schema"):
            doc[key] = value_node.value if isinstance(value_node, yaml.ScalarNode) else _construct(value_node)
        elif key == "CONFIG":
            doc[key] = _construct(value_node)
        elif isinstance(value_node, yaml.SequenceNode):
            answers = []
            for item in value_node.value:
                if isinstance(item, yaml.ScalarNode) and item.tag == "tag:yaml.org,2002:null":
                    errors.append((_line(item), f"an answer to {key!r} is empty"))
                elif isinstance(item, yaml.ScalarNode):
                    answers.append(item.value)       # the text as written: yes stays "yes"
                else:
                    errors.append((_line(item), f"an answer to {key!r} must be text, not a list or mapping"))
            doc[key] = answers
        else:
            doc[key] = _construct(value_node)        # the schema says what is wrong with it
    validator = jsonschema.Draft202012Validator(schema())
    for err in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(err.absolute_path)
        where = lines.get(str(path[0])) if path else None
        if err.validator == "not" and not path:
            msg = "the list has no questions"
        elif path and path[0] not in META_KEYS:
            msg = f"question {path[0]!r}: {_short(err)}"
        elif path:
            msg = f"{'.'.join(str(p) for p in path)}: {_short(err)}"
        else:
            msg = _short(err)
        errors.append((where, msg))
    questions = [TriviaQuestion(" ".join(k.split()), tuple(a.strip() for a in v), lines[k])
                 for k, v in doc.items() if k not in META_KEYS and isinstance(v, list)]
    if len(questions) > MAX_QUESTIONS:
        errors.append((None, f"more than {MAX_QUESTIONS} questions"))
    if errors:
        errors.sort(key=lambda e: (e[0] is None, e[0] or 0))
        raise TriviaListError(errors)
    return TriviaList(name, tuple(questions), str(doc.get("AUTHOR", "")), str(doc.get("DESCRIPTION", "")),
                      dict(doc.get("CONFIG") or {}))


def _construct(node: yaml.Node) -> Any:
    """A plain Python value for metadata (CONFIG's numbers and booleans are YAML 1.1 as Red reads them)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, ArithmeticError) as exc:   # !!python/..., !!float x
        problem = getattr(exc, "problem", None) or str(exc)
        raise TriviaListError([(_line(node), f"cannot read this value: {problem}")]) from None
    finally:
        loader.dispose()


def _short(err: jsonschema.ValidationError) -> str:
    if err.validator == "additionalProperties" and err.path and err.path[-1] == "CONFIG":
        return err.message.replace("Additional properties are not allowed", "unknown CONFIG key")
    if err.validator == "minItems":
        return "has no answers"
    return err.message


def load(path: Path | str) -> TriviaList:
    path = Path(path)
    return parse(path.read_text(encoding="utf-8"), path.stem)


def shipped_lists() -> dict[str, Path]:
    return {p.stem: p for p in sorted(LISTS_DIR.glob("*.yaml"))}


# -- lists imported by a server, in the state store

async def import_list(store: StateStore, guild_id: int | None, name: str, text: str, added_by: int,
                      now: str, replace: bool = False) -> TriviaList:
    """Validate the whole list, then save it in one transaction. Raises TriviaListError (nothing saved)."""
    name = (name or "").strip().lower()
    if not name or len(name) > 50 or not all(c.isalnum() or c in "-_" for c in name):
        raise TriviaListError([(None, "a list name is 1-50 letters, digits, '-' or '_'")])
    tl = parse(text, name)
    gid = guild_id or 0
    taken = TriviaListError([(None, f"this server already has a list called {name!r}")])
    try:
        async with store.write() as tx:
            existing = await tx.fetchone("SELECT id FROM quiz_trivia_lists WHERE guild_id = ? AND name = ? "
                                         "FOR UPDATE", (gid, name))
            if existing and not replace:
                raise taken
            if existing:
                await tx.execute("DELETE FROM quiz_trivia_questions WHERE list_id = ?", (existing[0],))
                await tx.execute("DELETE FROM quiz_trivia_lists WHERE id = ?", (existing[0],))
            list_id = await tx.insert_returning_id(
                "INSERT INTO quiz_trivia_lists (guild_id, name, author, description, config, added_by, added_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (gid, name, tl.author, tl.description, json.dumps(tl.config), added_by, now))
            await tx.executemany(
                "INSERT INTO quiz_trivia_questions (list_id, number, question, answers, line) VALUES (?,?,?,?,?)",
                [(list_id, i, q.question, json.dumps(list(q.answers)), q.line)
                 for i, q in enumerate(tl.questions, 1)])
    except IntegrityError:      # UNIQUE (guild_id, name): another process imported the same name meanwhile
        raise taken from None
    return tl


async def server_list(store: StateStore, guild_id: int | None, name: str) -> TriviaList | None:
    row = await store.fetchone("SELECT id, author, description, config FROM quiz_trivia_lists "
                               "WHERE guild_id = ? AND name = ?", (guild_id or 0, name))
    if row is None:
        return None
    qs = await store.fetchall("SELECT question, answers, line FROM quiz_trivia_questions WHERE list_id = ? "
                              "ORDER BY number", (row[0],))
    return TriviaList(name, tuple(TriviaQuestion(q[0], tuple(json.loads(q[1])), q[2]) for q in qs),
                      row[1], row[2], json.loads(row[3]))


async def list_names(store: StateStore, guild_id: int | None) -> list[str]:
    rows = await store.fetchall("SELECT name FROM quiz_trivia_lists WHERE guild_id = ? ORDER BY name",
                                (guild_id or 0,))
    return sorted(set(shipped_lists()) | {r[0] for r in rows})


async def get_list(store: StateStore, guild_id: int | None, name: str) -> TriviaList | None:
    """A server's own list of that name, else the shipped one."""
    own = await server_list(store, guild_id, name)
    if own is not None:
        return own
    path = shipped_lists().get(name)
    return load(path) if path else None
