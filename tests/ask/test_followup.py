"""Follow-up questions in the engine (bot/ask/followup.py): each turn of a conversation, built on the one before,
answers exactly what the same question asked in full answers; a question that stands on its own ignores the
context; what was carried is said; a Query survives JSON with every slot."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.ask.answer import ANSWERED, Answer
from bot.ask.query import Previous, Query, Question, Subject

# Each turn: (what is typed, the same question in full: text, or built from the answers so far)
Full = str | Callable[[list[Answer]], str] | None


def subject(answers: list[Answer], sex: str | None = None) -> str:
    """The name of whom the latest answers were about (of a sex): what a pronoun must mean."""
    for a in reversed(answers):
        for s in a.subjects:
            if sex is None or s.sex == sex:
                return s.name
    raise AssertionError("no subject")


CONVERSATIONS: dict[str, list[tuple[str, Full]]] = {
    "race": [
        ("who won pre 2024 mile", None),
        ("and who was third?", "who was third in pre 2024 mile"),
        ("what about 2023?", "who was third in pre 2023 mile"),
        ("who won?", "who won pre 2023 mile"),
        ("his pb?", lambda a: f"{subject(a, 'M')} mile pb"),
        ("josh kerr vs him", lambda a: f"josh kerr vs {subject(a, 'M')}"),
    ],
    "issue": [      # the conversation of the issue, its pronouns meaning whom the data says
        ("who won pre 2024 mile", None),
        ("his pb?", lambda a: f"{subject(a, 'M')} mile pb"),
        ("ingebrigtsen vs him", lambda a: f"ingebrigtsen vs {subject(a, 'M')}"),
    ],
    "results": [    # the kind of race answer is the new question's (it once kept answering the results)
        ("results pre 2024 mile", None),
        ("and who was third?", "who was third in pre 2024 mile"),
        ("the podium?", "pre 2024 mile podium"),
        ("full results?", "results pre 2024 mile"),
        ("and 2023?", "results pre 2023 mile"),
        ("who won?", "who won pre 2023 mile"),
    ],
    "national": [   # a nation said after a record is that nation's record, as "british mile record" reads
        ("mile world record", None),
        ("british?", "british mile record"),
        ("and the kenyan?", "kenyan mile record"),
        ("women?", "kenyan women's mile record"),
        ("the progression?", "kenyan women's mile record progression"),
    ],
    "championship": [
        ("who won the olympic 1500 in 2021", None),
        ("what about 2024?", "who won the olympic 1500 in 2024"),
        ("women's?", "who won the women's olympic 1500 in 2024"),
        ("silver?", "who won silver in the women's olympic 1500 in 2024"),
        ("the podium?", "podium of the women's olympic 1500 in 2024"),
        ("her medals?", lambda a: f"how many medals does {subject(a, 'W')} have"),
    ],
    "pb": [
        ("josh kerr mile pb", None),
        ("what about the 1500?", "josh kerr 1500 pb"),
        ("and yared nuguse?", "yared nuguse 1500 pb"),
        ("his sb in 2023?", "yared nuguse 1500 sb 2023"),
    ],
    "record": [
        ("mile world record", None),
        ("the women's?", "women's mile world record"),
        ("what about the 1500?", "women's 1500 world record"),
        ("who held it before?", "previous women's 1500 world record"),   # the record before the current one
        ("her pb?", lambda a: f"{subject(a, 'W')} 1500 pb"),
    ],
    "world_lead": [
        ("1500 world lead 2024", None),
        ("what about 2023?", "men's 1500 world lead 2023"),
        ("the women's?", "women's 1500 world lead 2023"),
        ("her pb?", lambda a: f"{subject(a, 'W')} 1500 pb"),
    ],
    "h2h": [
        ("josh kerr vs jakob ingebrigtsen", None),
        ("and yared nuguse?", "josh kerr vs yared nuguse"),
        ("in 2024?", "josh kerr vs yared nuguse 2024"),
    ],
    "profile": [
        ("who is cole hocker", None),
        ("his pb?", "cole hocker pb"),
        ("how many medals does he have", "how many medals does cole hocker have"),
        ("what about jakob ingebrigtsen?", "how many medals does jakob ingebrigtsen have"),
    ],
    "rank": [
        ("where does josh kerr rank all time in the mile", None),
        ("what about the 1500?", "where does josh kerr rank all time in the 1500"),
        ("and yared nuguse?", "where does yared nuguse rank all time in the 1500"),
    ],
    "count": [
        ("how many sub 4 miles has josh kerr run", None),
        ("and yared nuguse?", "how many sub 4 miles has yared nuguse run"),
        ("how about sub 3:50?", "how many sub 3:50 miles has yared nuguse run"),
    ],
    "threshold": [
        ("how many men have broken 3:30 in the 1500", None),
        ("women?", "how many women have broken 3:30 in the 1500"),
        ("what about 4:00?", "how many women have broken 4:00 in the 1500"),
    ],
    "age_record": [
        ("youngest olympic 1500 champion", None),
        ("women's?", "youngest olympic women's 1500 champion"),
        ("what about the 800?", "youngest olympic women's 800 champion"),
    ],
    "win_count": [
        ("armand duplantis dl wins", None),
        ("what about faith kipyegon?", "faith kipyegon dl wins"),
    ],
    "quote": [
        ("what did josh kerr say about jakob ingebrigtsen", None),
        ("what about ingebrigtsen?", "what did josh kerr say about jakob ingebrigtsen"),
    ],
    "event_carried": [     # a record or list asked with no event is of the previous question's event (and sex)
        ("faith kipyegon 800 pb", None),
        ("world record?", "women's 800 world record"),
        ("who held it before?", "previous women's 800 world record"),   # the record before the current one
    ],
    "list_after_lead": [
        ("100 world lead 2024", None),
        ("all time list?", "men's 100 all time list"),
    ],
    "all_time": [
        ("fastest women's 800 ever", None),
        ("what about the mile?", "fastest women's mile ever"),
        ("men's?", "fastest men's mile ever"),
        ("and the 1500?", "fastest men's 1500 ever"),
    ],
}


def talk(engine, turns: list[str], previous: Previous | None = None) -> list[Answer]:
    """Ask each turn after the last answered one, as the bot's respond layer does."""
    answers = []
    for text in turns:
        answer = engine.answer_now(Question(text, after=previous))
        if answer.status == ANSWERED and answer.asked is not None:
            previous = Previous(answer.asked, answer.subjects)
        answers.append(answer)
    return answers


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_each_turn_answers_as_the_question_in_full(engine, name):
    turns = CONVERSATIONS[name]
    answers = talk(engine, [t for t, _ in turns])
    for k, ((typed, full), answer) in enumerate(zip(turns, answers, strict=True)):
        assert answer.status == ANSWERED, (typed, answer.headline)
        if full is None:
            assert not any(n.startswith("Following on") for n in answer.notes)
            continue
        question = full if isinstance(full, str) else full(answers[:k])
        alone = engine.answer_now(question)
        assert alone.status == ANSWERED, (question, alone.headline)
        assert (answer.intent, answer.headline) == (alone.intent, alone.headline), (typed, question)
        assert [r.to_json() for r in answer.rows] == [r.to_json() for r in alone.rows], (typed, question)
        # what was carried is said first
        assert answer.notes[0].startswith(f"Following on from “{turns[k - 1][0]}”"), answer.notes


