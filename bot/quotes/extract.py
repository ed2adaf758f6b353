"""Find quoted speech in article text and work out who said it.

Pipeline: paragraphs -> quote spans (a small state machine over quote marks)
-> attribution from the few words just before/after each span -> speaker
resolved against the people the article names.  Regexes have no nested
quantifiers and attribution only looks at short windows, so the work stays
linear in the size of the text.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

HIGH, LOW = "high", "low"


@dataclass(frozen=True)
class Extracted:
    text: str        # quoted speech, no quote marks, whitespace normalised
    speaker: str     # full name where the article allows, else as written
    context: str     # the paragraph around the quote, at most 300 chars
    position: int    # offset of the opening quote mark in the input
    confidence: str  # "high": an attribution verb ties speaker and quote
    # Raw (start, end) of each quoted piece; a quote split by its attribution
    # or continued across paragraphs has several. text is their normalised join.
    spans: tuple[tuple[int, int], ...] = ()
    # Contexts of the fragments of this quote repeated elsewhere (a pull-quote with its own attribution,
    # "- Jakob Ingebrigtsen on Josh Kerr"): they say whom the quote is about.
    echoes: tuple[str, ...] = ()


# --- vocabulary -------------------------------------------------------------

_VERBS = frozenset("""
    said says added adds told tells explained explains admitted admits insisted insists
    wrote writes posted joked jokes replied replies continued continues noted stated
    claimed claims remarked recalled recalls warned warns declared conceded revealed
    reflected tweeted commented quipped responded answered stressed confirmed
    acknowledged argued laughed shouted exclaimed""".split())
# "told Kerr" names the listener, so "told" can't take its subject after it.
_INVERTIBLE = _VERBS - {"told", "tells"}
# Words allowed between subject and verb: "Kerr later said", "he has said".
_ADVERBS = frozenset("later then also once previously recently simply again has had have".split())
_PRONOUNS = frozenset({"he", "she", "they"})
_DETERMINERS = frozenset({"the", "his", "her", "their"})
# "the X" descriptors that stand for a person already named ("the latter", "the 23-year-old").
_ROLES = frozenset("""latter former champion athlete runner star sprinter winner medallist
    medalist olympian holder man woman youngster veteran rival""".split())
# Between a verb and its quote, these mean indirect speech ("said that ...").
_INDIRECT = frozenset("that if whether how why what".split())

# Partial quotes in reported speech: "Kerr ..., claiming that his 'ego is pretty
# high'" / "Smith called the race 'a total disaster'". Participles take the
# sentence's subject; finite verbs the subject just before them.
_REPORT_ING = frozenset("""claiming saying calling describing insisting admitting adding
    noting suggesting explaining stating declaring warning stressing conceding joking
    revealing arguing labelling labeling branding dubbing remarking acknowledging
    telling writing""".split())
_REPORT_FINITE = _VERBS | frozenset("""called calls described describes suggested suggests
    labelled labeled branded dubbed""".split())
_FRAGMENT_WORDS = 3   # shorter partial quotes are scare quotes
_FRAGMENT_GAP = 8     # at most this many words between reporting word and fragment
_SENTENCE = 300       # chars searched back for the start of the fragment's sentence
# A quoted span right after these names a show or event ("at 'The Sunday Podcast'").
_TITLE_PREPS = frozenset("at on in from".split())
_SHOWS = frozenset("""show podcast programme program series event documentary channel
    film book album episode""".split())
# A name right after these is an object, not the subject of the sentence.
_PREPS = _TITLE_PREPS | frozenset("""of to by with about against over than for into
    behind beat beating like""".split())
_SMALL = frozenset("a an the and or of in on at to for with by from vs".split())

# Capitalised words that open sentences or clauses rather than names.
_STOP = frozenset("""A An The This That These Those It Its He She They We I You His Her
    Their Our My Your In On At For From With Without By Of To As After Before During Since
    Until When While Where If But And Or So Yet Then However Meanwhile Although Though
    Despite Having Being According Asked Speaking Last Next Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December""".split())
# Leading titles/demonyms dropped from a name ("Norwegian Jakob Ingebrigtsen").
_PREFIX = _STOP | frozenset("""Norwegian British Scottish Scot English American Kenyan
    Ethiopian Ugandan Dutch Jamaican Australian Canadian Swedish Swiss German French
    Spanish Italian Irish Welsh Olympic World European Commonwealth Champion Coach Dr Mr
    Mrs Ms Miss Sir Dame Lord Captain""".split())
# A capitalised word group containing one of these is an event/organisation, not a person.
_NOT_PERSON = _PREFIX | frozenset("""Classic Mile Games League Championships Championship
    Olympics Podcast Mag Magazine Record Records Indoor Outdoor Diamond Grand Prix Stadium
    Park University College Club Athletics Federation Association Marathon Cup Trials
    Relays Meeting Invitational Open Series Tour Final Finals Award Awards News Times Post
    Journal Sport Sports Radio Network Press Team Party Council Committee Instagram Twitter
    Facebook TikTok""".split())

_MARKS = re.compile("[\"'\u201c\u201d\u2018\u2019]")
_DOUBLE, _SINGLE = '"', "'"
_KIND = {'"': _DOUBLE, "\u201c": _DOUBLE, "\u201d": _DOUBLE,
         "'": _SINGLE, "\u2018": _SINGLE, "\u2019": _SINGLE}
_OPENERS = {_DOUBLE: '"\u201c', _SINGLE: "'\u2018"}
_OPEN_AFTER = "([{-\u2013\u2014/:"  # a straight quote right after these may open
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE = re.compile(r"\n")

_LOOKBACK = 200   # chars searched for an attribution before a quote
_LOOKAHEAD = 160  # ... and after it
_NEARBY = 600     # chars searched for a likely speaker of an unattributed quote
_MIN_WORDS = 6    # unattributed quotes shorter than this are titles/scare quotes
_CONTEXT = 300


def _norm(s: str) -> str:
    return " ".join(s.split())


# --- tokens -----------------------------------------------------------------

class _Tok(NamedTuple):
    word: str   # without a possessive 's
    start: int
    end: int    # end of the whole token, possessive included
    poss: bool


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    out = []
    for m in _WORD.finditer(text, lo, hi):
        w, poss = m.group(), False
        if w[-2:] in ("'s", "\u2019s"):
            w, poss = w[:-2], True
        elif w[-1] in "'\u2019":
            w, poss = w[:-1], True
        if w:
            out.append(_Tok(w, m.start(), m.end(), poss))
    return out


def _spaced(text: str, a: _Tok, b: _Tok) -> bool:
    """Only spaces (no punctuation, no line break) between two tokens."""
    gap = text[a.end:b.start]
    return gap.isspace() and "\n" not in gap


def _is_name(t: _Tok) -> bool:
    w = t.word
    return w[0].isupper() and not w.isupper() and w not in _STOP


def _strip_prefix(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i] in _PREFIX:
        i += 1
    return words[i:]


# --- paragraphs and quote spans -----------------------------------------------

def _paragraphs(text: str) -> list[tuple[int, int]]:
    # Blank lines separate paragraphs when the text has any (lines may be
    # hard-wrapped); otherwise every line is a paragraph, as in scraped articles.
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    out, pos = [], 0
    bounds = [(m.start(), m.end()) for m in sep.finditer(text)] + [(len(text), len(text))]
    for end, nxt in bounds:
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        pos = nxt
    return out


@dataclass
class _Raw:
    kind: str
    open: int
    para: int                 # paragraph of the opening mark
    last: int = -1            # paragraph of the closing mark
    close: int = -1
    pieces: list = field(default_factory=list)
    piece_start: int = 0


def _opens(c: str, prev: str, nxt: str) -> bool:
    if c in "\u201d\u2019" or nxt.isspace():
        return False
    if c == "\u201c":
        return True
    if c == "\u2018":
        return not prev.isalnum()
    return prev.isspace() or prev in _OPEN_AFTER  # straight: not inside a word (Kerr's, 6'2")


def _closes(c: str, prev: str, nxt: str) -> bool:
    if c in "\u201c\u2018" or prev.isspace():
        return False
    # A single mark followed by a letter is an apostrophe (Kerr's, it’s).
    return _KIND[c] == _DOUBLE or not nxt.isalnum()


def _scan(text: str, paras: list[tuple[int, int]]) -> list[_Raw]:
    quotes: list[_Raw] = []
    carry = None  # a quote still open at the end of the previous paragraph
    for pi, (a, b) in enumerate(paras):
        cur, start = None, a
        # Convention: a quote running on to the next paragraph re-opens it
        # there, with no closing mark at the end of the first.
        if carry is not None and text[a] in _OPENERS[carry.kind]:
            cur, start = carry, a + 1
            cur.piece_start = start
        carry = None
        for m in _MARKS.finditer(text, start, b):
            i = m.start()
            c = text[i]
            prev = text[i - 1] if i > a else " "
            nxt = text[i + 1] if i + 1 < b else " "
            if cur is None:
                if _opens(c, prev, nxt):
                    cur = _Raw(_KIND[c], i, pi, piece_start=i + 1)
            elif _KIND[c] != cur.kind:
                continue  # a nested quote of the other kind is part of the text
            elif _closes(c, prev, nxt):
                cur.pieces.append((cur.piece_start, i))
                cur.close, cur.last = i, pi
                quotes.append(cur)
                cur = None
            elif _opens(c, prev, nxt):
                # The earlier opener never closed: drop it, start again here.
                cur = _Raw(_KIND[c], i, pi, piece_start=i + 1)
        if cur is not None:
            cur.pieces.append((cur.piece_start, b))
            carry = cur
    return quotes


# --- subjects of attribution verbs ------------------------------------------

class _Subj(NamedTuple):
    kind: str   # "name" | "pron" | "desc"
    text: str
    pos: int
    first: int  # token index where the subject starts


def _subject_before(text: str, toks: list[_Tok], v: int) -> _Subj | None:
    """Subject of the verb toks[v], read backwards: 'Josh Kerr (later) said'."""
    j = v - 1
    for _ in range(2):
        if j >= 0 and _spaced(text, toks[j], toks[j + 1]) and (
                toks[j].word in _ADVERBS or (toks[j].word.endswith("ly") and toks[j].word.islower())):
            j -= 1
    if j < 0 or not _spaced(text, toks[j], toks[j + 1]) or toks[j].poss:
        return None
    if toks[j].word.lower() in _PRONOUNS:
        return _Subj("pron", toks[j].word, toks[j].start, j)
    k = j
    while k >= 0 and j - k < 3 and _is_name(toks[k]) and (k == j or (
            not toks[k].poss and _spaced(text, toks[k], toks[k + 1]))):
        k -= 1
    if k < j and not (k >= 0 and toks[k].word.lower() == "the" and _spaced(text, toks[k], toks[k + 1])):
        words = _strip_prefix([t.word for t in toks[k + 1:j + 1]])
        return _Subj("name", " ".join(words), toks[j + 1 - len(words)].start, k + 1)
    # A descriptor: "the Norwegian", "the 23-year-old", "his coach", "Kerr's agent".
    for k in range(j, max(j - 4, -1), -1):
        if k < j and not _spaced(text, toks[k], toks[k + 1]):
            break
        if (k < j and toks[k].poss) or toks[k].word.lower() in _DETERMINERS:
            return _Subj("desc", _norm(text[toks[k].start:toks[j].end]), toks[k].start, k)
    return None


def _subject_after(text: str, toks: list[_Tok], v: int) -> tuple[_Subj, int] | None:
    """Subject following the verb toks[v]: 'said Ingebrigtsen'. Returns it and its end."""
    j = v + 1
    if j >= len(toks) or not _spaced(text, toks[v], toks[j]):
        return None
    t = toks[j]
    if t.word.lower() in _PRONOUNS:
        return _Subj("pron", t.word, t.start, j), t.end
    if t.word.lower() == "the":
        k = j
        while k + 1 < len(toks) and k - j < 3 and _spaced(text, toks[k], toks[k + 1]):
            k += 1
            if toks[k].poss:
                break
        return _Subj("desc", _norm(text[t.start:toks[k].end]), t.start, j), toks[k].end
    return _names_at(text, toks, j)


def _names_at(text: str, toks: list[_Tok], j: int) -> tuple[_Subj, int] | None:
    """Up to three capitalised words from toks[j]: 'Jakob Ingebrigtsen on ...'."""
    k = j
    while k < len(toks) and k - j < 3 and _is_name(toks[k]) and (k == j or _spaced(text, toks[k - 1], toks[k])):
        k += 1
        if toks[k - 1].poss:
            break
    if k == j:
        return None
    words = _strip_prefix([x.word for x in toks[j:k]])
    return _Subj("name", " ".join(words), toks[k - len(words)].start, j), toks[k - 1].end


def _last_subject(text: str, toks: list[_Tok]) -> _Subj | None:
    """The last 'X said' / 'said X' / 'according to X' in toks (indirect speech too)."""
    for v in range(len(toks) - 1, -1, -1):
        w = toks[v].word.lower()
        if w in _VERBS:
            s = _subject_before(text, toks, v)
            if s is None and w in _INVERTIBLE:
                s = (_subject_after(text, toks, v) or (None,))[0]
            if s is not None:
                return s
        elif w == "to" and v > 0 and toks[v - 1].word.lower() == "according":
            after = _subject_after(text, toks, v)
            if after is not None:
                return after[0]
    return None


# --- people named in the article --------------------------------------------

class _People:
    def __init__(self, text: str, inside, speakers: set[str]):
        full: list[tuple[int, str]] = []
        singles: list[tuple[int, str]] = []
        toks = _tokens(text, 0, len(text))
        i = 0
        while i < len(toks):
            if not _is_name(toks[i]):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and _is_name(toks[j]) and not toks[j - 1].poss and _spaced(text, toks[j - 1], toks[j]):
                j += 1
            words = _strip_prefix([t.word for t in toks[i:j]])
            pos = toks[j - len(words)].start
            if 2 <= len(words) <= 3 and not any(w in _NOT_PERSON or w.isupper() for w in words):
                full.append((pos, " ".join(words)))
            elif len(words) == 1 and words[0] not in _NOT_PERSON:
                singles.append((pos, words[0]))
            i = j
        # Surname (and first name) -> full mentions carrying it, in order.
        self.by_last: dict[str, list[tuple[int, str]]] = {}
        self.by_first: dict[str, list[tuple[int, str]]] = {}
        for pos, name in full:
            parts = name.split()
            self.by_last.setdefault(parts[-1], []).append((pos, name))
            self.by_first.setdefault(parts[0], []).append((pos, name))
        # Mentions outside quotes, for pronouns: people named inside someone's
        # quote aren't the "he" of the next attribution.
        mentions = [(p, n) for p, n in full if not inside(p)]
        mentions += [(p, self.resolve(w, p)) for p, w in singles
                     if not inside(p) and (w in self.by_last or w in self.by_first or w in speakers)]
        mentions.sort()
        self.mentions = mentions
        self.mention_pos = [p for p, _ in mentions]

    def resolve(self, name: str, pos: int) -> str:
        """'Kerr' -> 'Josh Kerr' when the article gives the full name."""
        if " " in name:
            return name
        seen = self.by_last.get(name) or self.by_first.get(name)
        if not seen:
            return name
        if all(n == seen[0][1] for _, n in seen):
            return seen[0][1]
        # Several people share it (the Ingebrigtsen brothers): the nearest full
        # mention before this point decides; none before -> leave it as written.
        k = bisect.bisect_left(seen, (pos,))
        return seen[k - 1][1] if k else name

    def before(self, pos: int, lo: int = 0, skip: str | None = None) -> str | None:
        """The most recently named person before pos (not earlier than lo)."""
        k0 = bisect.bisect_left(self.mention_pos, pos)
        for k in range(k0 - 1, max(k0 - 50, 0) - 1, -1):  # bounded: keeps big inputs linear
            p, name = self.mentions[k]
            if p < lo:
                break
            if name != skip:
                return name
        return None

    def speaker(self, s: _Subj, pos: int) -> tuple[str, bool]:
        """(speaker, resolved?) for a subject; pronouns look back from pos."""
        if s.kind == "name":
            return self.resolve(s.text, s.pos), True
        words = s.text.split()
        if s.kind == "pron" or (words[0].lower() == "the" and len(words) > 1 and (
                words[-1].lower() in _ROLES or words[-1].endswith("-old")
                or (words[-1][0].isupper() and not words[-1].isupper()))):
            if words[-1].lower() == "former":
                latest = self.before(pos)
                found = self.before(pos, skip=latest) if latest else None
            else:
                found = self.before(pos)
            return (found, True) if found else (s.text, False)
        return s.text, True  # "his coach": explicit, but no name to give


# --- attribution -------------------------------------------------------------

def _after(text: str, q: _Raw, hi: int) -> tuple[_Subj, int] | None:
    """Attribution right after the closing mark: '," Kerr said' / '" - Jakob Ingebrigtsen'.
    Returns the subject and where the attribution ends."""
    lo = q.close + 1
    toks = _tokens(text, lo, min(hi, lo + _LOOKAHEAD))
    if not toks:
        return None
    lead = text[lo:toks[0].start]
    dash = lead.strip()
    if dash and set(dash) <= set("-\u2013\u2014") and lead[0].isspace():
        return _names_at(text, toks, 0)  # headline style: "..." - Jakob Ingebrigtsen on ...
    if lead.strip(" \t,;"):
        return None
    inner = text[q.pieces[-1][0]:q.pieces[-1][1]].rstrip()
    # '"greatest rivalry" he said he had seen' is not a finished utterance.
    if "," not in lead and not inner.endswith((",", ".", "!", "?", "\u2026", "\u2014", "\u2013", "-", ":", ";")):
        return None
    w = toks[0].word.lower()
    if w in _INVERTIBLE:
        return _subject_after(text, toks, 0)
    if w == "according" and len(toks) > 1 and toks[1].word.lower() == "to":
        return _subject_after(text, toks, 1)
    for v in range(1, min(len(toks), 7)):
        if toks[v].word.lower() in _VERBS:
            s = _subject_before(text, toks, v)
            return (s, toks[v].end) if s and s.first == 0 else None
    return None


def _clause_start(text: str, lo: int, i: int) -> int:
    """Start of the sentence that runs up to offset i (not before lo)."""
    for j in range(i - 1, lo, -1):
        if text[j] in ".!?" and text[j + 1].isspace():
            return j + 1
    return lo


def _before(text: str, lo: int, q: _Raw) -> tuple[_Subj, int] | None:
    """Attribution leading into the quote: 'Kerr said:' / 'X wrote on Instagram:'.
    Returns the subject and the end of the verb."""
    toks = _tokens(text, lo, q.open)
    lead_in = text[toks[-1].end:q.open].strip() if toks else ""
    for v in range(len(toks) - 1, max(len(toks) - 8, -1), -1):
        w = toks[v].word.lower()
        if w not in _VERBS:
            continue
        s = _subject_before(text, toks, v)
        gap = toks[v + 1:]
        if s is None and w in _INVERTIBLE:
            after = _subject_after(text, toks, v)
            if after:
                s = after[0]
                gap = [t for t in gap if t.start >= after[1]]
        if s is None:
            return None
        # "said that the race was "x"" is indirect speech, not an attribution;
        # a complement ("told the BBC") must end in ':' or ','.
        if len(gap) > 6 or any(t.word.lower() in _INDIRECT for t in gap):
            return None
        ok = lead_in.endswith((":", ",")) if gap else lead_in in ("", ":", ",")
        return (s, toks[v].end) if ok else None
    return None


def _joins(text: str, q: _Raw, att_end: int, nq: _Raw) -> bool:
    """'"I ...," he said, "and ..."': the second half continues the first."""
    first = text[q.pieces[-1][0]:q.pieces[-1][1]].rstrip()
    between = text[att_end:nq.open]
    return (nq.kind == q.kind and first.endswith((",", "\u2014", "\u2013", "-", "\u2026", "..."))
            and between.strip().endswith(",") and len(between.split()) <= 6
            and not any(c in between for c in ".!?:;\n"))


# --- output --------------------------------------------------------------------

def _context(text: str, a: int, b: int, pos: int) -> str:
    if b - a <= 2 * _CONTEXT:  # only short paragraphs are normalised whole: keeps this O(window)
        s = _norm(text[a:b])
        if len(s) <= _CONTEXT:
            return s
    lo, hi = max(a, pos - 100), min(b, pos + 400)
    words = text[lo:hi].split()
    if lo > a:
        words = ["\u2026"] + words[1:]
    out = " ".join(words)
    if len(out) > _CONTEXT or hi < b:
        out = out[:_CONTEXT - 1].rsplit(" ", 1)[0] + "\u2026"
    return out


def _quote_text(text: str, pieces: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    pieces = list(pieces)
    s, e = pieces[-1]
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1  # the comma before an attribution stands for a full stop
    pieces[-1] = (s, e)
    return " ".join(n for n in (_norm(text[s:e]) for s, e in pieces) if n), tuple(pieces)


def _key(t: str) -> str:
    return t.casefold().rstrip(".,\u2026!? ")


def extract(text: str) -> list[Extracted]:
    """Every attributed quote in text, in order of appearance."""
    if not text or not _MARKS.search(text):
        return []
    paras = _paragraphs(text)
    raws = _scan(text, paras)
    if not raws:
        return []
    opens = [q.open for q in raws]

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(opens, pos) - 1
        return k >= 0 and pos <= raws[k].close

    # Pass 1: explicit attributions, joining quotes split by theirs.
    tails: list[tuple[int, int]] = []
    # (quote, subject or None, subject_is_before_quote, pre-clause start)
    items: list[tuple[_Raw, _Subj | None, bool, int]] = []
    prev_close, i = -1, 0
    while i < len(raws):
        q = raws[i]
        a, b = paras[q.last]
        nq = raws[i + 1] if i + 1 < len(raws) and raws[i + 1].para == q.last else None
        att = _after(text, q, nq.open if nq else b)
        if att and nq and _joins(text, q, att[1], nq):
            q = _Raw(q.kind, q.open, q.para, nq.last, nq.close, q.pieces + nq.pieces)
            i += 1
        pa = paras[q.para][0]
        cs = _clause_start(text, max(pa, prev_close + 1, q.open - _LOOKBACK), q.open)
        subj: _Subj | None
        if att:
            subj, pre = att[0], False
            # Who an attribution names after its verb ("said of Josh Kerr")
            # is the listener or topic, never the next "he".
            hi = raws[i + 1].open if i + 1 < len(raws) and raws[i + 1].para == q.last else b
            end = att[1]
            while end < min(hi, att[1] + _LOOKAHEAD) and text[end] not in ".!?":
                end += 1
            tails.append((att[1], end))
        else:
            bf = _before(text, cs, q)
            subj, pre = (bf[0], True) if bf else (None, True)
            if bf:
                tails.append((bf[1], q.open))
        items.append((q, subj, pre, cs))
        prev_close = q.close
        i += 1

    tail_starts = [t[0] for t in tails]

    def hidden(pos: int) -> bool:
        k = bisect.bisect_right(tail_starts, pos) - 1
        return inside(pos) or (k >= 0 and pos < tails[k][1])

    people = _People(text, hidden, {s.text for _, s, _, _ in items if s and s.kind == "name"})

    out: list[Extracted | None] = []
    explicit: list[tuple[str, str]] = []  # (comparison key, speaker) of attributed quotes
    for q, subj, pre, _cs in items:
        body, spans = _quote_text(text, q.pieces)
        if not any(ch.isalnum() for ch in body):
            out.append(None)
            continue
        a, b = paras[q.para]
        conf, speaker = HIGH, ""
        if subj is not None:
            speaker, ok = people.speaker(subj, subj.pos if pre else q.open)
            conf = HIGH if ok else LOW
        extracted = Extracted(body, speaker, _context(text, a, b, q.open), q.open, conf, spans)
        out.append(extracted)
        if subj is not None and conf == HIGH:
            explicit.append((_key(body), extracted.speaker))

    # Pass 2: unattributed quotes, in order, so a follow-on can inherit.
    result: list[Extracted] = []
    last_para: dict[int, Extracted] = {}  # paragraph -> last accepted quote in it
    for (q, subj, _pre, cs), e in zip(items, out, strict=True):  # one entry in out per item
        if e is None:
            continue
        if subj is None:
            found = _unattributed(text, paras, q, cs, e, people, inside, explicit, last_para)
            if found is None:
                continue
            speaker, ctx = found  # ctx: the sentence, for a partial quote
            e = Extracted(e.text, speaker, ctx or e.context, e.position, LOW, e.spans)
        result.append(e)
        last_para[q.last] = e
    return _without_fragments(result)


def _words_key(t: str) -> str:
    """Words only, for containment: punctuation and quote-mark styles differ between a pull-quote and the
    quote it repeats ('race, blindfolded' / 'race, blindfolded… But')."""
    return " " + " ".join(re.findall(r"\w+", t.casefold())) + " "


def _without_fragments(quotes: list[Extracted]) -> list[Extracted]:
    """A quote whose words are part of a longer one's is that quote again (a pull-quote, a repeated fragment):
    dropped. The longer one stays; an explicit attribution of the fragment to the same speaker vouches for it.
    (The same quote twice is left to the caller: articles keep it once.)"""
    keys = [_words_key(q.text) for q in quotes]
    unique = set(keys)
    inside = {k: [o for o in unique if k != o and k in o] for k in unique}
    vouch = {(o, q.speaker) for q, k in zip(quotes, keys, strict=True) if q.confidence == HIGH for o in inside[k]}
    echoes: dict[str, list[str]] = {}
    for q, k in zip(quotes, keys, strict=True):
        for o in inside[k]:
            echoes.setdefault(o, []).append(q.context)
    return [dataclasses.replace(q, confidence=HIGH if (k, q.speaker) in vouch else q.confidence,
                                echoes=tuple(echoes.get(k, ())))
            for q, k in zip(quotes, keys, strict=True) if not inside[k]]


def _unattributed(text, paras, q, cs, e, people, inside, explicit, last_para) -> tuple[str, str | None] | None:
    # "A," Kerr said. "B." -- a new sentence that is only a quote continues
    # the speaker of the quote before it in the paragraph.
    prev = last_para.get(q.para)
    if prev is not None and not text[cs:q.open].strip():
        return prev.speaker, None
    if len(e.text.split()) < _MIN_WORDS:
        # A title or scare quote, unless a named person's reported speech.
        return _fragment(text, paras, q, e, people, inside)
    # Pull quotes repeat words attributed elsewhere in the article.
    mine = _key(e.text)
    for other, speaker in explicit:
        short, long_ = (mine, other) if len(mine) <= len(other) else (other, mine)
        if len(short.split()) >= _MIN_WORDS and short in long_:
            return speaker, None
    frag = _fragment(text, paras, q, e, people, inside)
    if frag is not None:
        return frag
    # Otherwise whoever the last "X said" before it (in this or the previous
    # paragraph) is about, else the last person named there.
    lo = max(paras[max(q.para - 1, 0)][0], q.open - _NEARBY)
    toks = [t for t in _tokens(text, lo, q.open) if not inside(t.start)]
    s = _last_subject(text, toks)
    if s is not None:
        name, ok = people.speaker(s, s.pos)
        if ok:
            return name, None
    name = people.before(q.open, lo)
    return (name, None) if name else None


def _is_title(body: str) -> bool:
    """'The Sunday Podcast': every word capitalised but the small ones."""
    words = [w for w in _WORD.findall(body)]
    return bool(words) and words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in _SMALL for w in words)


def _sentence_end(text: str, q: _Raw, b: int) -> int:
    inner = text[q.pieces[-1][0]:q.pieces[-1][1]].rstrip()
    if inner.endswith((".", "!", "?")) and (q.close + 1 >= b or text[q.close + 1].isspace()):
        return q.close + 1
    for j in range(q.close + 1, min(b, q.close + 1 + _LOOKAHEAD)):
        if text[j] in ".!?" and (j + 1 >= b or text[j + 1].isspace()):
            return j + 1
    return min(b, q.close + 1 + _LOOKAHEAD)


def _sentence_subject(text: str, toks: list[_Tok], upto: int, people) -> _Subj | None:
    """The named subject of the sentence toks[:upto] (quotes already left out):
    the first name not after a preposition, not possessive, not an event."""
    k = 0
    while k < upto:
        if not _is_name(toks[k]):
            k += 1
            continue
        found = _names_at(text, toks, k)
        assert found is not None, "toks[k] is a name: _names_at reads at least that word"
        s, end = found
        kk = k + 1
        while kk < len(toks) and toks[kk].start < end:
            kk += 1
        if kk > upto:
            return None
        words = s.text.split()
        nxt = toks[kk].word.lower() if kk < len(toks) and _spaced(text, toks[kk - 1], toks[kk]) else ""
        if nxt in ("and", "or"):
            return None  # "Kerr and Smith": whose words, can't tell
        opener = k == 0 and len(words) == 1 and not (
            words[0] in people.by_last or words[0] in people.by_first)  # "Earlier, ..."
        if not (toks[kk - 1].poss or opener or (k > 0 and toks[k - 1].word.lower() in _PREPS)
                or any(w in _NOT_PERSON or w.isupper() for w in words)):
            return s
        k = kk
    return None


def _fragment(text, paras, q, e, people, inside) -> tuple[str, str] | None:
    """A partial quote inside a named person's reported speech:
    'Kerr ..., claiming that his 'ego is pretty high'' -> (speaker, sentence)."""
    if len(e.text.split()) < _FRAGMENT_WORDS or len(q.pieces) != 1 or q.para != q.last:
        return None
    if _is_title(e.text):
        return None
    a, b = paras[q.para]
    lo = max(a, q.open - _SENTENCE)
    ss = _clause_start(text, lo, q.open)
    everything = _tokens(text, ss, q.open)
    if everything and not text[everything[-1].end:q.open].strip():
        w = everything[-1].word.lower()
        if w in _TITLE_PREPS:
            return None  # "at 'The Sunday Podcast'", "on 'the pod'"
        if w in _SHOWS and any(t.word.lower() in _TITLE_PREPS for t in everything[-4:-1]):
            return None  # "on the podcast 'Off the Track'"
    toks = [t for t in everything if not inside(t.start)]
    for v in range(len(toks) - 1, max(len(toks) - 1 - _FRAGMENT_GAP, 0) - 1, -1):
        w = toks[v].word.lower()
        if w in _REPORT_FINITE:
            s = _subject_before(text, toks, v)
        elif w in _REPORT_ING:
            # Only a sentence seen from its start has a subject to give.
            s = _sentence_subject(text, toks, v, people) if ss > lo or lo == a else None
        else:
            continue
        if s is None or s.kind != "name" or any(x in _NOT_PERSON for x in s.text.split()):
            return None
        return people.resolve(s.text, s.pos), _context(text, ss, _sentence_end(text, q, b), q.open)
    return None


def about(extracted: Extracted, known_names: Iterable[str]) -> list[str]:
    """Which of known_names the quote mentions, by full name or surname."""
    found = []
    for name in known_names:
        parts = name.split()
        if not parts or name in found:
            continue
        for key in {name.strip(), parts[-1]}:
            pat = re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)", re.IGNORECASE)
            # The match must be capitalised in the quote: "cram" the verb isn't Cram.
            if any(m.group()[0].isupper() for m in pat.finditer(extracted.text)):
                found.append(name)
                break
    return found


# --- the article as other readers use it (the fact checker, bot/factcheck) -----------------------------

_SENTENCE_END = re.compile(r"[.!?\u2026]+(?=[\s\"'\u201d\u2019]|\Z)")


class Article:
    """An article's paragraphs, quoted spans, sentences and the people it names, read the way the quote
    extractor reads them, so a claim's "he" or "the 23-year-old" is the person a quote's would be."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = _paragraphs(text)
        self._raws = _scan(text, self.paras) if _MARKS.search(text) else []
        self._opens = [q.open for q in self._raws]
        self.people = _People(text, self.inside, set())

    def inside(self, pos: int) -> bool:
        """Whether pos is inside quoted speech (or a quoted title)."""
        k = bisect.bisect_right(self._opens, pos) - 1
        return k >= 0 and pos <= self._raws[k].close

    def quoted(self) -> list[tuple[int, int]]:
        """(open, close) of every quoted span, quote marks included."""
        return [(q.open, q.close) for q in self._raws]

    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence, paragraph by paragraph; a full stop inside a quote or a mark
        (3:45.34) ends none, and a sentence glued to the next ("injury.Preparing") is split there."""
        out = []
        for a, b in self.paras:
            start = a
            for m in _SENTENCE_END.finditer(self.text, a, b):
                if self.inside(m.start()):
                    continue
                out.append((start, m.end()))
                start = m.end()
            if self.text[start:b].strip():
                out.append((start, b))
        # strip the spaces each sentence starts with
        return [(s + len(self.text[s:e]) - len(self.text[s:e].lstrip()), e) for s, e in out if self.text[s:e].strip()]

    def person(self, name: str, pos: int) -> str:
        """'Kerr' -> 'Josh Kerr' when the article gives the full name."""
        return self.people.resolve(name, pos)

    def named_before(self, pos: int, skip: str | None = None) -> str | None:
        """The person named most recently before pos (outside quotes)."""
        return self.people.before(pos, skip=skip)

    def named_all_before(self, pos: int) -> tuple[str, ...]:
        """Everyone named before pos (outside quotes), the latest first."""
        k = bisect.bisect_left(self.people.mention_pos, pos)
        out: list[str] = []
        for _, name in reversed(self.people.mentions[:k]):
            if name not in out:
                out.append(name)
        return tuple(out)

    def mentions(self, lo: int, hi: int) -> list[tuple[int, str]]:
        """(position, full name) of the people named between lo and hi, outside quotes."""
        k = bisect.bisect_left(self.people.mention_pos, lo)
        out = []
        while k < len(self.people.mentions) and self.people.mentions[k][0] < hi:
            out.append(self.people.mentions[k])
            k += 1
        return out
