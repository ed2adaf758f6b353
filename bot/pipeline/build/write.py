"""Writing the tables: the build's sources, competitions, athletes, races, results, records and import issues
into a SQLite database of our schema (bot/pipeline/migrations)."""
from __future__ import annotations

import sqlite3

from bot.common import names
from bot.pipeline import competitions as comps
from bot.pipeline import db as dbmod
from bot.pipeline.build.state import BuildState
from bot.pipeline.identity import shown_name


def write_tables(st: BuildState, conn: sqlite3.Connection) -> None:
    dbmod.migrate(conn)
    cur = conn.cursor()
    cur.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?)",
                    [(s.id, s.name, s.origin, s.licence, s.authority, s.notes) for s in st.sources.values()])
    event_ids = dbmod.insert_events(conn)
    cur.executemany("INSERT INTO series VALUES (?,?,?,?)",
                    [(s.id, s.name, s.level, "|".join(s.aliases)) for s in comps.SERIES.values()])
    cur.executemany("INSERT INTO competitions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(c.id, c.series, c.year, c.name, c.venue, c.city, c.country, c.start, c.end, c.level,
                      int(c.indoor), c.source) for c in st.comps])
    athletes = st.registry.live
    holder = {a.id: st.registry.canonical(a).id for a in st.registry.athletes}
    authority = {s.id: s.authority for s in st.sources.values()}
    cur.executemany("INSERT INTO athletes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [(a.id, shown_name(a, authority), names.recase(a.given) if a.given.isupper() else a.given,
                      names.recase(a.family), a.sex, a.nationality, a.birth_date, a.birth_year, int(a.is_team),
                      a.wa_id, a.source) for a in athletes])
    cur.executemany("INSERT INTO athlete_aliases VALUES (?,?,?,?,?)",
                    [(a.id, written, folded, "variant" if kind == "merged" else kind, src) for a in athletes
                     for folded, (written, kind, src) in a.aliases.items()])
    cur.executemany("INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(r["id"], r["competition_id"], event_ids[r["event"]], r["round"], r["heat"], r["label"],
                      r["date"], r["venue"], r["country"], r["indoor"], r["wind"], r["source_id"])
                     for r in st.races])
    nationality = {a.id: a.nationality for a in athletes}

    def nation(given: str | None, aid: int) -> str | None:
        """The row's nation when it is not the athlete's (a change of nation: GDR, then GER)."""
        return given if given and given != nationality.get(aid) else None

    first_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM results").fetchone()[0] + 1
    cur.executemany("INSERT INTO results (race_id, athlete_id, place, position, mark, mark_value, status, wind,"
                    " flags, source_id, source_ref, nation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(r.race_id, holder[r.athlete.id], r.place, r.perf.position, r.mark, r.value, r.status, r.wind,
                      " ".join(sorted(r.flags)), r.perf.source, r.perf.ref,
                      nation(r.perf.athlete.nationality, holder[r.athlete.id])) for r in st.results])
    cur.executemany("INSERT INTO records (kind, region, event_id, indoor, mark, mark_value, wind, athlete_id,"
                    " date, venue, country, current, source_id, source_ref, nation)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [(rec.kind, rec.region, event_ids[(rec.event, rec.sex)], int(rec.indoor), text, value,
                      rec.wind, holder[aid], rec.date, rec.venue, rec.country, cur_, rec.source, rec.ref,
                      nation(rec.athlete.nationality, holder[aid])) for rec, aid, value, text, cur_ in st.records])
    cur.executemany("INSERT INTO relay_members (competition_id, event_id, nation, place, athlete_id, name, source_id,"
                    " source_ref) VALUES (?,?,?,?,?,?,?,?)",
                    [(cid, event_ids[(event, sex)], nation, place, holder[aid] if aid else None, name, src, ref)
                     for cid, event, sex, nation, place, aid, name, src, ref in st.relay_members])
    # results get their ids in st.results order: each detail's result is found by its position
    result_id = {id(r): first_id + i for i, r in enumerate(st.results)}
    cur.executemany("INSERT INTO result_details (result_id, kind, seq, mark, outcome, wind, athlete_id, name,"
                    " source_id, source_ref) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [(result_id[id(r)], d.kind, d.seq, d.mark, d.outcome, d.wind, holder[aid] if aid else None,
                      d.athlete.name if d.athlete else None, d.source, d.ref) for r, d, aid in st.details])
    cur.executemany("INSERT INTO import_issues (source_id, ref, reason, corrected) VALUES (?,?,?,?)",
                    [(i.source, i.ref, i.reason, int(i.corrected)) for i in st.issues])
    dbmod.refresh_bests(conn)
    conn.commit()

