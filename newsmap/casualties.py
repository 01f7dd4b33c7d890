"""Casualty figures stated in a sentence: killed, wounded and how many of them were children.

Number words become digits through text2num's ``alpha2digit``; the patterns below then tie each
count of people to the nearest casualty verb of its clause:

- "killing two and injuring 11", "the strike killed 2 people" — the count right after the verb;
- "13 people were wounded", "a boy born in 2015 was killed" — the count before the verb;
- "one soldier and three rebels were killed" — counts joined by "and" share the verb;
- "nine people, including a 4-year-old girl" — an ``including`` count is a subset (children), not more;
- "no casualties were reported" / "no one was hurt" — an explicit zero.

Ages ("6-year-old", "aged 70"), years ("born in 2015"), distances, drones, buildings and times are
never counts of people. A figure that is not stated stays ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERSON_NOUNS = {
    "people", "person", "persons", "civilian", "civilians", "resident", "residents", "man", "men",
    "woman", "women", "individual", "individuals", "soldier", "soldiers", "serviceman", "servicemen",
    "servicemembers", "troops", "fighter", "fighters", "militant", "militants", "rebel", "rebels",
    "officer", "officers", "worker", "workers", "employee", "employees", "driver", "drivers",
    "passenger", "passengers", "volunteer", "volunteers", "medic", "medics", "rescuer", "rescuers",
    "firefighter", "firefighters", "journalist", "journalists", "farmer", "farmers", "policeman",
    "policemen", "pensioner", "pensioners", "patient", "patients", "victim", "victims", "member",
    "members", "guard", "guards", "personnel", "inhabitants", "locals", "local", "others", "other",
    "adult", "adults", "elderly", "couple", "family", "residents", "staff", "crew", "citizens",
    "citizen", "servicemember", "combatants", "combatant", "mercenaries", "mercenary", "sappers",
    "sapper", "deminer", "deminers", "pedestrian", "pedestrians", "teacher", "doctor", "nurse",
    "teachers", "doctors", "nurses", "students", "pupils", "paramedics", "refugees", "worshippers",
    "pilgrims", "villagers", "protesters", "peacekeeper", "peacekeepers", "hostages", "gunmen", "attackers",
    "assailants", "jihadists", "insurgents", "militiamen", "displaced", "fishermen", "miners", "herders",
    "leader", "leaders", "commander", "commanders",
} | {"relatives", "parents", "siblings"} | {
    # the security forces, armed men and bystanders of Sahel, Nigerian and Myanmar wire copy
    "gendarme", "gendarmes", "vigilante", "vigilantes", "recruits", "conscripts", "cadets", "guerrillas",
    "bandits", "terrorists", "extremists", "paramilitaries", "traders", "herdsmen", "shepherds", "mourners",
    "shoppers", "bystanders", "motorists", "commuters", "monks", "worshipers", "guests",
    "protester", "villager", "trader", "herdsman", "shepherd", "monk", "bystander", "motorist",
}
# "a woman and her two children", "a man and his son": kin named after "and" are more people, not the same.
_KIN = {
    "father", "mother", "son", "sons", "daughter", "daughters", "brother", "brothers", "sister", "sisters",
    "wife", "husband", "grandmother", "grandfather", "grandson", "grandsons", "granddaughter", "granddaughters",
    "nephew", "niece", "cousin", "uncle", "aunt",
}
_PERSON_NOUNS |= _KIN
_CHILD_NOUNS = {
    "child", "children", "boy", "boys", "girl", "girls", "teenager", "teenagers", "teen", "teens",
    "minor", "minors", "infant", "infants", "baby", "babies", "toddler", "toddlers", "kid", "kids",
    "schoolboy", "schoolgirl", "schoolchildren", "newborn", "adolescent", "adolescents",
}
_NON_PERSON_NOUNS = {
    "drone", "drones", "missile", "missiles", "rocket", "rockets", "shell", "shells", "bomb", "bombs",
    "building", "buildings", "house", "houses", "home", "homes", "apartment", "apartments", "car",
    "cars", "vehicle", "vehicles", "tank", "tanks", "km", "kilometres", "kilometers", "kilometre",
    "kilometer", "mile", "miles", "metres", "meters", "m", "hours", "hour", "minutes", "minute",
    "days", "day", "weeks", "week", "months", "month", "years", "year", "times", "time", "percent",
    "regions", "region", "cities", "city", "towns", "town", "villages", "village", "settlements",
    "districts", "waves", "wave", "attacks", "attack", "strikes", "strike", "rounds", "round",
    "mm", "kg", "tons", "tonnes", "am", "pm", "a.m", "p.m", "storeys", "floors", "floor", "st",
    "nd", "rd", "th", "objects", "targets", "uavs", "uav", "aircraft", "planes", "helicopters",
    "enterprises", "facilities", "schools", "hospitals", "windows", "shops", "stations",
    "prisoners", "pows", "captives",
}
# Singular people a definite phrase can count as one ("the driver died", "killed the mayor").
SINGULAR_PEOPLE = {
    "man", "woman", "boy", "girl", "child", "victim", "driver", "resident", "civilian", "soldier",
    "serviceman", "officer", "mayor", "head", "official", "commander", "priest", "teacher", "doctor",
    "nurse", "teenager", "pensioner", "journalist", "volunteer", "farmer", "guard", "worker", "employee",
    "passenger", "pedestrian", "deputy", "chief", "director", "governor", "infant", "baby", "policeman",
    "peacekeeper",
}
_BODIES = re.compile(
    r"\b(?:(?P<n>\d+) (?:dead )?bodies|bodies of (?:at least |more than |over |about |some |around |nearly )?(?P<m>\d+)\b|(?P<one>(?:a|the|his|her) (?:dead )?body)"
    r"(?: (?:of|with) [^.;]{0,40}?)? (?:was|has been) (?:found|discovered|recovered|retrieved))",
    re.I,
)
_KILL = re.compile(
    r"^(?:kill(?:ed|ing|s)?|dead|died|dies|die|death|deaths|perished|fatalit(?:y|ies)|lifeless|slain|"
    r"murdered|executed)$",
    re.I,
)
_WOUND = re.compile(
    r"^(?:wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y|es|e)|hurt|hospitali[sz]ed|maimed)$",
    re.I,
)
_ACTIVE_VERB = re.compile(r"^(?:kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es|e)|hurt|left)$", re.I)
_POSSESSIVES = {"her", "his", "their", "its"}
_MODIFIERS = {"at", "least", "more", "than", "over", "up", "to", "around", "about", "nearly", "almost",
              "some", "roughly", "approximately", "another", "a", "an", "total", "of", "estimated",
              "additional", "further", "further", "other", "the"}
_LINKING = {"were", "was", "are", "is", "been", "have", "has", "had", "be", "being", "reportedly",
            "reported", "later", "also", "seriously", "severely", "slightly", "lightly", "critically",
            "fatally", "mortally", "people", "other", "others", "more", "said", "to", "got", "get",
            "left", "confirmed", "as", "result", "a", "of", "the", "in", "strike", "attack", "all"}
# "M23", "Su25", "F16": letters glued to digits are one name, never a count.
_TOKEN = re.compile(r"[A-Za-z]+\d[\w-]*|\d+(?:[.,]\d+)*(?:-\w+)*|[A-Za-z]+(?:[-'’][A-Za-z0-9]+)*|[^\w\s]")
_ZERO_KILLED = re.compile(
    r"\b(?:no (?:one|civilians?|people|residents?|persons?) (?:was|were|has been|have been) (?:\w+ )?killed|"
    r"no (?:deaths|fatalities|dead|victims|casualties|one died)|no (?:\w+ ){1,3}or (?:casualties|deaths)|nobody (?:was )?(?:\w+ )?killed|"
    r"without (?:casualties|victims|loss of life)|no (?:immediate )?reports? of (?:casualties|deaths|victims)|"
    r"(?:crew|crew members|everyone|all (?:\w+ )?(?:on board|aboard|passengers|residents)) (?:were|was|are|is) (?:reported |all )?(?:safe|unharmed|unhurt))\b",
    re.I,
)
_ZERO_WOUNDED = re.compile(
    r"\b(?:no (?:one|civilians?|people|residents?|persons?) (?:was|were|has been|have been) (?:\w+ )?(?:injured|wounded|hurt)|"
    r"no (?:injuries|casualties|victims|injured|wounded)|no (?:dead|deaths) or (?:injured|wounded|injuries)|"
    r"no (?:\w+ ){1,3}or (?:casualties|injuries)|nobody (?:was )?(?:\w+ )?(?:injured|wounded|hurt)|"
    r"without (?:casualties|victims|injuries)|no (?:immediate )?reports? of (?:casualties|injuries|victims)|"
    r"(?:crew|crew members|everyone|all (?:\w+ )?(?:on board|aboard|passengers|residents)) (?:were|was|are|is) (?:reported |all )?(?:safe|unharmed|unhurt))\b",
    re.I,
)
_DEATH_TOLL = re.compile(
    r"\b(?:death toll|toll)\b(?:\s+[\w’'-]+){0,24}?\s+(?:(?:has |had )?(?:risen|rose|climbed|increased|jumped|grown|grew)"
    r"(?: to)?|reached|stands at|stood at|is|was|to|at|of)\s+(?:at least |more than |over |nearly |some )?(\d+)\b(?!\s*(?:%|percent|years?|days?))",
    re.I,
)
# ACLED's conventions for counts given only in words: "dozens" 12, "tens" 10, "hundreds" 100,
# "thousands" 1,000, "tens of thousands" 10,000; such figures are flagged approximate. They are
# written with a leading zero ("012"), which no stated figure has, so that only a total built from
# one of them is flagged, not an exact toll beside "dozens of homes".
_VAGUE_COUNTS = [
    (re.compile(r"\btens of thousands of\b", re.I), "010000"),
    (re.compile(r"\bhundreds of thousands of\b", re.I), "0100000"),
    (re.compile(r"\b(?:several |many )?thousands of\b", re.I), "01000"),
    (re.compile(r"\b(?:several |many )?hundreds of\b", re.I), "0100"),
    (re.compile(r"\b(?:several |many )?dozens of\b", re.I), "012"),
    (re.compile(r"\btens of\b", re.I), "010"),
    *((re.compile(rf"\b(?:several |many )?{word}\b(?= (?:more |other |others |were |had |have |people|civilians|"
                  r"killed|dead|died|wounded|injured))", re.I), value)
      for word, value in (("dozens", "012"), ("hundreds", "0100"), ("thousands", "01000"), ("scores", "020"))),
]
# Phrases that mean "died", folded into the one verb the counting rules know.
_DIED_PHRASES = re.compile(
    r"\b(?:lost (?:their|his|her) lives?|were martyred|was martyred|succumbed to (?:their|his|her) (?:injuries|wounds))\b",
    re.I,
)
# "gunmen shot dead 12 people", "were gunned down", "beheaded 11 farmers": ways of killing, read as "killed"
_KILLING = re.compile(
    r"\b(?:shot dead|shot to death|gunned down|beheaded|massacred|slaughtered|(?:hacked|stabbed|burned|burnt|beaten) to death|"
    r"burned alive|burnt alive|executed|murdered|claimed the lives of|[\"“]?neutrali[sz]ed[\"”]?(?= (?:about |some |at least |more than |over )?\d| \w+ (?:terrorists|militants|fighters|insurgents|bandits|jihadists|gunmen)))(?!\w)", re.I)
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\.?|[ap]m\b)(?!\w)", re.I)
_ORDINAL_PERSON = re.compile(r"\b[Aa]n? \d+(?:st|nd|rd|th)\b|\b[Aa] (?:second|third|fourth|fifth|sixth|seventh)\b"
                             r"(?= (?:was|were|died|person|man|woman|boy|girl|child|victim|soldier|civilian|resident))")
# "an elderly couple was killed": two people, not "a couple of days"
_COUPLE = re.compile(r"\b(?:an?|the) (?:(?:elderly|young|married|old|retired)\s+)?couple\b(?! of)", re.I)
_A_DOZEN = re.compile(r"\b(?:a|one) dozen\b", re.I)
# "killing a family of five": the family's members are the count.
_FAMILY_OF = re.compile(r"\b(?:an? (?:entire |whole )?|the (?:entire |whole )?|one )family of (\d+)\b", re.I)
_AGE = re.compile(r"^(\d+)-(?:year|month|week|day)s?-old$", re.I)
_MAX_GAP = 8
_DEMONYM_PLURALS = ("ians", "ans", "is", "ese", "ites", "ers", "ees")


@dataclass(frozen=True)
class Casualties:
    killed: int | None = None
    wounded: int | None = None
    children_killed: int | None = None
    children_wounded: int | None = None
    approximate: bool = False
    """A figure comes from a vague count ("dozens" 12, "hundreds" 100: ACLED's conventions)."""

    @property
    def stated(self) -> bool:
        return self.killed is not None or self.wounded is not None

    def __add__(self, other: "Casualties") -> "Casualties":
        def plus(a: int | None, b: int | None) -> int | None:
            return None if a is None and b is None else (a or 0) + (b or 0)

        return Casualties(
            plus(self.killed, other.killed),
            plus(self.wounded, other.wounded),
            plus(self.children_killed, other.children_killed),
            plus(self.children_wounded, other.children_wounded),
            self.approximate or other.approximate,
        )


NONE = Casualties()


@dataclass
class _Count:
    index: int
    value: int
    child: bool
    subset: bool  # after "including": part of the previous count, not extra
    category: str | None = None
    definite: bool = False  # "the driver": counts only when a casualty verb is right there
    vague: bool = False  # from a word count ("dozens"), written "012" by _VAGUE_COUNTS
    phrase_end: int = -1  # the last token of the people it counts ("a notorious gang leader")


def _is_vague(digits: str) -> bool:
    return len(digits) > 1 and digits.startswith("0")


def numbers_as_digits(text: str) -> str:
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, "en", threshold=0)
    except Exception:  # text2num raises on odd number sequences; fall back to the words as written
        return text


