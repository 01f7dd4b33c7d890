"""Resolution: every candidate of every mention scored with priors (population, feature class, main
name) and the article's own context (its countries, the region or country named beside a name, the
regions it names, the feature its wording names, nearness to its other places), in two passes; then
small places abroad dropped from stories plainly set elsewhere.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from newsmap.gazetteer import ADMIN1, CITY, COUNTRY, Gazetteer, OTHER, fold
from newsmap.places.adjectives import (
    _country_written_as, abbreviation_candidates, adjective_entry, national_adjective_country,
)
from newsmap.places.context import (
    ADMIN2_WORDS, LIST_BEFORE, LOCATIVE_CUES, NATURAL_FEATURES, REGION_WORDS, SETTLEMENT_WORDS, _CALENDAR_WORDS,
    _continues_list, _words_after, _words_before, _zipf,
)
from newsmap.places.mention import Mention
from newsmap.places.not_places import group_spans
from newsmap.places.spelling import _fuzzy_candidates
from newsmap.places.stated_region import IN_STATED_REGION, fall_back_to_region


def _regions_centred_on(candidates: list[tuple[int, bool]], gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    regions = []
    for entry, primary in candidates:
        region = gazetteer.admin1_entry_of(entry) if gazetteer.kind[entry] == CITY else None
        if region is None:
            continue
        centre = gazetteer.admin_centre(gazetteer.location(region))
        if centre is not None and centre.geonameid == gazetteer.geonameid[entry]:
            regions.append((region, primary))
    return regions


def _wording_preferences(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> None:
    for m in mentions:
        after = _words_after(text, m.end, 1)
        if after and after[0].lower() in _ADMIN1_WORDS_AFTER and not any(
                gazetteer.kind[c] == ADMIN1 for c, _ in m.candidates):
            # "the Kharkov Region", "the Dnepropetrovsk region": a region called by an older or Russian
            # spelling of its centre's name, which the gazetteer knows only for the city.
            m.candidates = m.candidates + _regions_centred_on(m.candidates, gazetteer)
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
        if after and after[0].lower() in _ADMIN1_WORDS_AFTER:
            m.prefer = ADMIN1
            if after[0].lower().endswith("s"):
                # "the Belgorod and Kursk regions": the plural names every member of the list.
                j = i - 1
                while j >= 0 and re.fullmatch(r",? (?:and |or )?|, ", text[mentions[j].end:mentions[j + 1].start]):
                    if any(gazetteer.kind[c] == ADMIN1 for c, _ in mentions[j].candidates):
                        mentions[j].prefer = ADMIN1
                    j -= 1
        elif after and after[0].lower() in ("city",):
            m.prefer = CITY
        elif before[-2:] in (["border", "with"], ["borders", "with"], ["frontier", "with"]) and _borders_named_place(
                m, mentions[max(0, i - 3):i], gazetteer):
            m.prefer = COUNTRY  # "Borno state, near the border with Niger": the country, not Nigeria's Niger State
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
        # "Iraq's Kurdistan region": a place the text gives a country is in that country, or is unknown here
        # (not Iran's Kurdistan Province).
        if i and _COUNTRYS.fullmatch(text, mentions[i - 1].end, m.start):
            owners = {gazetteer.country_code(c) for c, _ in mentions[i - 1].candidates if gazetteer.kind[c] == COUNTRY}
            if len(owners) == 1 and m.candidates and all(gazetteer.kind[c] != COUNTRY for c, _ in m.candidates):
                m.candidates = [(c, p) for c, p in m.candidates if gazetteer.country_code(c) in owners]
        # "Herat, near the border with Iran": a place by a border lies on this side of it.
        if i + 1 < len(mentions) and _BY_THE_BORDER_WITH.fullmatch(text, m.end, mentions[i + 1].start):
            beyond = {gazetteer.country_of[c] for c, _ in mentions[i + 1].candidates if gazetteer.kind[c] == COUNTRY}
            this_side = [(c, p) for c, p in m.candidates if gazetteer.country_of[c] not in beyond]
            if beyond and this_side:
                m.candidates = this_side
        # "Mykilske, Kherson" / "Paris, Texas": a containing region right after a comma.
        if i + 1 < len(mentions):
            nxt = mentions[i + 1]
            # ("12 in Khan Younis, Gaza's civil defence said": a possessive heads the speaker's clause, no qualifier)
            if (re.fullmatch(r", ?", text[m.end:nxt.start]) and not _continues_list(text, nxt)
                    and not _POSSESSIVE_OF_A_BODY.match(text, nxt.end) and not _region_abroad(m, nxt, gazetteer)):
                m.context_entries = [c for c, _ in nxt.candidates if gazetteer.kind[c] in (ADMIN1, COUNTRY)]
                if any(gazetteer.kind[c] == ADMIN1 for c in m.context_entries):
                    nxt.prefer = nxt.prefer or ADMIN1
                    fall_back_to_region(m, gazetteer)
        # "the village of X in Russia's southern Y region": the region the text states holds X.
        if not m.context_entries:
            for nxt in mentions[i + 1:i + 3]:
                gap = text[m.end:nxt.start]
                if (IN_STATED_REGION.fullmatch(gap)
                        and (_REGION_WORD_AFTER.match(text, nxt.end) or _REGION_WORD_AFTER.search(" " + nxt.text.split()[-1]))
                        and any(gazetteer.kind[c] == ADMIN1 for c, _ in nxt.candidates)):
                    m.context_entries = [c for c, _ in nxt.candidates if gazetteer.kind[c] == ADMIN1]
                    fall_back_to_region(m, gazetteer)
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


# "Gaza's civil defence", "Kharkiv's governor": the name owns the body that speaks, it qualifies no place.
_POSSESSIVE_OF_A_BODY = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}?(?:civil|health|interior|defen[cs]e|emergency|"
                                   r"governor|mayor|authorities|officials?|ministry|military|police|army|agency|"
                                   r"administration|council|spokes\w+)\b")

_COUNTRYS = re.compile(r"['’]s (?:(?:[a-z]+ern|semi-autonomous|autonomous|northern|southern|restive|central) ){0,2}")
# How close a country's nearest town must come to a place named just before "the border with <country>"
# for the country to be the reading (a border a province shares, not a namesake province far inland).
BORDER_KM = 300


def _borders_named_place(m: Mention, previous: list[Mention], gazetteer: Gazetteer) -> bool:
    from newsmap.places.variants import _settlements_by_initial

    countries = [c for c, _ in m.candidates if gazetteer.kind[c] == COUNTRY]
    anchors = [c for o in previous for c, primary in o.candidates
               if primary and gazetteer.kind[c] in (ADMIN1, CITY) and gazetteer.country_code(c) not in
               {gazetteer.country_code(x) for x in countries}]
    for country in countries:
        towns = [e for group in _settlements_by_initial(gazetteer, gazetteer.country_code(country)).values()
                 for _, e in group]
        if any(gazetteer.distance(a, t) <= BORDER_KM for a in anchors for t in towns):
            return True
    return False


_BY_THE_BORDER_WITH = re.compile(r",?\s+(?:near|on|along|close to|at|by) the (?:border|frontier) with\s+")


_REGION_QUALIFIERS = frozenset({"border", "frontline", "front-line"})


_ADMIN1_WORDS_AFTER = frozenset(
    "region regions oblast oblasts province provinces governorate governorates".split())


_REGION_WORD_AFTER = re.compile(r"\s+(?:region|province|oblast|state|governorate|krai|department|prefecture)\b", re.I)


_ATTRIBUTIVE = re.compile(r"\.?[ \u00a0]+(?:envoy|officials?|diplomats?|negotiators?|mediators?|delegation|"
                          r"president|secretary|ambassador|special|administration|government|lawmakers|senators?|"
                          r"intelligence|military|troops|forces|defen[cs]e|strikes?|airstrikes?|warplanes|jets|warships|navy)\b")


def _attributive_country(m: Mention, text: str, gazetteer: Gazetteer) -> bool:
    """"U.S. envoy", "UK officials": who someone is, not where the story is."""
    return bool(_ATTRIBUTIVE.match(text, m.end)) and any(gazetteer.kind[c] == COUNTRY for c, _ in m.candidates)


def _adjective_countries(text: str, body: tuple[int, int], gazetteer: Gazetteer) -> list[str]:
    """Countries the body names by adjective only ("Israeli troops", "Sudanese army"), once per use."""
    found = []
    for word in re.findall(r"\b[A-Z][a-z]{3,}\b", text[body[0]:body[1]]):
        iso = national_adjective_country(word, gazetteer)
        if iso and gazetteer.lookup(word) == []:
            found.append(iso)
    return found


def _region_abroad(m: Mention, nxt: Mention, gazetteer: Gazetteer) -> bool:
    """"Jabalia, Gaza": the only region called Gaza is in Mozambique, but a town of that name lies in
    Jabalia's own country: the name after the comma is that town, not a region holding Jabalia."""
    own = {gazetteer.country_of[c] for c, _ in m.candidates}
    regions = {gazetteer.country_of[c] for c, _ in nxt.candidates if gazetteer.kind[c] in (ADMIN1, COUNTRY)}
    others = {gazetteer.country_of[c] for c, _ in nxt.candidates if gazetteer.kind[c] not in (ADMIN1, COUNTRY)}
    return bool(own) and not own & regions and bool(own & others)


