"""Recognition: every gazetteer name in the headline, dateline and body (token Aho-Corasick matches, the
longest first), spelling and transliteration variants, old names, and settlements of a stated region;
then whether each match is used as a place here, and its role (location, metonymy, organization,
dateline).
"""

from __future__ import annotations

import re

from newsmap.gazetteer import ADMIN1, COUNTRY, Gazetteer, tokenize
from newsmap.places.adjectives import (
    _country_written_as, adjective_entry, national_adjective_country, qualifies_a_noun,
)
from newsmap.places.context import (
    ACTION_VERBS, AUXILIARIES, GOVERNMENT_NOUNS, LOCATIVE_CUES, METONYMY_HEADS,
    NATURAL_FEATURES, PERSON_TITLES, REGION_WORDS, SETTLEMENT_WORDS, SPEECH_VERBS, _ALSO_ADJECTIVES,
    LIST_BEFORE, TOWN_DISTRICT_WORDS, _CALENDAR_WORDS, _gap_ok, _next_capitalised_word, _previous_capitalised_word, _sentence_initial,
    _words_after, _words_before, _zipf, natural_feature_span,
)
from newsmap.places.capitals import adjective_capitals
from newsmap.places.mention import Mention
from newsmap.places.not_places import group_spans, is_media_name
from newsmap.places.spelling import _variant_spellings, _variants_inside_region
from newsmap.places.stated_region import settlements_in_stated_regions
from newsmap.places.variants import (
    article_countries, compass_regions, hyphenated_names, old_name_candidates, old_name_spans, region_exonyms,
    variant_mentions,
)
from newsmap.records import Article


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
        if _APOSTROPHE_INSIDE_AFTER.match(text, e) or _APOSTROPHE_INSIDE_BEFORE.search(text, max(0, s - 3), s):
            continue  # "Bal" of "Bal'ad": part of a word spelt with an apostrophe for an Arabic letter
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


_APOSTROPHE_INSIDE_AFTER = re.compile(r"['’ʼ](?!s\b|\s)[a-z]")
_APOSTROPHE_INSIDE_BEFORE = re.compile(r"[A-Za-z]['’ʼ]$")


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


# "Hassan Ahmed, the province's deputy governor, said": a name, a comma, then who the person is.
_APPOSITION = re.compile(
    r"[ \u00a0][A-Z][\w’'-]+(?:[ \u00a0][A-Z][\w’'-]+)?,[ \u00a0](?:the|a|an|its|his|her|their)[ \u00a0]"
    r"(?P<description>[^,.;:()]{1,60}),"
)
# "Khalil al-Hayya leads the delegation": an Arabic name goes on with al-, bin, ibn or abu.
_NAME_GOES_ON = re.compile(r"[ \u00a0](?:al|el|bin|ibn|abu)[- \u00a0][A-Z]")


def _names_a_person(text: str, m: Mention) -> bool:
    """Whether a one-word match is the first name of a person the text goes on to name and describe."""
    if " " in m.text:
        return False
    if _NAME_GOES_ON.match(text, m.end):
        return True
    apposition = _APPOSITION.match(text, m.end)
    return bool(apposition and not PERSON_TITLES.union(_DESCRIBED_AS).isdisjoint(
        re.findall(r"[a-z]+", apposition.group("description").lower())))


_DESCRIBED_AS = frozenset("official negotiator activist resident witness analyst".split())  # besides PERSON_TITLES


_JOINED_BY_PARTICLE_AFTER = re.compile(r"-(?:e|i|ye|ul|ol|al|el|ud|ad|ash|as)-[A-Z]")
_JOINED_BY_PARTICLE_BEFORE = re.compile(r"[A-Z][a-z]+-(?:e|i|ye|ul|ol|al|el|ud|ad|ash|as)-$")