def _is_child_age(token: str) -> bool:
    age = _AGE.match(token)
    if not age:
        return False
    return "year" not in token.lower() or int(age.group(1)) < 18


def _person_phrase(tokens: list[str], start: int) -> tuple[bool, bool, int] | None:
    """Whether the words after a count name people: (is_person, is_child, last index) or None."""
    child = False
    described = False  # an unknown word seen: "a young ...", or "a school ..." that names no one
    for offset in range(0, 5):
        i = start + offset
        if i >= len(tokens):
            return (True, child, i - 1)
        word = tokens[i].lower()
        if described and tokens[i - 1].lower() not in SINGULAR_PEOPLE and (
                word in _PLACE_PREPOSITIONS or (word.endswith("ing") and len(word) > 5)):
            return None  # "a school sheltering displaced families", "a camp for displaced people": a place
        if _is_child_age(word):
            child = True
            continue
        if _AGE.match(word):
            continue
        if word in _CHILD_NOUNS:
            return (True, True, i)
        if offset == 0 and tokens[i][:1].isupper() and word.endswith(_DEMONYM_PLURALS):
            return (True, child, i)  # "43,799 Palestinians", "12 Israelis"
        if word in _PERSON_NOUNS:
            if i + 1 < len(tokens) and tokens[i + 1].lower() in _COMPOUND_HEADS:
                return None  # "a fighter jet", "militant positions": the person word only qualifies a thing
            return (True, child, i)
        if word in _NON_PERSON_NOUNS or word in {"%", "percent"}:
            return None
        if word.isdigit():
            return None
        if _KILL.match(word) or _WOUND.match(word) or word in _LINKING or word in {"and", "or"} or not word.isalpha():
            return (True, child, i - 1)
        described = True
        if tokens[i][:1].islower() and word.endswith("s") and not word.endswith(("ss", "ous")) and len(word) > 3:
            # An unknown plural is people only when the clause goes on to say what befell them
            # ("two teachers were killed"), not when it does something ("55 projectiles hit ...").
            following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if not (following in _LINKING or following in {"and", "or", ",", "."} or _verb_category(following)):
                return None
    return None