def _country_votes(mentions: list[Mention], text: str, body: tuple[int, int], gazetteer: Gazetteer) -> Counter:
    votes: Counter = Counter()
    for m in mentions:
        m.votes = Counter()
        _mention_votes(m, gazetteer, m.votes)
        if _attributive_country(m, text, gazetteer):
            m.votes = Counter({iso: v / 4 for iso, v in m.votes.items()})
        votes.update(m.votes)
    for iso in _adjective_countries(text, body, gazetteer):
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


def _dwarfed(entry: int, siblings: list[tuple[int, bool]], gazetteer: Gazetteer) -> bool:
    """A village that shares its name with a city of the same country a hundred times its size: a
    region named elsewhere in the article is no reason to read the name as the village ("Nikopol"
    means the city of 100,000 even when the story also covers the region where a hamlet bears it)."""
    population, country = gazetteer.population[entry], gazetteer.country_of[entry]
    return any(gazetteer.kind[c] == CITY and gazetteer.country_of[c] == country
               and gazetteer.population[c] >= max(50_000, 100 * population) for c, _ in siblings)


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
    if admin is not None and admin in admin1_context and admin != entry and not _dwarfed(entry, siblings, gazetteer):
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
    # little evidence makes a small share, when some is discounted: "U.S. envoy" alone sets no story in the US
    floor = 1.0 if any(_attributive_country(m, text, gazetteer) for m in mentions) else 0.0
    shares: dict[int, dict[str, float]] = {}
    same_name: dict[str, Counter] = {}
    for m in mentions:
        same_name.setdefault(fold(m.text), Counter()).update(m.votes)
    for m in mentions:
        # A name's own votes (all its mentions: one sense per article) must not decide it —
        # "Georgia" alone would always pick the country.
        rest = votes - same_name[fold(m.text)]
        total = sum(rest.values())
        shares[id(m)] = {iso: v / max(total, floor) for iso, v in rest.items()} if total else {}

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
    named = [m.choice for m in mentions if m.choice is not None and gazetteer.kind[m.choice] == COUNTRY]
    # "Israeli troops" near "Gaza": a country named by its adjective is a country the article names
    named += [e for iso in dict.fromkeys(_adjective_countries(text, body, gazetteer))
              if (e := gazetteer.country_entry(iso)) is not None]
    country_points[:] = dict.fromkeys((gazetteer.lat[e], gazetteer.lon[e]) for e in named)
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


