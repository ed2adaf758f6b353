"""Every importer against random and corrupted input: real fixture rows (tests/fixtures/) mutated by hypothesis —
truncated, columns swapped, fields replaced by junk or huge text, NUL bytes, bytes that are not UTF-8, lines
dropped or doubled, JSON values of the wrong type, files cut short.

The importers' contract (bot/pipeline/importers/model.py): a bad row becomes a Rejected naming its file and line (or
JSON path), a file that cannot be read at all raises SourceFileError naming the file; nothing else escapes.
"""
from __future__ import annotations

import gzip
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline.importers import (
    articles,
    diamond_league,
    olympic_medals,
    progressions,
    rio2016,
    taf3_records,
    wa_records,
    wa_toplists,
    wc_finals,
)
from bot.pipeline.importers.model import ImportBatch, SourceFileError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLES = 60   # per importer; the README's Reliability section quotes the totals

# wa-toplists has no committed fixture (its files are gzipped and large): a few real rows of each of its three
# formats, as in ../shared/datasets/wa-toplists.
TOPLIST_SPLIT = """rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,type,sex,age_cat,normalized_discipline,track_field,mark_numeric,venue_country,age_at_event,season
1,3:43.13,,Hicham EL GUERROUJ,1974-09-14,MAR,1,"Stadio Olimpico, Roma (ITA)",1999-07-07,1292.0,one-mile,middlelong,male,senior,one-mile,track,223.13,ITA,24.0,1999
2,3:43.40,,Noah NGENY,1978-11-02,KEN,2,"Stadio Olimpico, Roma (ITA)",1999-07-07,1288.0,one-mile,middlelong,male,senior,one-mile,track,223.4,ITA,20.0,1999
3,3:43.73,,Jakob INGEBRIGTSEN,2000-09-19,NOR,1,"Hayward Field, Eugene, OR (USA)",2023-09-16,1284.0,one-mile,middlelong,male,senior,one-mile,track,223.73,USA,23.0,2023
"""
TOPLIST_RAW = """rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,type,sex,age_cat
1,5.06,,Yelena ISINBAYEVA,03 JUN 1982,RUS,1,"Letzigrund, Zürich (SUI)",28 AUG 2009,1290,pole-vault,jumps,female,senior
2,5.05,,Yelena ISINBAYEVA,03 JUN 1982,RUS,1,"National Stadium, Beijing (CHN)",18 AUG 2008,1286,pole-vault,jumps,female,senior
3,5.04,,Yelena ISINBAYEVA,03 JUN 1982,RUS,1f1,"Stade Louis II, Monaco (MON) (i)",29 JUL 2008,1283,pole-vault,jumps,female,senior
"""
TOPLIST_CAMMINADY = """"",Rank,Mark,Competitor,DOB,Nat,Pos,Venue,Date,Results Score
0,1,82.98,Anita WŁODARCZYK,08 AUG 1985,POL,1,"Stadion PGE Narodowy, Warszawa (POL)",28 AUG 2016,1303
1,2,82.87,Anita WŁODARCZYK,08 AUG 1985,POL,1,"Stadion OPO Cetniewo, Władysławowo (POL)",29 JUL 2017,1302
"""
ARTICLE = ("Josh Kerr beat Jakob Ingebrigtsen in the mile. \"I knew I had him,\" Kerr said after the race. "
           "Ingebrigtsen said: \"He was better today.\"\n")


def _toplists(root: Path) -> list[Path]:
    files = {root / "male" / "one-mile.csv.gz": TOPLIST_SPLIT,
             root / "fallback_raw" / "female" / "jumps_pole-vault_senior.csv.gz": TOPLIST_RAW,
             root / "fallback_raw" / "female" / "hammer-throw_senior_2023-07_camminady.csv.gz": TOPLIST_CAMMINADY}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))      # gzipped after mutation (see _write)
    return list(files)


@dataclass(frozen=True)
class Importer:
    name: str
    fixture: str | None                        # folder under tests/fixtures copied into the sandbox
    targets: Callable[[Path], list[Path]]      # the files that may be mutated
    load: Callable[[Path], object]             # sandbox -> ImportBatch / list of batches / rows


def _glob(*patterns: str) -> Callable[[Path], list[Path]]:
    return lambda root: sorted(p for pat in patterns for p in root.glob(pat))


