"""The one anniversary scheduler loop: knows each server's next due time, sleeps until the earliest, posts.

Discord-free: it takes the state store, a Clock (bot/common/clock.py), an async `post(guild_id, channel_id, stories)`
callback (the cog's: it may raise ChannelMissing or Forbidden, or anything else) and an async `stories(config,
local_date)` provider (reference_stories() reads the reference database). A server that opted in (daily_quiz)
gets the day's quiz challenge announced with the post: the callback is then called with `quiz_day=local_date`,
and a day with no story posts the announcement alone rather than nothing.

Exactly once per server per local day. The ledger (anniversary_posts, UNIQUE(guild_id, local_date)) is claimed
in a write transaction that also re-reads the server's settings, BEFORE posting. Whoever inserts the row posts;
everyone else (a restarted process, a reconnect, a second shard on the same state file) sees the conflict and
does not. On PostgreSQL the same holds across shard processes: the claim is INSERT ... ON CONFLICT DO
NOTHING on the ledger's unique key, and a concurrent claimer waits for the first one's transaction and then
inserts nothing (row count 0). Each process plans only the servers on its own shards (`owns`); the ledger makes
an overlap harmless. Choice: a crash between the claim and the post leaves the row 'claimed' and the day is missed —
a missed post is better than a duplicate. Claims end 'done', 'failed' (post raised) or 'skipped' (nothing to
post); a restarted scheduler marks its own leftover 'claimed' rows failed ("interrupted").

Times: a server's due instant is its HH:MM on its local date in its IANA timezone. A time that does not exist
(02:30 on a spring-forward day) is due at the first valid instant after it (the transition, 03:00 local); a
time that happens twice (01:30 on a fall-back day) is due at the first one — and the ledger makes the second
harmless anyway. After downtime, a due post is caught up if the server's local day is not over and it is at
most `grace` late; a post due before the settings that make it due were made (active_since) is never sent.

The loop never dies: every failure is logged, a failed step is retried after `retry_delay`, and a failing
server never stops the others. The state database going away (the store retries each write for its bound,
then raises StoreUnavailable): a claim that fails puts the due servers back, so the next step claims them
again (posting if still within `grace`; a claim whose COMMIT was lost may have been written, and then the
ledger says it is taken: missed, never posted twice); an outcome (done, failed, skipped) that cannot be
written after the post is kept and written at the next steps, never by posting again.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import itertools
import logging
import zoneinfo
from collections.abc import Awaitable, Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.anniversaries import channel
from bot.anniversaries.config import AnniversaryConfig, enabled_configs, get_config, record_problem
from bot.ask.day_stories import Preferences, Selector, Story
from bot.common.clock import Clock, sleep_or_wake
from bot.state.sharding import Owns, everyone
from bot.state.store import StateStore

log = logging.getLogger(__name__)
UTC = dt.UTC


class PostError(Exception):
    """Raised by the post callback for a reason the admins can fix."""


class ChannelMissing(PostError):
    """The configured channel no longer exists (or the bot cannot see it)."""


class Forbidden(PostError):
    """The bot may not post (or embed) in the channel."""


# post(guild_id, channel_id, stories), and quiz_day=<the local date> when the server announces its daily quiz
PostFn = Callable[..., Awaitable[None]]
StoriesFn = Callable[[AnniversaryConfig, dt.date], Awaitable[list[Story]]]


# -- time -------------------------------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def zone(name: str) -> zoneinfo.ZoneInfo:
    """ZoneInfo keeps only a few zones strongly cached; a thousand servers would re-read their files."""
    return zoneinfo.ZoneInfo(name)


def due_at(local_date: dt.date, at: dt.time, tz: dt.tzinfo) -> dt.datetime:
    """The UTC instant of `at` on `local_date` in `tz`; a wall time in a DST gap -> the end of the gap; a wall
    time that happens twice -> the first."""
    naive = dt.datetime.combine(local_date, at)
    first = naive.replace(tzinfo=tz, fold=0)
    utc = first.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) == naive:
        return utc
    # in a gap: fold=1 reads the wall time with the new offset (earlier instant, before the gap), fold=0 with
    # the old one (after it); the transition lies between. Binary search on whole seconds.
    lo = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    hi = utc
    if lo > hi:
        lo, hi = hi, lo
    after = hi.astimezone(tz).utcoffset()
    while (hi - lo) > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return hi


@dataclass(frozen=True)
class Plan:
    guild_id: int
    config: AnniversaryConfig
    local_date: dt.date
    due: dt.datetime          # UTC


def plan_for(cfg: AnniversaryConfig, now: dt.datetime, grace: dt.timedelta,
             done: AbstractSet[dt.date] = frozenset()) -> Plan | None:
    """The server's next post: today's if not yet claimed, not before its settings, and not more than `grace`
    late; otherwise the next day's. Raises zoneinfo errors for a bad timezone name."""
    tz = zone(cfg.timezone)
    today = now.astimezone(tz).date()
    since = cfg.active_since or dt.datetime.min.replace(tzinfo=UTC)
    for offset in range(0, 3):
        day = today + dt.timedelta(days=offset)
        if day in done:
            continue
        due = due_at(day, cfg.time, tz)
        if due < since:
            continue
        if now > due + grace:
            continue
        return Plan(cfg.guild_id, cfg, day, due)
    return None


