"""Trivia lists in Red-DiscordBot's YAML format: `question: [answers]`, plus AUTHOR, DESCRIPTION and CONFIG.

The YAML is composed into nodes rather than loaded, so answers keep the text as written: `yes`, `no`, `on`
stay words (YAML 1.1 would make them True/False), `1969` and `9.80` stay text, and every error can name its
line. The document is validated against trivia_schema.json. Importing is all-or-nothing: every error in
the file is reported, with line numbers, and nothing is saved unless there are none. What Red accepts we
accept: a question that appears twice is a warning (the later answers win, as with Red's yaml.safe_load).

Lists come from any server admin, so reading one is bounded (the file's size, the values it holds once its
aliases are expanded, how deep it nests, the time taken; each message's length and how many are listed), and
the import reads it off the event loop.

Lists shipped with the bot live in data/trivia/ (generated from the reference database, never typed in).
"""
from __future__ import annotations

import asyncio
import json
import random
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from bot.common import names
from bot.quiz.answers import TEXT, AnswerSpec
from bot.quiz.model import MEDIUM, Question, make
from bot.state.store import IntegrityError, StateStore

SCHEMA_PATH = Path(__file__).with_name("trivia_schema.json")
LISTS_DIR = Path(__file__).resolve().parents[2] / "data" / "trivia"
META_KEYS = ("$schema", "AUTHOR", "DESCRIPTION", "CONFIG")
MAX_BYTES = 1_000_000
MAX_QUESTIONS = 5000
MAX_NODES = 100_000         # values in a list, aliases expanded: 5,000 questions with ~18 answers each
MAX_ALIAS_NODES = 10_000    # values reached through aliases (*name); none of Red's 54 lists has an alias
MAX_DEPTH = 20              # a list nests 3 deep (the mapping, a question's answers, an answer)
MAX_SECONDS = 5.0           # of CPU to read one list; a 1 MB list takes under a second
MAX_MESSAGE = 200           # characters of one problem
MAX_PROBLEMS = 50           # problems listed; the rest are counted
EXCERPT = 80                # characters of the list's own text quoted in a message

Problem = tuple[int | None, str]


def _cap(msg: str, limit: int = MAX_MESSAGE) -> str:
    return msg if len(msg) <= limit else msg[:limit - 1] + "…"