IMPORTERS = [
    Importer("wa_toplists", None, _toplists, wa_toplists.load),
    Importer("diamond_league", "diamond_league", _glob("meetingIds.json", "data/*.json"), diamond_league.load),
    Importer("rio2016", "rio2016", _glob("*.json"), rio2016.load),
    Importer("wc_finals", "wc_finals", _glob("*.csv"), wc_finals.load),
    Importer("olympic_medallists", "olympic_medals", _glob("all_olympic_medalists.csv"),
             lambda r: olympic_medals.load_medallists(r / "all_olympic_medalists.csv")),
    Importer("olympic_medals_with_marks", "olympic_medals", _glob("results.csv"),
             lambda r: olympic_medals.load_medals_with_marks(r / "results.csv")),
    Importer("taf3_records", "taf3_records", _glob("*.csv"),
             lambda r: [taf3_records.load_national(r / "national.csv"), taf3_records.load_area(r / "area.csv"),
                        taf3_records.load_world(r / "world_2024-06-26_both-sexes.csv"),
                        taf3_records.load_world_women(r / "world_2024-07-20_women-only.csv"),
                        taf3_records.load_world_u20(r / "world-u20.csv")]),
    Importer("wa_records", "wa_records", _glob("*.csv"), wa_records.load),
    Importer("progressions", "progressions", _glob("*.csv"),
             lambda r: [progressions.load_hindustantimes(next(r.glob("hindustantimes*"))),
                        progressions.load_dungates(next(r.glob("dungates*"))),
                        progressions.load_tsoleary(next(r.glob("tsoleary*")))]),
    Importer("articles", None, lambda r: [r / "article.txt"], lambda r: articles.load(r / "article.txt")),
]

# -- mutations

JUNK = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "NA", "null", "None", "-1", "0", "1e309", "nan", "9" * 400, "DNF", "3:43.13", "\x00",
                     "\ufeff", "\u202e", "é", "\\", '"', "'", ";", ",", "\t", "\r", "\n", "{}", "[]"]),
    st.integers(0, 200_000).map(lambda n: "x" * n),     # huge fields (csv's limit is 131,072)
)
JSON_JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False, allow_infinity=False),
    JUNK, st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
LINE_OPS = st.sampled_from(["truncate", "swap", "replace_field", "drop_field", "add_field", "nul", "bad_bytes",
                            "huge", "drop_line", "double_line", "blank_header", "cut_file"])
JSON_OPS = st.sampled_from(["wrong_type", "drop_key", "cut_file", "bad_bytes", "nul"])
_SPLIT = re.compile(rb"(\r\n|\r|\n)")


def _mutate_text(data: bytes, draw, delimiter: bytes) -> bytes:
    parts = _SPLIT.split(data)
    lines, seps = parts[0::2], parts[1::2] + [b""]
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    line = lines[i]
    op = draw(LINE_OPS)
    fields = line.split(delimiter)
    if op == "truncate":
        line = line[: draw(st.integers(0, max(0, len(line))))]
    elif op == "swap" and len(fields) > 1:
        a, b = draw(st.integers(0, len(fields) - 1)), draw(st.integers(0, len(fields) - 1))
        fields[a], fields[b] = fields[b], fields[a]
        line = delimiter.join(fields)
    elif op == "replace_field":
        fields[draw(st.integers(0, len(fields) - 1))] = draw(JUNK).encode("utf-8", "surrogatepass")
        line = delimiter.join(fields)
    elif op == "drop_field" and fields:
        del fields[draw(st.integers(0, len(fields) - 1))]
        line = delimiter.join(fields)
    elif op == "add_field":
        line = delimiter.join(fields + [draw(JUNK).encode("utf-8", "surrogatepass")])
    elif op == "nul":
        at = draw(st.integers(0, len(line)))
        line = line[:at] + b"\x00" + line[at:]
    elif op == "bad_bytes":
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\x80\x80"])) + line[at:]
    elif op == "huge":
        fields[draw(st.integers(0, len(fields) - 1))] = b"9" * draw(st.integers(1000, 300_000))
        line = delimiter.join(fields)
    elif op == "drop_line":
        line, seps[i] = b"", b""
    elif op == "double_line":
        line = line + seps[i] + line if seps[i] else line + b"\n" + line
    elif op == "blank_header":
        i, line = 0, b""
    elif op == "cut_file":
        return data[: draw(st.integers(0, len(data)))]
    lines[i] = line
    return b"".join(l + s for l, s in zip(lines, seps, strict=True))