async def next_post(store: StateStore, cfg: AnniversaryConfig, now: dt.datetime,
                    grace: dt.timedelta) -> dt.datetime | None:
    """When the server's next post is due (UTC), from its settings and the ledger; None when posts are off,
    no channel is set, or the timezone is no longer a real one."""
    if not cfg.enabled or cfg.channel_id is None:
        return None
    since = (now.date() - dt.timedelta(days=2)).isoformat()
    done = {dt.date.fromisoformat(r[0]) for r in await store.fetchall(
        "SELECT local_date FROM anniversary_posts WHERE guild_id = ? AND local_date >= ?", (cfg.guild_id, since))}
    try:
        plan = plan_for(cfg, now, grace, done)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return plan.due if plan else None


def _day_words(day: dt.date) -> str:
    """7 July (the problem messages are read days later: "today's" would be wrong by then)."""
    return f"{day.day} {day:%B}"


def scheduler_name(shard_ids: Sequence[int] | None, shard_count: int | None) -> str:
    """'anniversaries:shards=0,1': which scheduler claimed a day in the ledger (and whose leftover claims a
    restart may close). Before the gateway says how many shards there are: 'shards=auto'."""
    ids: Sequence[int] | None = shard_ids
    if ids is None and shard_count:
        ids = range(shard_count)
    return "anniversaries:shards=" + (",".join(str(i) for i in sorted(ids)) if ids else "auto")


# -- the loop ---------------------------------------------------------------------------------------------

