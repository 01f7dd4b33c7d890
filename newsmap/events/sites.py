"""Which of a sentence's places it locates an event in, and how precisely: not the launch site, the
speaker's city, a qualifying region, a title, a dateline or a place named only as a reference."""

from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_left

from newsmap.gazetteer.geometry import distance_km
from newsmap.places.unlisted import is_unlisted
from newsmap.records import Place
from newsmap.text import Sentence


_NEAR = re.compile(
    r"\b(?:near|outside|outskirts of|vicinity of|(?:in )?(?:the )?area of|around|close to|direction of|"
    r"suburbs? of|approaches to|\d+ (?:km|kilomet(?:re|er)s?|miles) (?:\w+ )?(?:of|from)|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? (?:of|from))\s+(?:the\s+)?"
    r"(?:(?:town|city|village|settlement)\s+of\s+)?$",
    re.I,
)
_ORIGIN = re.compile(
    r"\b(?:from|launched from|fired from|took off from|based in|deployed from|"
    r"(?:had |have |has )?(?:fled|escaped)|fleeing|escaping|"  # "17 people who had fled X": where they came from
    r"travel(?:l?ing|l?ed)? (?:back )?to|heading (?:back )?to|on (?:their|its|his|her|the) way to|bound for|en route to|"
    # "taken to hospital in X" is where the wounded went; "a strike on a hospital in X" is the site
    r"(?:(?:to|in|at|into)\s+(?:(?:a|the)\s+)?(?:\w+\s+)?hospitals?|hospitali[sz]ed|evacuated|taken|transported|moved|brought|abducted|dragged|carried|deported|"
    r"fled|flee(?:ing)?|smuggled)(?:\s+\w+){0,3}?\s+(?:in|to|into))\s+(?:the\s+)?"
    r"(?:(?:occupied|annexed|Russian|Ukrainian|(?:north|south|east|west|central|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?)\s+)?(?:(?:town|city|region|village|territory)\s+of\s+|capital\s+)?$",
    re.I,
)
_SPEAKER = re.compile(
    r"\b(?:(?:said|says|told \w+|speaking|spoke|statement|briefing|press conference|reported|wrote)\b[^.;]{0,25}"
    r"\b(?:in|from)\s+|spokes(?:man|woman|person)\b[^.;]{0,25}\b(?:in|from)\s+(?:the\s+)?)$",
    re.I,
)

# A place that is the subject of an agent's verb ("since Moscow launched an offensive") stands for
# its government or army, not for where something happened.
_AGENT_VERB = re.compile(
    r"^(?:'s\s+\w+\s+)?\s+(?:has |have |had |also |then |later )?(?:launched|said|says|claimed|announced|denied|accused|"
    r"wants|warned|insisted|responded|agreed|rejected|sent|ordered|demanded|threatened|retaliated|vowed|called|"
    r"urged|signed|blamed|refused|proposed|offered|decided|sanctioned|supplied|pledged|plans?|seeks|sought|"
    r"(?:began|begun|started|resumed|expanded|stepped up|intensified|escalated) (?:its|their)(?= ))\b",
    re.I,
)