def test_the_carry_over_is_said_in_words(engine):
    answers = talk(engine, ["who won pre 2024 mile", "and who was third?", "his pb?"])
    assert answers[1].notes[0] == ("Following on from “who won pre 2024 mile”: Prefontaine Classic 2024, men's "
                                   "mile, 3rd place.")
    third = answers[1].subjects[0].name
    assert answers[1].headline.startswith(third)
    assert f"“his” read as {third}" in answers[2].notes[0]


@pytest.mark.parametrize("first,turn,full", [
    ("who won the olympic 100m in 2024", "what was the wind?", "what was the wind in the olympic 100m in 2024"),
    ("who was third in the olympic 100m in 2024", "wind?", "wind for third in the olympic 100m in 2024"),
    ("fastest 100m of 2024", "and the wind?", "fastest 100m of 2024 wind"),
    ("bolt 100m pb", "the wind?", "bolt 100m pb wind"),
])
def test_the_wind_asked_after_an_answer_is_that_answers_wind(engine, first, turn, full):
    # "what was the wind?" asks about the mark just answered, never a question of its own (it once gave the
    # event's world record)
    answer = talk(engine, [first, turn])[1]
    alone = engine.answer_now(full)
    assert (answer.intent, answer.headline) == (alone.intent, alone.headline), (turn, full)
    [wind] = [n for n in alone.notes if n.startswith("Wind for")]
    assert wind in answer.notes


@pytest.mark.parametrize("first,turn", [("fastest 100m of 2024", "the results?"), ("kerr mile pb", "who won?"),
                                        ("mile world record", "the podium?"), ("kerr vs ingebrigtsen", "who won?")])
def test_a_race_question_after_an_answer_about_no_race_is_not_answered_as_something_else(engine, first, turn):
    # no race was asked, so none to build on: never the event's record or the previous answer again
    before, after = talk(engine, [first, turn])
    assert after.status != ANSWERED, (turn, after.intent, after.headline)
    assert after.headline != before.headline


