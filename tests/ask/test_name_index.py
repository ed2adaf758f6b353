"""The name index is built from the database once and cached beside it (bot/ask/people.py): what a start reads
from the cache is exactly what building it in Python gives, order included, and a cache written for another
version of the database, or a damaged one, is never used."""
from __future__ import annotations

import sqlite3
from collections import defaultdict

from bot.ask import people as pp
from bot.ask.people import PeopleIndex, build_data, cache_path


def _items(data: dict) -> list:
    """The data with every dict's order spelled out (dict equality ignores order; the engine does not), the parts
    of a cache read when first used read now."""
    return [(k, list((v.load() if isinstance(v, pp._Lazy) else v).items())) for k, v in data.items()]


def test_cached_index_is_the_index_built_in_python(writable_db):
    cache = cache_path(writable_db)
    conn = sqlite3.connect(f"file:{writable_db}?mode=ro", uri=True)
    built = build_data(conn)
    assert not cache.exists()
    PeopleIndex.load(conn, cache)           # builds it and writes the cache
    assert cache.exists()
    read = pp._read_cache(cache, pp._cache_key(cache))
    assert read is not None
    assert _items(read) == _items(built)
    again = PeopleIndex.load(conn, cache)
    fresh = PeopleIndex(built)
    assert list(again.full.items()) == list(fresh.full.items())
    assert list(again.by_token.items()) == list(fresh.by_token.items())
    assert again.people[next(iter(built["people"]))] == fresh.people[next(iter(built["people"]))]
    conn.close()


def _sets_added_one_by_one(conn: sqlite3.Connection) -> tuple[dict, dict]:
    """full and by_token as the index held them before it was cached: sets, each id added in turn."""
    full: dict[tuple[str, ...], set[int]] = defaultdict(set)
    tokens: dict[int, set[str]] = defaultdict(set)
    for aid, name, given, fam in conn.execute("SELECT id, name, given, family FROM athletes"):
        toks, gt, ft = pp.name_tokens(name), pp.name_tokens(given), pp.name_tokens(fam)
        if toks:
            tokens[aid].update(toks)
            full[tuple(toks)].add(aid)
        if gt and ft:
            full[tuple(ft + gt)].add(aid)
            full[tuple([gt[0][0]] + ft)].add(aid)
    for aid, alias in conn.execute("SELECT athlete_id, alias FROM athlete_aliases"):
        toks = pp.name_tokens(alias)
        if toks:
            tokens[aid].update(toks)
            full[tuple(toks)].add(aid)
        if len(toks) == 2:
            full[(toks[1], toks[0])].add(aid)
    by_token: dict[str, set[int]] = defaultdict(set)
    for pid, words in tokens.items():
        for t in words:
            by_token[t].add(pid)
    return full, by_token


def test_a_set_remade_from_an_index_tuple_is_the_set_built_one_id_at_a_time(writable_db):
    # Where the order athletes are considered in matters (ties between namesakes, the first 400 of a pool), the
    # engine reads a stored tuple through set(): that set must iterate exactly as the set built by adding each
    # id in turn did (a set of the ids in iteration order would not, for large sets)
    conn = sqlite3.connect(f"file:{writable_db}?mode=ro", uri=True)
    data = build_data(conn)
    full, by_token = _sets_added_one_by_one(conn)
    conn.close()
    assert list(data["full"]) == list(full) and list(data["by_token"]) == list(by_token)
    for stored, reference in ((data["full"], full), (data["by_token"], by_token)):
        assert all(list(set(stored[k])) == list(v) for k, v in reference.items())
    assert any(list(set(v)) != list(v) for v in data["by_token"].values())   # the case that needs it is there


