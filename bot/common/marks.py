"""Parse, format and compare every athletics mark.

One module does this so that "3:43.13", "3.43.13" and 223.13 seconds are the same mark everywhere, field
marks get back the trailing zero the reference lost ("6.3" is 6.30), and better/worse follows the event
(lower on the clock, higher in the field and in points).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import TypedDict

from bot.common import events as ev

STATUSES = {
    "DNF": "DNF", "DNS": "DNS", "DQ": "DQ", "DSQ": "DQ", "NM": "NM", "NH": "NM", "NMR": "NM",
    "DNQ": "DQ", "R": "DNF", "RET": "DNF", "NT": "NM", "AC": "DNF",
}

WIND_LIMIT = 2.0  # m/s: above this a mark is wind-aided and cannot be a record


class MarkError(ValueError):
    """A mark that cannot be read. The message says why, for import errors shown to users."""


@dataclass(frozen=True)
class Mark:
    value: float | None  # seconds, metres or points; None when the athlete has no mark (DNF...)
    text: str  # canonical World Athletics text: "3:43.13", "6.30", "9126", "DNF"
    status: str = "OK"  # OK, DNF, DNS, DQ, NM
    hand: bool = False  # hand-timed: an 'h', the source's word, or (typed text) one decimal on the track
    altitude: bool = False  # "A": set at altitude (1000 m and above)
    indoor: bool = False  # "i": set indoors, as written on outdoor lists
    wind_aided: bool = False  # "w": over the wind limit, as written

    @property
    def ok(self) -> bool:
        return self.status == "OK"

    def display(self) -> str:
        """The text with its flags, the way lists print it: 10.49A, 9.69w, 7.17i."""
        if not self.ok:
            return self.text
        return self.text + ("A" if self.altitude else "") + ("w" if self.wind_aided else "") + ("i" if self.indoor else "")


_FLAG_CHARS = {"A": "altitude", "a": "altitude", "i": "indoor", "w": "wind_aided", "h": "hand"}
_TIME_RE = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+)(?:[.,](\d+))?$")
_DOTTED_RE = re.compile(r"^(\d{1,2})\.(\d{2})\.(\d{1,2})$")  # 3.43.13, as typed on phones
_NUM_RE = re.compile(r"^\d+(?:[.,]\d+)?$")
_NEGATIVE_RE = re.compile(r"^[-\u2212\u2013]\s*\d")  # "-3:45.34", "−6.30" (minus sign), "–5" (en dash)


def _split_flags(text: str) -> tuple[str, dict[str, bool]]:
    flags: dict[str, bool] = {}
    body = text
    # Trailing markers that are not part of the number: flags, and noise like "*", "#", "+", "(i)".
    body = body.replace("(i)", "i").replace("(A)", "A").replace("(w)", "w")
    while body and not body[-1].isdigit():
        ch = body[-1]
        if ch in _FLAG_CHARS:
            flags[_FLAG_CHARS[ch]] = True
        elif ch not in "*#+ ')":
            raise MarkError(f"unexpected {ch!r} at the end of mark {text!r}")
        body = body[:-1]
    return body.strip(), flags


def parse_time(text: str) -> tuple[float, int]:
    """'1:40.91' -> (100.91, 2). Raises MarkError. Returns seconds and the decimals written."""
    try:
        return _parse_time(text)
    except (ArithmeticError, ValueError) as exc:
        if isinstance(exc, MarkError):
            raise
        # hundreds of digits: int() past its 4300-digit limit, or a number too large for a float
        raise MarkError(f"{str(text)[:40]!r} is not a time (too many digits)") from None


def _parse_time(text: str) -> tuple[float, int]:
    t = text.strip()
    m = _DOTTED_RE.match(t)
    if m and int(m.group(2)) < 60:
        t = f"{m.group(1)}:{m.group(2)}.{m.group(3)}"
    m = _TIME_RE.match(t)
    if not m:
        raise MarkError(f"{text!r} is not a time (expected e.g. 9.58, 1:40.91 or 2:00:35)")
    a, b, c, frac = m.groups()
    parts = [int(x) for x in (a, b, c) if x is not None]
    if len(parts) > 1 and any(p >= 60 for p in parts[1:]):
        raise MarkError(f"{text!r} has a minutes or seconds field of 60 or more")
    seconds = 0
    for p in parts:
        seconds = seconds * 60 + p
    decimals = len(frac) if frac else 0
    value = seconds + (int(frac) / 10 ** decimals if frac else 0.0)
    return round(value, 6), decimals


def format_time(seconds: float, decimals: int = 2) -> str:
    """100.91 -> '1:40.91'; 7235 -> '2:00:35'; 13.3 (1 decimal) -> '13.3'."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        raise MarkError(f"{seconds!r} is not a time")
    scale = 10 ** decimals
    units = round(seconds * scale)  # whole units of the last decimal, so floats never print 43.129999
    whole, frac = divmod(units, scale)
    h, rest = divmod(whole, 3600)
    mnt, sec = divmod(rest, 60)
    frac_s = f".{frac:0{decimals}d}" if decimals else ""
    if h:
        return f"{h}:{mnt:02d}:{sec:02d}{frac_s}"
    if mnt:
        return f"{mnt}:{sec:02d}{frac_s}"
    return f"{sec}{frac_s}"