def test_the_wind_of_an_event_without_wind_says_so(engine):
    answer = talk(engine, ["who won pre 2024 mile", "what was the wind?"])[1]
    assert answer.intent == "winner" and answer.headline.startswith("Josh Kerr won")
    assert any(n.startswith("No wind is read in the men's mile") for n in answer.notes), answer.notes


@pytest.mark.parametrize("question", ["bolt age when he set the 100m world record",
                                      "how fast did kipyegon run when she won the 1500 in paris",
                                      "what did jakob say when he lost to kerr"])
def test_a_subject_pronoun_after_a_name_is_that_athlete(engine, question):
    # "he" in "bolt … when he set" is Bolt, not whom the previous answer was about
    before = talk(engine, ["who won pre 2024 mile"])[0]
    after = engine.answer_now(Question(question, after=Previous(before.asked, before.subjects)))
    alone = engine.answer_now(question)
    assert (after.status, after.intent, after.headline) == (alone.status, alone.intent, alone.headline)
    assert not any("read as" in n and n.startswith("Following on") for n in after.notes), after.notes


def test_a_pronoun_means_the_latest_subject_of_its_sex(engine):
    # the women's race in between: "his" is still the man of the question before
    answers = talk(engine, ["who won the olympic 1500 in 2024", "women's?", "his pb?", "her pb?"])
    man, woman = answers[0].subjects[0], answers[1].subjects[0]
    assert (man.sex, woman.sex) == ("M", "W")
    assert answers[2].headline.startswith(f"{man.name}'s") and answers[3].headline.startswith(f"{woman.name}'s")


@pytest.mark.parametrize("question", ["who won pre 2024 mile", "women's 1500 world record", "kerr vs ingebrigtsen",
                                      "who is cole hocker", "olympic 800 2024 podium", "thanks"])
def test_a_question_that_stands_alone_ignores_the_context(engine, question):
    before = talk(engine, ["who was third in the olympic 1500 in 2021"])[0]
    previous = Previous(before.asked, before.subjects)
    with_context = engine.answer_now(Question(question, after=previous))
    alone = engine.answer_now(question)
    assert with_context.to_json() == alone.to_json()
    assert with_context.notes == alone.notes


@pytest.mark.parametrize("before", ["who won pre 2024 mile", "josh kerr mile pb", "women's mile world record"])
def test_every_gold_question_answered_alone_answers_the_same_after_a_question(engine, before):
    """The gold questions stand on their own: asked after another question, each answered one is answered
    exactly as before ("who ran 9.58", "3:30 1500 in mile", "what did jakob say about his competitors")."""
    from tests.ask import gold
    first = engine.answer_now(before)
    previous = Previous(first.asked, first.subjects)
    differ = []
    for question in dict.fromkeys(e["q"] for e in gold.load()):
        alone = engine.answer_now(question)
        if alone.status != ANSWERED:
            continue
        after = engine.answer_now(Question(question, after=previous))
        if (after.to_json(), after.notes, after.next) != (alone.to_json(), alone.notes, alone.next):
            differ.append(question)
    assert not differ, differ[:10]


def test_no_subject_no_pronoun_reading(engine):
    # a pronoun with nothing to refer to is the question as before
    previous = Previous(Query("record", "mile world record", events=("mile",), cues=frozenset({"record"})))
    assert engine.answer_now(Question("his pb", after=previous)).to_json() == engine.answer_now("his pb").to_json()


def test_a_race_answer_offers_the_natural_next_questions(engine):
    answer = engine.answer_now("who won the olympic 1500 in 2024")
    labels = [label for label, _ in answer.next]
    assert labels[:2] == ["2nd place", "Women's race"] and labels[2].endswith(" edition")
    second = engine.answer_now(answer.next[0][1])
    assert second.headline == engine.answer_now("who was second in the olympic 1500 in 2024").headline
    assert second.notes[0].startswith("Following on from “who won the olympic 1500 in 2024”")
    women = engine.answer_now(answer.next[1][1])
    assert women.headline == engine.answer_now("who won the women's olympic 1500 in 2024").headline
    year = int(labels[2].split()[0])
    earlier = engine.answer_now(answer.next[2][1])
    assert earlier.headline == engine.answer_now(f"who won the olympic 1500 in {year}").headline


def test_only_races_that_were_run_are_offered(engine):
    # no women's mile at that Pre in the data: no button to a race that cannot be answered
    labels = [label for label, _ in engine.answer_now("who won pre 2024 mile").next]
    assert "Women's race" not in labels and "2nd place" in labels
    assert engine.answer_now("who won the women's mile at pre 2024").status != ANSWERED