def test_a_stale_cache_is_rebuilt(writable_db):
    cache = cache_path(writable_db)
    conn = sqlite3.connect(writable_db)
    PeopleIndex.load(conn, cache)
    before = cache.read_bytes()
    new_id = conn.execute("SELECT max(id) + 1 FROM athletes").fetchone()[0]
    conn.execute("INSERT INTO athletes (id, name, given, family, sex, nationality, is_team, source_id) "
                 "VALUES (?, 'Zorvan Quillery', 'Zorvan', 'Quillery', 'M', 'GBR', 0, "
                 "(SELECT min(id) FROM sources))", (new_id,))
    conn.commit()
    index = PeopleIndex.load(conn, cache)
    assert index.by_token["quillery"] == (new_id,)
    assert ("zorvan", "quillery") in index.full_name_table()
    assert cache.read_bytes() != before     # rewritten for the database as it is now
    assert PeopleIndex.load(conn, cache).by_token["quillery"] == (new_id,)
    conn.close()


def test_a_damaged_cache_is_ignored_and_rewritten(writable_db):
    cache = cache_path(writable_db)
    conn = sqlite3.connect(f"file:{writable_db}?mode=ro", uri=True)
    expected = _items(build_data(conn))
    key = pp._cache_key(cache)
    assert key is not None
    cache.write_bytes(key + b"\n" + b"\x00garbage")
    index = PeopleIndex.load(conn, cache)
    assert list(index.full.items()) == expected[[k for k, _ in expected].index("full")][1]
    assert _items(pp._read_cache(cache, key) or {}) == expected
    conn.close()


def test_full_name_table_reads_like_the_dict_it_replaced(engine):
    # Two words or more, teams left out, two-word nicknames included, frozensets of ids
    table = engine.people.full_name_table()
    index = engine.people
    for key, ids in list(index.full.items())[:20000]:
        kept = frozenset(i for i in ids if not index.people[i].is_team)
        if len(key) >= 2 and key not in index.nicknames and kept:
            assert table[key] == kept
        elif len(key) < 2 or (not kept and key not in index.nicknames):
            assert key not in table
    for key, ids in index.nicknames.items():
        assert (key in table) == (len(key) >= 2)
        if len(key) >= 2:
            assert table[key] == frozenset(ids)


def test_full_names_read_from_the_cache_answer_as_the_dict_does(writable_db):
    # the cache keeps the full names as sorted strings (SortedNames): every name, its ids and the order are the
    # dict's, and a key that only joins to a name ("josh kerr" as one word, a string, no words) is none
    conn = sqlite3.connect(f"file:{writable_db}?mode=ro", uri=True)
    built = build_data(conn)
    PeopleIndex.load(conn, cache_path(writable_db))
    index = PeopleIndex.load(conn, cache_path(writable_db))
    conn.close()
    for read, name in ((index.full, "full"), (index.by_token, "by_token")):
        assert isinstance(read, pp.SortedNames)
        assert len(read) == len(built[name]) and list(read) == list(built[name])
        assert all(read[k] == v and read.get(k) == v and k in read for k, v in built[name].items())
    full, by_token = index.full, index.by_token
    two = next(k for k in built["full"] if len(k) == 2)
    for odd in [(" ".join(two),), " ".join(two), (), (two[0], 1), ("\n".join(two),), (two[0], "", two[1]),
                (*two, "zzzz"), ("zzzz",), ("",)]:
        assert odd not in full and full.get(odd) is None and odd not in built["full"], odd
    for odd in [two, (two[0],), "", "\n".join(two), " ".join(two), "zzzzq", 7]:
        assert odd not in by_token and by_token.get(odd) is None and odd not in built["by_token"], odd


def test_a_start_reads_the_spelling_parts_of_the_cache_when_first_used(writable_db):
    conn = sqlite3.connect(f"file:{writable_db}?mode=ro", uri=True)
    built = build_data(conn)
    PeopleIndex.load(conn, cache_path(writable_db))
    index = PeopleIndex.load(conn, cache_path(writable_db))
    conn.close()
    assert all(isinstance(index._data[name], pp._Lazy) for name in pp.LAZY)
    pid = next(iter(built["family"]))
    assert index.family[pid] == built["family"][pid] and not isinstance(index._data["family"], pp._Lazy)
    assert index.tokens_of(pid) == built["tokens"][pid]
    assert list(index.by_length.items()) == list(built["by_length"].items())
    # what was worked out from the data at build time is what a start from the cache works out
    assert index.nicknames == PeopleIndex(built).nicknames
