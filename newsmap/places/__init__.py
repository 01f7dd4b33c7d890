"""Toponyms: recognise place names in an article and resolve each to a gazetteer entry.

Recognition finds every gazetteer name in the article body (and the dateline) with the gazetteer's
token Aho-Corasick automaton, keeps the longest non-overlapping matches, and then asks whether each
capitalised match is really used as a place here, from generalisable evidence only:

* how common the lower-cased word is in English (wordfreq) against how big the place is;
* sentence-initial position (a common word there is capitalised anyway);
* person-name context (a title such as "President" before it, or a following rare capitalised word,
  as in "Vladimir Putin");
* locative cues ("in", "near", "the town of", "region") that rescue common words;
* month and weekday names (stdlib ``calendar``) and national adjectives are never places.

Role: ``dateline`` for the dateline; ``metonymy`` when the place stands for its government ("Moscow
said", "Kyiv's forces", "delegations from Moscow and Kyiv"); ``organization`` when the name begins a
longer proper name ("Kyiv Independent", "Poltava Regional Military Administration" — resolved to the
place the organisation is named after); otherwise ``location``.

Resolution scores every candidate with priors (population, feature class, primary vs alternate name)
and the article's own context: the dateline's country, countries named or implied by national
adjectives, the dominant country of unambiguous mentions, "Place, Region" / "Paris, Texas" hierarchy,
admin-1 regions mentioned elsewhere, and a second pass that favours candidates close to the other
places of the article.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from newsmap import budget
from newsmap.gazetteer import (
    ADMIN1, CITY, COUNTRY, OTHER, Gazetteer, TextToken, fold, fold_tokens, tokenize,
)
from newsmap.places.not_places import group_spans, is_media_name
from newsmap.places.variants import (
    article_countries, hyphenated_names, old_name_candidates, old_name_spans, variant_mentions,
)
from newsmap.places.stated_region import IN_STATED_REGION, settlements_in_stated_regions
from newsmap.places.unlisted import unlisted_places
from newsmap.records import Article, Location, Place, Span

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
ADMIN2_WORDS = frozenset("county parish borough".split())
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


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[tuple[int, bool]]
    role: str = "location"
    prefer: int | None = None  # CITY or ADMIN1 when the wording says so
    context_entries: list[int] = field(default_factory=list)  # "Paris, Texas": the Texas candidates
    choice: int | None = None
    forced: bool = False  # the wording names a generated admin-1 form ("Poltava region")
    votes: Counter = field(default_factory=Counter)  # this mention's own country votes
    ranking: list = field(default_factory=list)  # with --explain: (entry, score, evidence), best first


# ------------------------------------------------------------------------------------------ helpers


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


def national_adjective_country(word: str, gazetteer: Gazetteer) -> str | None:
    """ISO code of the country a national adjective or demonym points to ("Ukrainian", "Lebanese",
    "Russians" -> UA, LB, RU), else None."""
    entry = adjective_entry(word, gazetteer)
    if entry is None or gazetteer.kind[entry] != COUNTRY:
        return None
    return gazetteer.country_code(entry)


def adjective_entry(word: str, gazetteer: Gazetteer) -> int | None:
    """The country or continent a demonym/adjective names ("Ukrainian", "European"), else None.

    Derived from the names themselves: the word must share the name's stem (all but at most its last
    two letters) and add a short ending."""
    cache = gazetteer.__dict__.setdefault("_adjective_cache", {})
    if word not in cache:
        if len(cache) > 50_000:
            cache.clear()
        key = fold(word).replace(" ", "")
        cache[word] = next(
            (hit for index in _adjective_index(gazetteer) if (hit := _adjective_lookup(index, key)) is not None), None
        )
        if cache[word] is None and word[:1].isupper():
            iso = gazetteer.language_adjectives.get(key) or (
                gazetteer.language_adjectives.get(key[:-1]) if key.endswith("s") and len(key) > 4 else None)
            cache[word] = gazetteer.country_entry(iso) if iso else None  # "French", "Greeks"
    return cache[word]


_DEMONYM_ENDINGS = frozenset("n an ian ean ese ish i ic iot ot ite er".split())


def _adjective_lookup(index: dict[str, tuple[int, int]], key: str) -> int | None:
    for candidate in (key, key[:-1] if key.endswith("s") else None):
        if not candidate or len(candidate) < 4:
            continue
        for k in range(len(candidate), 3, -1):
            hit = index.get(candidate[:k])
            if hit is None:
                continue
            entry, name_length = hit
            rest = candidate[k:]
            if rest in _DEMONYM_ENDINGS and k >= name_length - (3 if rest in ("ish", "ese", "ian") else 2):
                return entry  # "Ukrain|ian", "Leban|ese", "Brit|ish", "Israel|i"
            if not rest and k >= max(5, name_length - 2):
                return entry  # "Czech" (Czechia)
    return None


def _adjective_index(gazetteer: Gazetteer) -> tuple[dict[str, tuple[int, int]], ...]:
    cached = getattr(gazetteer, "_adjective_index", None)
    if cached is not None:
        return cached
    single: dict[str, set[int]] = {}
    continents: dict[str, set[int]] = {}
    edge_words: dict[str, set[int]] = {}
    for iso, names in gazetteer.country_names.items():
        entry = gazetteer.country_entry(iso)
        if entry is None:
            continue
        for name in names:
            if any(ch in name for ch in "(),"):
                continue  # "Samoa (American)", "Korea, Republic of": not a name as written in text
            words = fold(name).split()
            if len(words) == 1:
                single.setdefault(words[0], set()).add(entry)
            elif len(words) > 1:
                edge_words.setdefault(words[-1], set()).add(entry)
    for entry in _continent_entries(gazetteer):
        words = fold(gazetteer.names[entry]).split()
        if len(words) == 1:
            continents.setdefault(words[0], set()).add(entry)
    indexes: list[dict[str, tuple[int, int]]] = []
    for table in (single, continents, edge_words):
        index: dict[str, tuple[int, int]] = {}
        indexes.append(index)
        for word, entries in table.items():
            if len(entries) != 1 or len(word) < 4:
                continue  # "Guinea", "Islands", "Republic": shared by several countries
            entry = next(iter(entries))
            for k in range(max(4, len(word) - 3), len(word) + 1):
                index.setdefault(word[:k], (entry, len(word)))
    result = tuple(indexes)
    gazetteer._adjective_index = result  # type: ignore[attr-defined]
    return result


def _continent_entries(gazetteer: Gazetteer) -> list[int]:
    cached = getattr(gazetteer, "_continents", None)
    if cached is None:
        cached = [i for i, kind in enumerate(gazetteer.kind) if kind == OTHER and not gazetteer.country_code(i)]
        gazetteer._continents = cached  # type: ignore[attr-defined]
    return cached


def abbreviation_candidates(surface: str, gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    """Regions an abbreviation can stand for ("Ky." Kentucky, "W.Va." West Virginia, "BC" British
    Columbia, "SA" South Africa, "EU" Europe): admin-1 regions, countries and continents."""
    tokens = fold_tokens(surface)
    if not tokens or len("".join(tokens)) > 5 or not ("." in surface or "&" in surface or surface.isupper()):
        return []
    table = getattr(gazetteer, "_abbreviable", None)
    if table is None:
        table = []
        for index in range(len(gazetteer)):
            if gazetteer.kind[index] in (ADMIN1, COUNTRY) or gazetteer.kind[index] == OTHER and not gazetteer.country_code(index):
                words = [w for w in fold(gazetteer.names[index]).split() if w not in ("of", "the", "state", "and")]
                table.append((index, words))
        gazetteer._abbreviable = table  # type: ignore[attr-defined]

    def abbreviates(token: str, word: str) -> bool:
        if not word.startswith(token[0]):
            return False
        rest = iter(word[1:])
        return all(ch in rest for ch in token[1:])

    dotted = "." in surface and not surface.replace(".", "").replace(" ", "").isupper()
    by_initial = getattr(gazetteer, "_abbreviable_by_initial", None)
    if by_initial is None:
        by_initial = {}
        for entry, words in table:
            if words:
                by_initial.setdefault(words[0][0], []).append((entry, words))
        gazetteer._abbreviable_by_initial = by_initial  # type: ignore[attr-defined]
    found = []
    for entry, words in by_initial.get(tokens[0][0], ()):
        if dotted and gazetteer.kind[entry] == COUNTRY:
            continue  # "Ind.", "Kan.": news style abbreviates states and provinces, not countries
        if len(tokens) == len(words) and all(abbreviates(t, w) for t, w in zip(tokens, words)):
            if len(tokens) == 1 and "." not in surface and not words[0].startswith(tokens[0][:2]):
                continue  # bare capitals ("EU") begin the name they stand for: not Ecuador's "E…u"
            if len(tokens) > 1 or len(tokens[0]) >= 2:
                found.append((entry, False))
        elif len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) == len(words) > 1 and surface.isupper():
            if all(w.startswith(ch) for ch, w in zip(tokens[0], words)):
                found.append((entry, False))  # initials: "BC", "SA"
    return found


# ------------------------------------------------------------------------------------- recognition


def _raw_matches(text: str, gazetteer: Gazetteer, start: int, end: int, dateline: bool = False) -> list[Mention]:
    tokens = tokenize(text, gazetteer.vocab, start, end)
    spans: list[tuple[int, int, int]] = []
    for first, last, key_index in gazetteer.match(tokens):
        a, b = tokens[first], tokens[last - 1]
        if not a.word_start or not b.word_end:
            continue
        if not all(_gap_ok(text, tokens[i], tokens[i + 1]) for i in range(first, last - 1)):
            continue
        spans.append((a.start, b.end, key_index))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[Mention] = []
    used = bytearray(end - start + 1)
    for s, e, key_index in spans:
        if any(used[s - start:e - start]):
            continue
        surface = text[s:e]
        if not surface[0].isupper() or _lowercase_tail(surface):
            continue
        letters = [ch for ch in surface if ch.isalpha()]
        all_caps = all(ch.isupper() for ch in letters)
        if gazetteer.key_is_acronym(key_index) and not all_caps:
            continue
        candidates = gazetteer.key_entries(key_index)
        if not all_caps:
            # "Sen" is not "SEN" (Senegal's code): a country matches mixed case only by a real name.
            candidates = [c for c in candidates if gazetteer.kind[c[0]] != COUNTRY
                          or _country_written_as(gazetteer, c[0], surface)]
            if not candidates:
                continue
        if all_caps and len(letters) <= 4 and not dateline:
            # "US", "UK", "USA": only country abbreviations; other short capitals are codes.
            candidates = [c for c in candidates if gazetteer.kind[c[0]] == COUNTRY]
            if not candidates or _zipf(surface.lower()) >= 4.0 and not gazetteer.key_is_acronym(key_index):
                continue
        used[s - start:e - start] = b"\x01" * (e - s)
        taken.append(Mention(s, e, surface, candidates))
    taken.sort(key=lambda m: m.start)
    return taken


def _drop_named_things(text: str, mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """Matches inside the name of an armed group, party, organisation, holiday or weapon ("Hamas",
    "Amal", "Eid", "Iskander"), or naming a newspaper ("The Washington Post") are not places."""
    blocked = group_spans(text, start, end)
    kept = []
    for m in mentions:
        if any(s < m.end and m.start < e for s, e, _ in blocked):
            continue
        if is_media_name(text, m.start, m.end):
            continue
        kept.append(m)
    return kept


def _lowercase_tail(surface: str) -> bool:
    """"The city": a match whose later words are lower case is a phrase, not a name (name
    particles such as "of", "al-", "de" aside)."""
    words = re.split(r"[ \u00a0]+", surface)
    if len(words) < 2:
        return False
    allowed = _NAME_PARTICLES if words[0].lower() == "the" else _NAME_PARTICLES | _UNIT_WORDS
    return any(w[:1].islower() and re.split(r"[-’']", w.lower())[0] not in allowed for w in words[1:])


_NAME_PARTICLES = frozenset(
    "of the al el ad ad-d ash as at ar an az ed es et ez en er de del della di du da dos das des la le les "
    "sur sous upon on am an der den im bin ibn bint abu umm van von y e i l d".split()
)


_UNIT_WORDS = frozenset(
    "region regions oblast oblasts province provinces state states governorate district county raion rayon krai "
    "kray prefecture department territory republic okrug municipality emirate division wilaya city town village "
    "camp strip island islands valley river sea".split()
)


def _country_written_as(gazetteer: Gazetteer, entry: int, surface: str) -> bool:
    key = fold(surface)
    return any(fold(name) == key for name in gazetteer.country_names.get(gazetteer.country_code(entry), ())
               if not name.replace(".", "").replace(" ", "").isupper())


COMPASS_WORDS = frozenset(
    """north south east west northeast northwest southeast southwest central northern southern eastern
    western northeastern northwestern southeastern southwestern""".split()
)


def _merge_compass_prefixes(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Northeast Georgia", "Western Ukraine": a capitalised compass word glued to the place it
    qualifies is one mention of that place, not a place called "Northeast"."""
    merged: list[Mention] = []
    skip = False
    for m, nxt in zip(mentions, mentions[1:] + [None]):
        if skip:
            skip = False
            continue
        if nxt is not None and m.text.lower() in COMPASS_WORDS and nxt.start == m.end + 1 and text[m.end] == " ":
            merged.append(Mention(m.start, nxt.end, text[m.start:nxt.end], nxt.candidates))
            skip = True
            continue
        merged.append(m)
    return merged


