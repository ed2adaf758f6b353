"""Static checks of the container setup: docker-compose.yml, Dockerfile, .dockerignore and .env.example.

Docker itself is not needed: these read the files and check that they agree with each other and with the
repository (every path they name exists, the database lands on the volume, the token stays out of git and
out of the image).
"""
from __future__ import annotations

import fnmatch
import json
import re
import shlex
from pathlib import Path, PurePosixPath

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
VOLUME_NAME = "bell-lap-data"
DB_PATH = "/data/bell_lap.sqlite3"


# --- helpers ---------------------------------------------------------------------------------------------

def load_compose() -> dict:
    with COMPOSE_FILE.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    assert isinstance(doc, dict), "docker-compose.yml is not a mapping"
    return doc


def bot_service() -> dict:
    services = load_compose().get("services") or {}
    assert "bot" in services, f"no `bot` service in docker-compose.yml (services: {sorted(services)})"
    return services["bot"]


def build_paths(service: dict) -> tuple[Path, Path]:
    """(context dir, Dockerfile) of a service's build section, resolved against the compose file."""
    build = service.get("build")
    assert build, "the bot service has no build section"
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    else:
        context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
    context_dir = (COMPOSE_FILE.parent / context).resolve()
    return context_dir, (context_dir / dockerfile).resolve()


def env_files(service: dict) -> list[tuple[str, bool]]:
    """(path, required) for each env_file entry, in any of the forms compose accepts."""
    raw = service.get("env_file")
    if raw is None:
        return []
    entries = [raw] if isinstance(raw, (str, dict)) else list(raw)
    out = []
    for e in entries:
        if isinstance(e, str):
            out.append((e, True))
        else:
            out.append((e["path"], bool(e.get("required", True))))
    return out


def service_environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def volume_mounts(service: dict) -> list[tuple[str, str, str]]:
    """(type, source, target) for each entry of a service's volumes, short or long syntax."""
    out = []
    for v in service.get("volumes") or []:
        if isinstance(v, str):
            parts = v.split(":")
            if len(parts) == 1:  # anonymous volume: just a container path
                out.append(("volume", "", parts[0]))
                continue
            source, target = parts[0], parts[1]
            kind = "bind" if source.startswith((".", "/", "~", "$")) else "volume"
            out.append((kind, source, target))
        else:
            out.append((v.get("type", "volume"), v.get("source", ""), v["target"]))
    return out


def parse_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of a dotenv file; comments and blank lines skipped."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert "=" in line, f"{path.name}: not a KEY=value line: {line!r}"
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip()
    return values


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs: comments dropped, backslash continuations joined."""
    out, pending = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # comment lines inside a continuation are dropped by Docker too
        if stripped.endswith("\\"):
            pending += stripped[:-1].rstrip() + " "
            continue
        full = (pending + stripped).strip()
        pending = ""
        if full:
            word, _, rest = full.partition(" ")
            out.append((word.upper(), rest.strip()))
    assert not pending, "the Dockerfile ends in a line continuation"
    return out


def exec_form(args: str) -> list[str]:
    """The argument list of an instruction, JSON (exec) form or shell form."""
    args = args.strip()
    if args.startswith("["):
        value = json.loads(args)
        assert isinstance(value, list) and all(isinstance(x, str) for x in value), args
        return value
    return shlex.split(args)


def strip_flags(args: list[str]) -> list[str]:
    return [a for a in args if not a.startswith("--")]


def dockerfile() -> list[tuple[str, str]]:
    _, path = build_paths(bot_service())
    return dockerfile_instructions(path)


def copy_instructions() -> list[tuple[list[str], str]]:
    """(sources, destination) of each COPY/ADD from the build context (multi-stage --from copies skipped)."""
    out = []
    for instr, args in dockerfile():
        if instr not in ("COPY", "ADD"):
            continue
        words = exec_form(args)
        if any(w.startswith("--from") for w in words):
            continue
        words = strip_flags(words)
        assert len(words) >= 2, f"{instr} {args}: needs a source and a destination"
        out.append((words[:-1], words[-1]))
    return out


def dockerignore_patterns(context: Path) -> list[str]:
    path = context / ".dockerignore"
    if not path.exists():
        return []
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return [ln for ln in lines if ln and not ln.startswith("#")]


def _pattern_matches(pattern: str, rel: str) -> bool:
    pattern = pattern.lstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pattern = pattern.rstrip("/")
    candidates = [rel] + [str(p) for p in PurePosixPath(rel).parents if str(p) != "."]
    for cand in candidates:
        if fnmatch.fnmatchcase(cand, pattern):
            return True
        if pattern.startswith("**/"):
            parts = cand.split("/")
            if any(fnmatch.fnmatchcase("/".join(parts[i:]), pattern[3:]) for i in range(len(parts))):
                return True
    return False


def dockerignored(rel: str, patterns: list[str]) -> bool:
    """Whether .dockerignore leaves a context path out (last matching pattern wins, '!' re-includes)."""
    excluded = False
    for p in patterns:
        if p.startswith("!"):
            if _pattern_matches(p[1:], rel):
                excluded = False
        elif _pattern_matches(p, rel):
            excluded = True
    return excluded


def duration_seconds(text) -> float:
    """Compose durations: '60s', '1m30s', '500ms', '2h'."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", str(text))
    assert parts and "".join(n + u for n, u in parts) == str(text), f"{text!r} is not a duration"
    return sum(float(n) * units[u] for n, u in parts)