def _q(text: str) -> str:
    """A question (or other text from the list) quoted in a message: repr'd, and cut when long."""
    return repr(text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…")


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems of at most MAX_MESSAGE characters, and a count of the others."""
    out = [(line, _cap(msg)) for line, msg in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        out.append((None, f"… and {len(problems) - MAX_PROBLEMS} more problems"))
    return out


class TriviaListError(ValueError):
    """errors: what makes the list unusable, with their lines; warnings: what Red would accept (listed too,
    so a fix can take care of everything at once)."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] | tuple[Problem, ...] = ()):
        self.errors = _capped(errors)
        self.warnings = _capped(list(warnings))
        super().__init__("; ".join(f"line {line}: {msg}" if line else msg for line, msg in self.errors))

    def everything(self) -> list[Problem]:
        """Errors and warnings together in the order of their lines (those with no line last), so one round of
        fixes takes care of everything."""
        return sorted([*self.errors, *self.warnings], key=lambda e: (e[0] is None, e[0] or 0))


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
    warnings: tuple[Problem, ...] = ()      # e.g. a repeated question: accepted as Red does, worth a fix

    def as_questions(self, rng: random.Random | None = None) -> list[Question]:
        """Quiz questions, shuffled. For buttons, each question's wrong choices are the answers to other
        questions of the list of the same kind (a year for a year, a name for a name, a mark for a mark);
        a question with fewer than two such answers has no choices (typed answers only)."""
        rng = rng or random.Random()
        by_shape: dict[str, list[str]] = {}
        for q in self.questions:
            by_shape.setdefault(answer_shape(q.answers[0]), []).append(q.answers[0])
        out = []
        for q in self.questions:
            mine = {names.fold(a) for a in q.answers}
            pool = [a for a in dict.fromkeys(by_shape[answer_shape(q.answers[0])]) if names.fold(a) not in mine]
            rng.shuffle(pool)
            distractors = pool[:3] if len(pool) >= 2 else []
            out.append(make("trivia", q.question, AnswerSpec(TEXT, q.answers[0], q.answers[1:]), distractors,
                            difficulty=MEDIUM, rng=rng,
                            source=f"trivia list {self.name}" + (f" by {self.author}" if self.author else ""),
                            facts={"list": self.name, "line": q.line}))
        rng.shuffle(out)
        return out


_YEAR = re.compile(r"(1[6-9]|20)\d\d")
_MARKLIKE = re.compile(r"\d+(?:[:.]\d+)+")
_NUMBERLIKE = re.compile(r"\d+(?:[.,]\d+)?")


def answer_shape(answer: str) -> str:
    """What kind of answer a trivia answer is, so a wrong choice is of the same kind: year, mark, number, name
    (capitalised words) or text."""
    a = answer.strip()
    if _YEAR.fullmatch(a):
        return "year"
    if _MARKLIKE.fullmatch(a):
        return "mark"
    if _NUMBERLIKE.fullmatch(a):
        return "number"
    words = a.split()
    if words and all(w[:1].isupper() for w in words if w[:1].isalpha()) and any(w[:1].isalpha() for w in words):
        return "name"
    return "text"


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Refused(Exception):
    def __init__(self, line: int | None, msg: str):
        super().__init__(msg)
        self.line, self.msg = line, msg


class _BoundedComposer(Composer):
    """PyYAML's composer, counting as it goes. An alias (*a) shares its anchor's node, so a few hundred bytes
    of anchors nine aliases wide stand for billions of values once anything walks the tree or prints it (the
    "billion laughs": the schema's error message alone was 312 million characters at depth 8). Every node is
    counted as if the aliases were expanded, values and characters, and the list is refused past the bounds,
    past MAX_DEPTH (PyYAML composes recursively: a deep list raised RecursionError) or past the deadline,
    before anything walks it."""

    peek_event: Any         # from the parser it is mixed with (PyYAML's or libyaml's)
    anchors: dict[Any, yaml.Node]

    def _bound(self) -> None:
        self._depth = 0
        self._nodes = 0
        self._via_alias = [0, 0]                      # values, characters reached through aliases
        self._sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, characters) with aliases expanded
        self._deadline = time.thread_time() + MAX_SECONDS    # CPU time: a busy machine is no reason to refuse

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if time.thread_time() > self._deadline:
            raise _Refused(line, f"the list took more than {MAX_SECONDS:g} s to read")
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:              # otherwise the composer's own "undefined alias" error
                size = self._sizes.get(id(target))
                if size is None:
                    raise _Refused(line, f"the alias *{_cap(str(event.anchor), 40)} is inside its own anchor: "
                                         "a list cannot contain itself")
                self._via_alias[0] += size[0]
                self._via_alias[1] += size[1]
                self._nodes += size[0]
                if self._via_alias[0] > MAX_ALIAS_NODES or self._via_alias[1] > MAX_BYTES:
                    raise _Refused(line, f"the aliases (*name) in this list expand to more than "
                                         f"{MAX_ALIAS_NODES:,} values or {MAX_BYTES:,} characters; "
                                         "write the answers out instead")
                self._check_nodes(line)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(line, f"the list nests more than {MAX_DEPTH} levels deep")
        self._nodes += 1
        self._check_nodes(line)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, yaml.SequenceNode):
            sizes = [self._sizes[id(c)] for c in node.value]
        elif isinstance(node, yaml.MappingNode):
            sizes = [self._sizes[id(c)] for kv in node.value for c in kv]
        else:
            sizes = []
        chars = len(node.value) if isinstance(node, yaml.ScalarNode) else sum(c for _, c in sizes)
        self._sizes[id(node)] = (1 + sum(v for v, _ in sizes), chars)
        return node

    def _check_nodes(self, line: int) -> None:
        if self._nodes > MAX_NODES:
            raise _Refused(line, f"the list holds more than {MAX_NODES:,} values")


class _PyLoader(_BoundedComposer, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                SafeConstructor, Resolver):
    """PyYAML's own reader, scanner and parser (pure Python): positions in characters."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._bound()


_Loader: type[_BoundedComposer] = _PyLoader
try:        # libyaml's scanner and parser (C) under the same composer: ten times faster at reading
    from yaml._yaml import CParser

    class _CLoader(_BoundedComposer, CParser, SafeConstructor, Resolver):
        """libyaml's reader, scanner and parser: positions in UTF-8 bytes."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._bound()

    _Loader = _CLoader