_COMPOUND_HEADS = _NON_PERSON_NOUNS - {"others", "other", "years", "year", "days", "day", "hours", "hour",
                                        "weeks", "week", "months", "month", "times", "time", "am", "pm", "a.m", "p.m"} | {
    "jet", "jets", "plane", "bomber", "bombers", "group", "groups", "position", "positions", "base", "bases",
    "hideout", "hideouts", "convoy", "convoys", "camp", "camps", "unit", "units", "post", "posts", "checkpoint",
    "checkpoints", "stronghold", "strongholds"}
_PLACE_PREPOSITIONS = {"for", "of", "in", "at", "on", "near", "with", "housing", "sheltering", "hosting"}
_HOUSEHOLD = {"family", "families", "household", "households", "clan", "clans"}


def _find_counts(tokens: list[str]) -> list[_Count]:
    counts: list[_Count] = []
    subset = False
    for i, token in enumerate(tokens):
        lower = token.lower()
        if lower in {"including", "among", "incl"}:
            subset = True
            continue
        if lower in {";", "while", "but", "whereas"} or (lower == "." and i) or _verb_category(token) or (
                lower == "and" and i and tokens[i - 1] == ","):  # "including two children, and 40 injured"
            subset = False
        if re.fullmatch(r"\d+(?:,\d{3})*", token):
            value = int(token.replace(",", ""))
            previous = tokens[i - 1].lower() if i else ""
            following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if 1900 <= value <= 2100 and following not in _PERSON_NOUNS and following not in _CHILD_NOUNS:
                continue  # a year ("born in 2015", "February 2024, ...")
            recent = [t.lower() for t in tokens[max(0, i - 4) : i]]
            if "aged" in recent and all(t.isdigit() or t in {"aged", "and", ",", "or", "between", "from", "to"} for t in recent[recent.index("aged"):]):
                continue
            if previous in {"aged", "age", "no", "number", "#"} or (i + 1 < len(tokens) and tokens[i + 1] in {":", "/"}):
                continue
            if _is_day_of_month(tokens, i):
                continue  # "On 11 July, a strike killed ...", "on Sept. 3", "between 10 and 13 July"
            if previous == "of" and following in _HOUSEHOLD:
                continue  # "five members of one family": the members are counted, not the family
            phrase = _person_phrase(tokens, i + 1)
            # "were wounded, including 70 at the city hospital": part of the wounded, of the verb before
            verb = next((t for t in reversed(tokens[:i]) if _verb_category(t)), None) if subset else None
            if phrase is None:
                if verb and following in {"in", "at", "from", "on"}:
                    counts.append(_Count(i, value, False, True, _verb_category(verb), vague=_is_vague(token)))
                continue
            counts.append(_Count(i, value, phrase[1], subset, _verb_category(verb) if verb else None,
                                 vague=_is_vague(token), phrase_end=phrase[2]))
        elif (lower in {"his", "her", "their"} and i and tokens[i - 1].lower() == "and" and i + 1 < len(tokens)
              and tokens[i + 1].lower() in _KIN):
            counts.append(_Count(i, 1, False, subset))  # "a woman and her husband": one more
        elif lower in {"the", "his", "her"} and i + 1 < len(tokens):
            phrase = _person_phrase(tokens, i + 1)
            if phrase is None or phrase[2] <= i or (tokens[phrase[2]].lower() not in SINGULAR_PEOPLE
                                                    and tokens[phrase[2]].lower() not in _KIN):
                continue
            if any(t.isdigit() for t in tokens[i + 1 : phrase[2]]):
                continue
            counts.append(_Count(i, 1, phrase[1] or tokens[phrase[2]].lower() in _CHILD_NOUNS, subset, definite=True))
        elif lower in {"a", "an", "another"}:
            if lower == "another" and i + 2 < len(tokens) and tokens[i + 1].lower() in {"was", "is", "has"} \
                    and _verb_category(tokens[i + 2]):
                counts.append(_Count(i, 1, False, subset))  # "two were killed and a third was wounded"
                continue
            phrase = _person_phrase(tokens, i + 1)
            if phrase is None or phrase[2] <= i:
                continue
            noun = tokens[phrase[2]].lower()
            if noun in _PERSON_NOUNS or noun in _CHILD_NOUNS:
                if noun in {"other", "others", "family", "couple", "local", "crew", "staff", "elderly", "personnel"} and lower != "another":
                    continue
                counts.append(_Count(i, 1, phrase[1], subset, phrase_end=phrase[2]))
    return counts


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}