def _nodes(obj, path=()):
    yield path
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _nodes(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _nodes(v, path + (i,))


def _mutate_json(data: bytes, draw) -> bytes:
    op = draw(JSON_OPS)
    if op == "cut_file":
        return data[: draw(st.integers(0, len(data)))]
    if op in ("bad_bytes", "nul"):
        at = draw(st.integers(0, len(data)))
        return data[:at] + (b"\xff\xfe" if op == "bad_bytes" else b"\x00") + data[at:]
    doc = json.loads(data)
    paths = list(_nodes(doc))
    path = paths[draw(st.integers(0, len(paths) - 1))]
    if not path:
        return json.dumps(draw(JSON_JUNK)).encode()
    parent = doc
    for k in path[:-1]:
        parent = parent[k]
    if op == "drop_key" and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(JSON_JUNK)
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


# -- the contract

LOCATED = re.compile(r"[\w./-]+\.(csv|json|gz|txt)(:\S+)?")


def check_outcome(load: Callable[[Path], object], root: Path, mutated: set[Path]) -> str:
    try:
        out = load(root)
    except SourceFileError as exc:
        assert any(m.name in str(exc) for m in mutated), f"SourceFileError names no mutated file: {exc}"
        assert re.search(r"\.(csv|json|gz|txt)[:\s]", str(exc)) or str(exc).split(":")[0].endswith(
            tuple(m.name for m in mutated)), f"SourceFileError without a line: {exc}"
        return "rejected file"
    batches = out if isinstance(out, list) else [out]
    for b in batches:
        if isinstance(b, ImportBatch):
            for r in b.rejected:
                assert LOCATED.search(r.ref), f"a Rejected row without file and line: {r}"
    return "imported"


def _sandbox(imp: Importer) -> tuple[tempfile.TemporaryDirectory, Path, list[Path]]:
    tmp = tempfile.TemporaryDirectory()
    root = Path(tmp.name) / "src"
    if imp.fixture:
        shutil.copytree(FIXTURES / imp.fixture, root)
    else:
        root.mkdir()
    if imp.name == "articles":
        (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    targets = imp.targets(root)
    if imp.name == "wa_toplists":
        for t in targets:
            _write(t, t.read_bytes())
    return tmp, root, targets


@pytest.mark.parametrize("imp", IMPORTERS, ids=lambda i: i.name)
def test_unmutated_fixture_imports(imp):
    tmp, root, targets = _sandbox(imp)
    with tmp:
        assert targets
        assert check_outcome(imp.load, root, set(targets)) == "imported"


@pytest.mark.parametrize("imp", IMPORTERS, ids=lambda i: i.name)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.data_too_large])
@given(data=st.data())
def test_corrupted_input_is_rejected_with_file_and_line(imp, data):
    tmp, root, targets = _sandbox(imp)
    with tmp:
        mutated = set()
        for _ in range(data.draw(st.integers(1, 3), label="mutations")):
            target = targets[data.draw(st.integers(0, len(targets) - 1), label="file")]
            mutated.add(target)
            raw = gzip.decompress(target.read_bytes()) if target.suffix == ".gz" else target.read_bytes()
            if target.suffix == ".json":
                try:
                    json.loads(raw)
                    new = _mutate_json(raw, data.draw)
                except ValueError:      # already corrupted by an earlier mutation
                    new = _mutate_text(raw, data.draw, b",")
            else:
                delim = b";" if imp.name == "taf3_records" else b","
                new = _mutate_text(raw, data.draw, delim)
            _write(target, new)
        check_outcome(imp.load, root, mutated)


RANDOM_CSV = st.lists(st.lists(JUNK, max_size=8), max_size=6)


@pytest.mark.parametrize("imp", [i for i in IMPORTERS if i.name not in ("articles",)], ids=lambda i: i.name)
@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.data_too_large])
@given(data=st.data())
def test_random_files_are_rejected_cleanly(imp, data):
    """Not a mutation of a real file: random rows under the real header, or random bytes."""
    tmp, root, targets = _sandbox(imp)
    with tmp:
        target = targets[data.draw(st.integers(0, len(targets) - 1), label="file")]
        raw = gzip.decompress(target.read_bytes()) if target.suffix == ".gz" else target.read_bytes()
        kind = data.draw(st.sampled_from(["rows", "bytes", "json"]), label="kind")
        if kind == "bytes":
            new = data.draw(st.binary(max_size=300))
        elif kind == "json":
            new = json.dumps(data.draw(st.recursive(JSON_JUNK, lambda c: st.lists(c, max_size=3) | st.dictionaries(
                st.text(max_size=8), c, max_size=3), max_leaves=10))).encode()
        else:
            header = _SPLIT.split(raw)[0]
            delim = ";" if imp.name == "taf3_records" else ","
            rows = data.draw(RANDOM_CSV)
            new = header + b"\n" + "\n".join(delim.join(r) for r in rows).encode("utf-8", "surrogatepass")
        _write(target, new)
        check_outcome(imp.load, root, {target})
