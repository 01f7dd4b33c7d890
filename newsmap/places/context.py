"""The words around a name: word lists (titles, speech and action verbs, settlement and region words,
natural features, calendar words), English word frequency, and small readers of the text beside a span.
"""

from __future__ import annotations

import calendar
import re

from newsmap.gazetteer import Gazetteer, TextToken
from newsmap.places.mention import Mention


_SENTENCE_END = ".!?\n"


_OPENERS = "\"'“‘(["


_JOINERS = re.compile(r"[ \u00a0]?|-|[ ]?[-–][ ]?|\.[ ]?|['’ʼ`]")


PERSON_TITLES = frozenset(
    """president mayor governor minister secretary senator sen rep representative mr mrs ms miss dr
    gen general col colonel lt lieutenant sgt sergeant capt captain maj major adm admiral judge justice
    chancellor premier king queen prince princess pope spokesman spokeswoman spokesperson leader
    commander chief officer coach director ambassador envoy prosecutor attorney lawyer professor prof
    sheriff deputy councilman councilwoman councillor councilor rev reverend father sister brother
    st. st saint sir lord lady dame mp chairman chairwoman chair ceo founder actor actress singer
    journalist reporter correspondent""".split()
)


# Title words that are also everyday adjectives or nouns in lower case.
_ALSO_ADJECTIVES = frozenset("major general chief senior leader head deputy brother sister father saint".split())


LOCATIVE_CUES = frozenset(
    "in near at from to outside into across around toward towards via of over under inside off".split()
)


SETTLEMENT_WORDS = frozenset("town city village settlement hamlet suburb township municipality capital".split())


REGION_WORDS = frozenset("region regions oblast oblasts province provinces state states governorate district".split())


SPEECH_VERBS = frozenset(
    """said says say announced announces claimed claims denied denies accused accuses insisted insists
    warned warns wants wanted demanded demands rejected rejects responded responds agreed agrees refused
    refuses blamed blames believes believed hopes hoped vowed vows argued argues maintains maintained
    condemned condemns urged urges threatened threatens pledged pledges promised promises confirmed
    confirms stated states reiterated signalled signaled sought seeks proposed proposes offered offers
    welcomed welcomes criticised criticized protested protests recalled expelled sanctioned acknowledged
    acknowledges admitted admits""".split()
)


ACTION_VERBS = frozenset(
    """struck strikes launched launches attacked attacks fired fires pounded pounds shelled shells
    invaded invades targeted targets bombed bombs deployed deploys annexed annexes mobilised mobilized
    retaliated retaliates mounts mounted mounting""".split()
)


AUXILIARIES = frozenset("has have had would will is was has also had also".split())


GOVERNMENT_NOUNS = frozenset(
    """forces troops army military government officials leadership delegation delegations position
    demands war invasion offensive allies authorities president leader regime negotiators envoy
    ambassador navy ministry administration defence defense foreign security intelligence air
    parliament diplomats diplomacy stance proposal response aggression attacks strikes missiles drones
    soldiers control""".split()
)


METONYMY_HEADS = frozenset(
    """delegations delegation talks negotiators envoys officials relations ties agreement deal dialogue
    representatives negotiations meeting summit contacts tensions""".split()
)


NATURAL_FEATURES = frozenset(
    """river lake sea mountain mountains valley island islands bay beach gulf strait peninsula coast
    desert hills hill heights falls springs creek ocean canal reservoir forest park street avenue road
    boulevard square bridge airport station highway""".split()
)


# "Lviv, Kharkiv and ": the names of a list before its last item
LIST_BEFORE = re.compile(
    r"(?:[A-Z][\w’'-]*(?:[ \u00a0-](?:[A-Z]|al-|el-|ad-|as-|ash-|de |du |la )[\w’'-]*){0,3}(?:,? and |, | or ))+$")