def _is_qualifier(place: Place, previous: Place | None, text: str) -> bool:
    """ "Mykilske, Kherson" / "Mykilske (Kherson region)": the second name only says where the first is."""
    if previous is None or previous.location is None or place.location is None:
        return False
    between = text[previous.end : place.start]
    if re.fullmatch(r"\s+(?:(?:refugee\s+)?camp|district|suburb|area|neighbou?rhood|quarter|section|municipality)\s+of\s+(?:the\s+)?"
                    r"(?:(?:capital|city|town)\s+(?:of\s+)?)?", between, re.I):
        # "the Delmas area of Port-au-Prince": the city only says where the area is; but in "the
        # Port-au-Prince suburb of Kenscoff" the city comes first and the suburb is the site
        return (place.location.population or 0) >= (previous.location.population or 0)
    if re.fullmatch(r",\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:suburb|district|neighbou?rhood|quarter|area|(?:refugee\s+)?camp)"
                    r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:capital|city|town)\s+(?:of\s+)?)?", between, re.I):
        return True  # "X, the hillside suburb of Port-au-Prince": an appositive that says where X is
    if previous.location.feature_class == "country" and re.fullmatch(
            r"['’]s?\s+(?:(?:north|south|east|west|central)(?:ern)?\s+)?", between) and place.location.feature_class == "admin1" \
            and re.search(r"[A-Z][\w’'-]+\s+in\s+(?:the\s+)?$", text[max(0, previous.start - 40):previous.start]):
        return True  # "the village of Tetkino in Russia's western Kursk region": where Tetkino is
    if not re.fullmatch(r"\s*(?:,|\(|in|of)?\s*(?:the\s+)?(?:[A-Z][\w’'-]*['’]s?\s+)?"
                        r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
                        r"north-?western|south-?eastern|south-?western)\s+)?", between):
        return False
    loc, prev = place.location, previous.location
    if loc.feature_class in {"admin1", "country"}:
        return True
    return bool(loc.name and prev.admin1 and (loc.name.lower() in prev.admin1.lower() or prev.admin1.lower() in loc.name.lower()))


# "between Horlivka and Toretsk", "lies 20 km east of X": places named only to say where something is.
_REFERENCE = re.compile(
    r"\b(?:between|lies|lying|located|situated)\b(?:\s+(?:the\s+)?(?:cities|towns|villages|of|some|about|around|"
    r"\d+|kilomet(?:re|er)s?|km|miles?|\(\d+\s+miles?\)|north|south|east|west|northeast|northwest|southeast|southwest|"
    r"(?:to\s+)?the|from|to))*\s+$"
    # "the highway linking X with Y", "the road from X to Y": the ends of a route say where it runs
    r"|\b(?:linking|connecting|(?:road|highway|motorway|route)s?\s+(?:from|to))\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w’'-]*\s+){1,3}(?:with|and|to)\s+(?:the\s+)?)?$",
    re.I,
)
# "the Mandalay-Lashio highway": the ends of a route name where it runs, not where it was hit
_ROUTE_NOUN = r"[ \u00a0]+(?:highway|road|motorway|expressway|route|railway|rail line|corridor|pipeline)\b"
_ROUTE_WORD = re.compile(_ROUTE_NOUN, re.I)
_ROUTE_FIRST_END = re.compile(rf"-[A-Z][\w’'.]*(?:[ \u00a0][A-Z][\w’'.]*)?{_ROUTE_NOUN}", re.I)
# "the ongoing siege of Mariupol", "the war with the rebels in Darfur", "the militia, which controls
# the port of Misrata": a place named as the setting of a war or someone's rule, not of an event.
_BACKGROUND_SETTING = re.compile(
    r"\b(?:(?:ongoing|continuing|long-running|devastating)\s+(?:war|conflict|siege|crisis|occupation|blockade|fighting)|"
    r"(?:the|a)\s+(?:war|conflict)\s+(?:between|with|against))\b[^.;:]{0,50}?\b(?:in|of|on|with)\s+(?:the\s+)?$"
    r"|\b(?:who|which|that)\s+(?:control|controls|hold|holds|run|runs|rule|rules)\s+(?:[\w’'-]+\s+){0,3}$"
    r"|\bsince\s+(?:a|an|the)\s+[^.;]{0,40}?\b(?:strike|attack|bombing|shelling|massacre|raid)\s+(?:in|on|at)\s+"
    r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
    re.I,
)
# "Donetsk's Bakhmutskyi district": the first place only says where the district is.
# "the Krasnodar regional governor said", "Kharkiv Mayor Ihor Terekhov", "the Gaza health ministry": a title,
# not where it happened.
_TITLE_AFTER = re.compile(
    r"^\s+(?:(?:regional|region(?:['’]s)?|oblast|province|provincial|city|state|district|military|civil|municipal|"
    r"health|interior)\s+)*"
    r"(?:governor|mayor|head|prosecutor(?:['’]s office)?|police chief|administration|council|authorities|officials|"
    r"ministry)\b",
    re.I,
)
_SOURCE_IN = re.compile(
    r"\b(?:officials?|sources?|residents?|witness(?:es)?|spokes\w+|doctors?|medics?|journalists?|activists?|"
    r"correspondents?|elders?|leaders?)\s+(?:based\s+)?(?:in|from|at)\s+(?:the\s+)?$",
    re.I,
)
_TOLD_AFTER = re.compile(r",?\s+(?:told|said|says|reported|added|confirmed|wrote)\b")
_ANAPHOR_OF_REGION = re.compile(r"\bthe (?:region|oblast|province|governorate|state|city|town)\b(?!['’]s)", re.I)
_OWNS_UNIT = re.compile(
    r"^['’]s?\s+(?:[A-Z][\w’'-]*\s+)+(?:district|region|raion|oblast|province|county|township|commune|municipality|governorate|locality|neighbo(?:u)?rhood|suburbs?|"
    r"outskirts|port|airport)\b", re.I)