def format_mark(value: float, event_code: str, decimals: int | None = None) -> str:
    """The canonical text of a value in an event: times as WA writes them, field marks with 2 decimals."""
    event = ev.get(event_code)
    if event.mark_format == ev.DISTANCE:
        return f"{value:.2f}"
    if event.mark_format == ev.POINTS:
        return str(int(round(value)))
    if decimals is None:
        decimals = 2
    return format_time(value, decimals)


def parse_mark(text: str, event_code: str, hand: bool | None = None) -> Mark:
    """Read a mark as any of our sources write it. Raises MarkError with a reason.

    hand: the source's own word on hand timing, when it has one (WA writes every hand time with an 'h', so
    its '13:22.8' is an electronic time to the tenth). None reads it from the text: an 'h', or one decimal on
    the track (how people type hand times)."""
    try:
        return _parse_mark(text, event_code, hand)
    except (ArithmeticError, ValueError) as exc:
        if isinstance(exc, MarkError):
            raise
        # absurdly long numbers: float/int overflow, Decimal past its precision
        raise MarkError(f"{str(text)[:40]!r} is not a mark (too many digits)") from None


def _parse_mark(text: str, event_code: str, source_hand: bool | None = None) -> Mark:
    if text is None:
        raise MarkError("empty mark")
    raw = str(text).strip()
    if not raw:
        raise MarkError("empty mark")
    upper = raw.upper().rstrip(".")
    if upper in STATUSES:
        status = STATUSES[upper]
        return Mark(None, status, status)
    event = ev.get(event_code)
    if _NEGATIVE_RE.match(raw):
        # said outright: read as "not a time" the sign would be easy to miss, and it is never dropped
        raise MarkError(f"{raw!r} is negative: a mark is never below zero")
    body, flags = _split_flags(raw)
    if not body:
        raise MarkError(f"{raw!r} has no number")
    hand = flags.pop("hand", False)
    if hand and source_hand is False:
        raise MarkError(f"{raw!r} is written as a hand time, but its source says it is not")
    if event.mark_format == ev.TIME:
        value, decimals = parse_time(body)
        if value <= 0:
            raise MarkError(f"{raw!r} is not a positive time")
        if source_hand is not None:
            hand = source_hand
        else:
            # One decimal on the track is a hand time; road races are written to the second or tenth.
            hand = hand or (decimals == 1 and event.kind in (ev.TRACK, ev.RELAY))
        return Mark(value, format_time(value, decimals), hand=hand, **_flag_args(flags))
    if not _NUM_RE.match(body):
        raise MarkError(f"{raw!r} is not a {'distance' if event.mark_format == ev.DISTANCE else 'points score'}")
    value = float(body.replace(",", "."))
    if value <= 0:
        raise MarkError(f"{raw!r} is not a positive mark")
    if event.mark_format == ev.POINTS:
        if value != int(value):
            raise MarkError(f"{raw!r}: points are whole numbers")
        return Mark(value, str(int(value)), **_flag_args(flags))
    # Field marks are recorded to the centimetre below (WA TR 29): truncate the written digits, never round
    # the binary float (which made 6.305 -> 6.30 but 2.015 -> 2.02, and 8.957 -> 8.96).
    value = float(Decimal(body.replace(",", ".")).quantize(Decimal("0.01"), rounding=ROUND_DOWN))
    if value <= 0:
        raise MarkError(f"{raw!r} is shorter than a centimetre")
    return Mark(value, f"{value:.2f}", **_flag_args(flags))


