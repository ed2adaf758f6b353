"""The dependency files agree with the code and with each other, read statically (the CI smoke test,
scripts/smoke.sh, proves the same thing by running the bot from requirements.lock alone).

- every third-party package that bot/ or cogs/ imports, at any depth (a lazy import inside a function too),
  is named in requirements.txt; test-only packages are not imported by the application;
- every requirements.txt pin is in requirements.lock at that version, with hashes;
- requirements-dev.lock holds every runtime pin at the same version (it is compiled with the runtime lock as
  a constraint), so the tests run on exactly what users run.
"""
from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_DIRS = ("bot", "cogs")
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", re.M)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(path: Path) -> dict[str, str]:
    """{canonical name: version} of the == pins in a requirements or lock file (includes not followed)."""
    return {canonical(n): v for n, v in PIN.findall(path.read_text(encoding="utf-8"))}


def imported_top_levels() -> dict[str, str]:
    """{top-level module: first file importing it} for every absolute import in the application."""
    found: dict[str, str] = {}
    for folder in APP_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def third_party(modules: dict[str, str]) -> dict[str, str]:
    own = set(APP_DIRS)
    return {m: f for m, f in modules.items() if m not in sys.stdlib_module_names and m not in own}


def test_the_scan_sees_the_imports_it_must():
    """The scanner itself works: it finds a lazy, function-level third-party import (asyncpg) and yaml."""
    modules = third_party(imported_top_levels())
    assert {"discord", "asyncpg", "yaml", "jsonschema", "rapidfuzz"} <= set(modules)


def test_every_application_import_is_a_runtime_requirement():
    runtime = set(requirement_names(ROOT / "requirements.txt"))
    dists = importlib.metadata.packages_distributions()
    missing = []
    for module, where in sorted(third_party(imported_top_levels()).items()):
        owners = {canonical(d) for d in dists.get(module, [])}
        assert owners, f"{module} (imported in {where}) is installed by no distribution here"
        if not owners & runtime:
            missing.append(f"{module} ({where}): add {' or '.join(sorted(owners))} to requirements.txt")
    assert not missing, "imported by the application but not in requirements.txt:\n" + "\n".join(missing)


def test_test_only_packages_stay_out_of_the_application():
    runtime = set(requirement_names(ROOT / "requirements.txt"))
    dev_only = set(requirement_names(ROOT / "requirements-dev.txt")) - runtime
    dists = importlib.metadata.packages_distributions()
    leaks = [f"{m} ({where})" for m, where in third_party(imported_top_levels()).items()
             if {canonical(d) for d in dists.get(m, [])} & dev_only]
    assert not leaks, f"the application imports test-only packages: {leaks}"


def test_the_runtime_lock_pins_every_requirement_with_hashes():
    wanted = requirement_names(ROOT / "requirements.txt")
    lock_text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    locked = requirement_names(ROOT / "requirements.lock")
    wrong = {n: (v, locked.get(n)) for n, v in wanted.items() if locked.get(n) != v}
    assert not wrong, f"requirements.txt pin vs requirements.lock (refresh the lock, README: Development): {wrong}"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", lock_text.strip())
    unhashed = [b.split("==")[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
    assert not unhashed, f"lock entries without hashes: {unhashed}"


def test_the_dev_lock_runs_the_tests_on_the_runtime_pins():
    runtime = requirement_names(ROOT / "requirements.lock")
    dev = requirement_names(ROOT / "requirements-dev.lock")
    differ = {n: (v, dev.get(n)) for n, v in runtime.items() if dev.get(n) != v}
    assert not differ, f"requirements-dev.lock differs from requirements.lock on {differ}"
    for name, version in requirement_names(ROOT / "requirements-dev.txt").items():
        assert dev.get(name) == version, f"{name}=={version} of requirements-dev.txt is not in requirements-dev.lock"


def test_the_running_environment_is_the_lock():
    """What this test run imports is what the dev lock says (a stale .venv would test something else)."""
    dev = requirement_names(ROOT / "requirements-dev.lock")
    stale = {}
    for name, version in dev.items():
        try:
            have = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            stale[name] = (version, None)
            continue
        if have != version:
            stale[name] = (version, have)
    assert not stale, f"installed packages differ from requirements-dev.lock (run scripts/setup.sh dev): {stale}"