class Scheduler:
    def __init__(self, store: StateStore, clock: Clock, post: PostFn, stories: StoriesFn, *,
                 name: str = "scheduler", grace: dt.timedelta = dt.timedelta(hours=6),
                 refresh: dt.timedelta = dt.timedelta(minutes=5), max_sleep: float = 300.0,
                 retry_delay: float = 60.0, concurrency: int = 8, post_timeout: float = 120.0,
                 owns: Owns | None = None):
        self.store, self.clock, self.post, self.stories = store, clock, post, stories
        self.name = name
        self.owns: Owns = owns or everyone      # the servers on this process's shards
        self.grace, self.refresh, self.max_sleep = grace, refresh, max_sleep
        self.retry_delay, self.post_timeout = retry_delay, post_timeout
        self._sem = asyncio.Semaphore(concurrency)
        self._plans: dict[int, Plan] = {}
        self._configs: dict[int, AnniversaryConfig] = {}
        self._done: dict[int, set[dt.date]] = {}
        self._heap: list[tuple[dt.datetime, int, int]] = []
        self._seq = itertools.count()
        self._next_refresh: dt.datetime | None = None
        self._dirty = True
        self._recovered = False
        self._wake = asyncio.Event()
        self._unwritten: dict[tuple[int, dt.date], tuple] = {}     # outcomes the ledger does not have yet
        self.stats = {"posted": 0, "failed": 0, "skipped": 0, "lost_claims": 0, "step_errors": 0}

    # -- public
    def poke(self) -> None:
        """Settings changed (the cog calls this after /anniversaries changes): replan now."""
        self._dirty = True
        self._wake.set()

    def next_due(self, guild_id: int | None = None) -> dt.datetime | None:
        if guild_id is not None:
            p = self._plans.get(guild_id)
            return p.due if p else None
        return min((p.due for p in self._plans.values()), default=None)

    async def run(self) -> None:
        """Forever. Cancel the task to stop it."""
        while True:
            try:
                delay = await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:
                self.stats["step_errors"] += 1
                log.exception("anniversary scheduler step failed; retrying in %ss", self.retry_delay)
                self._dirty = True
                delay = self.retry_delay
            await self._sleep(delay)

    async def step(self) -> float:
        """Post everything due now; return the seconds until the next thing to do."""
        now = self.clock.now()
        if not self._recovered:
            await self._recover(now)
        if self._unwritten:
            await self._write_outcomes()
        if self._dirty or self._next_refresh is None or now >= self._next_refresh:
            await self._reload(now)
        due: list[Plan] = []
        while self._heap and self._heap[0][0] <= now:
            when, _, gid = heapq.heappop(self._heap)
            plan = self._plans.get(gid)
            if plan is not None and plan.due == when and plan not in due:
                due.append(plan)
        if due:
            try:
                claims = await self._claim_all(due, now)
            except BaseException:
                # nothing was claimed (or, a lost COMMIT, the ledger has it and the retry finds it taken): the
                # servers go back on the heap, so the retry claims them while they are within grace
                for plan in due:
                    heapq.heappush(self._heap, (plan.due, next(self._seq), plan.guild_id))
                raise
            await asyncio.gather(*(self._guarded(p, claims[p.guild_id]) for p in due))
            now = self.clock.now()
        if self._dirty:
            return 0.0
        delay = self._delay(now)
        return min(delay, self.retry_delay) if self._unwritten else delay

    # -- planning
    async def _recover(self, now: dt.datetime) -> None:
        async with self.store.write() as db:
            await db.execute(
                "UPDATE anniversary_posts SET status = 'failed', detail = 'interrupted between claim and post', "
                "finished_at = ? WHERE status = 'claimed' AND claimed_by = ?", (now.isoformat(), self.name))
        self._recovered = True

    async def _reload(self, now: dt.datetime) -> None:
        # Cleared before reading, not after: a poke() that arrives while this reload awaits the database
        # (settings written after the read below) must cause another reload, not be wiped out at the end.
        self._dirty = False
        self._wake.clear()
        configs = {c.guild_id: c for c in await enabled_configs(self.store) if self.owns(c.guild_id)}
        since = (now.date() - dt.timedelta(days=2)).isoformat()
        done: dict[int, set[dt.date]] = {}
        for gid, day in await self.store.fetchall(
                "SELECT guild_id, local_date FROM anniversary_posts WHERE local_date >= ?", (since,)):
            done.setdefault(gid, set()).add(dt.date.fromisoformat(day))
        self._done = done
        for gid in list(self._plans):
            if gid not in configs:
                del self._plans[gid]
        for gid, cfg in configs.items():
            plan = self._plans.get(gid)
            if plan and self._configs.get(gid) == cfg and plan.local_date not in done.get(gid, ()):
                continue        # unchanged: keep the plan (and its heap entry)
            await self._replan(cfg, now)
        self._configs = configs
        self._next_refresh = now + self.refresh

    async def _replan(self, cfg: AnniversaryConfig, now: dt.datetime) -> None:
        try:
            plan = plan_for(cfg, now, self.grace, self._done.get(cfg.guild_id, set()))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
            self._plans.pop(cfg.guild_id, None)
            if self._configs.get(cfg.guild_id) != cfg:      # once per settings change, not every reload
                log.warning("guild %s: bad timezone %r: %s", cfg.guild_id, cfg.timezone, exc)
                try:
                    async with self.store.write() as db:
                        await record_problem(db, cfg.guild_id, "bad_timezone",
                                             f"The timezone “{cfg.timezone}” is not valid, so no anniversary posts "
                                             f"are scheduled. Set one with /anniversaries timezone.", now=now)
                except Exception:   # noqa: BLE001 - the admins miss a note; the other servers go on
                    log.exception("guild %s: could not record the bad timezone", cfg.guild_id)
            return
        if plan is None:
            self._plans.pop(cfg.guild_id, None)
            return
        self._plans[cfg.guild_id] = plan
        heapq.heappush(self._heap, (plan.due, next(self._seq), cfg.guild_id))

    def _delay(self, now: dt.datetime) -> float:
        while self._heap:
            when, _, gid = self._heap[0]
            p = self._plans.get(gid)
            if p is not None and p.due == when:
                break
            heapq.heappop(self._heap)           # superseded entry
        targets = [self._next_refresh] if self._next_refresh else []
        if self._heap:
            targets.append(self._heap[0][0])
        wait = min((t - now).total_seconds() for t in targets) if targets else self.max_sleep
        return max(0.0, min(wait, self.max_sleep))

    async def _sleep(self, seconds: float) -> None:
        """clock.sleep, cut short by poke()."""
        if self._wake.is_set():
            await asyncio.sleep(0)
            return
        await sleep_or_wake(self.clock.sleep(seconds), self._wake)

    # -- posting
    async def _guarded(self, plan: Plan, claim: Any) -> None:
        settled = claim is not None
        async with self._sem:
            try:
                if claim:
                    await self._run(plan, claim)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("guild %s: anniversary post for %s failed", plan.guild_id, plan.local_date)
            finally:
                if settled:
                    # whatever happened, this day is over for this scheduler: plan the next one
                    self._done.setdefault(plan.guild_id, set()).add(plan.local_date)
                    cfg = self._configs.get(plan.guild_id, plan.config)
                    if self._plans.get(plan.guild_id) == plan:
                        await self._replan(cfg, self.clock.now())

    async def _run(self, plan: Plan, cfg: AnniversaryConfig) -> bool:
        """Post one server's claimed day and record how it went."""
        gid, day = plan.guild_id, plan.local_date
        try:
            stories = await self.stories(cfg, day)
        except Exception as exc:
            log.exception("guild %s: choosing stories for %s failed", gid, day)
            await self._finish(gid, day, "failed", f"choosing stories: {exc!r}")
            self.stats["failed"] += 1
            return True
        quiz = {"quiz_day": day} if cfg.daily_quiz else {}
        if not stories and not quiz:
            await self._finish(gid, day, "skipped", "nothing on this day")
            self.stats["skipped"] += 1
            return True
        if cfg.channel_id is None:
            await self._finish(gid, day, "skipped", "no channel", problem=(
                "no_channel", "Anniversary posts are on but no channel is set: /anniversaries channel."))
            self.stats["skipped"] += 1
            return True
        try:
            await asyncio.wait_for(self.post(gid, cfg.channel_id, stories, **quiz), self.post_timeout)
        except (ChannelMissing, Forbidden) as exc:
            # the admins hear of it at their next /anniversaries command; the day is not retried
            missing = isinstance(exc, ChannelMissing)
            log.warning("guild %s: %s in channel %s: %s", gid, "channel missing" if missing else "no permission",
                        cfg.channel_id, exc)
            where = f"<#{cfg.channel_id}>"
            problem = ("channel_missing", f"The anniversary post of {_day_words(day)} could not be sent: the "
                                          f"channel {where} no longer exists or I cannot see it. Choose another "
                                          f"with /anniversaries channel.") if missing else (
                "forbidden", f"The anniversary post of {_day_words(day)} could not be sent in {where}: I need the "
                             f"{channel.all_words()} permissions there.")
            await self._finish(gid, day, "failed", f"{'channel missing' if missing else 'forbidden'}: {exc}",
                               problem=problem, channel_id=cfg.channel_id)
            self.stats["failed"] += 1
            return True
        except Exception as exc:            # a post() bug must not take the loop down
            log.exception("guild %s: posting to channel %s failed", gid, cfg.channel_id)
            await self._finish(gid, day, "failed", f"post raised {exc!r}")
            self.stats["failed"] += 1
            return True
        await self._finish(gid, day, "done", "", keys=[s.key for s in stories] + (["quiz:daily"] if quiz else []))
        self.stats["posted"] += 1
        return True

    async def _claim_all(self, plans: list[Plan], now: dt.datetime) -> dict[int, Any]:
        """Insert the ledger rows nobody has yet, with the settings re-read in the same transaction (one
        transaction for every server due at this instant). Per server: the settings to post with; None if
        they changed since planning (replan); False if the day is not ours to post (claimed elsewhere, or over).
        """
        out: dict[int, Any] = {}
        fresh: list[int] = []
        async with self.store.write() as db:
            # in server order: two processes claiming overlapping servers at once (PostgreSQL) then wait on
            # each other's rows in the same order and cannot deadlock; the loser's insert does nothing
            for plan in sorted(plans, key=lambda p: p.guild_id):
                gid, day, cfg = plan.guild_id, plan.local_date, plan.config
                row = await db.fetchone(
                    "SELECT c.enabled, c.post_time, COALESCE(g.timezone, 'UTC'), c.revision "
                    "FROM anniversary_config c LEFT JOIN guild_settings g ON g.guild_id = c.guild_id "
                    "WHERE c.guild_id = ?", (gid,))
                if not row or not row[0] or row[1] != cfg.time_text or row[2] != cfg.timezone:
                    self._dirty = True      # turned off or moved since we planned: replan, post nothing now
                    out[gid] = None
                    continue
                local_now = now.astimezone(zone(cfg.timezone))
                if local_now.date() != day or now > plan.due + self.grace:
                    log.info("guild %s: missed the post of %s (now %s)", gid, day, local_now.isoformat())
                    out[gid] = False
                    continue
                won = await db.execute(
                    "INSERT INTO anniversary_posts (guild_id, local_date, due_at, claimed_at, claimed_by, "
                    "channel_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, local_date) DO NOTHING",
                    (gid, day.isoformat(), plan.due.isoformat(), now.isoformat(), self.name, cfg.channel_id)) == 1
                if not won:
                    self.stats["lost_claims"] += 1
                    out[gid] = False
                    continue
                out[gid] = cfg
                if row[3] != cfg.revision:  # channel/countries/max changed since planning: use the fresh ones
                    fresh.append(gid)
        for gid in fresh:
            out[gid] = await get_config(self.store, gid)
        return out

    async def _finish(self, gid: int, day: dt.date, status: str, detail: str, *,
                      problem: tuple[str, str] | None = None, channel_id: int | None = None,
                      keys: list[str] | None = None) -> None:
        """Write a claimed day's outcome; when the database will not take it, keep it for the next steps
        (until then the row says 'claimed', which nothing posts again)."""
        outcome = (status, detail, problem, channel_id, keys, self.clock.now())
        try:
            await self._write_outcome(gid, day, outcome)
        except Exception as exc:   # noqa: BLE001 - the post is done or failed either way; only the record waits
            log.warning("guild %s: the outcome of %s (%s) could not be written, retrying: %r", gid, day, status, exc)
            self._unwritten[(gid, day)] = outcome

    async def _write_outcome(self, gid: int, day: dt.date, outcome: tuple) -> None:
        status, detail, problem, channel_id, keys, when = outcome
        async with self.store.write() as db:
            await db.execute(
                "UPDATE anniversary_posts SET status = ?, detail = ?, story_keys = ?, finished_at = ? "
                "WHERE guild_id = ? AND local_date = ?",
                (status, detail, "|".join(keys or []), when.isoformat(), gid, day.isoformat()))
            if problem:
                await record_problem(db, gid, problem[0], problem[1], channel_id=channel_id, now=when)

    async def _write_outcomes(self) -> None:
        """The outcomes the database refused earlier, oldest first; stops at the first that still fails."""
        for (gid, day), outcome in list(self._unwritten.items()):
            await self._write_outcome(gid, day, outcome)
            del self._unwritten[(gid, day)]
            log.info("guild %s: the outcome of %s is written now", gid, day)


# -- the default story provider ---------------------------------------------------------------------------

def reference_stories(db_path: Path | str, cache_size: int = 256) -> StoriesFn:
    """Stories from the reference database, chosen in a worker thread (sqlite3 is blocking); servers with the
    same day and preferences share one selection."""
    selector = Selector.open(db_path)
    lock = asyncio.Lock()

    @lru_cache(maxsize=cache_size)
    def choose(day: dt.date, prefs: Preferences) -> tuple[Story, ...]:
        return tuple(selector.select(day, prefs))

    async def stories(cfg: AnniversaryConfig, day: dt.date) -> list[Story]:
        async with lock:        # one thread at a time on the one connection
            return list(await asyncio.to_thread(choose, day, cfg.prefs))

    return stories