def _is_day_of_month(tokens: list[str], i: int) -> bool:
    """A number written beside a month's name ("11 July", "July 11", "Sept. 3", "10 and 13 July") is a day."""
    if not tokens[i].isdigit() or int(tokens[i]) > 31 or tokens[i].startswith("0"):
        return False
    before = [t for t in tokens[max(0, i - 2):i] if t != "."]
    if before and before[-1] in _MONTHS:
        return True
    after = tokens[i + 1:i + 4]
    if after and after[0] in _MONTHS:
        return True
    # "between 10 and 13 July", "from 3 to 5 March"
    return (len(after) >= 3 and after[0].lower() in {"and", "to", "-", "–"} and after[1].isdigit()
            and after[2] in _MONTHS)


def _verb_category(token: str) -> str | None:
    if _KILL.match(token):
        return "killed"
    if _WOUND.match(token):
        return "wounded"
    return None


def _gap(tokens: list[str], start: int, end: int) -> int:
    """Words between two tokens, a name or a bracket counting as one ("A driver for the World Food
    Programme (WFP) was killed")."""
    gap, in_name, depth = 0, False, 0
    for token in tokens[start + 1:end]:
        if token == "(":
            depth += 1
            continue
        if token == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        name = token[:1].isupper()
        if not (name and in_name):
            gap += 1
        in_name = name
    return gap


