"""The architecture, held by a test: the layers import only downward, the core never imports discord, cogs
only translate, the runtime reads the data pipeline only to build the database, and no import cycle exists.

Read from the source with ast (every import, lazy ones inside functions too), so the rules hold for code
that only runs on some paths.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Lower layers first; a module may import its own layer and the ones before it, never one after it.
# Each layer is a package (or a few), so the folders under bot/ are the architecture.
COMMON = ("bot.common",)
PIPELINE = ("bot.pipeline",)
APP = ("bot.app",)
CONSOLE = ("bot.console",)
LAYERS: list[tuple[str, ...]] = [
    COMMON,                                            # marks, events, names, days, plausibility, the clock
    (*PIPELINE, "bot.state", "bot.quotes"),            # reference data in, mutable state, quote extraction
    ("bot.ask",),                                      # the question engine: Query -> Answer
    ("bot.quiz", "bot.anniversaries", "bot.factcheck"),   # features built on the engine and the state
    ("bot.render",),                                   # answers, rounds, posts and charts as Discord-shaped data
    ("bot.ui",),                                       # discord.py views and senders
    APP,                                               # the client, settings, request -> reply, health
    CONSOLE,                                           # the console and its loopback Discord
    ("cogs",),                                         # slash commands: translation only
]
# The Discord-free core: everything a feature decides.
CORE = (*COMMON, *PIPELINE, "bot.state", "bot.quotes", "bot.ask", "bot.render", "bot.quiz", "bot.anniversaries",
        "bot.factcheck")
# The only pipeline modules the runtime may use: build the database from data/, and where it is.
PIPELINE_FOR_RUNTIME = {"bot.pipeline", "bot.pipeline.dataset", "bot.pipeline.db"}
RUNTIME = ("bot.state", "bot.quotes", "bot.ask", "bot.render", "bot.quiz", "bot.anniversaries", "bot.factcheck", "bot.ui",
           *APP,
           *CONSOLE, "cogs")
# Cogs translate Discord to the core and back: no SQL of their own, no pipeline, no console.
COG_FORBIDDEN = ("sqlite3", "aiosqlite", "asyncpg", *PIPELINE, *CONSOLE, "bot.state.migrations")

def modules() -> dict[str, Path]:
    out = {}
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("cogs/**/*.py")]:
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(name: str, path: Path) -> set[str]:
    """Every module name this file imports (absolute, relative resolved; `from x import y` gives x and x.y)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return found


def layer_of(name: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return rank
    return None


def within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODULES = modules()
GRAPH = {name: {m for m in imports(name, path) if m in MODULES and m != name} for name, path in MODULES.items()}
ALL_IMPORTS = {name: imports(name, path) for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    loose = [m for m in MODULES if m not in ("bot", "bot.__main__") and layer_of(m) is None]
    assert not loose, f"modules outside every layer (add them to LAYERS): {loose}"


def test_bot_holds_packages_only():
    """The folders are the map: every module of bot/ lives in the package of its layer, none loose at the top."""
    loose = sorted(p.name for p in (ROOT / "bot").glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert not loose, f"modules loose in bot/ (move them into the package of their layer): {loose}"


def test_nothing_imports_upward():
    upward = []
    for name, targets in GRAPH.items():
        here = layer_of(name)
        for target in targets:
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                upward.append(f"{name} -> {target}")
    assert not upward, "imports from a higher layer:\n" + "\n".join(sorted(upward))


def test_the_core_never_imports_discord():
    found = [f"{name} imports {m}" for name, targets in ALL_IMPORTS.items() if within(name, CORE)
             for m in targets if m == "discord" or m.startswith("discord.")]
    assert not found, "\n".join(sorted(found))


def test_cogs_only_translate():
    found = [f"{name} imports {m}" for name, targets in ALL_IMPORTS.items() if within(name, ("cogs",))
             for m in targets if within(m, COG_FORBIDDEN)]
    found += [f"{name} imports {m}" for name, targets in GRAPH.items() if within(name, ("cogs",))
              for m in targets if within(m, ("cogs",)) and m != "cogs"]
    assert not found, "\n".join(sorted(found))


SQL = re.compile(r"^\s*(SELECT\s.+\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s)", re.IGNORECASE)


def test_cogs_hold_no_sql():
    """Queries live in the core (bot/state, bot/quiz, bot/anniversaries...), never in a cog."""
    found = []
    for name, path in MODULES.items():
        if not within(name, ("cogs",)):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    assert not found, "\n".join(found)


def test_the_runtime_uses_the_pipeline_only_to_build_the_database():
    found = [f"{name} imports {m}" for name, targets in GRAPH.items() if within(name, RUNTIME)
             for m in targets if within(m, PIPELINE) and m not in PIPELINE_FOR_RUNTIME]
    assert not found, "\n".join(sorted(found))


def test_no_import_cycle():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:          # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            # a package importing its own modules and back is one module's business: skip package roots
            component = [c for c in component if MODULES[c].name != "__init__.py"]
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_rules_can_fail():
    """The checks see what they must: a known downward import is found, and an upward one would be."""
    assert any(within(t, COMMON) for t in GRAPH["bot.ask.understand"])
    assert layer_of("cogs.lookup") > layer_of("bot.ask.engine") > layer_of("bot.common.marks")
    fake = defaultdict(set, {"bot.common.marks": {"bot.ask.engine"}})
    assert any(layer_of(t) > layer_of(n) for n, ts in fake.items() for t in ts)