def _inside_compound(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """"Wal-Mart", "Arab-Israeli": part of a hyphenated word whose other part is no place; "Dasht" of
    "Dasht-e-Barchi": part of a name joined by a Persian or Arabic particle."""
    if _JOINED_BY_PARTICLE_AFTER.match(text, m.end) or _JOINED_BY_PARTICLE_BEFORE.search(text[max(0, m.start - 30):m.start]):
        return True
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
    if lower in REGION_WORDS | SETTLEMENT_WORDS:
        return False  # "the Kharkov Region": the kind of place after a name, not a region called "Region"
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


_WATER_AND_ISLANDS = frozenset("river lake sea bay gulf island islands".split())


def _feature_names(text: str, found: list[Mention]) -> list[Mention]:
    """"the Dnipro River", "Lake Kivu": a feature word alone names no place, whatever region a gazetteer
    calls "River"; with the name beside it, it is one mention of the feature, left unresolved: the
    gazetteer holds no point for it, and the place it is named after can lie far away."""
    kept: list[Mention] = []
    for i, m in enumerate(found):
        if m.text.lower() not in NATURAL_FEATURES:
            kept.append(m)
            continue
        if m.text.lower() not in _WATER_AND_ISLANDS:
            continue
        if kept and kept[-1].end == m.start - 1 and text[kept[-1].end] == " " and kept[-1].text.lower() not in NATURAL_FEATURES:
            named = kept.pop()
            kept.append(_unresolved_feature(text, (named.start, m.end)))
        elif i + 1 < len(found) and found[i + 1].start == m.end + 1 and text[m.end] == " " and m.text[:1].isupper():
            nxt = found[i + 1]
            found[i + 1] = _unresolved_feature(text, (m.start, nxt.end))
    return kept


_LOCAL_GOVERNMENT_AREA = re.compile(r"[ \u00a0]Local[ \u00a0]Government[ \u00a0]Area\b", re.I)
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
    if word.endswith("s") and re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, m.start(1) - 3):m.start(1)]):
        return False  # "Residents of X said": a plural noun opening a sentence, not an organisation's name
    return word not in _GENERIC_UNITS and word not in PERSON_TITLES and _zipf(word) >= 3.0


# "the Gaza health ministry", "Gaza's civil defence agency", "the Hodeidah media office": an institution
# named after the place speaks; the place is no site of what it reports.
_INSTITUTION_AFTER = re.compile(
    r"(?:['’]s?)?[ \u00a0]+(?:(?:health|interior|defen[cs]e|foreign|civil|media|government|press|information|"
    r"public|emergency|state|news)[ \u00a0]+){0,2}(?:ministry|civil[ \u00a0]+defen[cs]e|media[ \u00a0]+office|"
    r"health[ \u00a0]+authorities|news[ \u00a0]+agency)\b",
    re.I,
)


# "the Moscow-installed governor", "Tehran-backed militias": the power behind someone, not a site
_PATRON_AFTER = re.compile(r"-(?:installed|backed|appointed|allied|aligned|funded|sponsored|supported|armed|trained|"
                           r"controlled|held|occupied|led|friendly|leaning|imposed|brokered|mediated)\b")


def _assign_role(m: Mention, text: str, following_place: bool) -> str:
    after = text[m.end:m.end + 80]
    if _INSTITUTION_AFTER.match(after):
        return "organization"
    if _PATRON_AFTER.match(after):
        return "metonymy"
    possessive = re.match(r"['’]s?\s+(\w+)(?:\s+(\w+))?", after)
    if possessive:
        nxt = possessive.group(1).lower()
        if nxt in GOVERNMENT_NOUNS or (possessive.group(2) or "").lower() in GOVERNMENT_NOUNS and nxt.istitle():
            return "metonymy"
    words = _words_after(text, m.end, 3)
    if words and not _modifies_noun_before(text, m):
        first = words[0].lower()
        if first in SPEECH_VERBS or first in ACTION_VERBS:
            return "metonymy"
        if first in AUXILIARIES and len(words) > 1 and words[1].lower() in SPEECH_VERBS | ACTION_VERBS:
            return "metonymy"
    before = [w.lower() for w in _words_before(text, m.start, 2)]
    if len(before) == 2 and before[1] in ("from", "between", "with", "and") and before[0] in METONYMY_HEADS:
        return "metonymy"
    return "location"


# "Nasser Hospital in Khan Younis said", "residents of Beit Lahia and Jabalia said": the place only
# qualifies the noun before it, which is who speaks or acts.
_QUALIFYING_PREPOSITIONS = frozenset("in of at near outside inside around across".split())