# "Kenscoff, in the mountains south of Port-au-Prince": after another place, a compass bearing
# from a second one only says where the first is.
_BEARING_FROM = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?(?:capital\s+)?$", re.I)
# "from Ballina in County Mayo": the second place qualifies an excluded first one.
_WHERE_IN = re.compile(r",?\s+(?:in\s+)?(?:the\s+)?(?:County\s+|Province\s+of\s+)?|,\s*", re.I)
# "Zarichne, Donetsk", "Montrouis—Ouest": a name right before a region, which it qualifies.
_NAME_THEN_REGION = re.compile(r"[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)*\s*(?:,|—|–)\s*(?:the\s+)?$")


def _dateline_like(place: Place, sentence: Sentence, text: str) -> bool:
    """"WASHINGTON/ SANA'A/ DUBAI:", "Tehran [Iran] / Tel Aviv [Israel], June 20:", "ATHENS –": a
    place in a dateline that the ingest stage did not separate is where the story was filed."""
    if place.text.isupper() and len(place.text) > 3:
        return True
    line_start = text.rfind("\n", 0, place.start) + 1
    prefix = text[line_start:place.start]
    # Possessive: an all-capitals run ("JOINT BASE ELMENDORF") must not be split letter by letter on a retry.
    if not re.fullmatch(r"(?:[A-Z][\w’'.-]*+|\[[^\]]*\]|[\s/,])*+", prefix):
        return False
    rest = re.match(r"(.{0,60}?)(?:\(|:|—|–|\s-\s)", text[place.end:min(len(text), place.end + 80)])
    if rest is None:
        return False
    return bool(re.fullmatch(r"(?:[A-Z][\w’'.-]*+|\d{1,4}(?:st|nd|rd|th)?|\[[^\]]*\]|[\s/,.])*+", rest.group(1)))


_MODIFIER_OF = re.compile(r"^\s+(?:resort|port|city|town|village|capital|coast|suburb|district)\s+of\s+[A-Z]", re.I)
# "Afgoye district of Lower Shabelle region", "Gwoza district of Borno State": a district named after its
# town, in the region after it; the town is the site and the region only says where it is.
_DISTRICT_OF_REGION = re.compile(
    r"\s+district\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,3}(?:region|state|province|governorate|oblast)\b")
_NEAR_PLACE = re.compile(r",?\s+(?:near|outside|close to|not far from)\s+(?:the\s+(?:city|town|village)\s+of\s+)?")
_VENUE_BEFORE = re.compile(r"\b(?:in|at|hosted by)\s+(?:the\s+)?$", re.I)


# "ZAPORIZHZHIA, Ukraine — A Russian strike on the city killed a woman": the city the story was filed from
_THE_CITY = re.compile(r"\b(?:the|this) (?:city|town|port city|regional capital|capital)\b(?! of\b)(?!['’]s? \w+ (?:of|region|district))")