def _assign(tokens: list[str], counts: list[_Count]) -> None:
    verbs = [(i, _verb_category(t)) for i, t in enumerate(tokens) if _verb_category(t)]
    for position, count in enumerate(counts):
        # The verb right before the count, with only modifiers between ("wounding at least 17").
        j = count.index - 1
        while j >= 0 and (tokens[j].lower() in _MODIFIERS or tokens[j].lower() in _POSSESSIVES):
            j -= 1  # "injured her two daughters": the verb is the count's
        if j >= 0 and _ACTIVE_VERB.match(tokens[j]) and _verb_category(tokens[j]) and not tokens[j].lower().startswith(("dead", "died")):
            count.category = _verb_category(tokens[j])
            continue
        if j >= 1 and tokens[j].lower() == "dead" and tokens[j - 1].lower() in {"shot", "gunned", "shooting", "stabbed"}:
            count.category = "killed"  # "gunmen shot dead four villagers"
            continue
    # "Among the injured are three children": the count is of the people the verb before it names.
    for count in counts:
        if count.category:
            continue
        j = count.index - 1
        while j >= 0 and tokens[j].lower() in _MODIFIERS:
            j -= 1
        lead = [t.lower() for t in tokens[max(0, j - 3):j + 1]]
        if len(lead) == 4 and lead[0] in {"among", "amongst"} and lead[1] == "the" and _verb_category(lead[2]) \
                and lead[3] in {"are", "were", "is", "was"}:
            count.category = _verb_category(lead[2])
    for position in range(len(counts) - 1, -1, -1):
        count = counts[position]
        if count.category or count.subset:
            continue
        following = counts[position + 1] if position + 1 < len(counts) else None
        # "Three people, including a child, were killed": the part named in between waits for the same verb
        after = next((c for c in counts[position + 1:] if not c.subset), None)
        limit = after.index if after else len(tokens)
        for verb_index, category in verbs:
            if count.index < verb_index < limit and _gap(tokens, count.index, verb_index) <= _MAX_GAP + 4:
                between = tokens[count.index + 1 : verb_index]
                if not any(t in {";"} for t in between):
                    count.category = category
                break
        if count.category is None and following and following.category and not following.subset:
            between = [t.lower() for t in tokens[count.index + 1 : following.index]]
            if "and" in between and len(between) <= 6 and not any(_verb_category(t) for t in between):
                count.category = following.category
    # "killed 12 civilians and five soldiers", "a woman and her two children": a count joined by "and"
    # to a counted one, with only people between, shares its verb.
    for position in range(1, len(counts)):
        count, previous = counts[position], counts[position - 1]
        if count.category or count.subset or previous.subset or not previous.category:
            continue
        between = [t for t in tokens[max(previous.index, previous.phrase_end) + 1 : count.index]]
        if "and" in between and len(between) <= 6 and all(
                t.lower() in _JOINED_PEOPLE or t.lower() in _PERSON_NOUNS or t.lower() in _CHILD_NOUNS
                or _is_child_age(t) or t[:1].isupper() for t in between):
            count.category = previous.category
    # "16 soldiers and 28 gunmen were among the dead …, along with four civilians": more of the same
    for position in range(1, len(counts)):
        count = counts[position]
        if count.category or count.subset or count.phrase_end < 0 or (
                tokens[count.phrase_end].lower() not in _PERSON_NOUNS | _CHILD_NOUNS | SINGULAR_PEOPLE):
            continue
        j = count.index - 1
        while j >= 0 and tokens[j].lower() in _MODIFIERS:
            j -= 1
        lead = " ".join(t.lower() for t in tokens[max(0, j - 2):j + 1])
        if lead.endswith(("along with", "as well as", "in addition to", "together with")) or lead.endswith(" plus"):
            previous = next((c for c in reversed(counts[:position]) if c.category and not c.subset), None)
            if previous is not None:
                count.category = previous.category
    # A subset count takes the category of the count it belongs to.
    last_category = None
    for count in counts:
        if count.subset:
            count.category = count.category or last_category
            continue
        last_category = count.category or last_category