# "Lake Chad", "the River Nile", "Jabal al-Zawiya": a feature named after a place, and often far from it. ("The Gulf of
# Aden", "the Sea of Azov" are left to the port they are named after, which lies on them.)
_FEATURE_BEFORE = re.compile(r"\b(?:Lake|Mount|Mt\.?|River|Jabal|Jebel|Djebel)[ \u00a0](?:(?:al|el|ad|ash|as|an|ar)[- ])?$")
_WORD_AFTER = re.compile(r"[ \u00a0]([A-Z][a-z]+)\b")
# not streets, bridges or airports: those lie in the place they are named after
_TERRAIN = frozenset("river lake mountain mountains canal reservoir heights".split())


def natural_feature_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the lake, river or mountain whose name the match is part of ("Lake Chad", "the
    Dnipro River", also in a title-case headline), if it is: a feature, not the place it is named after."""
    before = _FEATURE_BEFORE.search(text[max(0, start - 12):start])
    if before:
        return start - (len(text[max(0, start - 12):start]) - before.start()), end
    after = _WORD_AFTER.match(text, end, end + 20)
    if after and after.group(1).lower() in _TERRAIN:
        return start, after.end()
    return None


ADMIN2_WORDS = frozenset("county parish borough".split())
# "Ye-U Township", "Bokkos LGA", "Kutum Locality": a district named after its town (Myanmar townships,
# Nigerian LGAs, Sudanese localities), not an organisation's name. Not a suffix to strip before a
# lookup, as ADMIN2_WORDS are: a US "X Township" is a place of its own, not the namesake town X.
TOWN_DISTRICT_WORDS = ADMIN2_WORDS | frozenset("township locality lga".split())


_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.month_name[1:], *calendar.day_name, *calendar.month_abbr[1:], *calendar.day_abbr)
)


_ADJECTIVE_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "ic", "ine", "n")


_frequencies: Gazetteer | None = None


def _zipf(word: str) -> float:
    """English word frequency (wordfreq's Zipf scale), from the table compiled into the gazetteer."""
    if _frequencies is None:
        return 0.0
    return _frequencies.word_zipf(word)


def _use_frequencies(gazetteer: Gazetteer) -> None:
    global _frequencies
    _frequencies = gazetteer


def _words_before(text: str, start: int, n: int = 3) -> list[str]:
    chunk = text[max(0, start - 60):start]
    return re.findall(r"[\w.'’]+", chunk)[-n:]


def _words_after(text: str, end: int, n: int = 3) -> list[str]:
    chunk = text[end:end + 60]
    return re.findall(r"[\w'’]+", chunk)[:n]


def _sentence_initial(text: str, start: int, region_start: int) -> bool:
    i = start - 1
    while i >= region_start and (text[i].isspace() or text[i] in _OPENERS):
        if text[i] == "\n":
            return True
        i -= 1
    return i < region_start or text[i] in _SENTENCE_END or text[i] == ":"


def _gap_ok(text: str, a: TextToken, b: TextToken) -> bool:
    if a.end == b.start and not a.word_end:
        return True  # parts of one word ("Kam’yanka" folded to two tokens)
    return _JOINERS.fullmatch(text[a.end:b.start]) is not None


def _next_capitalised_word(text: str, end: int) -> str | None:
    m = re.match(r"[ \u00a0]([A-Z][\w’'-]*)", text[end:end + 40])
    return m.group(1) if m else None


def _previous_capitalised_word(text: str, start: int) -> str | None:
    m = re.search(r"([A-Z][\w’'-]*)[ \u00a0]$", text[max(0, start - 40):start])
    if not m or _zipf(m.group(1).lower()) >= 6.0:
        return None  # "The Kyiv Independent", "In Kherson": function words are capitalised anyway
    return m.group(1)


def _continues_list(text: str, m: Mention) -> bool:
    """"Lviv, Kharkiv and Poltava": a place followed by more list items is not a containing region."""
    return re.match(r",? (?:and|or) [A-Z]|, [A-Z]", text[m.end:m.end + 8]) is not None