def _dateline_city(places: list[Place], sentence: Sentence) -> list[Place]:
    """The dateline's city, when the story has named no other town before this sentence."""
    dateline = next((p for p in places if p.role == "dateline" and p.location is not None
                     and p.location.feature_class == "city"), None)
    if dateline is None or any(p.role == "location" and p.location is not None and p.start < sentence.start
                               and p.location.feature_class == "city" for p in places):
        return []
    return [dateline]


def _eligible_places(sentence: Sentence, places: list[Place], text: str, kind: str | None) -> list[Place]:
    chosen: list[Place] = []
    references: list[Place] = []  # "between X and Y", "located west of X": used only if nothing else is
    titled: list[Place] = []  # "the Poltava Oblast Governor": a title, the site only if "the region" refers to it
    previous: Place | None = None
    previous_excluded = False
    # ``places`` is sorted by start: visit only the sentence's own, so many sentences stay linear.
    for index in range(bisect_left(places, sentence.start, key=lambda p: p.start), len(places)):
        place = places[index]
        if place.start >= sentence.end:
            break
        if place.end > sentence.end:
            continue
        listed = previous is not None and bool(re.fullmatch(r"\s*(?:,|and|or|, and)\s*", text[previous.end : place.start]))
        if place.role != "location" or place.location is None:
            if place.location is not None and place.role == "organization" and _TITLE_AFTER.match(text[place.end:place.end + 60]):
                titled.append(place)
            previous, previous_excluded = place, True
            continue
        # A bounded look-back keeps this linear in the sentence, however many places it names.
        before = text[max(sentence.start, place.start - 160) : place.start]
        if chosen and _BEARING_FROM.search(before[-40:]):
            references.append(place)
            previous, previous_excluded = place, True
            continue
        if (previous is not None and not previous_excluded and previous in chosen
                and previous.location.feature_class not in {"admin1", "country"}
                and _NEAR_PLACE.fullmatch(text[previous.end:place.start])):
            references.append(place)  # "the village of Sinjil near Ramallah": Ramallah only says where Sinjil is
            previous, previous_excluded = place, True
            continue
        if _BACKGROUND_SETTING.search(before):
            previous, previous_excluded = place, True
            continue
        if _feared_at(place, text, sentence):
            previous, previous_excluded = place, True  # "committees in X warned of clashes": a fear, not an event
            continue
        if _SOURCE_IN.search(before[-60:]) and _TOLD_AFTER.match(text, place.end, sentence.end):
            previous, previous_excluded = place, True  # "a local official in Mopti told Reuters": who spoke, where
            continue
        if _TITLE_AFTER.match(text[place.end:place.end + 60]):
            titled.append(place)
            previous, previous_excluded = place, True
            continue
        if _OWNS_UNIT.match(text[place.end:place.end + 60]) or place.location.feature_class == "admin1" and (
                _NAME_THEN_REGION.search(before[-60:]) or previous is not None and not previous_excluded
                and _DISTRICT_OF_REGION.match(text, previous.end) and previous.end > place.start - 40):
            references.append(place)  # "Montrouis—Ouest", "Donetsk's Bakhmutskyi district": where, not what
            previous, previous_excluded = place, True
            continue
        if (_MODIFIER_OF.match(text[place.end:place.end + 30]) and not is_unlisted(place.location)
                and not _DISTRICT_OF_REGION.match(text, place.end)):
            previous, previous_excluded = place, False  # "the Red Sea resort of X": X is the site
            continue
        if (_REFERENCE.search(before) or kind == "ground_fighting" and _ORIGIN.search(before)
                or _ROUTE_FIRST_END.match(text, place.end)
                or (_ROUTE_WORD.match(text, place.end) and re.search(r"[A-Z][\w’'.]*-$", before))) \
                and not _SPEAKER.search(before):
            references.append(place)
            previous, previous_excluded = place, True
            continue
        if (
            _ORIGIN.search(before)
            or _SPEAKER.search(before)
            or _is_qualifier(place, previous, text)
            or (listed and previous_excluded)
            or (previous_excluded and previous is not None and _WHERE_IN.fullmatch(text[previous.end : place.start]))
            or _AGENT_VERB.match(text[place.end : min(sentence.end, place.end + 80)])
            or _dateline_like(place, sentence, text)
        ):
            previous, previous_excluded = place, True
            continue
        previous, previous_excluded = place, False
        if re.search(r"\b(?:Sea|Ocean|Gulf|Bay|Strait|Canal)$", place.text):
            continue  # at sea: the packaged gazetteer has no point for a water body, a coast province is wrong
        if place.location.feature_class == "country" and (
            kind not in {"diplomatic", "prisoner_exchange"} or not _VENUE_BEFORE.search(before[-30:])
        ):
            continue  # a country is an event site only as the venue of talks or an exchange ("talks in Turkey")
        if any(p.location and p.location.geonameid == place.location.geonameid for p in chosen):
            continue
        chosen.append(place)
    if not chosen and titled and _ANAPHOR_OF_REGION.search(text, sentence.start, sentence.end):
        # "The Poltava Oblast Governor said Russian troops shelled the region": the governor's region
        chosen = titled[:1]
    if not chosen and references and kind not in {"diplomatic", "prisoner_exchange"}:
        chosen = [p for p in references if p.location.feature_class != "country"][:1]
    if not chosen and kind is not None and _THE_CITY.search(sentence.text):
        chosen = _dateline_city(places, sentence)
    # "the village of Y near X", Y unknown to the gazetteer: X only says where Y is. But "the A and B
    # villages in X": several villages drawn at X's point are one site, X, whose name the reader knows.
    drawn_near = Counter(_point(p) for p in chosen if is_unlisted(p.location))
    known_at = {_point(p) for p in chosen if not is_unlisted(p.location)}

    def is_the_site(place: Place) -> bool:
        villages = drawn_near[_point(place)]
        if is_unlisted(place.location):
            return not (villages >= 2 and _point(place) in known_at)
        # "two killed in the Saltivka area and 17 hurt in the X district": a place told as a part of a
        # town is a site of its own, not the town that the next part is drawn at
        return villages != 1 or bool(_TOLD_AS_PART.match(text, place.end))

    chosen = [p for p in chosen if is_the_site(p)]
    # "In central Gaza, a drone strike hit the Nuseirat camp": a compass part of a place is the setting
    # of the site in it, not a second site.
    settings = [p for p in chosen if COMPASS_PART.search(text, max(0, p.start - 20), p.start)]
    chosen = [p for p in chosen if p not in settings or not any(
        q is not p and q not in settings and _within(q, p, _SETTING_REACH_KM) for q in chosen)]
    # "In Kyiv, debris hit a building in the Holosiivskyi district": the city is the setting of its district
    chosen = [p for p in chosen if not any(
        q is not p and _TOLD_AS_PART.match(text, q.end) and not _TOLD_AS_PART.match(text, p.end)
        and q.location is not None and p.location is not None and q.location.geonameid > 0
        and q.location.geonameid != p.location.geonameid and _within(q, p, _DISTRICT_REACH_KM) for q in chosen)]
    # "an attack on the X region killed a woman in the village of Y": the region only says where Y is.
    regions = [p for p in chosen if _is_region_mention(p, text)]
    towns = [p for p in chosen if p not in regions]
    return [p for p in chosen if p not in regions or not any(_in_region(t.location, p.location) for t in towns)]