FOREIGN_NAMESAKE_POPULATION = 50_000


# "Kani and Yinmabin townships", "X village": what the text calls a village, township or district is a
# local unit of the story's country, not a city of up to this size abroad that bears its name.
FOREIGN_LOCAL_UNIT_POPULATION = 1_000_000
_LOCAL_UNIT_AFTER = re.compile(
    r"(?:[ \u00a0](?:and|or)[ \u00a0][A-Z][\w’'-]+(?:[ \u00a0][A-Z][\w’'-]+)?)?"
    r"[ \u00a0](?:village|villages|township|townships|district|districts|commune|communes|hamlet|camp|lga)\b",
    re.I)  # "Kani Township", "Tsafe LGA": capitalised in Myanmar and Nigerian copy


# A city abroad known by a name only as one of its other names ("Boni" for Bonn) is left alone
# below this size: the capitals and metropolises news still calls by old names ("Kiev") stay.
FOREIGN_ALIAS_POPULATION = 1_000_000


# "the village of al-Samah", "the town of Kafr Nabl": what the text calls a settlement.
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:village|town|hamlet|settlement|township)(?:[ \u00a0]of)?[ \u00a0]"
    r"(?:(?:al|el|ad|as|ash|an|ar|at|az)[- \u00a0])?$")