# --- the compose file ------------------------------------------------------------------------------------

def test_compose_file_has_a_bot_service():
    assert COMPOSE_FILE.is_file()
    service = bot_service()
    assert isinstance(service, dict)


def test_build_context_and_dockerfile_exist():
    context, dockerfile_path = build_paths(bot_service())
    assert context.is_dir(), f"build context {context} does not exist"
    assert dockerfile_path.is_file(), f"Dockerfile {dockerfile_path} does not exist"
    assert context == ROOT, "the build context should be the repository root (the Dockerfile copies bot/, data/...)"
    assert dockerfile_path.is_relative_to(context), "the Dockerfile must be inside the build context"


def test_env_files_exist_or_have_an_example():
    entries = env_files(bot_service())
    assert entries, "the bot service reads no env_file: where does DISCORD_TOKEN come from?"
    for name, _required in entries:
        path = COMPOSE_FILE.parent / name
        example = path.with_name(path.name + ".example")
        assert path.exists() or example.is_file(), f"env_file {name} is missing and has no {example.name} twin"


def test_env_file_is_dot_env_and_git_ignored():
    names = [name for name, _ in env_files(bot_service())]
    assert ".env" in [PurePosixPath(n).name for n in names]
    ignored = [ln.strip() for ln in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()]
    assert ".env" in ignored or "/.env" in ignored, ".env holds the bot token and must be git-ignored"


def test_env_example_lists_the_settings_without_secrets():
    example = ROOT / ".env.example"
    assert example.is_file(), ".env.example must be committed"
    values = parse_env_file(example)
    for key in ("DISCORD_TOKEN", "DEV_GUILD_ID", "LOG_LEVEL", "BELL_LAP_DB"):
        assert key in values, f".env.example does not mention {key}"
    assert values["DISCORD_TOKEN"] == "", ".env.example must not contain a real token"
    assert values["LOG_LEVEL"] in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
    assert values["BELL_LAP_DB"] == DB_PATH
    assert values["DEV_GUILD_ID"] == "" or values["DEV_GUILD_ID"].isdigit()


def test_every_env_example_line_is_commented():
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            assert i > 0 and lines[i - 1].lstrip().startswith("#"), f"no comment above {line!r}"


def test_named_volume_is_declared_and_mounted_at_data():
    doc = load_compose()
    declared = doc.get("volumes") or {}
    mounts = volume_mounts(bot_service())
    for kind, source, _target in mounts:
        if kind == "volume" and source:
            assert source in declared, f"named volume {source!r} is used but not declared at top level"
    assert VOLUME_NAME in declared
    assert ("volume", VOLUME_NAME, "/data") in mounts


def test_database_path_is_on_the_volume():
    service = bot_service()
    targets = [PurePosixPath(t) for kind, _s, t in volume_mounts(service) if kind == "volume"]
    db_paths = [DB_PATH]
    env = service_environment(service)
    if "BELL_LAP_DB" in env:
        db_paths.append(env["BELL_LAP_DB"])
    dockerfile_env = [args for instr, args in dockerfile() if instr == "ENV" and "BELL_LAP_DB" in args]
    assert dockerfile_env, "the Dockerfile does not set BELL_LAP_DB"
    m = re.search(r"BELL_LAP_DB[= ](\S+)", dockerfile_env[-1])
    db_paths.append(m.group(1))
    for db in db_paths:
        assert db == DB_PATH
        assert any(PurePosixPath(db).is_relative_to(t) for t in targets), f"{db} is not on a volume"


def test_restart_policy():
    assert bot_service().get("restart") == "unless-stopped"