_TOLD_AS_PART = re.compile(r"\s+(?:area|district|neighbou?rhood|quarter)\b(?!\s+of\b)", re.I)
COMPASS_PART = re.compile(
    r"\b(?:north|south|east|west|central|northern|southern|eastern|western|(?:north|south)-?(?:east|west)(?:ern)?)"
    r"\s+$", re.I)
_SETTING_REACH_KM = 40
_DISTRICT_REACH_KM = 15


def _within(a: Place, b: Place, km: float) -> bool:
    return distance_km(*_point(a), *_point(b)) <= km


def _point(place: Place) -> tuple[float, float]:
    return place.location.latitude, place.location.longitude


_HYPOTHETICAL = re.compile(
    r"\b(?:warn(?:ed|s|ing)? (?:of|about|against)|fears? (?:of|that)|feared|threat(?:ened|s)? (?:of|to)|risk of|"
    r"(?:is|are|was|were) (?:preparing|poised|bracing|threatening) (?:to|for)|could (?:face|see|launch)|"
    r"(?:may|might) (?:launch|attack|face|storm)|preparing (?:an? |for (?:an? )?)?(?:(?:new|fresh|major|large-scale|renewed) )?(?:offensive|attack|assault)|"
    # "weighing new strikes on X", "could stage new attacks on X", "if the fighting reaches X"
    r"(?:weigh|consider|mull|contemplat|plann)(?:ing|s|ed)? (?:new |fresh |further |more |possible |retaliatory )?(?:strikes|attacks|raids)|"
    r"(?:could|would|will|might|may) (?:stage|mount|carry out) (?:new |fresh |further |more )?(?:attacks?|strikes?|raids?|offensives?)|"
    r"\bif (?:the )?(?:fighting|war|violence|clashes|front(?: ?line)?) (?:reach(?:es)?|spreads? to|moves? to)|"
    r"\bfear(?:s|ed)? (?:that )?(?:new |more |further )?(?:attacks|strikes|raids|fighting) (?:on|in|against|around)|"
    r"in the coming (?:days|weeks|months)|"
    # "Russia could strike Odesa", "would hit Beirut again if", "vowed to retake Darfur": a threat or a
    # forecast, not an attack ("could have killed" looks back at one that happened)
    r"(?:could|would|will|might|may|can|threaten(?:ed|s)? to|vow(?:ed|s)? to)\s+(?!have\b)(?:(?:next|also|again|soon|"
    r"then|still|now|easily)\s+)?(?:strike|hit|attack|target|bomb|shell|storm|retake|seize|invade|resume|launch|"
    r"come back and strike)|"
    r"\bif\s+(?:\w+\s+){0,3}?(?:attacks?|strikes?|hits?|targets?)|\bany (?:\w+ )?(?:attack|strike|assault|offensive) (?:on|against))\b",
    re.I,
)