# A city abroad reached by a close spelling of its name ("Mambasa" for Mombasa) is not what the story
# means when it lies farther than this from every other place the story names. Metropolises whose
# older spelling news still uses ("Kiev", "Bombay") are left alone.
FOREIGN_SPELLING_KM = 800
FOREIGN_SPELLING_POPULATION = 2_000_000


def _respelt_far_away(m: Mention, mentions: list[Mention], gazetteer: Gazetteer) -> bool:
    if not dict(m.candidates).get(m.choice) or gazetteer.population[m.choice] >= FOREIGN_SPELLING_POPULATION:
        return False  # an other name ("New Delhi" for Delhi) rather than a spelling of the main one
    others = [o.choice for o in mentions if o is not m and o.choice is not None and o.choice != m.choice]
    return bool(others) and all(gazetteer.distance(m.choice, o) > FOREIGN_SPELLING_KM for o in others)


def _drop_foreign_namesakes(mentions: list[Mention], text: str, gazetteer: Gazetteer) -> list[Mention]:
    """A small town abroad is not what a name means in a story plainly set elsewhere: a given name
    in a byline is not a Spanish village of that name, nor a Syrian hamlet an Estonian town. When the
    article's countries are known (named, dateline, national adjectives, regions, big cities), a lone
    name whose only reading is a small place in none of them is left unresolved — and dropped
    unless a locative word ("in", "near", "village of") says it is a place."""
    named: set[str] = set()  # countries the article names or places it in
    named_by: dict[str, set[str]] = {}  # ... and the names that do so (a dateline counts for every name)
    for m in mentions:
        if m.choice is None or _attributive_country(m, text, gazetteer):
            continue  # "U.S. strikes on X": who struck, not where the story is
        kind = gazetteer.kind[m.choice]
        by_own_name = dict(m.candidates).get(m.choice, True)
        if kind in (COUNTRY, ADMIN1) or gazetteer.population[m.choice] >= 100_000 and by_own_name or m.role == "dateline":
            named.add(gazetteer.country_code(m.choice))
            named_by.setdefault(gazetteer.country_code(m.choice), set()).add("" if m.role == "dateline" else fold(m.text))
    adjectives = {iso for word in set(re.findall(r"\b[A-Z][a-z]{3,}\b", text))
                  if (iso := national_adjective_country(word, gazetteer))}
    adjectives |= {group.country for _, _, group in group_spans(text) if group is not None and group.country}
    countries = named | adjectives
    if not countries:
        return mentions
    kept = []
    for m in mentions:
        local_unit = _LOCAL_UNIT_AFTER.match(text, m.end) is not None
        if (m.choice is not None and gazetteer.kind[m.choice] == CITY and not m.context_entries
                and gazetteer.population[m.choice] < (
                    FOREIGN_LOCAL_UNIT_POPULATION if local_unit else FOREIGN_NAMESAKE_POPULATION)
                and gazetteer.country_code(m.choice) not in adjectives
                and not (named_by.get(gazetteer.country_code(m.choice), set()) - ({fold(m.text)} if local_unit else set()))
                and not any(o is not m and o.choice is not None and fold(o.text) != fold(m.text)
                            and gazetteer.country_code(o.choice) == gazetteer.country_code(m.choice) for o in mentions)):
            # "the outskirts of Khiam and Kfar Kila": the list's head has the locative word
            head = LIST_BEFORE.search(text, max(0, m.start - 120), m.start)
            if head and not re.search(r" (?:and|or) $", head.group()):
                head = None  # "the Minister of Communication, Jean …": a comma alone makes no list of places
            before = [w.lower() for w in _words_before(text, head.start() if head else m.start, 2)]
            if not (before and (before[-1] in LOCATIVE_CUES or before[-1] in SETTLEMENT_WORDS)):
                continue
            if named:
                m.choice = None  # "near Valga" in a story the text places in Syria: somewhere we don't know
            # (only national adjectives, as in "a Russian Orthodox church in Kalush": keep it)
        elif (m.choice is not None and gazetteer.kind[m.choice] == CITY and not m.context_entries and named
              and fold(m.text) != fold(gazetteer.names[m.choice])
              and gazetteer.country_code(m.choice) not in adjectives
              and not (named_by.get(gazetteer.country_code(m.choice), set()) - {fold(m.text)})
              and not any(o is not m and o.choice is not None
                          and gazetteer.country_code(o.choice) == gazetteer.country_code(m.choice) for o in mentions)
              and (not dict(m.candidates).get(m.choice, True) and (
                      gazetteer.population[m.choice] < FOREIGN_ALIAS_POPULATION or local_unit
                      or _SETTLEMENT_BEFORE.search(text, max(0, m.start - 40), m.start))
                   or _respelt_far_away(m, mentions, gazetteer))):
            # "around Boni" in a story set in Mali is not Bonn, whose old name it is; "the village of
            # Samah" in Syria is not a Chinese city listing that name among its others; a Congolese town
            # spelt like a Kenyan port's other name is not the port, a thousand kilometres from the story.
            m.choice = None
        elif (m.choice is not None and gazetteer.kind[m.choice] == CITY and named
              and gazetteer.country_code(m.choice) not in countries and _ARMED_MEN_AFTER.match(text, m.end)):
            continue  # "Fano fighters" in a story set in Ethiopia: a group named like an Italian town
        kept.append(m)
    return kept


