"""Table-driven tests of bot/common/marks.py: parsing, formatting, wind, ordering and mark identity."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.common import events as ev
from bot.common import marks
from bot.common.marks import Mark, MarkError

TEN_HOURS_HUNDREDTHS = 10 * 3600 * 100


# --- parse_mark: good marks ------------------------------------------------------------------------------

# (text, event, value, canonical text)
PARSE_CASES = [
    # sprints and track, electronic timing
    ("9.58", "100m", 9.58, "9.58"),
    ("19.19", "200m", 19.19, "19.19"),
    ("43.03", "400m", 43.03, "43.03"),
    ("1:40.91", "800m", 100.91, "1:40.91"),
    ("3:26.00", "1500m", 206.0, "3:26.00"),
    ("3:43.13", "mile", 223.13, "3:43.13"),
    ("26:11.00", "10000m", 1571.0, "26:11.00"),
    ("12:35.36", "5000m", 755.36, "12:35.36"),
    ("7:52.11", "3000mSC", 472.11, "7:52.11"),
    ("2:54.29", "4x400", 174.29, "2:54.29"),
    # seconds-only input is normalised to minutes
    ("100.91", "800m", 100.91, "1:40.91"),
    ("223.13", "mile", 223.13, "3:43.13"),
    ("0:09.58", "100m", 9.58, "9.58"),
    # the dotted phone form
    ("3.43.13", "mile", 223.13, "3:43.13"),
    ("1.40.91", "800m", 100.91, "1:40.91"),
    # decimal comma
    ("9,58", "100m", 9.58, "9.58"),
    # thousandths are kept as written
    ("9.572", "100m", 9.572, "9.572"),
    # road: hours, whole seconds
    ("2:00:35", "MAR", 7235.0, "2:00:35"),
    ("2:09:56", "MAR", 7796.0, "2:09:56"),
    ("57:31", "HM", 3451.0, "57:31"),
    ("12:49", "road5k", 769.0, "12:49"),
    ("26:24", "road10k", 1584.0, "26:24"),
    ("1:17:25.6", "20kmW", 4645.6, "1:17:25.6"),
    ("3:32:33", "50kmW", 12753.0, "3:32:33"),
    # whitespace around the mark
    ("  9.58  ", "100m", 9.58, "9.58"),
    # field: metres with two decimals, the lost trailing zero restored
    ("6.3", "PV", 6.3, "6.30"),
    ("6.30", "PV", 6.3, "6.30"),
    ("6.26", "PV", 6.26, "6.26"),
    ("8.95", "LJ", 8.95, "8.95"),
    ("2.45", "HJ", 2.45, "2.45"),
    ("18.29", "TJ", 18.29, "18.29"),
    ("23.56", "SP", 23.56, "23.56"),
    ("74.08", "DT", 74.08, "74.08"),
    ("86.74", "HT", 86.74, "86.74"),
    ("98.48", "JT", 98.48, "98.48"),
    ("8,95", "LJ", 8.95, "8.95"),
    ("8", "LJ", 8.0, "8.00"),
    # combined events: whole points
    ("9126", "DEC", 9126.0, "9126"),
    ("7291", "HEP", 7291.0, "7291"),
    ("5055", "PEN", 5055.0, "5055"),
]


@pytest.mark.parametrize("text,event,value,canonical", PARSE_CASES)
def test_parse_mark_value_and_text(text, event, value, canonical):
    m = marks.parse_mark(text, event)
    assert m.ok and m.status == "OK"
    assert m.value == pytest.approx(value, abs=1e-9)
    assert m.text == canonical
    assert (m.altitude, m.indoor, m.wind_aided) == (False, False, False)


@pytest.mark.parametrize("text,event,value,canonical", PARSE_CASES)
def test_canonical_text_parses_back_to_itself(text, event, value, canonical):
    again = marks.parse_mark(canonical, event)
    assert again.text == canonical
    assert again.value == marks.parse_mark(text, event).value


@pytest.mark.parametrize("text,canonical", [
    ("8.957", "8.95"),  # the centimetre below (WA TR 29), never rounded up
    ("8.955", "8.95"),
    ("6.305", "6.30"),
    ("2.015", "2.01"),  # float rounding gave 2.02 here but 6.30 above
    ("6.3049", "6.30"),
    ("8,957", "8.95"),
    ("8.950000000000001", "8.95"),
])
def test_field_marks_truncate_to_the_centimetre(text, canonical):
    m = marks.parse_mark(text, "LJ")
    assert m.text == canonical
    assert m.value == float(canonical)


def test_field_mark_under_a_centimetre_is_rejected():
    with pytest.raises(MarkError):
        marks.parse_mark("0.004", "SP")


def test_parse_mark_accepts_numbers_not_only_strings():
    assert marks.parse_mark(9126, "DEC").text == "9126"
    assert marks.parse_mark(6.3, "PV").text == "6.30"
    assert marks.parse_mark(100.91, "800m").text == "1:40.91"


# --- hand timing -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,event,hand,canonical", [
    ("13.3", "110mH", True, "13.3"),  # one decimal on the track: hand time
    ("9.9", "100m", True, "9.9"),
    ("1:44.3", "800m", True, "1:44.3"),
    ("3:00.7", "4x400", True, "3:00.7"),  # relays are on the track too
    ("13.30", "110mH", False, "13.30"),
    ("9.58", "100m", False, "9.58"),
    ("12:49", "road5k", False, "12:49"),  # road to the second: not hand
    ("1:17:25.6", "20kmW", False, "1:17:25.6"),  # walks/road to the tenth: not hand
    ("59:47.6", "HM", False, "59:47.6"),
    ("13.3h", "110mH", True, "13.3"),  # explicit h flag
    ("13.30h", "110mH", True, "13.30"),
])
def test_hand_timing(text, event, hand, canonical):
    m = marks.parse_mark(text, event)
    assert m.hand is hand
    assert m.text == canonical


# A source that says whether its times are hand times is taken at its word (WA writes each with an 'h').
@pytest.mark.parametrize("text,event,source_hand,hand,canonical", [
    ("13:22.8", "5000m", False, False, "13:22.8"),  # an electronic time to the tenth, as WA lists it
    ("13:01.6h", "5000m", True, True, "13:01.6"),
    ("9.9", "100m", True, True, "9.9"),
    ("51.70", "400mH", False, False, "51.70"),
    ("1:45.9", "800m", None, True, "1:45.9"),  # no word from the source: one decimal on the track
    ("6.3", "PV", False, False, "6.30"),  # field marks are never timed
])
def test_hand_timing_from_the_source(text, event, source_hand, hand, canonical):
    m = marks.parse_mark(text, event, hand=source_hand)
    assert (m.hand, m.text) == (hand, canonical)


def test_a_written_h_against_the_source_is_an_error():
    with pytest.raises(MarkError, match="hand time"):
        marks.parse_mark("10.1h", "100m", hand=False)


@pytest.mark.parametrize("text,event,restored", [
    ("51.7", "400mH", "51.70"),  # a time kept as a number lost its zero
    ("9.9", "100m", "9.90"),
    ("43.4", "400m", "43.40"),
    ("37.1", "4x100", "37.10"),
    ("51.72", "400mH", "51.72"),  # hundredths: nothing lost
    ("13:22.8", "5000m", "13:22.8"),  # a colon: text, never a number
    ("13:01.6h", "5000m", "13:01.6h"),
    ("10.1h", "100m", "10.1h"),  # the source's own hand time
    ("6.3", "PV", "6.3"),  # field marks: parse_mark pads them
    ("8524", "DEC", "8524"),
])
def test_restore_lost_zero(text, event, restored):
    assert marks.restore_lost_zero(text, event) == restored


# --- flags -----------------------------------------------------------------------------------------------

# (text, event, canonical text, altitude, indoor, wind_aided, display)
FLAG_CASES = [
    ("10.49A", "100m", "10.49", True, False, False, "10.49A"),
    ("10.49a", "100m", "10.49", True, False, False, "10.49A"),
    ("9.69w", "100m", "9.69", False, False, True, "9.69w"),
    ("8.95w", "LJ", "8.95", False, False, True, "8.95w"),
    ("7.17i", "LJ", "7.17", False, True, False, "7.17i"),
    ("6.3i", "PV", "6.30", False, True, False, "6.30i"),
    ("3:47.01i", "mile", "3:47.01", False, True, False, "3:47.01i"),
    ("1:40.91 (i)", "800m", "1:40.91", False, True, False, "1:40.91i"),
    ("8.90 (A)", "LJ", "8.90", True, False, False, "8.90A"),
    ("9.79 (w)", "100m", "9.79", False, False, True, "9.79w"),
    ("9.69Aw", "100m", "9.69", True, False, True, "9.69Aw"),
    ("9.69wA", "100m", "9.69", True, False, True, "9.69Aw"),  # display order is fixed: A, w, i
    ("8126Ai", "DEC", "8126", True, True, False, "8126Ai"),
    # noise after the number is ignored
    ("9.58*", "100m", "9.58", False, False, False, "9.58"),
    ("9.58#", "100m", "9.58", False, False, False, "9.58"),
    ("9.58+", "100m", "9.58", False, False, False, "9.58"),
    ("6.30 ", "PV", "6.30", False, False, False, "6.30"),
]


@pytest.mark.parametrize("text,event,canonical,altitude,indoor,wind_aided,shown", FLAG_CASES)
def test_flags(text, event, canonical, altitude, indoor, wind_aided, shown):
    m = marks.parse_mark(text, event)
    assert m.text == canonical
    assert (m.altitude, m.indoor, m.wind_aided) == (altitude, indoor, wind_aided)
    assert m.display() == shown


def test_flags_do_not_change_the_value():
    assert marks.parse_mark("10.49A", "100m").value == marks.parse_mark("10.49", "100m").value
    assert marks.parse_mark("7.17i", "LJ").value == marks.parse_mark("7.17", "LJ").value


# --- statuses --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,status", [
    ("DNF", "DNF"), ("DNS", "DNS"), ("DQ", "DQ"), ("DSQ", "DQ"), ("NM", "NM"),
    ("dnf", "DNF"), ("dsq", "DQ"), ("DNF.", "DNF"), (" DNS ", "DNS"),
    ("NH", "NM"), ("DNQ", "DQ"), ("AC", "DNF"), ("NT", "NM"),
])
@pytest.mark.parametrize("event", ["100m", "PV", "DEC", "MAR"])
def test_statuses(text, status, event):
    m = marks.parse_mark(text, event)
    assert m == Mark(None, status, status)
    assert not m.ok
    assert m.value is None
    assert m.display() == status


# --- parse_mark: rejects ---------------------------------------------------------------------------------

REJECTS = [
    "abc", "1:75.00", "", "   ", "-5", "9.5.8.1", "9..58", "1:60", "1:2:3:4", "9.58x", "A", "w",
    "0", "0.00", "+5", "9:58:", ":58", "1:60:00", "3.75.13",
]


# times reject REJECTS; field and points marks those and a time's or a misspelt distance's shapes too
@pytest.mark.parametrize("text,event", [(t, e) for e in ("100m", "800m", "MAR") for t in REJECTS]
                         + [(t, e) for e in ("PV", "LJ", "DEC") for t in REJECTS + ["1:40.91", "6.30.1", "6-30"]])
def test_rejects(text, event):
    with pytest.raises(MarkError):
        marks.parse_mark(text, event)


@pytest.mark.parametrize("text", ["9126.5", "8126,4"])
def test_points_must_be_whole(text):
    with pytest.raises(MarkError, match="whole"):
        marks.parse_mark(text, "DEC")


def test_none_is_rejected():
    with pytest.raises(MarkError):
        marks.parse_mark(None, "100m")


def test_mark_error_is_a_value_error_with_a_reason():
    with pytest.raises(ValueError) as info:
        marks.parse_mark("1:75.00", "800m")
    assert "1:75.00" in str(info.value)


def test_unknown_event_is_not_a_mark_error():
    with pytest.raises(KeyError):
        marks.parse_mark("9.58", "no-such-event")


# --- parse_time / format_time ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,seconds,decimals", [
    ("9.58", 9.58, 2),
    ("1:40.91", 100.91, 2),
    ("2:00:35", 7235.0, 0),
    ("1:17:25.6", 4645.6, 1),
    ("12:49", 769.0, 0),
    ("3.43.13", 223.13, 2),
    ("9.572", 9.572, 3),
    ("75:00", 4500.0, 0),  # the leading field may be 60 or more
])
def test_parse_time(text, seconds, decimals):
    assert marks.parse_time(text) == (seconds, decimals)


@pytest.mark.parametrize("seconds,decimals,text", [
    (9.58, 2, "9.58"),
    (100.91, 2, "1:40.91"),
    (7235, 0, "2:00:35"),
    (7235, 2, "2:00:35.00"),
    (13.3, 1, "13.3"),
    (769, 0, "12:49"),
    (4645.6, 1, "1:17:25.6"),
    (43.13, 2, "43.13"),
    (43.129999999, 2, "43.13"),  # float noise never shows
    (59.999, 2, "1:00.00"),  # rounding carries into the minutes
    (3599.996, 2, "1:00:00.00"),  # ... and into the hours
    (60, 2, "1:00.00"),
    (3600, 0, "1:00:00"),
    (0.5, 2, "0.50"),
    (9.572, 3, "9.572"),
    (36000, 2, "10:00:00.00"),
])
def test_format_time(seconds, decimals, text):
    assert marks.format_time(seconds, decimals) == text


@pytest.mark.parametrize("bad", [-1, -0.01, math.inf, math.nan, None])
def test_format_time_rejects(bad):
    with pytest.raises(MarkError):
        marks.format_time(bad)


@pytest.mark.parametrize("value,event,text", [
    (100.91, "800m", "1:40.91"),
    (7235.0, "MAR", "2:00:35.00"),
    (6.3, "PV", "6.30"),
    (8.95, "LJ", "8.95"),
    (9126.0, "DEC", "9126"),
    (9125.6, "DEC", "9126"),
])
def test_format_mark(value, event, text):
    assert marks.format_mark(value, event) == text


def test_format_mark_decimals_for_times():
    assert marks.format_mark(7235.0, "MAR", decimals=0) == "2:00:35"
    assert marks.format_mark(13.3, "110mH", decimals=1) == "13.3"


hundredths = st.integers(min_value=1, max_value=TEN_HOURS_HUNDREDTHS)


def _reference_format(n: int) -> str:
    """format_time(n / 100) computed with integers only."""
    whole, frac = divmod(n, 100)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h}:{m:02d}:{s:02d}.{frac:02d}"
    if m:
        return f"{m}:{s:02d}.{frac:02d}"
    return f"{s}.{frac:02d}"


@settings(max_examples=400, deadline=None)
@given(hundredths)
def test_time_round_trip_is_exact(n):
    x = n / 100
    text = marks.format_time(x, 2)
    assert len(text.split(".")[-1]) == 2  # exactly two decimals: no 43.129999-style artifacts
    assert text == _reference_format(n)
    assert marks.parse_time(text) == (x, 2)  # exact float equality, not approx


@settings(max_examples=300, deadline=None)
@given(hundredths, st.sampled_from(["100m", "800m", "mile", "10000m", "MAR", "20kmW", "4x400"]))
def test_mark_round_trip_is_exact(n, event):
    x = n / 100
    m = marks.parse_mark(marks.format_mark(x, event), event)
    assert m.value == x
    assert m.text == marks.format_time(x, 2)
    assert marks.parse_mark(m.text, event) == m


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=TEN_HOURS_HUNDREDTHS // 10))
def test_tenths_round_trip_is_exact(n):
    x = n / 10
    assert marks.parse_time(marks.format_time(x, 1)) == (x, 1)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=36000))
def test_whole_seconds_round_trip_is_exact(n):
    assert marks.parse_time(marks.format_time(n, 0)) == (float(n), 0)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10000), st.sampled_from(["HJ", "PV", "LJ", "TJ", "SP", "DT", "HT", "JT"]))
def test_field_round_trip_is_exact(cm, event):
    x = cm / 100
    text = marks.format_mark(x, event)
    m = marks.parse_mark(text, event)
    assert m.value == x and m.text == text
    assert len(text.split(".")[-1]) == 2


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=TEN_HOURS_HUNDREDTHS - 1))
def test_format_time_orders_like_the_value(n):
    # a later time never formats to an earlier-parsing text
    a, b = marks.parse_time(marks.format_time(n / 100))[0], marks.parse_time(marks.format_time((n + 1) / 100))[0]
    assert a < b


# --- wind ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,wind", [
    ("+2.1", 2.1), ("-0.4", -0.4), ("0.0", 0.0), ("+0.0", 0.0), ("2", 2.0), (" +1.5 ", 1.5),
    ("+1,2", 1.2), ("−0.4", -0.4),  # decimal comma, unicode minus
    ("", None), ("NA", None), ("na", None), ("NWI", None), ("?", None), ("  ", None), (None, None),
    (1.2, 1.2), (-3, -3.0), (math.nan, None),
])
def test_parse_wind(text, wind):
    assert marks.parse_wind(text) == wind


@pytest.mark.parametrize("text", ["nonsense", "+2.1 m/s", "2.1.3", "w", "+", "--1", "35", "-31", "inf",
                                  50.0, -40, math.inf, True])
def test_parse_wind_rejects(text):
    with pytest.raises(MarkError):
        marks.parse_wind(text)


@pytest.mark.parametrize("wind,text", [(2.1, "+2.1"), (-0.4, "-0.4"), (0.0, "+0.0"), (None, "")])
def test_format_wind(wind, text):
    assert marks.format_wind(wind) == text


@pytest.mark.parametrize("wind,legal", [
    (None, True), (-5.0, True), (0.0, True), (1.9, True), (2.0, True),
    (2.0000000001, True),  # float noise at the limit is still legal
    (2.1, False), (2.01, False), (4.5, False),
])
def test_wind_legal(wind, legal):
    assert marks.wind_legal(wind) is legal


def test_wind_legal_on_parsed_readings():
    assert marks.wind_legal(marks.parse_wind("+2.0"))
    assert not marks.wind_legal(marks.parse_wind("+2.1"))
    assert marks.wind_legal(marks.parse_wind("NA"))


# --- ordering --------------------------------------------------------------------------------------------

# (a, b, event): a is the better mark
BETTER = [
    (9.58, 9.69, "100m"),
    (100.91, 101.11, "800m"),
    (223.13, 223.14, "mile"),
    (7235.0, 7299.0, "MAR"),
    (472.11, 473.0, "3000mSC"),
    (174.29, 175.0, "4x400"),
    (4645.6, 4700.0, "20kmW"),
    (6.30, 6.26, "PV"),
    (8.95, 8.90, "LJ"),
    (98.48, 90.0, "JT"),
    (9126.0, 9045.0, "DEC"),
    (7291.0, 7032.0, "HEP"),
]


@pytest.mark.parametrize("a,b,event", BETTER)
def test_better(a, b, event):
    assert marks.better(a, b, event)
    assert not marks.better(b, a, event)
    assert not marks.better(a, a, event)


@pytest.mark.parametrize("a,b,event", BETTER)
def test_sort_key_puts_best_first(a, b, event):
    assert sorted([b, a], key=lambda v: marks.sort_key(v, event)) == [a, b]
    assert marks.sort_key(a, event) < marks.sort_key(b, event)


def test_sort_key_follows_the_event_kind():
    for code, event in ev.EVENTS.items():
        if event.kind in (ev.FIELD, ev.COMBINED):
            assert marks.sort_key(5.0, code) == -5.0, code
        else:
            assert marks.sort_key(5.0, code) == 5.0, code


def test_sort_a_list():
    times = [marks.parse_mark(t, "1500m").value for t in ["3:28.32", "3:26.00", "3:27.65"]]
    assert [marks.format_time(t) for t in sorted(times, key=lambda v: marks.sort_key(v, "1500m"))] == [
        "3:26.00", "3:27.65", "3:28.32"]
    jumps = [marks.parse_mark(t, "PV").value for t in ["6.1", "6.26", "6.2"]]
    assert [marks.format_mark(j, "PV") for j in sorted(jumps, key=lambda v: marks.sort_key(v, "PV"))] == [
        "6.26", "6.20", "6.10"]


# --- same_mark -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b,event,same", [
    ("3:43.13", "3.43.13", "mile", True),
    ("3:43.13", "223.13", "mile", True),
    ("3:43.13", "3:43.14", "mile", False),
    ("6.3", "6.30", "PV", True),
    ("6.3", "6.31", "PV", False),
    ("8,95", "8.95", "LJ", True),
    ("9.58", "9.58w", "100m", True),  # flags are not part of the value
    ("7.17i", "7.17", "LJ", True),
    ("9126", "9126", "DEC", True),
    ("9126", "9125", "DEC", False),
    ("2:00:35", "2:00:35.00", "MAR", True),
    ("DNF", "dnf", "100m", True),
    ("DSQ", "DQ", "100m", True),
    ("DNF", "DNS", "100m", False),
    ("DNF", "9.58", "100m", False),
    ("9.58", "NM", "100m", False),
    ("abc", "abc", "100m", False),  # unreadable marks are never the same
    ("9.58", "abc", "100m", False),
    ("1:75.00", "1:75.00", "800m", False),
])
def test_same_mark(a, b, event, same):
    assert marks.same_mark(a, b, event) is same
    assert marks.same_mark(b, a, event) is same