@pytest.mark.parametrize("question,offers", [
    ("mile world record", {"Women's": "women's mile world record", "Progression": "mile world record progression"}),
    ("british mile record", {"Women's": "british women's mile record",
                             "Progression": "british mile record progression"}),
    ("women's 800 world record progression", {"Men's": "men's 800 world record progression"}),
    ("fastest 100m of 2024", {"Women's": "fastest women's 100m of 2024", "2023 season": "fastest 100m of 2023"}),
    ("fastest 400mh ever", {"Women's": "fastest women's 400mh ever"}),
])
def test_a_record_or_list_answer_offers_the_other_sex_and_what_comes_next(engine, question, offers):
    answer = engine.answer_now(question)
    assert [label for label, _ in answer.next] == list(offers), answer.next
    for label, query in answer.next:
        got, alone = engine.answer_now(query), engine.answer_now(offers[label])
        assert got.status == ANSWERED and (got.intent, got.headline) == (alone.intent, alone.headline), label


@pytest.mark.parametrize("question", ["all time 110mh list", "kerr mile pb"])
def test_no_button_to_a_list_that_cannot_be_answered(engine, question):
    # no women's 110 m hurdles: no "Women's" button; an athlete's answer is not an event's list
    assert engine.answer_now(question).next == []


def test_an_event_with_only_an_indoor_record_answers_with_it_and_says_so(engine):
    answer = engine.answer_now("men's heptathlon world record")
    indoor = engine.answer_now("men's heptathlon indoor world record")
    assert answer.status == ANSWERED and answer.rows[0].mark == indoor.rows[0].mark
    assert "Indoors: I have no outdoor world record for the men's heptathlon." in answer.notes


def test_query_json_round_trips_every_slot_type():
    query = Query(
        "place", "who was 3rd", athletes=(14, 7), events=("mile",), event_choices=(("100mH", "110mH"),),
        sex="W", meet="OG", meet_by_city="tokyo", meets=("OG", "WCH"), city_years=((2021, "OG"), (2025, "WCH")),
        year=2021, years=(2021, 2025), place=3, round="F", indoor=False, road=True, scope="national",
        region="GBR", nation="KEN", medal="gold", limit=10, marks=("3:30",), threshold="4", date=(7, 7),
        date_year=1999, decade=1980, cues=frozenset({"win", "before"}), quote_terms=("ego",),
        assumptions=("said once",))
    back = Query.from_json(query.to_json())
    assert back == query and hash(back) == hash(query)
    assert back.assumptions == ()          # said with the answer already given, never again
    for name in ("event_choices", "city_years", "date", "cues"):
        assert type(getattr(back, name)) is type(getattr(query, name)), name
    assert Query.from_json(Query("pb", "kerr pb").to_json()) == Query("pb", "kerr pb")
    kept = Previous(query, (Subject(14, "Some One", "W"), Subject(7, "Other", None)))
    assert Previous.from_json(query.to_json(), kept.subjects_json()) == kept


def test_a_context_that_cannot_be_merged_is_ignored(engine, caplog):
    # a stored context this version cannot read as slots: the question is answered on its own, never "sorry"
    broken = Previous(Query("winner", "who won", meet="DL-EUGENE", city_years=(("not a pair",),)),
                      (Subject(1, "Someone", "M"),))
    after = engine.answer_now(Question("what about 2023?", after=broken))
    assert after.to_json() == engine.answer_now("what about 2023?").to_json()
    assert "follow-up merge failed" in caplog.text


def test_last_place_and_a_pronoun_alone_are_said_plainly(engine):
    answers = talk(engine, ["who won the olympic 1500 in 2024", "who came last", "how old was he"])
    assert answers[1].notes[0].endswith("men's 1500 m, last place."), answers[1].notes[0]
    last = answers[1].subjects[0].name
    # nothing carried but the pronoun: no empty context before it
    assert answers[2].notes[0] == f"Following on from “who came last”: “he” read as {last}.", answers[2].notes[0]


def test_the_context_names_only_the_athletes_carried_and_the_sex_not_found(engine):
    answers = talk(engine, ["who won pre 2024 mile", "his pb?", "ingebrigtsen vs him"])
    kerr = answers[0].subjects[0].name
    # named in the question itself: not said as carried; the pronoun's athlete is said with the pronoun
    assert answers[2].notes[0] == f"Following on from “his pb?”: “him” read as {kerr}.", answers[2].notes[0]
    women = talk(engine, ["who won pre 2023 mile", "the women's?"])[1]
    alone = engine.answer_now("who won the women's mile at pre 2023")
    assert (women.status, women.headline) == (alone.status, alone.headline)
    if women.status != ANSWERED:
        # a race of the other sex the data does not hold is said with its sex
        assert "women's mile" in women.headline, women.headline