# "the Red Sea": a water body, which the gazetteer lacks; its namesake provinces ("Red Sea State") are named
# with their admin word or without the article. Better unresolved than drawn in a province on the shore.
_WATER_WORDS = frozenset({"sea", "gulf", "ocean"})


def _unresolve_water_bodies(mentions: list[Mention], text: str) -> None:
    for m in mentions:
        words = m.text.split()
        if m.choice is None or len(words) < 2 or words[-1].lower() not in _WATER_WORDS:
            continue
        before = [w.lower() for w in _words_before(text, m.start, 1)]
        after = [w.lower() for w in _words_after(text, m.end, 1)]
        if before == ["the"] and not (after and after[0] in REGION_WORDS):
            m.choice = None


_ARMED_MEN_AFTER = re.compile(
    r"[ \u00a0](?:fighters|militiamen|militia|militias|rebels|insurgents|jihadists|gunmen|guerrillas|separatists)\b")


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


def _document_focus(mentions: list[Mention], gazetteer: Gazetteer) -> int | None:
    """The article's most-mentioned resolved place (most specific on ties): the backoff for a toponym
    the gazetteer doesn't hold (a street, a park), which is usually in the place the story is about."""
    counts = Counter(m.choice for m in mentions if m.choice is not None)
    if not counts:
        return None
    specificity = {CITY: 3, OTHER: 2, ADMIN1: 1, COUNTRY: 0}
    return max(counts, key=lambda e: (counts[e] + specificity[gazetteer.kind[e]] * 0.5, gazetteer.population[e]))