def test_healthcheck_runs_bot_health():
    hc = bot_service().get("healthcheck")
    assert isinstance(hc, dict), "the bot service has no healthcheck"
    assert not hc.get("disable", False)
    test = hc.get("test")
    assert test, "the healthcheck has no test command"
    if isinstance(test, str):
        words = shlex.split(test)
    else:
        assert test[0] in ("CMD", "CMD-SHELL"), f"healthcheck test must start with CMD or CMD-SHELL: {test}"
        words = test[1:] if test[0] == "CMD" else shlex.split(" ".join(test[1:]))
    assert words[0] in ("python", "python3"), words
    assert words[1:] == ["-m", "bot", "health"], words
    for key in ("interval", "timeout", "start_period"):
        assert key in hc, f"healthcheck has no {key}"
    assert 0 < duration_seconds(hc["timeout"]) <= duration_seconds(hc["interval"])
    assert duration_seconds(hc["start_period"]) >= 30, "first start builds the database: allow it time"
    assert isinstance(hc.get("retries"), int) and hc["retries"] >= 1


def test_compose_does_not_override_the_image_command():
    service = bot_service()
    assert "command" not in service and "entrypoint" not in service


# --- the Dockerfile --------------------------------------------------------------------------------------

def test_dockerfile_base_image():
    froms = [args for instr, args in dockerfile() if instr == "FROM"]
    assert froms, "no FROM"
    assert froms[-1].split()[0].startswith("python:3.11-slim")


def test_every_copied_path_exists():
    context, _ = build_paths(bot_service())
    copies = copy_instructions()
    assert copies, "the Dockerfile copies nothing"
    for sources, _dest in copies:
        for src in sources:
            assert not any(ch in src for ch in "*?["), f"use explicit paths, not globs: {src}"
            path = context / src
            assert path.exists(), f"the Dockerfile copies {src}, which is not in the repository"
            assert path.resolve().is_relative_to(context), f"{src} is outside the build context"