except ImportError:         # pragma: no cover - PyYAML built without libyaml
    pass


def _compose(text: str, loader_class: type[_BoundedComposer] | None = None) -> yaml.Node | None:
    """The document's root node (None when empty); TriviaListError naming the line of what is wrong."""
    loader_class = loader_class or _Loader
    loader: Any = None
    try:
        loader = loader_class(text)     # type: ignore[call-arg]  # the reader checks the characters here
        return loader.get_single_node()
    except _Refused as refused:
        raise TriviaListError([(refused.line, refused.msg)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(exc, yaml.reader.ReaderError):    # a control character: no mark, a position
            if loader_class is _PyLoader:
                line = text[:exc.position].count("\n") + 1
            else:
                line = text.encode("utf-8")[:exc.position].count(b"\n") + 1
            code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
            problem = f"unacceptable character #x{code:04x}: control characters are not allowed"
        else:
            problem = getattr(exc, "problem", None) or str(exc)
        raise TriviaListError([(line, f"not valid YAML: {problem}")]) from None
    except UnicodeEncodeError as exc:       # a lone surrogate (libyaml reads UTF-8): only Python text holds one
        raise TriviaListError([(text[:exc.start].count("\n") + 1, "not valid text (a lone surrogate)")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def parse(text: str, name: str = "list") -> TriviaList:
    """Read and validate a list. Raises TriviaListError with every problem found, each with its line.

    CPU-bound for up to MAX_SECONDS: from async code, call it with asyncio.to_thread (parse_async)."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise TriviaListError([(None, f"the file is larger than {MAX_BYTES // 1000} kB")])
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        raise TriviaListError([(_line(root) if root is not None else None,
                                "a trivia list is a mapping of questions to lists of answers")])
    errors: list[Problem] = []
    warnings: list[Problem] = []
    doc: dict[str, Any] = {}
    lines: dict[str, int] = {}
    # a key written twice: Red (yaml.safe_load) keeps the last one, so only the last is read (its place in
    # the list is the first one's, as in a dict), and the others are a warning naming both lines
    last = {k.value: i for i, (k, _) in enumerate(root.value) if isinstance(k, yaml.ScalarNode)}
    first: dict[str, int] = {}
    seen: dict[str, int] = {}
    for i, (key_node, value_node) in enumerate(root.value):
        line = _line(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append((line, "a question must be text"))
            continue
        key = key_node.value
        first.setdefault(key, line)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            times = "twice" if seen[key] == 2 else f"{seen[key]} times"
            warnings.append((line, f"{_q(key)} appears {times} (first on line {first[key]}); "
                                   "the later one is used"))
        if i != last[key]:
            doc.setdefault(key, None)           # keeps its place; the last one's value replaces it
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
                    errors.append((_line(item), f"an answer to {_q(key)} is empty"))
                elif isinstance(item, yaml.ScalarNode):
                    answers.append(item.value)       # the text as written: yes stays "yes"
                else:
                    errors.append((_line(item), f"an answer to {_q(key)} must be text, not a list or mapping"))
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
            msg = f"question {_q(str(path[0]))}: {_short(err)}"
        elif path:
            msg = f"{'.'.join(_cap(str(p), EXCERPT) for p in path)}: {_short(err)}"
        else:
            msg = _short(err)
        errors.append((where, msg))
    questions = [TriviaQuestion(" ".join(k.split()), tuple(a.strip() for a in v), lines[k])
                 for k, v in doc.items() if k not in META_KEYS and isinstance(v, list)]
    if len(questions) > MAX_QUESTIONS:
        errors.append((None, f"more than {MAX_QUESTIONS} questions"))
    warnings.sort(key=lambda e: e[0] or 0)
    if errors:
        errors.sort(key=lambda e: (e[0] is None, e[0] or 0))
        raise TriviaListError(errors, warnings)
    return TriviaList(name, tuple(questions), str(doc.get("AUTHOR", "")), str(doc.get("DESCRIPTION", "")),
                      dict(doc.get("CONFIG") or {}), tuple(_capped(warnings)))


async def parse_async(text: str, name: str = "list") -> TriviaList:
    """parse() in a worker thread: a list from a server must not stop the event loop while it is read."""
    return await asyncio.to_thread(parse, text, name)


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
    tl = await parse_async(text, name)
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