def _inside_compound(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """"Wal-Mart", "Arab-Israeli": part of a hyphenated word whose other part is no place."""
    before = re.search(r"([A-Za-z]+)-$", text[max(0, m.start - 30):m.start])
    after = re.match(r"-\s?([A-Za-z]+)", text[m.end:m.end + 30])
    other = (before.group(1) if before else None) or (after.group(1) if after else None)
    if other is None or not other[0].isupper():
        return False  # "Kyiv-based", "Russia-backed": the place itself is meant
    if gazetteer.lookup(other):
        return False  # "Russia-Ukraine talks": two places
    return not any(gazetteer.kind[c] in (COUNTRY, ADMIN1) and p for c, p in m.candidates) or \
        adjective_entry(other, gazetteer) is not None


def _surnames(text: str, mentions: list[Mention]) -> set[str]:
    """Single-word matches that this article also uses as the last part of a person's name
    ("Mayor Turner", "Sylvester Turner ... Turner said"): one sense per article."""
    single = {m.text for m in mentions if " " not in m.text}
    found: set[str] = set()
    if not single:
        return found
    for hit in _NAME_PAIR.finditer(text):
        before, surname = hit.group(1), hit.group(2)
        if surname not in single or surname in found:
            continue
        word = before.rstrip(".").lower()
        if word in PERSON_TITLES or len(word) == 1:  # "Sen. Flores", "Matthew D. Flores"
            found.add(surname)
            continue
        if before.endswith(".") or _zipf(word) >= 5.0 or word in LOCATIVE_CUES or word in _CALENDAR_WORDS:
            continue  # a sentence ends there, or "In Turner": function words are capitalised anyway
        if _sentence_initial(text, hit.start(), 0) and _zipf(word) >= 4.0:
            continue
        if _looks_like_given_name(before):
            found.add(surname)
    return found


_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+\.?|[A-Z]\.) (?=([A-Z][\w’'-]*)\b)")


_PLACE_NAME_HEADS = COMPASS_WORDS | NATURAL_FEATURES | SETTLEMENT_WORDS | frozenset(
    """lake mount mt port cape fort san santa saint st new old upper lower greater little big great
    grand royal north south east west""".split()
)


def _looks_like_given_name(word: str) -> bool:
    """A capitalised word before a surname-like word: not a common adjective or a word that begins
    place names ("Lake", "Fort", "New"), and not among the most frequent English words."""
    lower = word.lower()
    return (word[:1].isupper() and word[1:].islower() and lower not in _PLACE_NAME_HEADS
            and _zipf(lower) < 5.6)


def _is_place_use(m: Mention, text: str, gazetteer: Gazetteer, region_start: int) -> bool:
    """Whether a capitalised gazetteer match is used as a place name here (the evidence above)."""
    words = m.text.split()
    lower = m.text.lower()
    kinds = {gazetteer.kind[c] for c, _ in m.candidates}
    biggest = max((gazetteer.population[c] for c, _ in m.candidates), default=0)
    # Only a region's own name (not a loose alias such as "East" or "Central") vouches for it.
    has_region = any(gazetteer.kind[c] in (COUNTRY, ADMIN1) and primary for c, primary in m.candidates)
    if lower in _CALENDAR_WORDS or lower.rstrip(".") in PERSON_TITLES:
        return False
    if len(words) == 1 and national_adjective_country(m.text, gazetteer) and COUNTRY not in kinds:
        return False
    before = _words_before(text, m.start, 3)
    prev = before[-1].lower().rstrip(".") if before else ""
    if (prev in PERSON_TITLES or prev.rstrip(".") in PERSON_TITLES) and not (
            before[-1][:1].islower() and prev in _ALSO_ADJECTIVES):
        return False  # "Gen. Kyiv"-like titles, but not "a major Kyiv hospital", "the chief Gaza negotiator"
    initial = _sentence_initial(text, m.start, region_start)
    z = _zipf(lower) if len(words) <= 2 else 0.0
    locative = prev in LOCATIVE_CUES or prev in SETTLEMENT_WORDS or (
        len(before) >= 2 and before[-2].lower() in SETTLEMENT_WORDS and prev == "of"
    )
    after = _words_after(text, m.end, 1)
    if after and after[0].lower() in REGION_WORDS | SETTLEMENT_WORDS:
        locative = True
    if initial and z >= 4.0 and not has_region and biggest < 1_000_000 and not (after and text[m.end:m.end + 1] == ","):
        return False
    if z >= 4.5 and not has_region and biggest < 100_000 and not locative:
        return False
    if z >= 5.5 and not has_region and biggest < 1_000_000:
        return False
    return True


_OF_NAME = re.compile(r"([A-Z][a-z]+) of (?:the )?$")
_GENERIC_UNITS = SETTLEMENT_WORDS | REGION_WORDS | frozenset(
    "republic kingdom people peoples city town mayor governor president province".split()
)


def _ends_organisation_name(text: str, start: int) -> bool:
    """"the Security Service of Ukraine", "University of Michigan": a place that
    closes an organisation's name ("<Capitalised noun> of <place>"), not "the Republic of Korea"."""
    m = _OF_NAME.search(text, max(0, start - 40), start)
    if not m:
        return False
    word = m.group(1).lower()
    return word not in _GENERIC_UNITS and word not in PERSON_TITLES and _zipf(word) >= 3.0


def _assign_role(m: Mention, text: str, following_place: bool) -> str:
    after = text[m.end:m.end + 80]
    possessive = re.match(r"['’]s?\s+(\w+)(?:\s+(\w+))?", after)
    if possessive:
        nxt = possessive.group(1).lower()
        if nxt in GOVERNMENT_NOUNS or (possessive.group(2) or "").lower() in GOVERNMENT_NOUNS and nxt.istitle():
            return "metonymy"
    words = _words_after(text, m.end, 3)
    if words:
        first = words[0].lower()
        if first in SPEECH_VERBS or first in ACTION_VERBS:
            return "metonymy"
        if first in AUXILIARIES and len(words) > 1 and words[1].lower() in SPEECH_VERBS | ACTION_VERBS:
            return "metonymy"
    before = [w.lower() for w in _words_before(text, m.start, 2)]
    if len(before) == 2 and before[1] in ("from", "between", "with", "and") and before[0] in METONYMY_HEADS:
        return "metonymy"
    return "location"


def _recognise(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    text = article.text
    mentions: list[Mention] = []
    regions: list[tuple[int, int, bool]] = []
    if article.dateline is not None:
        regions.append((article.dateline.start, article.dateline.end, True))
    body_start = max(article.body_start, article.dateline.end if article.dateline else 0)
    regions.append((body_start, len(text), False))
    headline = _headline_places(article, gazetteer)
    mentions += headline
    for start, end, is_dateline in regions:
        if end <= start:
            continue
        found = _raw_matches(text, gazetteer, start, end, dateline=is_dateline)
        if is_dateline:
            for m in found:
                m.role = "dateline"
            mentions += found
            continue
        found = sorted(found + _variant_spellings(text, found, gazetteer, start, end), key=lambda m: m.start)
        found = sorted(found + _variants_inside_region(text, found, gazetteer, start), key=lambda m: m.start)
        joined, parts = hyphenated_names(text, found, gazetteer, start, end, Mention)
        found = sorted([m for m in found if m not in parts] + joined, key=lambda m: m.start)
        found = sorted(found + _transliterations(text, found + headline, gazetteer, start, end), key=lambda m: m.start)
        found = _old_names(text, found, headline, gazetteer, start, end)
        found = _merge_compass_prefixes(text, found)
        found = [m for m in found if not _inside_compound(text, m, gazetteer)]
        found = _drop_named_things(text, found, start, end)
        # "Gulf of Oman", "Sea of Azov": the feature word is not a place of its own ("Gulf" Province).
        found = [m for m in found if not (m.text.lower() in NATURAL_FEATURES and text.startswith(" of ", m.end))]
        surnames = _surnames(text, [
            m for m in found
            if not any(gazetteer.kind[c] in (COUNTRY, ADMIN1) and primary for c, primary in m.candidates)
            and max((gazetteer.population[c] for c, _ in m.candidates), default=0) < 100_000
        ])
        keep = [m for m in found if _is_place_use(m, text, gazetteer, start)
                and (m.text not in surnames or _words_before(text, m.start, 1)[-1:] in (["in"], ["near"]))]
        result = []
        for i, m in enumerate(keep):
            next_cap = _next_capitalised_word(text, m.end)
            prev_cap = _previous_capitalised_word(text, m.start)
            next_is_place = i + 1 < len(keep) and keep[i + 1].start == m.end + 1
            prev_is_place = i > 0 and keep[i - 1].end == m.start - 1
            initial = _sentence_initial(text, m.start, start)
            if next_cap and next_cap.lower() in _CALENDAR_WORDS:
                next_cap = None  # "talks began in Sharm el-Sheikh Monday": a date, not a longer name
            if next_cap and not next_is_place:
                word = next_cap.lower()
                if word in NATURAL_FEATURES:
                    continue  # a river, street or airport named after the place: not the place
                if word in ADMIN2_WORDS:
                    result.append(m)
                    continue
                if word in REGION_WORDS:
                    pass
                elif prev_cap and not initial and not prev_is_place and prev_cap.lower() not in PERSON_TITLES:
                    continue  # inside a longer proper name ("Lee Harvey Oswald")
                elif _zipf(word) >= 3.3:
                    m.role = "organization"
                else:
                    continue  # first name of a person ("Vladimir Putin")
            elif prev_cap and not initial and not prev_is_place and prev_cap.lower() not in PERSON_TITLES | {"The"}:
                if _zipf(m.text.lower()) >= 3.0 and not any(
                    gazetteer.kind[c] in (COUNTRY, ADMIN1) for c, _ in m.candidates
                ):
                    continue  # surname ("Donald Trump", "Abraham Lincoln")
            if m.role == "location" and _ends_organisation_name(text, m.start):
                m.role = "organization"
            if m.role == "location":
                m.role = _assign_role(m, text, False)
            result.append(m)
        # "delegations from Moscow and Kyiv": the coordinated place shares the role.
        for a, b in zip(result, result[1:]):
            if a.role == "metonymy" and re.fullmatch(r",? and |, | or ", text[a.end:b.start]) and b.role == "location":
                b.role = "metonymy"
        for a, b in zip(result, result[1:]):
            if b.role == "metonymy" and re.fullmatch(r" and ", text[a.end:b.start]) and a.role == "location":
                if _words_after(text, b.end, 1) and _words_after(text, b.end, 1)[0].lower() in SPEECH_VERBS:
                    a.role = "metonymy"
        named_things = [(s, e) for s, e, _ in group_spans(text, start, end)]
        result += settlements_in_stated_regions(
            text, result, gazetteer, start, end, _zipf,
            lambda s, e: any(a < e and s < b for a, b in named_things)
            or any(adjective_entry(w, gazetteer) is not None for w in text[s:e].split()),
            lambda s, e, surface, candidates: Mention(s, e, surface, candidates),
            lambda m: _fall_back_to_region(m, gazetteer),
        )
        mentions += sorted(result, key=lambda m: m.start)
    return mentions


def _transliterations(text: str, found: list[Mention], gazetteer: Gazetteer, start: int, end: int) -> list[Mention]:
    adjectives = {iso for word in set(re.findall(r"\b[A-Z][a-z]{3,}\b", text[start:end]))
                  if (iso := national_adjective_country(word, gazetteer))}
    countries = article_countries(found, gazetteer, adjectives)
    return variant_mentions(text, found, gazetteer, start, end, countries, _zipf,
                            lambda s, e, surface, candidates: Mention(s, e, surface, candidates))


def _old_names(text: str, found: list[Mention], headline: list[Mention], gazetteer: Gazetteer,
               start: int, end: int) -> list[Mention]:
    """"the towns by their Soviet-era names of A and B": A and B are the places of the article's countries
    that once bore those names, not the namesakes that still bear them."""
    spans = old_name_spans(text, start, end)
    if not spans:
        return found
    adjectives = {iso for word in set(re.findall(r"\b[A-Z][a-z]{3,}\b", text[start:end]))
                  if (iso := national_adjective_country(word, gazetteer))}
    countries = article_countries(found + headline, gazetteer, adjectives)
    found = list(found)
    for s, e in spans:
        candidates = old_name_candidates(text[s:e], gazetteer, countries)
        if not candidates:
            continue
        inside = [m for m in found if m.start < e and s < m.end]
        if all(m.start == s and m.end == e for m in inside):
            found = [m for m in found if m not in inside] + [Mention(s, e, text[s:e], candidates)]
    return sorted(found, key=lambda m: m.start)


def _headline_places(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Places in the headline. Headlines are often in title case, so every word is read as if it
    began a sentence: a common word ("Says", "Hits") must be a region or a big place to count."""
    if not article.title:
        return []
    text = article.text
    limit = article.dateline.start if article.dateline else article.body_start
    start = text.find(article.title, 0, limit)
    if start < 0:
        return []
    end = start + len(article.title)
    found = _raw_matches(text, gazetteer, start, end)
    found = _merge_compass_prefixes(text, found)
    found = [m for m in found if not _inside_compound(text, m, gazetteer)]
    found = _drop_named_things(text, found, start, end)
    kept = []
    for m in found:
        if not _is_place_use(m, text, gazetteer, m.start):
            continue
        m.role = _assign_role(m, text, False)
        kept.append(m)
    return kept


# --------------------------------------------------------------------------------------- resolution


def _wording_preferences(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> None:
    for i, m in enumerate(mentions):
        lower_words = m.text.lower().split()
        if len(lower_words) > 1 and lower_words[-1].rstrip("'") in REGION_WORDS | {"oblast", "krai", "kray"}:
            admins = [c for c in m.candidates if gazetteer.kind[c[0]] == ADMIN1]
            if admins:
                m.candidates = admins
                m.prefer = ADMIN1
                m.forced = True
        after = _words_after(text, m.end, 2)
        if len(after) == 2 and after[0].lower() in _REGION_QUALIFIERS:
            after = after[1:]  # "the Kursk border region" is the Kursk region
        before = [w.lower() for w in _words_before(text, m.start, 3)]
        if after and after[0].lower() in ("region", "regions", "oblast", "province", "governorate"):
            m.prefer = ADMIN1
            if after[0].lower() == "regions":
                # "the Belgorod and Kursk regions": the plural names every member of the list.
                j = i - 1
                while j >= 0 and re.fullmatch(r",? (?:and |or )?|, ", text[mentions[j].end:mentions[j + 1].start]):
                    if any(gazetteer.kind[c] == ADMIN1 for c, _ in mentions[j].candidates):
                        mentions[j].prefer = ADMIN1
                    j -= 1
        elif after and after[0].lower() in ("city",):
            m.prefer = CITY
        elif before and before[-1] == "of" and len(before) >= 2 and before[-2] in SETTLEMENT_WORDS:
            m.prefer = CITY
        elif before and before[-1] == "of" and len(before) >= 2 and before[-2] in REGION_WORDS - {"district", "districts"}:
            # ("a district of Kharkiv" is a part of the city, "the region of Kharkiv" the oblast)
            m.prefer = ADMIN1
            # "the regions of Kharkiv in the east, Mykolaiv in the south": the list shares the reading.
            j = i + 1
            while j < len(mentions) and re.fullmatch(r"[^.;:!?\n]{0,40}", text[mentions[j - 1].end:mentions[j].start]):
                if any(gazetteer.kind[c] == ADMIN1 for c, _ in mentions[j].candidates):
                    mentions[j].prefer = mentions[j].prefer or ADMIN1
                j += 1
        # "Mykilske, Kherson" / "Paris, Texas": a containing region right after a comma.
        if i + 1 < len(mentions):
            nxt = mentions[i + 1]
            if re.fullmatch(r", ?", text[m.end:nxt.start]) and not _continues_list(text, nxt):
                m.context_entries = [c for c, _ in nxt.candidates if gazetteer.kind[c] in (ADMIN1, COUNTRY)]
                if any(gazetteer.kind[c] == ADMIN1 for c in m.context_entries):
                    nxt.prefer = nxt.prefer or ADMIN1
                    _fall_back_to_region(m, gazetteer)
        # "the village of X in Russia's southern Y region": the region the text states holds X.
        if not m.context_entries:
            for nxt in mentions[i + 1:i + 3]:
                gap = text[m.end:nxt.start]
                if (IN_STATED_REGION.fullmatch(gap)
                        and (_REGION_WORD_AFTER.match(text, nxt.end) or _REGION_WORD_AFTER.search(" " + nxt.text.split()[-1]))
                        and any(gazetteer.kind[c] == ADMIN1 for c, _ in nxt.candidates)):
                    m.context_entries = [c for c, _ in nxt.candidates if gazetteer.kind[c] == ADMIN1]
                    _fall_back_to_region(m, gazetteer)
                    break
        # "Kostobobriv, Chernihiv": after a place the gazetteer doesn't know, the name is its region.
        before = re.search(r"(?:^|[^\w’'-])([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?), $", text[max(0, m.start - 50):m.start])
        if before and not _continues_list(text, m) and not any(o.end == m.start - 2 for o in mentions):
            word = before.group(1)
            if word.lower() not in _CALENDAR_WORDS and _zipf(word.lower()) < 4.0 and not gazetteer.lookup(word):
                if any(gazetteer.kind[c] == ADMIN1 for c, _ in m.candidates):
                    m.prefer = m.prefer or ADMIN1
        # "London, Ont.", "Paris, Tenn.": the region as an abbreviation.
        abbreviated = re.match(r", ((?:[A-Z][a-z]{0,4}\.){1,2})", text[m.end:m.end + 16])
        if abbreviated and not m.context_entries:
            m.context_entries = [c for c, _ in abbreviation_candidates(abbreviated.group(1), gazetteer)]


_REGION_QUALIFIERS = frozenset({"border", "frontline", "front-line"})
_REGION_WORD_AFTER = re.compile(r"\s+(?:region|province|oblast|state|governorate|krai|department|prefecture)\b", re.I)


def _continues_list(text: str, m: Mention) -> bool:
    """"Lviv, Kharkiv and Poltava": a place followed by more list items is not a containing region."""
    return re.match(r",? (?:and|or) [A-Z]|, [A-Z]", text[m.end:m.end + 8]) is not None


def _fall_back_to_region(m: Mention, gazetteer: Gazetteer) -> None:
    """"Mykilske, Kherson" when no Mykilske lies in Kherson region: the region, not a namesake far away."""
    regions = [c for c in m.context_entries if gazetteer.kind[c] == ADMIN1]
    inside = any(gazetteer.admin1_of[c] == gazetteer.admin1_of[r] for c, _ in m.candidates for r in regions)
    key = fold(m.text)
    # Only a big place that bears the name itself ("Oleksandrivka" is also an old name of a city).
    big = any(gazetteer.population[c] >= 100_000 and fold(gazetteer.names[c]) == key for c, _ in m.candidates)
    if regions and not inside and not big:
        m.candidates = [(r, False) for r in regions]


def _country_votes(mentions: list[Mention], text: str, body: tuple[int, int], gazetteer: Gazetteer) -> Counter:
    votes: Counter = Counter()
    for m in mentions:
        m.votes = Counter()
        _mention_votes(m, gazetteer, m.votes)
        votes.update(m.votes)
    for word in re.findall(r"\b[A-Z][a-z]{3,}\b", text[body[0]:body[1]]):
        iso = national_adjective_country(word, gazetteer)
        if iso and gazetteer.lookup(word) == []:
            votes[iso] += 0.5
    # An armed group belongs to its war's country ("Hezbollah" Lebanon, "RSF" Sudan, "M23" DR Congo).
    for _, _, group in group_spans(text, body[0], body[1]):
        if group is not None and group.country:
            votes[group.country] += 0.5
    return votes


def _mention_votes(m: "Mention", gazetteer: Gazetteer, votes: Counter) -> None:
    if True:
        # Continents have no country; second-level units ("Henry County") vote like towns.
        countries = {gazetteer.country_code(c) for c, _ in m.candidates if gazetteer.country_code(c)}
        weight = 3.0 if m.role == "dateline" else 1.0
        country_entries = [c for c, _ in m.candidates if gazetteer.kind[c] == COUNTRY]
        big_elsewhere = any(
            gazetteer.kind[c] in (ADMIN1, CITY) and gazetteer.population[c] >= 100_000
            and gazetteer.country_code(c) != gazetteer.country_code(country_entries[0])
            for c, _ in m.candidates
        ) if country_entries else False
        if country_entries and not big_elsewhere:
            votes[gazetteer.country_code(country_entries[0])] += 2.0 * weight
        elif len(countries) == 1:
            votes[next(iter(countries))] += 1.5 * weight
        elif countries:
            # Ambiguous names vote by their biggest reading, weakly.
            best = max(m.candidates, key=lambda c: gazetteer.population[c[0]])[0]
            votes[gazetteer.country_code(best)] += 0.3 * weight


NEIGHBOUR_CELL_DEGREES = 0.5
NEIGHBOUR_BONUS = 2.0
NEIGHBOUR_NAMES = 2


def _neighbour_support(mentions: list[Mention], gazetteer: Gazetteer) -> dict[int, int]:
    """For each candidate of an ambiguous name: how many *other* names of the article have a candidate
    of their own close by (same or adjacent half-degree cell). "Paris" and "Henry County" together
    point at the Paris inside Henry County whichever readings each would take alone.

    Computed over all candidates at once (a grid, not pairwise), before any choice is made."""
    names = {fold(m.text) for m in mentions if m.candidates}
    if len(names) < 2:
        return {}
    cells: dict[tuple[int, int], set[str]] = {}
    located: list[tuple[int, str, int, int]] = []
    for m in mentions:
        key = fold(m.text)
        for c, primary in m.candidates:
            if not primary or gazetteer.kind[c] == COUNTRY or gazetteer.kind[c] == OTHER and not gazetteer.country_code(c):
                continue  # an alternate name ("Moscow" for Moscow Mills) is too loose to pull others
            cell = (int(math.floor(gazetteer.lat[c] / NEIGHBOUR_CELL_DEGREES)),
                    int(math.floor(gazetteer.lon[c] / NEIGHBOUR_CELL_DEGREES)))
            cells.setdefault(cell, set()).add(key)
            located.append((c, key, *cell))
    support: dict[int, int] = {}
    for c, key, y, x in located:
        near: set[str] = set()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                near |= cells.get((y + dy, x + dx), set())
        near.discard(key)
        if near:
            support[c] = max(support.get(c, 0), len(near))
    return support


def _note(why: list[tuple[str, float]] | None, label: str, value: float) -> float:
    """One piece of evidence for a candidate; recorded when ``--explain`` asks why."""
    if why is not None and value:
        why.append((label, round(value, 2)))
    return value


def _score(entry: int, primary: bool, m: Mention, gazetteer: Gazetteer, share: dict[str, float],
           admin1_context: set[int], others: list[tuple[float, float]] | None, siblings: list[tuple[int, bool]],
           country_points: list[tuple[float, float]] = (), support: dict[int, int] | None = None,
           why: list[tuple[str, float]] | None = None, proximity: bool = True) -> float:
    kind = gazetteer.kind[entry]
    population = gazetteer.population[entry]
    score = _note(why, "population", 0.45 * math.log10(population + 1))
    score += _note(why, "feature class", {COUNTRY: 3.0, ADMIN1: 0.5, CITY: 0.0, OTHER: 1.0}[kind])
    score += _note(why, "main name", 1.0 if primary else 0.0)
    if gazetteer.capital[entry]:
        score += _note(why, "national capital", 1.5)  # a national capital is what a bare, shared name usually means in news
    if m.prefer is not None:
        score += _note(why, "wording names its kind" if kind == m.prefer else "wording names another kind", 3.0 if kind == m.prefer else -2.0)
    if kind == ADMIN1 and m.prefer != ADMIN1:
        # A bare name shared by an admin-1 region and its namesake city (Poltava, Kharkiv, New York) means
        # the city — when that city really bears the name and matters within the region.
        admin = gazetteer.admin1_of[entry]
        if any(a == admin and p >= 0.05 * population for a, p in _namesake_cities(m, gazetteer)):
            score += _note(why, "region of a city that bears the name", -3.0)
    sibling_kinds = _sibling_kinds(m, gazetteer)
    if kind in (CITY, OTHER) and m.prefer is None and not m.context_entries and COUNTRY in sibling_kinds and not (primary and support and support.get(entry, 0) >= 1
               and share.get(gazetteer.country_code(entry), 0.0) >= 0.8):
        # A country's own name means the country unless the wording says otherwise ("Lebanon, Ind.",
        # "the town of Jordan"): soft context must not move "China" or "Lebanon" to a small namesake —
        # unless the namesake has two other places of the article right beside it in a story set
        # almost wholly in its country (Lebanon with Zionsville and Boone County, Indiana).
        score += _note(why, "a country bears this name", -6.0)
    if support and support.get(entry) and kind != COUNTRY and len(siblings) > 1 and not (
        COUNTRY in sibling_kinds or ADMIN1 in sibling_kinds
    ):
        # Not for names of regions and countries ("California", "Mexico"): their small namesakes
        # cluster too (a town of Florida near a town of Wyoming) and must not win that way.
        score += _note(why, "other places of the article lie beside it", NEIGHBOUR_BONUS * min(support[entry], NEIGHBOUR_NAMES) / NEIGHBOUR_NAMES)
    iso = gazetteer.country_code(entry)
    score += _note(why, "the article's countries", 4.0 * share.get(iso, 0.0))
    if m.context_entries:
        for c in m.context_entries:
            if gazetteer.kind[c] == COUNTRY and gazetteer.country_of[c] == gazetteer.country_of[entry]:
                score += _note(why, "inside the country named beside it", 4.0)
            elif gazetteer.kind[c] == ADMIN1 and gazetteer.admin1_of[c] == gazetteer.admin1_of[entry] and c != entry:
                score += _note(why, "inside the region named beside it", 6.0)
    admin = gazetteer.admin1_entry_of(entry)
    if admin is not None and admin in admin1_context and admin != entry:
        score += _note(why, "in a region the article names", 1.5)
    if not proximity:
        return score
    if others and (kind in (CITY, ADMIN1) or kind == OTHER and iso):
        lat, lon = gazetteer.lat[entry], gazetteer.lon[entry]
        nearest = min(_rough_km(lat, lon, a, b) for a, b in others)
        score += _note(why, "near the article's other places", 2.0 * math.exp(-nearest / 250.0))
    if country_points and kind != COUNTRY:
        # Near a country the article names ("Gaza" in a story about Israel, a border village).
        lat, lon = gazetteer.lat[entry], gazetteer.lon[entry]
        nearest = min(_rough_km(lat, lon, a, b) for a, b in country_points)
        score += _note(why, "near a country the article names", 1.0 * math.exp(-nearest / 600.0))
    return score


PROXIMITY_AT_MOST = 3.0  # the two nearness terms of _score together never add more than this




def _sibling_kinds(m: Mention, gazetteer: Gazetteer) -> frozenset[int]:
    """Kinds among a mention's candidates that it names by their main name (once per mention)."""
    cached = m.__dict__.get("_sibling_kinds")
    if cached is None:
        cached = frozenset(gazetteer.kind[c] for c, primary in m.candidates if primary)
        m.__dict__["_sibling_kinds"] = cached
    return cached


def _namesake_cities(m: Mention, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """(admin-1, population) of the cities among a mention's candidates that bear its name exactly;
    computed once per mention, since every candidate's score asks."""
    cached = m.__dict__.get("_namesakes")
    if cached is None:
        key = fold(m.text)
        cached = [(gazetteer.admin1_of[c], gazetteer.population[c]) for c, _ in m.candidates
                  if gazetteer.kind[c] == CITY and fold(gazetteer.names[c]) == key]
        m.__dict__["_namesakes"] = cached
    return cached


def _rough_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: plenty for a proximity bonus, and several times cheaper."""
    dlon = abs(lon1 - lon2)
    if dlon > 180:
        dlon = 360 - dlon
    x = math.radians(dlon) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat1 - lat2)
    return 6371.0 * math.hypot(x, y)


def _resolve(mentions: list[Mention], text: str, body: tuple[int, int], gazetteer: Gazetteer,
             explain: bool = False) -> None:
    if not mentions:
        return
    _wording_preferences(mentions, text, gazetteer)
    votes = _country_votes(mentions, text, body, gazetteer)
    shares: dict[int, dict[str, float]] = {}
    same_name: dict[str, Counter] = {}
    for m in mentions:
        same_name.setdefault(fold(m.text), Counter()).update(m.votes)
    for m in mentions:
        # A name's own votes (all its mentions: one sense per article) must not decide it —
        # "Georgia" alone would always pick the country.
        rest = votes - same_name[fold(m.text)]
        total = sum(rest.values())
        shares[id(m)] = {iso: v / total for iso, v in rest.items()} if total else {}

    country_points: list[tuple[float, float]] = []
    support = _neighbour_support(mentions, gazetteer)
    last_round: list = []

    def choose(admin1_context: set[int], positions: list[tuple[float, float]] | None, exclude_self: bool) -> None:
        last_round[:] = [admin1_context, positions, exclude_self]
        for m in mentions:
            if not m.candidates:
                m.choice = None
                continue
            if len(m.candidates) == 1:
                m.choice = m.candidates[0][0]
                continue
            others = None
            if positions is not None:
                own = (gazetteer.lat[m.choice], gazetteer.lon[m.choice]) if m.choice is not None else None
                others = [p for p in positions if p != own] if exclude_self else positions
            # Branch and bound: nearness is the costly part and adds at most PROXIMITY_AT_MOST, so it is
            # computed only for candidates that could still win (a common name has hundreds).
            ranked = sorted(
                ((_score(c, primary, m, gazetteer, shares[id(m)], admin1_context, others, m.candidates,
                         country_points, support, proximity=False), index, c, primary)
                 for index, (c, primary) in enumerate(m.candidates)),
                key=lambda item: (-item[0], item[1]),
            )
            best, best_score = None, -math.inf
            for base, _, c, primary in ranked:
                if base + PROXIMITY_AT_MOST < best_score:
                    break
                full = _score(c, primary, m, gazetteer, shares[id(m)], admin1_context, others, m.candidates,
                              country_points, support)
                if full > best_score:
                    best, best_score = c, full
            m.choice = best

    choose(set(), None, False)
    admin1_context = {m.choice for m in mentions if m.choice is not None and gazetteer.kind[m.choice] == ADMIN1}
    # Regions of places that can only be one thing ("Edgar County", a unique village) are context too.
    admin1_context |= {
        a for m in mentions if len(m.candidates) == 1
        and (a := gazetteer.admin1_entry_of(m.candidates[0][0])) is not None
    }
    def chosen_positions() -> list[tuple[float, float]]:
        return list(dict.fromkeys(
            (gazetteer.lat[m.choice], gazetteer.lon[m.choice])
            for m in mentions
            if m.choice is not None and (gazetteer.kind[m.choice] in (CITY, ADMIN1)
                                         or gazetteer.kind[m.choice] == OTHER and gazetteer.country_code(m.choice))
        ))

    positions = chosen_positions()
    country_points[:] = dict.fromkeys(
        (gazetteer.lat[m.choice], gazetteer.lon[m.choice])
        for m in mentions
        if m.choice is not None and gazetteer.kind[m.choice] == COUNTRY
    )
    if len(positions) >= 2 or country_points:
        before = [m.choice for m in mentions]
        choose(admin1_context, positions, True)
        if [m.choice for m in mentions] != before:
            # Choices moved (a name drawn to its neighbour's namesake): settle the others once more.
            choose(admin1_context, chosen_positions(), True)
    if explain:
        admin1_context, positions, exclude_self = last_round
        for m in mentions:
            others = positions
            if positions is not None and exclude_self and m.choice is not None:
                own = (gazetteer.lat[m.choice], gazetteer.lon[m.choice])
                others = [p for p in positions if p != own]
            ranking = []
            for entry, primary in m.candidates:
                why: list[tuple[str, float]] = []
                score = _score(entry, primary, m, gazetteer, shares[id(m)], admin1_context, others, m.candidates,
                               country_points, support, why)
                ranking.append((entry, round(score, 2), why))
            m.ranking = sorted(ranking, key=lambda r: -r[1])


# ------------------------------------------------------------------------------------------- public


def find_places(article: Article, gazetteer: Gazetteer) -> list[Place]:
    """Toponyms in ``article`` (dateline and body), resolved in the article's context, sorted by start."""
    _use_frequencies(gazetteer)
    mentions = _recognise(article, gazetteer)
    budget.check()
    body = (article.body_start, len(article.text))
    _resolve(mentions, article.text, body, gazetteer)
    budget.check()
    mentions = _drop_foreign_namesakes(mentions, article.text, gazetteer)
    places = [
        Place(text=m.text, start=m.start, end=m.end, role=m.role,  # type: ignore[arg-type]
              location=gazetteer.location(m.choice) if m.choice is not None else None)
        for m in mentions
    ]
    named_things = [(s, e) for s, e, _ in group_spans(article.text)]
    places += unlisted_places(article.text, places, gazetteer, article.body_start, named_things)
    return sorted(places, key=lambda p: p.start)


FOREIGN_NAMESAKE_POPULATION = 50_000
# A city abroad known by a name only as one of its other names ("Boni" for Bonn) is left alone
# below this size: the capitals and metropolises news still calls by old names ("Kiev") stay.
FOREIGN_ALIAS_POPULATION = 1_000_000


def _drop_foreign_namesakes(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """A small town abroad is not what a name means in a story plainly set elsewhere: a given name
    in a byline is not a Spanish village of that name, nor a Syrian hamlet an Estonian town. When the
    article's countries are known (named, dateline, national adjectives, regions, big cities), a lone
    name whose only reading is a small place in none of them is left unresolved — and dropped
    unless a locative word ("in", "near", "village of") says it is a place."""
    named: set[str] = set()  # countries the article names or places it in
    for m in mentions:
        if m.choice is None:
            continue
        kind = gazetteer.kind[m.choice]
        by_own_name = dict(m.candidates).get(m.choice, True)
        if kind in (COUNTRY, ADMIN1) or gazetteer.population[m.choice] >= 100_000 and by_own_name or m.role == "dateline":
            named.add(gazetteer.country_code(m.choice))
    adjectives = {iso for word in set(re.findall(r"\b[A-Z][a-z]{3,}\b", text))
                  if (iso := national_adjective_country(word, gazetteer))}
    adjectives |= {group.country for _, _, group in group_spans(text) if group is not None and group.country}
    countries = named | adjectives
    if not countries:
        return mentions
    kept = []
    for m in mentions:
        if (m.choice is not None and gazetteer.kind[m.choice] == CITY and not m.context_entries
                and gazetteer.population[m.choice] < FOREIGN_NAMESAKE_POPULATION
                and gazetteer.country_code(m.choice) not in countries
                and not any(o is not m and o.choice is not None and fold(o.text) != fold(m.text)
                            and gazetteer.country_code(o.choice) == gazetteer.country_code(m.choice) for o in mentions)):
            before = [w.lower() for w in _words_before(text, m.start, 2)]
            if not (before and (before[-1] in LOCATIVE_CUES or before[-1] in SETTLEMENT_WORDS)):
                continue
            if named:
                m.choice = None  # "near Valga" in a story the text places in Syria: somewhere we don't know
            # (only national adjectives, as in "a Russian Orthodox church in Kalush": keep it)
        elif (m.choice is not None and gazetteer.kind[m.choice] == CITY and not m.context_entries and named
              and not dict(m.candidates).get(m.choice, True)
              and gazetteer.population[m.choice] < FOREIGN_ALIAS_POPULATION
              and gazetteer.country_code(m.choice) not in countries
              and not any(o is not m and o.choice is not None
                          and gazetteer.country_code(o.choice) == gazetteer.country_code(m.choice) for o in mentions)):
            m.choice = None  # "around Boni" in a story set in Mali is not Bonn, whose old name it is
        kept.append(m)
    return kept


def _candidates_for(surface: str, gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    """Gazetteer entries for a given span, trying the usual ways names are written."""
    stripped = re.sub(r"['’]s?$", "", surface).strip()
    stripped = re.sub(r"^(?:the|The)\s+", "", stripped)
    if re.fullmatch(r"[A-Z][a-z]{1,4}\.", stripped):
        # "Kan.", "Tenn.": written as an abbreviation, so read as one before any exact alias ("Kan").
        found = abbreviation_candidates(stripped, gazetteer)
        if found:
            known = {c for c, _ in gazetteer.lookup(stripped)}  # a recorded alias ("Mo") settles it
            return [c for c in found if c[0] in known] or found
    exact = gazetteer.lookup(surface) or gazetteer.lookup(stripped)
    if not stripped.replace(".", "").isupper():
        # As in recognition: "Ind." is not "IND" (India's code); a country needs a real name in mixed case.
        exact = [c for c in exact if gazetteer.kind[c[0]] != COUNTRY or _country_written_as(gazetteer, c[0], stripped)]
    if any(gazetteer.kind[c] in (COUNTRY, ADMIN1) and primary for c, primary in exact):
        return exact
    named = adjective_entry(stripped, gazetteer) if " " not in stripped else None
    if named is not None and not any(gazetteer.population[c] >= 100_000 for c, _ in exact):
        return [(named, True)]
    if exact:
        return exact
    words = stripped.split()
    if len(words) > 1 and words[-1].lower() in ADMIN2_WORDS | NATURAL_FEATURES:
        found = gazetteer.lookup(" ".join(words[:-1]))
        if found:
            return found
    found = abbreviation_candidates(stripped, gazetteer)
    if found:
        return found
    found = _fuzzy_candidates(stripped, gazetteer)
    if not found and len(words) > 1:
        # "European Union", "Korean Peninsula": an unknown name led by a national or continental adjective.
        named = adjective_entry(words[0], gazetteer)
        if named is not None:
            return [(named, True)]
    return found


_UNKNOWN_WORD = re.compile(r"[A-Z][a-z’'-]{5,}")


def _variant_spellings(text: str, found: list[Mention], gazetteer: Gazetteer, start: int, end: int) -> list[Mention]:
    """Rare capitalised words in a place slot that spell a major place differently ("Zaporizhia" for
    Zaporizhzhia, "Kharkov"): matched by edit ratio against regions, countries and big cities only.

    A place slot: right after "<Capitalised name>, ", or before "region"/"oblast", or after "in"/"near"/"at"."""
    covered = bytearray(end - start + 1)
    for m in found:
        covered[m.start - start:m.end - start] = b"\x01" * (m.end - m.start)
    extra: list[Mention] = []
    for hit in _UNKNOWN_WORD.finditer(text, start, end):
        s, e = hit.span()
        if covered[s - start] or (e < len(text) and (text[e].isalnum() or text[e] == "-")):
            continue
        word = hit.group()
        if gazetteer.lookup(word) or _zipf(word.lower()) >= 3.0 or adjective_entry(word, gazetteer) is not None:
            continue
        prev = _words_before(text, s, 1)
        after = _words_after(text, e, 1)
        after_comma = text[s - 2:s] == ", " and re.search(r"[A-Z][\w’'-]*$", text[max(0, s - 40):s - 2]) is not None
        slot = after_comma or (after and after[0].lower() in REGION_WORDS) or (
            prev and prev[0].lower() in ("in", "near", "at", "outside", "around")
        )
        if not slot:
            continue
        candidates = _fuzzy_candidates(word, gazetteer, major_only=True)
        if candidates:
            extra.append(Mention(s, e, word, candidates))
    return extra


_BEFORE_COMMA = re.compile(r"(?:^|[^\w’'-])([A-Z][\w’'-]{3,}(?:[ -][A-Z][\w’'-]+)?), $")


def _variants_inside_region(text: str, found: list[Mention], gazetteer: Gazetteer, start: int) -> list[Mention]:
    """"Scherbynivka, Donetsk": a name the gazetteer lacks, qualified by a region, is matched by
    spelling (edit ratio) against the settlements of that region only — transliterations of small
    places vary ("Shch"/"Sch", "-ne"/"-na") and the region keeps the search small and safe."""
    extra: list[Mention] = []
    covered = {(m.start, m.end) for m in found}
    ends = {m.end for m in found}
    for m in found:
        regions = {gazetteer.admin1_of[c] for c, _ in m.candidates if gazetteer.kind[c] == ADMIN1}
        if not regions or _continues_list(text, m):
            continue
        hit = _BEFORE_COMMA.search(text, max(start, m.start - 60), m.start)
        if not hit or hit.end(1) in ends:
            continue
        word = hit.group(1)
        if gazetteer.lookup(word) or _zipf(word.lower()) >= 3.0 or word.lower() in _CALENDAR_WORDS:
            continue
        candidates = _settlement_by_spelling(word, regions, gazetteer)
        if candidates and (hit.start(1), hit.end(1)) not in covered:
            extra.append(Mention(hit.start(1), hit.end(1), word, candidates))
    return extra


def _settlement_by_spelling(word: str, regions: set[int], gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    from rapidfuzz import fuzz, process

    table = getattr(gazetteer, "_settlements_by_region", None)
    if table is None:
        table = {}
        for index, kind in enumerate(gazetteer.kind):
            if kind == CITY and gazetteer.admin1_of[index] >= 0:
                table.setdefault(gazetteer.admin1_of[index], []).append(index)
        gazetteer._settlements_by_region = table  # type: ignore[attr-defined]
    key = fold(word)
    entries = [e for r in regions for e in table.get(r, ())]
    names = [fold(gazetteer.names[e]) for e in entries]
    best = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=SPELLING_RATIO)
    return [(entries[best[2]], True)] if best else []


SPELLING_RATIO = 88


def _fuzzy_candidates(surface: str, gazetteer: Gazetteer, major_only: bool = False) -> list[tuple[int, bool]]:
    """Spelling and transliteration variants ("Kharkov"/"Kharkiv"): nearest names by edit ratio."""
    from rapidfuzz import fuzz, process

    key = fold(surface)
    if len(key) < 4:
        return []
    if major_only:
        choices = _major_names(gazetteer).get(key[0], [])
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=90)
    else:
        choices = _fuzzy_choices(gazetteer, key[0])
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=88)
    return gazetteer.lookup(best[0]) if best else []


def _major_names(gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Folded names of admin-1 regions (and their short forms), countries and cities over 50,000."""
    table = getattr(gazetteer, "_major_names", None)
    if table is None:
        names: dict[str, set[str]] = {}
        for index, kind in enumerate(gazetteer.kind):
            if kind in (ADMIN1, COUNTRY) or kind == CITY and gazetteer.population[index] >= 50_000:
                name = gazetteer.names[index]
                words = name.split()
                forms = {name}
                if kind == ADMIN1 and len(words) > 1 and fold(words[-1]) in REGION_WORDS | {"oblast", "krai", "kray"}:
                    forms.add(" ".join(words[:-1]))
                for form in forms:
                    folded = fold(form)
                    if folded:
                        names.setdefault(folded[0], set()).add(folded)
        table = {k: sorted(v) for k, v in names.items()}
        gazetteer._major_names = table  # type: ignore[attr-defined]
    return table


def _fuzzy_choices(gazetteer: Gazetteer, initial: str) -> list[str]:
    table = getattr(gazetteer, "_fuzzy_table", None)
    if table is None:
        table = {}
        for index in range(len(gazetteer)):
            if gazetteer.kind[index] != CITY or gazetteer.population[index] >= 1000:
                name = fold(gazetteer.names[index])
                if name:
                    table.setdefault(name[0], set()).add(name)
        table = {k: sorted(v) for k, v in table.items()}
        gazetteer._fuzzy_table = table  # type: ignore[attr-defined]
    return table.get(initial, [])


def resolve_spans(article: Article, spans: list[Span], gazetteer: Gazetteer) -> list[Location | None]:
    """Resolve toponym spans given from outside (e.g. gold spans) in the article's context."""
    _use_frequencies(gazetteer)
    mentions = []
    for span in spans:
        candidates = _candidates_for(span.text, gazetteer)
        mentions.append(Mention(span.start, span.end, span.text, candidates))
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    ordered = [mentions[i] for i in order]
    _resolve(ordered, article.text, (article.body_start, len(article.text)), gazetteer)
    focus = _document_focus(ordered, gazetteer)
    return [
        gazetteer.location(m.choice) if m.choice is not None else gazetteer.location(focus) if focus is not None else None
        for m in mentions
    ]


def _document_focus(mentions: list[Mention], gazetteer: Gazetteer) -> int | None:
    """The article's most-mentioned resolved place (most specific on ties): the backoff for a toponym
    the gazetteer doesn't hold (a street, a park), which is usually in the place the story is about."""
    counts = Counter(m.choice for m in mentions if m.choice is not None)
    if not counts:
        return None
    specificity = {CITY: 3, OTHER: 2, ADMIN1: 1, COUNTRY: 0}
    return max(counts, key=lambda e: (counts[e] + specificity[gazetteer.kind[e]] * 0.5, gazetteer.population[e]))