def test_copied_directories_are_not_empty():
    # git does not keep empty folders: an empty data/ here is a missing data/ in a fresh clone, and then
    # `COPY data/` fails the build.
    context, _ = build_paths(bot_service())
    for sources, _dest in copy_instructions():
        for src in sources:
            path = context / src
            if path.is_dir():
                files = [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
                assert files, f"the Dockerfile copies {src}, which holds no files"


def test_the_app_and_its_data_are_copied():
    copied = {PurePosixPath(src.rstrip("/")).as_posix() for sources, _ in copy_instructions() for src in sources}
    for needed in ("requirements.lock", "scripts/setup.sh", "bot", "cogs", "data"):
        assert needed in copied, f"the Dockerfile does not copy {needed}"
    assert "tests" not in copied and ".env" not in copied


def test_dockerignore_keeps_copied_paths_and_drops_secrets():
    context, _ = build_paths(bot_service())
    patterns = dockerignore_patterns(context)
    assert patterns, ".dockerignore is missing or empty"
    for sources, _dest in copy_instructions():
        for src in sources:
            rel = src.strip("/").removeprefix("./") or "."
            assert not dockerignored(rel, patterns), f".dockerignore excludes {src}, which the Dockerfile copies"
    for private in (".env", ".venv", ".git", "var", "tests", "bot/__pycache__", "var/bell_lap.sqlite3"):
        assert dockerignored(private, patterns), f".dockerignore does not exclude {private}"


def test_requirements_are_installed_by_the_smoke_tested_script():
    """The image installs with scripts/setup.sh, the step CI's smoke test (scripts/smoke.sh, through
    scripts/run.sh) runs on every run, and puts that .venv first on PATH for the CMD and the healthcheck."""
    runs = [args for instr, args in dockerfile() if instr == "RUN"]
    assert any(re.search(r"(^|&&\s*)bash scripts/setup\.sh runtime(\s|$)", r) for r in runs), runs
    assert not any("pip install" in r for r in runs), "a second install path, untested by the smoke test"
    envs = " ".join(args for instr, args in dockerfile() if instr == "ENV")
    assert re.search(r"\bPATH=/app/\.venv/bin:\$PATH\b", envs), envs
    assert 'scripts/setup.sh" runtime' in (ROOT / "scripts/run.sh").read_text()
    smoke = (ROOT / "scripts/smoke.sh").read_text()
    assert "bash scripts/run.sh" in smoke and "scripts/smoke_run.py" in smoke


def test_runs_as_a_non_root_user():
    instrs = dockerfile()
    users = [(i, args.split(":")[0]) for i, (instr, args) in enumerate(instrs) if instr == "USER"]
    assert users, "the Dockerfile never switches away from root"
    cmd_index = max(i for i, (instr, _) in enumerate(instrs) if instr == "CMD")
    last_before_cmd = [u for i, u in users if i < cmd_index]
    assert last_before_cmd and last_before_cmd[-1] not in ("root", "0")


def test_dockerfile_sets_the_database_path():
    envs = " ".join(args for instr, args in dockerfile() if instr == "ENV")
    assert re.search(r"\bBELL_LAP_DB=" + re.escape(DB_PATH) + r"(\s|$)", envs)


def test_dockerfile_cmd_runs_the_bot_module():
    cmds = [args for instr, args in dockerfile() if instr == "CMD"]
    assert cmds, "no CMD"
    assert cmds[-1].lstrip().startswith("["), "CMD should use the exec form so the bot gets signals"
    words = exec_form(cmds[-1])
    assert words[0] in ("python", "python3")
    assert words[1:3] == ["-m", "bot"], f"CMD does not run `-m bot`: {words}"
    assert words == ["python", "-m", "bot", "run"], "the container runs the bot, never the console"
    smoke = (ROOT / "scripts/smoke_run.py").read_text()
    assert '"-m", "bot", "run"' in smoke, "the smoke test starts the bot as the CMD does"
    assert not [a for instr, a in dockerfile() if instr == "ENTRYPOINT"], "an ENTRYPOINT would wrap the CMD"


def test_dockerfile_healthcheck_matches_compose():
    checks = [args for instr, args in dockerfile() if instr == "HEALTHCHECK"]
    assert checks, "no HEALTHCHECK in the Dockerfile"
    _, _, command = checks[-1].partition("CMD")
    assert exec_form(command) == ["python", "-m", "bot", "health"]


# --- the helpers themselves, so a broken parser cannot make the checks above vacuous ----------------------

def test_dockerfile_parser(tmp_path):
    f = tmp_path / "Dockerfile"
    f.write_text('FROM python:3.11-slim\n# note\nRUN a \\\n    && b\nCOPY --chown=x:y bot/ ./bot/\nCMD ["python", "-m", "bot"]\n')
    instrs = dockerfile_instructions(f)
    assert instrs == [("FROM", "python:3.11-slim"), ("RUN", "a && b"), ("COPY", "--chown=x:y bot/ ./bot/"),
                      ("CMD", '["python", "-m", "bot"]')]
    assert strip_flags(exec_form(instrs[2][1])) == ["bot/", "./bot/"]


@pytest.mark.parametrize("rel,patterns,excluded", [
    (".env", [".env"], True),
    (".env.example", [".env"], False),
    ("bot/__pycache__", ["**/__pycache__"], True),
    ("__pycache__", ["**/__pycache__"], True),
    ("data", ["tests", "var"], False),
    ("data/x.csv", ["data"], True),
    ("data/x.csv", ["data", "!data/x.csv"], False),
])
def test_dockerignore_matcher(rel, patterns, excluded):
    assert dockerignored(rel, patterns) is excluded


@pytest.mark.parametrize("text,seconds", [("60s", 60), ("1m30s", 90), ("500ms", 0.5), ("2h", 7200)])
def test_duration_parser(text, seconds):
    assert duration_seconds(text) == seconds


# --- the `postgres` profile: PostgreSQL and two shard processes ------------------------------------------

PG_PROFILE = "postgres"
SHARDS = ("bot-shard-0", "bot-shard-1")


class Refused(Exception):
    """Compose refuses to start: a ${VAR:?message} variable is unset or empty."""


def interpolate(value: str, env: dict[str, str] | None = None) -> str:
    """Compose's ${VAR:-default} and ${VAR:?message} against `env` (default: nothing set). Any other form
    fails the test: only these two are used, and a bare ${VAR} would silently become empty."""
    env = env or {}
    forms = re.compile(r"\$\{(\w+):([-?])([^}]*)\}")
    assert "${" not in forms.sub("", value), f"a variable with neither a default nor a refusal: {value}"

    def one(m: re.Match) -> str:
        name, kind, rest = m.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise Refused(f"{name}: {rest}")
        return rest
    return forms.sub(one, value)


def test_compose_refuses_to_start_without_a_token_or_a_postgres_password():
    services = load_compose()["services"]
    for svc in services.values():
        env = service_environment(svc)
        if "DISCORD_TOKEN" in env:
            with pytest.raises(Refused, match="DISCORD_TOKEN"):
                interpolate(env["DISCORD_TOKEN"])
        if "POSTGRES_PASSWORD" in env:
            with pytest.raises(Refused, match="POSTGRES_PASSWORD"):
                interpolate(env["POSTGRES_PASSWORD"])
            assert interpolate(env["POSTGRES_PASSWORD"], {"POSTGRES_PASSWORD": "pw"}) == "pw"
    assert "DISCORD_TOKEN" in service_environment(bot_service())


def profile_services() -> dict[str, dict]:
    services = load_compose().get("services") or {}
    return {name: s for name, s in services.items() if PG_PROFILE in (s.get("profiles") or [])}


def test_the_default_bot_service_is_in_no_profile():
    assert not bot_service().get("profiles"), "`docker compose up` must keep starting the single bot"
    assert "DATABASE_URL" not in service_environment(bot_service())


def test_postgres_profile_has_the_database_and_two_shards():
    services = profile_services()
    assert set(services) == {"postgres", *SHARDS}, sorted(services)
    db = services["postgres"]
    assert str(db.get("image", "")).split(":")[0] in ("postgres", "library/postgres"), "use the official image"
    assert "build" not in db
    hc = db.get("healthcheck") or {}
    test = hc.get("test")
    words = shlex.split(test) if isinstance(test, str) else (
        test[1:] if test[0] == "CMD" else shlex.split(" ".join(test[1:])))
    assert words and words[0] == "pg_isready", test
    env = service_environment(db)
    for key in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"):
        assert env.get(key), f"postgres service does not set {key}"
    mounts = volume_mounts(db)
    assert any(kind == "volume" and target == "/var/lib/postgresql/data" for kind, _s, target in mounts), mounts
    declared = load_compose().get("volumes") or {}
    for _kind, source, _t in mounts:
        assert source in declared, f"volume {source!r} is not declared"


@pytest.mark.parametrize("name, shard", [(n, i) for i, n in enumerate(SHARDS)])
def test_each_shard_service_runs_its_slice_against_the_postgres_service(name, shard):
    from bot.app.settings import Settings
    services = load_compose()["services"]
    svc = services[name]
    env = service_environment(svc)
    db_env = service_environment(services["postgres"])
    # the same image as the single bot, built from the same Dockerfile
    assert build_paths(svc) == build_paths(bot_service())
    assert svc.get("image") == bot_service().get("image")
    assert [n for n, _ in env_files(svc)] == [n for n, _ in env_files(bot_service())]
    # its settings load (the URL, the shard numbers) and name its own slice of 2, whatever the password holds
    given = {"DISCORD_TOKEN": "t", "POSTGRES_PASSWORD": "p/a#s?s@w:o%rd"}
    values = {k: interpolate(v, given) for k, v in env.items()}
    settings = Settings.load(values, env_file=ROOT / "does-not-exist")
    assert settings.shard_count == 2 and settings.shard_ids == (shard,)
    url = settings.database_url.reveal()
    assert url.startswith("postgresql://")
    # the URL points at the postgres service with its user, database and password, each intact once decoded
    import urllib.parse
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname == "postgres" and parts.hostname in services
    assert urllib.parse.unquote(parts.username or "") == db_env["POSTGRES_USER"]
    assert parts.path.lstrip("/") == db_env["POSTGRES_DB"]
    assert urllib.parse.unquote(parts.password or "") == interpolate(db_env["POSTGRES_PASSWORD"], given)
    # started only once PostgreSQL answers
    deps = svc.get("depends_on")
    assert isinstance(deps, dict) and deps.get("postgres", {}).get("condition") == "service_healthy", deps
    # its reference database on a volume of its own (two processes never build one file at once)
    mounts = volume_mounts(svc)
    declared = load_compose().get("volumes") or {}
    data = [source for kind, source, target in mounts if kind == "volume" and target == "/data"]
    assert data and data[0] in declared and data[0] != VOLUME_NAME
    assert env.get("BELL_LAP_DB") == DB_PATH
    assert svc.get("restart") == "unless-stopped" and "command" not in svc
    hc_test = (svc.get("healthcheck") or {}).get("test")
    assert hc_test == bot_service()["healthcheck"]["test"]


def test_the_shards_cover_every_shard_once():
    services = load_compose()["services"]
    ids = [int(service_environment(services[n])["SHARD_IDS"]) for n in SHARDS]
    counts = {service_environment(services[n])["SHARD_COUNT"] for n in SHARDS}
    assert counts == {"2"} and sorted(ids) == [0, 1]
    vols = [s for n in SHARDS for kind, s, t in volume_mounts(services[n]) if t == "/data"]
    assert len(set(vols)) == len(vols), "each shard has its own /data volume"