_JOINED_PEOPLE = {"and", ",", "his", "her", "their", "its", "other", "more", "another", "at", "least", "some",
                  "about", "nearly", "around", "over", "than", "young", "elderly", "civilian", "local", "government"}


_BARE_BODIES = re.compile(r"\b(\d+) bodies\b")


def find_casualties(text: str) -> Casualties:
    """Killed/wounded figures (and children among them) stated in ``text``; None where not stated."""
    # Square brackets hold editorial asides ("[4 fatalities split across 22 events]"), not the report.
    text = re.sub(r"\[[^\]]*\]", " ", text)
    plain = text
    for pattern, value in _VAGUE_COUNTS:  # before number words turn "tens of thousands" into digits
        plain = pattern.sub(value, plain)
    converted = numbers_as_digits(plain)
    converted = _CLOCK_TIME.sub("at that hour", converted)  # "at around 11 p.m.": a time, not 11 people
    converted = _ORDINAL_PERSON.sub("another", converted)  # "a fifth person was killed": one more
    converted = _COUPLE.sub("2 people", converted)
    converted = _A_DOZEN.sub("12", converted)
    converted = _FAMILY_OF.sub(r"\1 family members", converted)
    converted = _DIED_PHRASES.sub("died", converted)
    converted = _KILLING.sub("killed", converted)
    # "30 bodies had been brought in and 42 were treated for wounds": the bodies are the dead, not
    # more wounded because "wounds" is the nearest casualty word.
    converted = _BARE_BODIES.sub(r"\1 dead bodies", converted)
    tokens = _TOKEN.findall(converted)
    counts = _find_counts(tokens)
    _assign(tokens, counts)
    totals: dict[str, int | None] = {"killed": None, "wounded": None}
    children: dict[str, int | None] = {"killed": None, "wounded": None}
    vague = {"killed": False, "wounded": False}
    for count in counts:
        if count.category is None:
            continue
        if count.definite and (count.subset or any(
            other is not count and other.category == count.category and not other.subset for other in counts
        )):
            continue  # "the man" refers back to someone already counted
        if count.subset:
            if count.child:
                children[count.category] = (children[count.category] or 0) + count.value
            if totals[count.category] is None:
                totals[count.category] = count.value
                vague[count.category] = count.vague
            continue
        totals[count.category] = (totals[count.category] or 0) + count.value
        vague[count.category] = vague[count.category] or count.vague
        if count.child:
            children[count.category] = (children[count.category] or 0) + count.value
    bodies = _BODIES.search(converted)
    if bodies and totals["killed"] is None:
        totals["killed"] = 1 if bodies.group("one") else int(bodies.group("n") or bodies.group("m"))
        vague["killed"] = _is_vague(bodies.group("n") or bodies.group("m") or "")
    toll = _DEATH_TOLL.search(converted)
    if toll:
        # "the death toll rose to five after a woman died": the toll, not the one death that raised it
        totals["killed"] = int(toll.group(1))
        vague["killed"] = _is_vague(toll.group(1))
    if totals["killed"] is None and _ZERO_KILLED.search(text):
        totals["killed"] = 0
    if totals["wounded"] is None and _ZERO_WOUNDED.search(text):
        totals["wounded"] = 0
    approximate = any(vague[kind] and totals[kind] is not None for kind in totals)
    return Casualties(totals["killed"], totals["wounded"], children["killed"], children["wounded"],
                      approximate=approximate)


def mentions_casualties(text: str) -> bool:
    """A cheap test: does the sentence use any casualty word at all?"""
    return bool(re.search(
        r"\b(?:kill|dead|died|death|perish|fatalit|wound|injur|hurt|casualt|victim|hospitali[sz]ed|slain|lifeless|"
        r"lost (?:their|his|her) li|martyr|succumbed|bodies|unharmed|unhurt|reported safe|were safe|was safe)",
        text, re.I,
    ) or _KILLING.search(text))