def _feared_at(place: Place, text: str, sentence: Sentence) -> bool:
    """"residents in X warned of clashes", "fears of an offensive on X": what is feared there."""
    if _HYPOTHETICAL.search(text[max(sentence.start, place.start - 50):place.start]):
        return True
    after = _HYPOTHETICAL.search(text, place.end, min(sentence.end, place.end + 60))
    if after is None:
        return False
    gap = text[place.end:after.start()]
    return not re.search(r"\b\w+ing\b|\b(?:and|while|whereas|but)\b|[.;]|\b(?:in|at|near|of)\s+[A-Z]", gap)


def _is_region_mention(place: Place, text: str) -> bool:
    if place.location.feature_class == "admin1":
        return True
    return bool(re.match(r"\s+(?:region|oblast|province)\b", text[place.end : place.end + 12], re.I))


def _precision(place: Place, text: str, sentence: Sentence) -> int:
    loc = place.location
    if loc is None or loc.feature_class in {"admin1", "country"}:
        return 3
    if is_unlisted(loc):
        return 2  # drawn near the place the story ties it to
    after = text[place.end : min(sentence.end, place.end + 30)]
    if re.match(r"\s+(?:region|oblast|province|district|raion|area)\b", after, re.I):
        return 3 if re.match(r"\s+(?:region|oblast|province)\b", after, re.I) else 2
    before = text[max(sentence.start, place.start - 60) : place.start]
    return 2 if _NEAR.search(before) else 1


def _in_region(town, region) -> bool:
    if town.country != region.country or town.geonameid == region.geonameid:
        return False
    if town.admin1_code and region.admin1_code:
        return town.admin1_code == region.admin1_code
    return bool(town.admin1 and region.name and (town.admin1 == region.name or region.name in town.admin1))