class _FlagArgs(TypedDict):
    altitude: bool
    indoor: bool
    wind_aided: bool


def _flag_args(flags: dict[str, bool]) -> _FlagArgs:
    """The Mark keyword arguments for the flags _split_flags found (hand is taken out before)."""
    return _FlagArgs(altitude=flags.get("altitude", False), indoor=flags.get("indoor", False),
                     wind_aided=flags.get("wind_aided", False))


_FLOAT_TIME = re.compile(r"^\d+\.\d$")  # '51.7': a sub-minute time a source kept as a number


def restore_lost_zero(text: str, event_code: str) -> str:
    """A time a source stored as a number, which dropped its trailing zero ('51.7' for 51.70), written back with
    its hundredths ('51.70'). Anything else (a time with a colon or a flag, a field mark) is returned as it is:
    field marks get their zero back in parse_mark."""
    if ev.get(event_code).mark_format == ev.TIME and _FLOAT_TIME.match(text.strip()):
        return text.strip() + "0"
    return text


def mark_value(text: str, event_code: str) -> float:
    """The value of a mark that must have one (a record, a toplist row). Raises MarkError, also on a status
    (DNF...)."""
    m = parse_mark(text, event_code)
    if m.value is None:
        raise MarkError(f"{text!r} is not a mark ({m.status})")
    return m.value


def parse_wind(text) -> float | None:
    """'+2.1' -> 2.1, '-0.4' -> -0.4, '' / 'NA' / None -> None. Raises MarkError on nonsense."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise MarkError(f"{text!r} is not a wind reading")
    if isinstance(text, (int, float)):
        if isinstance(text, float) and math.isnan(text):
            return None
        w = float(text)  # numbers from a CSV/JSON source get the same plausibility check as text
    else:
        t = str(text).strip().replace(",", ".").replace("−", "-")
        if t.lower() in ("", "na", "nan", "null", "none", "nwi", "?"):
            return None
        try:
            w = float(t)
        except ValueError:
            raise MarkError(f"{text!r} is not a wind reading") from None
    if not -30 < w < 30:
        raise MarkError(f"{text!r} is not a plausible wind reading")
    return w


def format_wind(w: float | None) -> str:
    if w is None:
        return ""
    return f"{w:+.1f}"


def wind_legal(w: float | None) -> bool:
    """No reading counts as legal (most events have none); above +2.0 m/s is wind-aided."""
    return w is None or w <= WIND_LIMIT + 1e-9


def sort_key(value: float, event_code: str) -> float:
    """Ascending sort key: best first, whatever the event."""
    return value if ev.get(event_code).lower_is_better else -value


def better(a: float, b: float, event_code: str) -> bool:
    """True when mark value a beats b in this event."""
    return sort_key(a, event_code) < sort_key(b, event_code)


def same_mark(a: str, b: str, event_code: str) -> bool:
    """Whether two written marks are the same ("3:43.13" and "3.43.13"; "6.3" and "6.30")."""
    try:
        ma, mb = parse_mark(a, event_code), parse_mark(b, event_code)
    except MarkError:
        return False
    if ma.value is None or mb.value is None:
        return ma.status == mb.status
    return abs(ma.value - mb.value) < 1e-6