def _modifies_noun_before(text: str, m: Mention) -> bool:
    if text.startswith(",", m.end):
        return False  # "the Governor of Kursk Oblast, stated": the place closes a title set off by commas
    start = m.start
    listed = LIST_BEFORE.search(text, max(0, start - 120), start)
    if listed:
        start = listed.start()
    before = _words_before(text, start, 2)
    return len(before) == 2 and before[1] in _QUALIFYING_PREPOSITIONS and before[0].lower() not in PERSON_TITLES


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
        datelines = [m for m in mentions if m.role == "dateline"]
        countries = article_countries(found + headline + datelines, gazetteer,
                                      _adjective_countries(text, start, end, gazetteer))
        found = sorted(found + _variant_spellings(text, found, gazetteer, start, end, countries), key=lambda m: m.start)
        found = sorted(found + _variants_inside_region(text, found, gazetteer, start), key=lambda m: m.start)
        joined, parts = hyphenated_names(text, found, gazetteer, start, end, Mention)
        found = sorted([m for m in found if m not in parts] + joined, key=lambda m: m.start)
        named, words = compass_regions(text, found, gazetteer, start, end, countries, Mention)
        found = sorted([m for m in found if m not in words] + named, key=lambda m: m.start)
        named, words = region_exonyms(text, found, gazetteer, start, end, Mention)
        found = sorted([m for m in found if m not in words] + named, key=lambda m: m.start)
        found = sorted(found + adjective_capitals(text, found, gazetteer, start, end, Mention), key=lambda m: m.start)
        longer = _transliterations(text, found + headline + datelines, gazetteer, start, end)
        found = sorted([m for m in found if not any(x.start <= m.start and m.end <= x.end for x in longer)] + longer,
                       key=lambda m: m.start)
        found = _old_names(text, found, headline, gazetteer, start, end)
        found = _merge_compass_prefixes(text, found)
        found = [m for m in found if not _inside_compound(text, m, gazetteer)]
        found = _drop_named_things(text, found, start, end)
        found = [m for m in found if not qualifies_a_noun(text, m, found + headline, gazetteer)]
        # "Gulf of Oman", "Sea of Azov": the feature word is not a place of its own ("Gulf" Province).
        found = [m for m in found if not (m.text.lower() in NATURAL_FEATURES and text.startswith(" of ", m.end))]
        found = _feature_names(text, found)
        surnames = _surnames(text, [
            m for m in found
            if not any(gazetteer.kind[c] in (COUNTRY, ADMIN1) and primary for c, primary in m.candidates)
            and max((gazetteer.population[c] for c, _ in m.candidates), default=0) < 100_000
        ])
        keep = [m for m in found if _is_place_use(m, text, gazetteer, start)
                and (m.text not in surnames or _words_before(text, m.start, 1)[-1:] in (["in"], ["near"]))]
        result = []
        for i, m in enumerate(keep):
            if m.text.lower() in COMPASS_WORDS:
                continue  # "US Central Command", "West African sources": a compass word alone names no place
            if _names_a_person(text, m):
                continue
            if feature := natural_feature_span(text, m.start, m.end):
                result.append(_unresolved_feature(text, feature))
                continue
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
                if word in TOWN_DISTRICT_WORDS or _LOCAL_GOVERNMENT_AREA.match(text, m.end):
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
        )
        mentions += sorted(result, key=lambda m: m.start)
    return mentions


def _adjective_countries(text: str, start: int, end: int, gazetteer: Gazetteer) -> set[str]:
    return {iso for word in set(re.findall(r"\b[A-Z][a-z]{3,}\b", text[start:end]))
            if (iso := national_adjective_country(word, gazetteer))}


def _transliterations(text: str, found: list[Mention], gazetteer: Gazetteer, start: int, end: int) -> list[Mention]:
    countries = article_countries(found, gazetteer, _adjective_countries(text, start, end, gazetteer))
    return variant_mentions(text, found, gazetteer, start, end, countries, _zipf,
                            lambda s, e, surface, candidates: Mention(s, e, surface, candidates))


def _old_names(text: str, found: list[Mention], headline: list[Mention], gazetteer: Gazetteer,
               start: int, end: int) -> list[Mention]:
    """"still called by its Soviet-era name of A", "its former name, B": A and B are the places of the
    article's countries that once bore those names, not the namesakes that still bear them."""
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


def _unresolved_feature(text: str, span: tuple[int, int]) -> Mention:
    """A lake, river or sea named after a place: a toponym, but the gazetteer holds no point for it."""
    return Mention(span[0], span[1], text[span[0]:span[1]], [], role="location")


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
    found = [m for m in found if not qualifies_a_noun(text, m, found, gazetteer)]
    kept = []
    for m in found:
        if m.text.lower() in COMPASS_WORDS:
            continue  # "North" of "North Waziristan" in a headline names no place by itself
        if feature := natural_feature_span(text, m.start, m.end):
            kept.append(_unresolved_feature(text, feature))
            continue
        if not _is_place_use(m, text, gazetteer, m.start):
            continue
        m.role = _assign_role(m, text, False)
        kept.append(m)
    return kept
