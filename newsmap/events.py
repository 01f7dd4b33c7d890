"""Events: what happened where and when, with the sentence(s) that say so.

``find_events(article, places)`` reads the article sentence by sentence:

1. each sentence gets a class from its wording (weapon and attack verbs, interceptions, fighting,
   talks, prisoner exchanges), its date mentions and its casualty figures;
2. an event is made for every place the sentence locates the event in — not the launch site
   ("drones launched from Kursk"), not the speaker's city, not a region named only to qualify a
   town ("Mykilske, Kherson"), not a country, and never a place the places stage marked as
   metonymy, organisation or dateline;
3. a sentence without a place continues the previous event of its paragraph ("A boy ... was
   killed. Five other people were wounded."); a second attack on "the same location" with its own
   figures becomes a second event at that place — repeated strikes stay separate events, each with
   its own excerpt, so per-place totals are their sum;
4. figures stated for several places at once ("hit three towns ..., killing two and wounding
   at least 17") become a :class:`Summary` and are never added to per-place figures;
5. mentions of one place on one date are merged (the specific mention wins), and a region-level
   event is dropped when the same article places the same attack in a town of that region.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from newsmap import budget
from newsmap.casualties import NONE, Casualties, find_casualties, mentions_casualties, numbers_as_digits
from newsmap.dates import DateMention, find_dates, is_future_context
from newsmap.figure_spans import locate_figures
from newsmap.gazetteer import Gazetteer, distance_km, fold
from newsmap.places import national_adjective_country
from newsmap.places.not_places import group_spans
from newsmap.places.unlisted import is_unlisted
from newsmap.records import Article, Event, Place, Summary
from newsmap.text import Sentence, split_sentences

ATTACK_TYPES = {"air_strike", "drone_strike", "missile_strike", "glide_bomb", "shelling"}

ACLED_CLASSES: dict[str, tuple[str, str | None]] = {
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "drone_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "glide_bomb": ("Explosions/Remote violence", "Air/drone strike"),
    "missile_strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "drones_downed": ("Strategic developments", "Disrupted weapons use"),
    "ground_fighting": ("Battles", "Armed clash"),
    "diplomatic": ("Strategic developments", "Other"),
    "prisoner_exchange": ("Strategic developments", "Agreement"),
}

# Weapons, most specific first: (pattern, event type, canonical weapon name).
_WEAPONS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\bglide[- ]bombs?\b|\bguided (?:aerial|air) bombs?\b|\bKABs?\b|\bUMPK\b", re.I), "glide_bomb", "glide bomb"),
    (re.compile(r"\bFAB-\d+\w*", re.I), "glide_bomb", "glide bomb"),
    (re.compile(r"\bIskander(?:-M)?s?\b", re.I), "missile_strike", "Iskander missile"),
    (re.compile(r"\bKinzhals?\b", re.I), "missile_strike", "Kinzhal missile"),
    (re.compile(r"\bKalibrs?\b", re.I), "missile_strike", "Kalibr missile"),
    (re.compile(r"\bKh-\d+\w*", re.I), "missile_strike", "cruise missile"),
    (re.compile(r"\bS-[34]00s?\b"), "missile_strike", "S-300 missile"),
    (re.compile(r"\bballistic missiles?\b", re.I), "missile_strike", "ballistic missile"),
    (re.compile(r"\bcruise missiles?\b", re.I), "missile_strike", "cruise missile"),
    (re.compile(r"\b(?:ATACMS|Storm Shadows?|Tochka(?:-U)?)\b"), "missile_strike", "missile"),
    (re.compile(r"\bmissiles?\b|\bmissile (?:strike|attack)s?\b", re.I), "missile_strike", "missile"),
    (re.compile(r"\b(?:Shahed|Geran)s?(?:-\d+)?\b", re.I), "drone_strike", "Shahed drone"),
    (re.compile(r"\bLancets?\b"), "drone_strike", "Lancet drone"),
    (re.compile(r"\bFPV\b"), "drone_strike", "FPV drone"),
    (re.compile(r"\b(?:drones?|UAVs?|unmanned aerial vehicles?|quadcopters?|loitering munitions?)\b", re.I), "drone_strike", "drone"),
    (re.compile(r"\b(?:air ?strikes?|air raids?|airstrikes?|aerial bomb(?:s|ing)?|warplanes?|bombers?|"
                r"air forces?|aviation|aircraft|fighter jets?|(?:war|fighter )?jets|(?<!car )(?<!truck )(?<!suicide )(?<!roadside )(?:bombed|bombing|bombs?)|Su-\d+)\b",
                re.I), "air_strike", "aerial bomb"),
    (re.compile(r"\b(?:MLRS|multiple (?:launch )?rocket (?:launchers?|systems?)|Grads?|Uragans?|Smerch|HIMARS|Tornado-S)\b"), "shelling", "MLRS"),
    (re.compile(r"\bmortars?\b", re.I), "shelling", "mortar"),
    (re.compile(r"\btanks? (?:fire|shells?|fired)\b", re.I), "shelling", "tank"),
    (re.compile(r"\b(?:artillery|howitzers?|\d{2,3}[- ]?mm)\b", re.I), "shelling", "artillery"),
    (re.compile(r"\brockets?\b", re.I), "shelling", "rocket"),
    (re.compile(r"\bshell(?:ed|ing|s)?\b", re.I), "shelling", "artillery"),
    (re.compile(r"\bunder (?:(?:Russian|Ukrainian|Israeli|enemy|heavy|intense|constant|artillery) )+fire\b", re.I),
     "shelling", "artillery"),
]
_INTERCEPTION = re.compile(
    r"\b(?:down(?:ed|ing)?|shot down|shoot(?:s|ing)? down|intercept(?:ed|ing|s|ion)?|destroyed|neutrali[sz]ed|"
    r"repelled|suppressed|jammed)\b(?:\W+\w+){0,8}?\W+(?:drones?|UAVs?|missiles?|rockets?|bombs?|aircraft)\b|"
    r"\b(?:drones?|UAVs?|missiles?)\b(?:\W+\w+){0,6}?\W+(?:were|was|had been|have been)\s+"
    r"(?:shot down|downed|intercepted|destroyed|neutrali[sz]ed|suppressed)\b|\bair defen[cs]es?\b",
    re.I,
)
_ATTACK_VERB = re.compile(
    r"\b(?:struck|strikes?|striking|hit(?:s|ting)?|attack(?:ed|s|ing)?|pound(?:ed|ing|s)?|target(?:ed|ing|s)?|"
    r"bombard(?:ed|ing|ment)|fired (?:at|on|upon)|explosions?|blasts?|exploded|launched (?:an? )?(?:attack|strike)s?|"
    r"raid(?:ed|s)?|came under (?:fire|attack)|under fire|projectiles?|impacts?|impacted|bombed|bombing|dropped|"
    r"opened fire|gunfire|gunmen)\b",
    re.I,
)
_GROUND = re.compile(
    r"\b(?:clash(?:ed|es)?|fighting|fought|battles?|battled|assaults?|assaulted|storm(?:ed|ing)|ambush(?:ed|es|ing)?|"
    r"ground attacks?|offensive|counter-?attack(?:ed|s)?|counter-?offensive|advanc(?:ed|es|ing|e)|crossfire|"
    r"overr(?:an|un|unning)|shoot-?outs?|gunfights?|gun battles?|exchanges? of fire|"
    r"breach(?:ed|es)?|breakthrough|"
    r"repell?(?:ed|ing) (?:an? )?(?:attack|assault)s?|firefights?|skirmish(?:es)?|engaged|captured|"
    r"took control|seized|recaptur(?:e|ed|ing)|retaken|retook|(?:had |have |has )taken|liberat(?:ed|ion)|infiltrat(?:ed|ion)|small arms|(?:heavy )?machine[- ]guns?|"
    r"grenade launchers?|snipers?|repuls(?:ed|ing)|fired (?:up)?on (?:\w+ ){0,6}positions|fired at (?:\w+ ){0,6}positions|"
    r"(?:were|was) fired (?:up)?on)\b",
    re.I,
)
# Wording that makes a sentence a ground battle even when it also names artillery or drones.
_STRONG_GROUND = re.compile(
    r"\b(?:clash|fighting|fought|battle|assault|ground attack|storm|offensive|repell?ed|repuls|small arms|"
    r"machine[- ]gun|grenade launcher|firefight|skirmish|positions)",
    re.I,
)
_DEFUSAL = re.compile(
    r"\b(?:defus(?:ed|al|ing)|demin(?:ed|ing)|disarm(?:ed|ing)|(?:found|discovered) and (?:destroyed|neutrali[sz]ed)|"
    r"disposed of|detonated in a controlled|removed (?:\w+ ){0,3}(?:mines|explosives|ordnance))\b",
    re.I,
)
_CIVILIAN_VIOLENCE = re.compile(
    r"\b(?:abduct(?:ed|ion)|kidnapp?(?:ed|ing)|tortur(?:ed|e)|beat(?:en)? up|shot dead|stabbed|executed|"
    r"(?:attacked|assaulted|beat) (?:a|an|the|two|three|several)? ?(?:civilian|man|woman|resident|journalist|activist|official|deputy|director)s?|"
    r"attacked [A-Z][a-z]+ [A-Z][a-z]+|"
    # armed men killing civilians without a stated weapon: ACLED's violence against civilians
    r"(?:killed|massacred|slaughtered|hacked to death|executed) (?:at least |more than |some |about )?(?:\d+|\w+) "
    r"(?:\w+ )?(?:civilians|villagers|farmers|worshippers|displaced people))",
)
_DIPLOMATIC = re.compile(
    r"\b(?:talks|negotiations?|negotiat(?:ed|ing)|summit|peace conference|round of (?:direct )?talks|"
    r"met (?:with )?|meet(?:s|ing|ings)?|delegations? (?:met|gathered|arrived)|hosted? (?:the )?(?:talks|meeting|summit))\b",
    re.I,
)
_EXCHANGE = re.compile(
    r"\b(?:prisoners?(?: of war)? (?:exchange|swap)s?|(?:exchange|swap)s? of (?:prisoners|POWs|captives|bodies)|"
    r"POW (?:exchange|swap)s?|exchanged (?:\d+ |\w+ )?(?:prisoners|POWs|captives|bodies)|swapped (?:\d+ |\w+ )?(?:prisoners|POWs|captives))\b",
    re.I,
)
_MINE = re.compile(r"\b(?:landmines?|mines?|IEDs?|improvised explosive|(?:car|truck|suicide|roadside) bomb(?:s|ings?|ers?)?|tripwire|booby[- ]trap(?:ped)?|unexploded ordnance|explosive device)\b", re.I)
_GRENADE = re.compile(r"\bgrenades?\b", re.I)
_PROTEST = re.compile(r"\b(?:protest(?:ed|ers|s)?|rall(?:y|ied|ies)|demonstrat(?:ed|ion|ions|ors))\b", re.I)
_BACKGROUND_TALKS = re.compile(
    r"\b(?:previous|earlier|prior|past|last|first|second) (?:\w+ )?(?:rounds?|talks|meetings?)\b|"
    r"\b(?:months|years|weeks|rounds) of (?:\w+ )?(?:talks|negotiations|mediation)|\b(?:have|has|had) (?:so far )?failed\b|"
    r"\bfailed to (?:produce|reach|secure|yield)|\bwithout (?:securing|reaching|producing)\b",
    re.I,
)

_NEAR = re.compile(
    r"\b(?:near|outside|outskirts of|vicinity of|(?:in )?(?:the )?area of|around|close to|direction of|"
    r"suburbs? of|approaches to|\d+ (?:km|kilomet(?:re|er)s?|miles) (?:\w+ )?(?:of|from)|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? (?:of|from))\s+(?:the\s+)?"
    r"(?:(?:town|city|village|settlement)\s+of\s+)?$",
    re.I,
)
_ORIGIN = re.compile(
    r"\b(?:from|launched from|fired from|took off from|based in|deployed from|"
    r"travel(?:l?ing|l?ed)? (?:back )?to|heading (?:back )?to|on (?:their|its|his|her|the) way to|bound for|en route to|"
    r"(?:hospital|hospitali[sz]ed|evacuated|taken|transported|moved|brought|abducted|dragged|carried|deported|"
    r"fled|flee(?:ing)?|smuggled)(?:\s+\w+){0,3}?\s+(?:in|to|into))\s+(?:the\s+)?"
    r"(?:(?:occupied|annexed|Russian|Ukrainian)\s+)?(?:(?:town|city|region|village|territory)\s+of\s+|capital\s+)?$",
    re.I,
)
_SPEAKER = re.compile(
    r"\b(?:(?:said|says|told \w+|speaking|spoke|statement|briefing|press conference|reported|wrote)\b[^.;]{0,25}"
    r"\b(?:in|from)\s+|spokes(?:man|woman|person)\b[^.;]{0,25}\b(?:in|from)\s+(?:the\s+)?)$",
    re.I,
)
_ANAPHORA = re.compile(
    r"\b(?:the same (?:location|place|site|area|spot|town|city|village|building|target|facility)|there|"
    r"the (?:city|town|village|settlement|area|community|district|locality)\b(?!'s))",
    re.I,
)
# "Separately, gunmen ambushed a convoy": another incident, with a method of its own, not the lead's weapon.
_OWN_INCIDENT = re.compile(
    r"^(?:Separately|Elsewhere|In a separate|In another|Meanwhile)\b|\b(?:ambush\w*|gunmen|gunfire|shot dead|"
    r"stabb\w+|executed|IEDs?|roadside bombs?|suicide bomb\w*|landmines?|car bombs?|kidnapp\w+|abduct\w+)\b",
)
_FILE_PHOTO = re.compile(r"\b(?:file (?:photo|picture|image)|photo: [\w ]{0,30}\bfile|archive (?:photo|picture|image))\b", re.I)
_BACK_REFERENCE = re.compile(
    r"\b(?:the|that|this) (?:[\w-]+ )?(?:attack|strike|airstrike|blast|explosion|bombing|shelling|incident|raid|massacre)"
    r" (?:happened|occurred|took place|was carried out|hit|struck)\b|\b(?:it|the (?:ship|vessel|building|convoy|bus|car))"
    r" (?:was|had been) (?:hit|struck|attacked|targeted)\b",
    re.I,
)
# "A second strike hit ...", "struck again": another attack, not "the subsequent rescue efforts".
_NEW_STRIKE = re.compile(
    r"\b(?:(?:second|another|third|fourth|repeated|follow-up|subsequent|double-tap|new|later) (?:[\w-]+ ){0,2}?"
    r"(?:strikes?|attacks?|missiles?|drones?|shell(?:s|ing)?|bombs?|bombing|explosions?|blasts?|waves?|raids?|salvos?|barrages?|rounds?)"
    r"|(?:struck|hit|attacked|shelled|bombed|targeted) (?:\w+ ){0,3}?again|again (?:struck|hit|attacked|shelled|bombed|targeted)"
    r"|later (?:struck|hit|attacked|shelled|bombed|targeted)|repeatedly|double-tap)\b",
    re.I,
)
# "Five other people were wounded", "two more died" — not "more than five months of war".
_ADDITIONAL = re.compile(
    r"\b(?:other|more|another|additional|further)\b(?= (?:\w+ )?(?:people|persons|civilians|residents|soldiers|"
    r"servicemen|children|men|women|victims|others|were|was|have|had|has|died|injured|wounded|killed|bodies)\b)",
    re.I,
)
_MULTI_TARGET = re.compile(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|various|dozens of|a number of|"
    r"Ukrainian|Russian) (?:\w+ )?(?:cities|towns|regions|villages|settlements|communities|districts|oblasts|provinces|areas)|"
    r"across (?:the country|Ukraine|Russia|\w+ regions)|nationwide|in total|overall|altogether|combined)\b",
    re.I,
)

# "<Who> forces/troops/drones…": who is any capitalised name or national adjective ("Malian army",
# "Russia's forces", "Israeli strikes"); the gazetteer says which country, if any, it names.
_ACTOR = re.compile(
    r"\b(?P<who>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z'’-]+)?)(?:['’]s)?\s+"
    r"(?i:(?:military|armed|air|ground|occupying|occupation|invading|special|naval|army|defen[cs]e|long-range|"
    r"powerful|attack|kamikaze|guided|heavy)\s+){0,3}"
    r"(?P<noun>(?i:forces|troops|military|army|servicemen|soldiers|units|occupiers|invaders|aviation|air force|"
    r"navy|artillery|drones?|missiles?|glide bombs?|bombs?|strikes?|attacks?|shelling|fire|struck|attacked|jets|warplanes|"
    r"shelled|launched|pounded|hit|fired|bombed|targeted|defen[cs]es)|Defen[cs]e Ministry|General Staff)\b"
)
_WEAPON_NOUNS = re.compile(r"^(?:drones?|missiles?|glide bombs?|bombs?)$", re.I)


@dataclass
class _Analysis:
    sentence: Sentence
    kind: str | None  # an event type, or a finer class kept for ACLED: "attack" (no weapon named), "mine", "grenade", "protest", "defusal", "civilian_violence"
    weapon: str | None
    dates: list[DateMention]
    casualties: Casualties
    places: list[Place]
    actor: str | None
    multi_target: bool


@dataclass
class _Draft:
    kind: str
    place: Place | None
    start: int
    end: int
    first_sentence: int
    last_sentence: int
    paragraph: int
    event_date: date | None
    own_date: bool
    weapon: str | None
    actor: str | None
    precision: int | None
    casualties: Casualties = field(default_factory=Casualties)
    time_precision: int = 1
    separate: bool = False  # the text says this is another strike ("a second strike", "again")


_AIR_ATTACK_NOUN = re.compile(r"\b(?:air ?strikes?|airstrikes?|air raids?|aerial (?:bomb\w*|attacks?)|bomb(?:ed|ing|ings|s)?|air attacks?)\b", re.I)


@lru_cache(maxsize=1)
def _any_signal() -> re.Pattern[str]:
    """One pattern that matches wherever any class pattern could (a case-blind superset): most
    sentences of a news article name no weapon, fight or talks, and are settled with one search."""
    patterns = [p for p, _, _ in _WEAPONS] + [_INTERCEPTION, _ATTACK_VERB, _GROUND, _DEFUSAL, _CIVILIAN_VIOLENCE,
                                              _DIPLOMATIC, _EXCHANGE, _MINE, _GRENADE, _PROTEST]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.I)


def _classify(text: str) -> tuple[str | None, str | None]:
    """The sentence's event class and weapon, from its wording alone."""
    if not _any_signal().search(text):
        return None, None
    if _PROTEST.search(text) and re.search(r"\b(?:protesters|demonstrators|held (?:a|an) \w* ?(?:protest|rally)|protested|rallied)\b", text, re.I):
        return "protest", None
    if _DEFUSAL.search(text):
        return "defusal", None
    if _EXCHANGE.search(text):
        return "prisoner_exchange", None
    if _INTERCEPTION.search(text):
        for pattern, _, weapon in _WEAPONS:
            if weapon in {"drone", "Shahed drone", "missile", "cruise missile", "ballistic missile", "Lancet drone"} and pattern.search(text):
                return "drones_downed", weapon
        if re.search(r"\b(?:shot down|downed|intercepted)\b", text, re.I):
            return "drones_downed", None
    weapon_type = weapon = None
    for pattern, event_type, name in _WEAPONS:
        if pattern.search(text):
            weapon_type, weapon = event_type, name
            break
    if _GROUND.search(text) and (not weapon_type or _STRONG_GROUND.search(text)):
        return "ground_fighting", weapon
    if not weapon_type and _CIVILIAN_VIOLENCE.search(text):
        return "civilian_violence", None
    if weapon_type:
        if (weapon_type == "air_strike" and not _AIR_ATTACK_NOUN.search(text) and not _ATTACK_VERB.search(text)
                and not mentions_casualties(text)):
            return None, None  # "flanked by four parked fighter jets": aircraft named, nothing struck
        return weapon_type, weapon
    if _MINE.search(text):
        return "mine", "mine/IED"
    if _GRENADE.search(text):
        return "grenade", "grenade"
    if _ATTACK_VERB.search(text):
        return "attack", None
    if _DIPLOMATIC.search(text):
        return "diplomatic", None
    if _PROTEST.search(text):
        return "protest", None
    return None, None


_TARGET_BEFORE = re.compile(r"\b(?:against|on|at|targeting|targeted|hit|struck|with|between|and|by)\s+(?:the\s+|an?\s+)?$", re.I)
_OWNED_AFTER = re.compile(r"^(?:-held|-controlled|-run|-linked|-affiliated|\s+positions|\s+targets|\s+sites)", re.I)


def _group_actor(text: str, kind: str | None, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """The armed group or force the sentence names as the one acting ("RSF shelling", "M23 rebels
    seized", "the IDF said its jets struck"), from the armed-group list; state forces are named as
    ACLED names them ("Military Forces of Israel")."""
    for start, end, group in group_spans(text):
        if group is None or group.kind == "organisation" or group.kind == "party":
            continue
        if (kind == "drones_downed" or _TARGET_BEFORE.search(text[max(0, start - 20):start])
                or _OWNED_AFTER.match(text[end:end + 12])):
            continue  # "an attack on Hamas positions", "an RSF-held district": the target, not the actor
        if group.kind == "state" and group.country:
            entry = gazetteer.country_entry(group.country)
            if entry is not None:
                return f"Military Forces of {gazetteer.location(entry).name}", start
        return group.name, start
    return None


def _actor(text: str, kind: str | None, gazetteer: Gazetteer | None) -> str | None:
    if gazetteer is None:
        return None
    named = _group_actor(text, kind, gazetteer)
    national = _national_actor(text, kind, gazetteer)
    if named and national:
        return min((named, national), key=lambda found: found[1])[0]  # who is named first acts
    return (named or national or (None,))[0]


def _national_actor(text: str, kind: str | None, gazetteer: Gazetteer) -> tuple[str, int] | None:
    for match in _ACTOR.finditer(text):
        if kind == "drones_downed" and _WEAPON_NOUNS.match(match.group("noun")):
            continue  # the downed drones' side is the target of an interception, not its actor
        who = match.group("who")
        # "North Korean troops", or "A Russian missile" whose first word only starts the sentence
        country = _country_named(who, gazetteer) or (" " in who and _country_named(who.split()[-1], gazetteer))
        if country:
            return f"Military Forces of {country}", match.start()
    return None


def _country_named(who: str, gazetteer: Gazetteer) -> str | None:
    """The country a national adjective or a country's own name stands for ("Ukrainian", "Russia")."""
    iso = national_adjective_country(who, gazetteer)
    if iso is None:
        found = gazetteer.search(who, limit=1)
        if found and gazetteer.location(found[0]).feature_class == "country" and fold(gazetteer.location(found[0]).name) == fold(who):
            iso = gazetteer.location(found[0]).country
    entry = gazetteer.country_entry(iso) if iso else None
    return gazetteer.location(entry).name if entry is not None else None


# A place that is the subject of an agent's verb ("since Moscow launched an offensive") stands for
# its government or army, not for where something happened.
_AGENT_VERB = re.compile(
    r"^(?:'s\s+\w+\s+)?\s+(?:has |have |had |also |then |later )?(?:launched|said|says|claimed|announced|denied|accused|"
    r"wants|warned|insisted|responded|agreed|rejected|sent|ordered|demanded|threatened|retaliated|vowed|called|"
    r"urged|signed|blamed|refused|proposed|offered|decided|sanctioned|supplied|pledged|plans?|seeks|sought)\b",
    re.I,
)


def _is_qualifier(place: Place, previous: Place | None, text: str) -> bool:
    """ "Mykilske, Kherson" / "Mykilske (Kherson region)": the second name only says where the first is."""
    if previous is None or previous.location is None or place.location is None:
        return False
    between = text[previous.end : place.start]
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
    r"(?:to\s+)?the|from|to))*\s+$",
    re.I,
)
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
# "the Krasnodar regional governor said", "Kharkiv Mayor Ihor Terekhov": a title, not where it happened.
_TITLE_AFTER = re.compile(
    r"^\s+(?:(?:regional|region(?:['’]s)?|oblast|province|provincial|city|state|district|military|civil|municipal)\s+)*"
    r"(?:governor|mayor|head|prosecutor(?:['’]s office)?|police chief|administration|council|authorities|officials)\b",
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
    r"^['’]s?\s+(?:[A-Z][\w’'-]*\s+)+(?:district|region|raion|oblast|province|county|neighbo(?:u)?rhood|suburbs?|"
    r"outskirts|port|airport)\b", re.I)
# "Kenscoff, in the mountains south of Port-au-Prince": after another place, a compass bearing
# from a second one only says where the first is.
_BEARING_FROM = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?(?:capital\s+)?$", re.I)
# "from Ballina in County Mayo": the second place qualifies an excluded first one.
_WHERE_IN = re.compile(r",?\s+(?:in\s+)?(?:the\s+)?(?:County\s+|Province\s+of\s+)?|,\s*", re.I)


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
_VENUE_BEFORE = re.compile(r"\b(?:in|at|hosted by)\s+(?:the\s+)?$", re.I)


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
        if _OWNS_UNIT.match(text[place.end:place.end + 60]) or (
                place.location.feature_class == "admin1" and _NAME_THEN_REGION.search(before[-60:])):
            references.append(place)  # "Montrouis—Ouest", "Donetsk's Bakhmutskyi district": where, not what
            previous, previous_excluded = place, True
            continue
        if _MODIFIER_OF.match(text[place.end:place.end + 30]):
            previous, previous_excluded = place, False  # "the Red Sea resort of X": X is the site
            continue
        if (_REFERENCE.search(before) or kind == "ground_fighting" and _ORIGIN.search(before)) \
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
    # "the village of Y near X", Y unknown to the gazetteer: X only says where Y is.
    drawn_near = {(p.location.latitude, p.location.longitude) for p in chosen if is_unlisted(p.location)}
    chosen = [p for p in chosen if is_unlisted(p.location) or (p.location.latitude, p.location.longitude) not in drawn_near]
    # "an attack on the X region killed a woman in the village of Y": the region only says where Y is.
    regions = [p for p in chosen if _is_region_mention(p, text)]
    towns = [p for p in chosen if p not in regions]
    return [p for p in chosen if p not in regions or not any(_in_region(t.location, p.location) for t in towns)]


def _clause_kind(kind: str, place: Place, text: str, sentence: Sentence) -> str:
    """"The drone barrage hit Mykolaiv as troops pressed their advance on Kurakhove": a place after a word of
    ground fighting, with no weapon in between, is the site of the fighting, not of the strike."""
    if kind not in ATTACK_TYPES:
        return kind
    window_start = max(sentence.start, place.start - 80)
    # "shelled infantry advancing near X": a participle describes the target, it is no fight of its own
    ground = [m.end() for m in _GROUND.finditer(text, window_start, place.start)
              if not m.group().lower().endswith("ing") or m.group().lower() == "fighting"]
    if not ground:
        return kind
    weapons = [m.end() for pattern, _, _ in _WEAPONS for m in pattern.finditer(text, window_start, place.start)]
    return "ground_fighting" if not weapons or max(ground) > max(weapons) else kind


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


def _analyse(article: Article, sentence: Sentence, places: list[Place], gazetteer: Gazetteer | None) -> _Analysis:
    text = sentence.text
    kind, weapon = _classify(text)
    reference = article.published
    dates = find_dates(article.text, reference, sentence.start, sentence.end) if reference else find_dates(
        article.text, None, sentence.start, sentence.end
    )
    casualties = find_casualties(text) if mentions_casualties(text) else NONE
    return _Analysis(
        sentence=sentence,
        kind=kind,
        weapon=weapon,
        dates=dates,
        casualties=casualties,
        places=_eligible_places(sentence, places, article.text, kind),
        actor=_actor(text, kind, gazetteer),
        multi_target=bool(_MULTI_TARGET.search(text)),
    )


_DIPLOMATIC_NOUN = r"(?:(?:peace |direct |bilateral |trilateral )?(?:talks|negotiations|summit|meeting|conference|round of \w+ talks))"
_SITE_BEFORE = re.compile(
    rf"(?:{_DIPLOMATIC_NOUN}|(?:was|were|be|being|been|are|is) held|held (?:talks|a meeting|meetings|negotiations|a summit)|"
    rf"hosted|host|take place|took place|meet|met|meeting|gather(?:ed)?|convene[sd]?|arrived|visit(?:ed)?)"
    rf"(?:\s+\w+){{0,6}}?\s+(?:in|at|to)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:(?:resort|city|town|port|capital)\s+of\s+)?$"
    r"|\bvisit(?:ed|s|ing)?\s+$",
    re.I,
)
_SITE_AFTER = re.compile(rf"^(?:'s?)?\s+{_DIPLOMATIC_NOUN}\b|^\s+(?:will |would |to )?(?:host(?:ed|s)?)\b", re.I)


_POSSESSIVE = re.compile(r"^['’]s?\b")


def _is_diplomatic_site(place: Place, sentence: Sentence, text: str) -> bool:
    """Talks "in Doha", "the Doha talks", "Geneva hosted the meeting": the place of a meeting."""
    if not _DIPLOMATIC.search(sentence.text):
        return False
    before = text[max(sentence.start, place.start - 80) : place.start]
    after = text[place.end : min(sentence.end, place.end + 40)]
    if _SITE_AFTER.search(after):
        return True
    if _POSSESSIVE.match(after):
        return False  # "a meeting to end Europe's biggest conflict": the place owns a noun, it hosts nothing
    return bool(_SITE_BEFORE.search(before))


def _monthly_rounds(place: Place, first: Sentence, sentence: Sentence, analysis: _Analysis, text: str) -> list[_Draft]:
    """Earlier rounds of talks at ``place`` dated only by month ("in May and June"): one event a month."""
    if not _DIPLOMATIC.search(sentence.text):
        return []
    months = sorted({m.value.replace(day=1) for m in analysis.dates if m.granularity == "month" and not m.reporting})
    return [
        _Draft("diplomatic", place, first.start, sentence.end, first.index, sentence.index, first.paragraph,
               month, True, None, None, _precision(place, text, first), time_precision=3)
        for month in months
    ]


def _nearest_date(mentions: list[DateMention], place: Place) -> DateMention | None:
    usable = [m for m in mentions if not m.reporting and m.granularity == "day"]
    if not usable:
        return None
    return min(usable, key=lambda m: abs(m.start - place.end))


def _sentence_date(analysis: _Analysis, published: date | None) -> DateMention | None:
    """The date the sentence's event happened on, if the sentence gives one."""
    usable = [m for m in analysis.dates if not m.reporting and m.granularity != "year"]
    if analysis.kind in ATTACK_TYPES | {"attack", "drones_downed", "ground_fighting", "mine", "grenade", "defusal", "civilian_violence"} and published:
        usable = [m for m in usable if m.value <= published]
    days = [m for m in usable if m.granularity == "day"]
    # A named day or date beats "overnight"/"yesterday" ("overnight into Monday" is Monday's), and
    # of several the latest is the news ("erupted on 15 April, continued on 21 April").
    explicit = [m for m in days if not _RELATIVE_DAY.match(m.text)]
    if explicit:
        return max(explicit, key=lambda m: m.value)
    if days:
        return days[0]
    return usable[0] if usable else None


_RELATIVE_DAY = re.compile(r"(?i)overnight|last night|the night before|tonight|yesterday|today|this |earlier today|\w+ days? ago")


def _reported_date(analysis: _Analysis, published: date | None) -> date | None:
    """"On Monday, officials said a strike hit ...": what was reported happened by then."""
    said = [m for m in analysis.dates if m.reporting and m.granularity == "day" and (published is None or m.value <= published)]
    return said[0].value if said else None


def _context_date(history: list[tuple[_Analysis, DateMention]], kind: str, published: date | None) -> date | None:
    """The latest earlier date that can carry over to a sentence without one ("After dark, ...")."""
    for analysis, mention in reversed(history):
        if kind == "diplomatic":
            if analysis.kind == "diplomatic":
                return mention.value
            continue
        if analysis.kind == "diplomatic" or mention.granularity != "day":
            continue
        if published and mention.value > published:
            continue
        if published and (published - mention.value).days > _CARRY_DAYS:
            continue  # a caption's or a history's old date says nothing of the sentences after it
        return mention.value
    return None


_CARRY_DAYS = 31


def _event_type(kind: str) -> str:
    if kind in ATTACK_TYPES or kind in {"drones_downed", "ground_fighting", "diplomatic", "prisoner_exchange"}:
        return kind
    return "other"


def _acled_class(kind: str) -> tuple[str | None, str | None]:
    if kind in ACLED_CLASSES:
        return ACLED_CLASSES[kind]
    return {
        "mine": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "grenade": ("Explosions/Remote violence", "Grenade"),
        "attack": ("Explosions/Remote violence", None),
        "protest": ("Protests", "Peaceful protest"),
        "defusal": ("Strategic developments", "Disrupted weapons use"),
        "civilian_violence": ("Violence against civilians", "Attack"),
    }.get(kind, (None, None))


def _event_id(article_id: str, event_type: str, place: Place | None, excerpt_start: int, when: date | None = None) -> str:
    if place is not None and place.location is not None:
        where = str(place.location.geonameid)
    elif place is not None:
        where = f"{place.start}-{place.end}"
    else:
        where = "-"
    key = f"{article_id}|{event_type}|{where}|{excerpt_start}"
    if when is not None:  # one passage can date several events ("talks in May and June")
        key += f"|{when.isoformat()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _downed_count(text: str, place: Place, article_text: str, sentence: Sentence) -> tuple[int | None, int | None]:
    """Drones downed over this place, and in all ("35 drones ..., including three over the X region")."""
    before = numbers_as_digits(article_text[max(sentence.start, place.start - 40) : place.start])
    local = re.search(r"(\d+)\s+(?:\w+\s+){0,2}(?:over|above|in|near)\s+(?:the\s+)?$", before)
    total = re.search(r"(\d+)\s+(?:\w+[- ]){0,3}(?:drones?|UAVs?|missiles?)", numbers_as_digits(text))
    return (int(local.group(1)) if local else None, int(total.group(1)) if total else None)


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.location is None or b.location is None:
        return False
    return a.location.geonameid == b.location.geonameid


def _broad(kind: str) -> str:
    if kind in ATTACK_TYPES or kind in {"attack", "mine", "grenade"}:
        return "strike"
    return kind


def _merge_drafts(drafts: list[_Draft]) -> list[_Draft]:
    """One event per place per attack: fold figure-less mentions into the specific one."""
    kept: list[_Draft] = []
    for draft in drafts:
        target = None
        for other in kept:
            if not _same_place(other.place, draft.place) or _broad(other.kind) != _broad(draft.kind):
                continue
            if draft.kind == "diplomatic":
                if other.event_date == draft.event_date or not draft.own_date or not other.own_date:
                    target = other
                    break
                continue
            if other.event_date != draft.event_date and not _same_told_undated(other, draft):
                continue
            if other.casualties.stated and draft.casualties.stated and (draft.separate or other.separate):
                continue  # "a second strike ... wounded seven": two strikes with their own figures
            target = other
            break
        if target is None:
            kept.append(draft)
            continue
        generic = {"attack", "drones_downed"}
        if target.casualties.stated and draft.casualties.stated:
            # The same strike told twice ("14 killed", later "the toll rose to 16"): the highest figures.
            target.casualties = _highest(target.casualties, draft.casualties)
            draft.casualties = target.casualties
        if target.own_date != draft.own_date and target.event_date != draft.event_date:
            # the headline's undated telling and the body's dated one: the body's date
            dated = target if target.own_date else draft
            target.event_date = draft.event_date = dated.event_date
            target.own_date = draft.own_date = True
        draft_specific = (target.kind in generic and draft.kind not in generic) or (
            draft.casualties.stated and not target.casualties.stated
        ) or (draft.kind == "diplomatic" and draft.own_date and not target.own_date)
        if draft_specific:
            draft.weapon = draft.weapon or target.weapon
            draft.actor = draft.actor or target.actor
            if draft.kind in generic and target.kind not in generic:
                draft.kind = target.kind
            kept[kept.index(target)] = draft
        else:
            target.weapon = target.weapon or draft.weapon
            target.actor = target.actor or draft.actor
            if target.kind in generic and draft.kind not in generic:
                target.kind = draft.kind
    return kept


def _same_told_undated(a: _Draft, b: _Draft) -> bool:
    """One dated telling and one undated telling of the same attack at one place ("The toll from a
    strike on X has risen to 35" / "35 killed after Saturday's strike on X"): their figures agree
    wherever both give one, and the dated one is from the week before the undated one's date."""
    if a.own_date == b.own_date or a.separate or b.separate or a.event_date is None or b.event_date is None:
        return False
    dated, undated = (a, b) if a.own_date else (b, a)
    if not 0 < (undated.event_date - dated.event_date).days <= 7:
        return False
    pairs = [(a.casualties.killed, b.casualties.killed), (a.casualties.wounded, b.casualties.wounded)]
    return all(x is None or y is None or x == y for x, y in pairs)


def _highest(a: Casualties, b: Casualties) -> Casualties:
    def top(x: int | None, y: int | None) -> int | None:
        return y if x is None else x if y is None else max(x, y)

    return Casualties(top(a.killed, b.killed), top(a.wounded, b.wounded),
                      top(a.children_killed, b.children_killed), top(a.children_wounded, b.children_wounded),
                      a.approximate or b.approximate)


_UNNAMED_SUBPLACE = re.compile(
    r"\b(?:an?|one|another) (?:\w+ ){0,2}(?:district|village|town|city|settlement|community|port|suburb|neighbo(?:u)?rhood)\b",
    re.I,
)


def _drop_covered_regions(drafts: list[_Draft], text: str = "") -> list[_Draft]:
    """A region-level mention adds nothing when the same attack is placed in one of its towns."""
    result = []
    for draft in drafts:
        loc = draft.place.location if draft.place else None
        if loc is None or loc.feature_class != "admin1":
            result.append(draft)
            continue
        towns = _same_attack_in_region(draft, drafts, loc)
        if draft.casualties.stated and _UNNAMED_SUBPLACE.search(text[draft.start:draft.end]):
            # "A woman was killed in shelling of a border community in the Chernihiv region. The shells hit
            # the village of Semenivka": the figures belong to the place the next sentence narrows it to.
            narrower = [other for other in towns if not other.casualties.stated
                        and 0 < other.first_sentence - draft.last_sentence <= 1]
            if len(narrower) == 1:
                narrower[0].casualties = draft.casualties
                if narrower[0].kind == "attack" and draft.kind in ATTACK_TYPES:
                    narrower[0].kind, narrower[0].weapon = draft.kind, narrower[0].weapon or draft.weapon
                narrower[0].start = min(narrower[0].start, draft.start)
                continue
        if draft.casualties.stated:
            counted = [other for other in towns if other.casualties.stated]
            if counted and all(_covers(draft.casualties, town.casualties) for town in counted):
                # "One killed and four wounded in the region" over "three wounded in the village of X":
                # the region's toll is the sum of its towns', not another attack; the towns keep their own.
                continue
        elif any(other.place.location.feature_class == "city" for other in towns):
            continue
        result.append(draft)
    return result


def _same_attack_in_region(draft: _Draft, drafts: list[_Draft], region) -> list[_Draft]:
    """The other drafts of the same kind and day placed at a town or site inside ``region``."""
    return [
        other for other in drafts
        if other is not draft and other.place is not None and other.place.location is not None
        and other.place.location.feature_class in ("city", "other")
        and _broad(other.kind) == _broad(draft.kind) and other.event_date == draft.event_date
        and _in_region(other.place.location, region)
    ]


def _covers(total: Casualties, part: Casualties) -> bool:
    """Whether ``total`` states every figure ``part`` states, at least as high."""
    pairs = [(total.killed, part.killed), (total.wounded, part.wounded)]
    if not any(p is not None for _, p in pairs):
        return False
    return all(p is None or (t is not None and t >= p) for t, p in pairs)


def _in_region(town, region) -> bool:
    if town.country != region.country or town.geonameid == region.geonameid:
        return False
    if town.admin1_code and region.admin1_code:
        return town.admin1_code == region.admin1_code
    return bool(town.admin1 and region.name and (town.admin1 == region.name or region.name in town.admin1))


def find_events(
    article: Article, places: list[Place], gazetteer: Gazetteer | None = None
) -> tuple[list[Event], list[Summary]]:
    """Events (one per place per attack) and article-level summaries found in ``article``.

    ``gazetteer`` names the countries behind actors ("Malian troops"); without it, actors stay unknown."""
    text = article.text
    sentences = split_sentences(text, article.body_start)
    places = sorted(places, key=lambda p: p.start)
    published = article.published
    drafts: list[_Draft] = []
    summaries: list[Summary] = []
    history: list[tuple[_Analysis, DateMention]] = []
    last_actor: str | None = None
    last_draft: _Draft | None = None
    reach = -2  # the last sentence index that still continues last_draft
    # Tolls told before any place is named ("Three crew members were killed in a missile strike on a
    # ship ... The attack happened 50 miles off Aden"): they wait for the place the story gives them.
    unplaced: list[Summary] = []
    undated_rounds: list[tuple[Place, Sentence]] = []

    for sentence in sentences:
        budget.check()
        analysis = _analyse(article, sentence, places, gazetteer)
        kind = analysis.kind
        earlier_rounds, undated_rounds = undated_rounds, []
        if earlier_rounds and not any(_is_diplomatic_site(p, sentence, text) for p in analysis.places):
            # "The previous rounds were held in X. The talks in May and June ..." dates them by month
            for place, first in earlier_rounds:
                if first.paragraph == sentence.paragraph:
                    drafts.extend(_monthly_rounds(place, first, sentence, analysis, text))
        own = _sentence_date(analysis, published)
        line_end = text.find("\n", sentence.end)
        caption = text[sentence.start: line_end if line_end >= 0 else len(text)]  # "... on May 3. Photo: AFP file"
        if _FILE_PHOTO.search(caption) and (own is None or published is None or own.value < published):
            last_draft = None  # a file photo's caption shows an older event, not the news
            continue
        if own is not None and kind is not None:
            history.append((analysis, own))
        if analysis.actor and kind not in {None, "diplomatic", "protest", "prisoner_exchange"}:
            last_actor = analysis.actor
        casualties = analysis.casualties
        targets = analysis.places

        sites = [p for p in analysis.places if _is_diplomatic_site(p, sentence, text)]
        if sites:
            background = _BACKGROUND_TALKS.search(sentence.text)
            for place in sites:
                mention = _nearest_date(analysis.dates, place)
                if mention is None and background:
                    monthly = _monthly_rounds(place, sentence, sentence, analysis, text)
                    if monthly:
                        drafts.extend(monthly)
                    else:
                        undated_rounds.append((place, sentence))  # the next sentence may date them
                    continue
                if mention is not None:
                    event_date = mention.value
                elif is_future_context(sentence.text):
                    continue  # "the talks in Qatar are expected to resume": not an event yet
                else:
                    event_date = _context_date(history, "diplomatic", published) or published
                drafts.append(_Draft("diplomatic", place, sentence.start, sentence.end, sentence.index,
                                     sentence.index, sentence.paragraph, event_date, mention is not None,
                                     None, None, _precision(place, text, sentence)))
            targets = [p for p in targets if p not in sites]
            if kind == "diplomatic" or not targets:
                continue
        if kind == "diplomatic":
            continue

        if kind is None and not casualties.stated:
            same = next((d for d in reversed(drafts) if d.kind not in {"diplomatic", "prisoner_exchange", "protest"}
                         and any(_same_place(d.place, p) for p in analysis.places)), None)
            if same is not None:
                # "They knew the station in Lysychansk was full. Yet they struck it, killing 20":
                # a sentence back at an event's place keeps that event open for the next one.
                last_draft, reach = same, sentence.index
                continue
            if (last_draft is not None and not analysis.places and reach == sentence.index - 1
                    and not [m for m in analysis.dates if not m.reporting] and not _WAR_CONTEXT.search(sentence.text)):
                reach = sentence.index  # "The attackers set fire to houses." keeps the event open
            continue

        continuing = (
            last_draft is not None
            and last_draft.kind not in {"diplomatic", "prisoner_exchange", "protest"}
            and (last_draft.paragraph == sentence.paragraph or last_draft.last_sentence == sentence.index - 1
                 or reach == sentence.index - 1)
        )
        if not targets:
            if casualties.stated and _CUMULATIVE.search(numbers_as_digits(sentence.text)):
                summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
                continue
            if casualties.stated and (analysis.multi_target or not continuing):
                summary = Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded)
                summaries.append(summary)
                if not drafts and not analysis.multi_target and kind in ATTACK_TYPES | {"attack", None}:
                    unplaced.append(summary)
                continue
            if not continuing or last_draft is None:
                continue
            new_strike = (
                kind in ATTACK_TYPES | {"attack"}
                and bool(_NEW_STRIKE.search(sentence.text))
                and casualties.stated
                and last_draft.casualties.stated
                # "a double-tap attack ... A second strike hit the rescuers": the one attack's second half
                and not re.search(r"(?i)double[- ]tap", text[last_draft.start:last_draft.end])
            )
            if new_strike:
                event_type = kind if kind in ATTACK_TYPES else last_draft.kind
                draft = _Draft(event_type, last_draft.place, sentence.start, sentence.end, sentence.index,
                               sentence.index, sentence.paragraph, own.value if own else last_draft.event_date,
                               own is not None, analysis.weapon or last_draft.weapon,
                               analysis.actor or last_draft.actor, last_draft.precision, casualties, separate=True)
                drafts.append(draft)
                last_draft, reach = draft, sentence.index
                continue
            if casualties.stated and not casualties.killed and not casualties.wounded:
                # "No casualties were reported": true of every place the previous sentence named.
                for draft in drafts:
                    if draft.first_sentence == last_draft.first_sentence and draft.kind == last_draft.kind:
                        _continue_draft(draft, analysis, sentence, extend=draft is last_draft)
                continue
            if casualties.stated or kind in ATTACK_TYPES:
                _continue_draft(last_draft, analysis, sentence)
            reach = sentence.index  # "Rescuers searched the rubble of the building that was hit." keeps it open
            continue

        cumulative = casualties.stated and bool(_CUMULATIVE.search(numbers_as_digits(sentence.text)))
        if kind is None and cumulative and not _figures_per_place(targets, casualties, text, sentence):
            # "more than 38,000 have been killed since the war began": a war's toll, not an attack there
            summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
            continue
        if kind is None:
            # Figures about a place already struck ("two other residents of X were injured") belong to that event.
            earlier = next((d for d in reversed(drafts) if any(_same_place(d.place, p) for p in targets)), None)
            if earlier is not None and earlier.kind not in {"diplomatic", "prisoner_exchange", "protest"}:
                per_place = _figures_per_place(targets, casualties, text, sentence) if casualties.stated else {}
                mine = next((per_place[id(p)] for p in targets if id(p) in per_place and _same_place(earlier.place, p)), None)
                if mine is not None and mine != casualties:
                    # "413 killed nationwide, including 132 in X": X's event takes its own figure only.
                    summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
                    analysis = replace(analysis, casualties=mine)
                _continue_draft(earlier, analysis, sentence, extend=earlier.paragraph == sentence.paragraph)
                continue
            inherit = continuing and last_draft is not None and _broad(last_draft.kind) == "strike"
            kind = last_draft.kind if inherit else "attack"
        if _is_background(analysis, own, published):
            last_draft = None  # history ("In 2019, jihadists killed 40 people in X") is not news
            continue
        own_figures = _figures_per_place(targets, casualties, text, sentence) if casualties.stated else {}
        if cumulative:
            # "has killed more than 150 people in Beni since the start of June": a period's toll, even
            # where it names places — a summary, and no event unless the sentence reports an attack.
            summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
            casualties, own_figures = NONE, {}
            if analysis.kind in (None, "attack", "civilian_violence"):
                continue
        sole = len(targets) == 1 and own_figures and own_figures.get(id(targets[0])) in (
            Casualties(killed=casualties.killed), Casualties(wounded=casualties.wounded))
        if sole:
            # "killed eight people in Nuseirat", "one was injured in X, where 802 attacks hit 32
            # settlements": the place's own toll is the sentence's, whatever else it counts
            own_figures = {}
        shared = casualties.stated and not sole and (len(targets) > 1 or analysis.multi_target or bool(own_figures))
        if shared:
            summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
        event_date = own.value if own else (
            _reported_date(analysis, published) or _context_date(history, kind, published) or published)
        actor = analysis.actor or (last_actor if kind in ATTACK_TYPES | {"attack"} else None)
        for place in targets:
            weapon = analysis.weapon
            if kind == "drones_downed":
                local, total = _downed_count(sentence.text, place, text, sentence)
                noun = (weapon or "drone") + "s"
                if local is not None and total is not None and total != local:
                    weapon = f"{noun} ({local} downed here, {total} in all)"
                elif local is not None or total is not None:
                    weapon = f"{noun} ({local if local is not None else total} downed)"
            place_kind = _clause_kind(kind, place, text, sentence)
            if place_kind != kind:
                weapon = None
            draft = _Draft(place_kind, place, sentence.start, sentence.end, sentence.index, sentence.index,
                           sentence.paragraph, event_date, own is not None, weapon, actor,
                           _precision(place, text, sentence),
                           NONE if kind == "drones_downed" else own_figures.get(id(place), NONE) if shared else casualties,
                           separate=bool(_NEW_STRIKE.search(sentence.text)))
            if (unplaced and len(drafts) == 0 and len(targets) == 1 and not draft.casualties.stated
                    and _broad(kind) == "strike" and _BACK_REFERENCE.search(sentence.text)):
                draft.casualties = Casualties(
                    max((u.killed for u in unplaced if u.killed is not None), default=None),
                    max((u.wounded for u in unplaced if u.wounded is not None), default=None))
                draft.start = min(draft.start, unplaced[0].start)
                summaries = [u for u in summaries if u not in unplaced]
            drafts.append(draft)
            last_draft, reach = draft, sentence.index

    for draft in drafts:
        if draft.kind == "diplomatic":
            _narrow_venue(draft, places)
    drafts = _drop_covered_regions(_merge_drafts(drafts), text)
    lead = _lead_weapon(article, sentences)
    if lead is not None:
        for draft in drafts:
            if draft.kind == "attack" and not _OWN_INCIDENT.search(text, draft.start, draft.end):
                draft.kind, draft.weapon = lead  # "14 hospitalised in Zhytomyr" in a story of a missile barrage
    if gazetteer is not None:
        for draft in drafts:
            _to_admin_centre(draft, gazetteer, drafts, text)
    events = [_to_event(article, draft) for draft in sorted(drafts, key=lambda d: (d.start, d.place.start if d.place else 0))]
    return events, summaries


_FIGURE_BEFORE_PLACE = re.compile(
    r"(?:^|[\s,(])(\d+(?:,\d{3})*)\s+(?:(?:more|other|others|people|persons?|civilians?|residents?|soldiers?|children|"
    r"man|woman|men|women)\s+)?(?:(?:were|was|had been|have been|has been)\s+(?:\w+\s+){1,2})?"
    r"(?:(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4})?"  # "12 at the Rambam Health Campus in the city of"
    r"(?:in|at)\s+(?:the\s+)?(?:(?:capital|city|town|village|region|province|district|of)\s+){0,2}(?:of\s+)?$",
    re.I,
)


def _figures_per_place(targets: list[Place], casualties: Casualties, text: str, sentence: Sentence) -> dict[int, Casualties]:
    """"42 killed, including 16 in Kyiv" / "30 hospitalised in the capital, 11 in Lviv and
    four in Rivne": a count written right before a place is that place's own figure. Only when the
    sentence speaks of one kind of casualty, so the count's meaning is not in doubt."""
    only = "killed" if casualties.wounded is None else "wounded" if casualties.killed is None else None
    found: dict[int, Casualties] = {}
    for place in targets:
        before = numbers_as_digits(text[max(sentence.start, place.start - 50):place.start])
        hit = _FIGURE_BEFORE_PLACE.search(before)
        if not hit:
            continue
        value = int(hit.group(1).replace(",", ""))
        if 1900 <= value <= 2100:
            continue
        # Which figure: the sentence's only kind, else the casualty word nearest before the count
        # ("413 killed nationwide, including 132 in Khartoum, and 3,500 injured").
        lead = text[max(sentence.start, place.start - 160):place.start - len(before) + hit.start(1)]
        own_verb = _CASUALTY_VERB.findall(hit.group(0))  # "one was injured in X": its own word decides
        verbs = own_verb or _CASUALTY_VERB.findall(lead)
        category = only or (("wounded" if _WOUND_WORD.match(verbs[-1]) else "killed") if verbs else None)
        if category is None:
            continue
        found[id(place)] = Casualties(killed=value) if category == "killed" else Casualties(wounded=value)
    return found


_CASUALTY_VERB = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wound\w*|injur\w*|hurt|hospitali[sz]ed)\b", re.I)
_WOUND_WORD = re.compile(r"(?i)wound|injur|hurt|hospital")
# Tolls of a whole war or period, not of one attack ("since October 2023", "so far this year").
_CUMULATIVE = re.compile(
    r"\b(?:since (?:the (?:war|conflict|start|beginning|outbreak|invasion|fighting)|the (?:full-scale )?invasion|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last week|last month|the weekend)|"
    r"(?:early |late |mid-)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{4})?|\d{4}|Oct(?:ober|\.)? 7)|so far this (?:year|month|week)|(?:over|in) the past (?:year|months|\d+ months)|"
    r"since (?:the )?(?:coup|takeover|uprising|revolution)|since [^.;,]{0,60}\b(?:19|20)\d{2}\b|"
    r"(?:war|conflict|fighting|invasion) has killed|(?:death )?toll (?:from|of|in) the (?:war|conflict|fighting|invasion|violence)|"
    r"cumulative|overall (?:death )?toll|total (?:death )?toll|"
    r"(?:more than |nearly |almost |over )?\d+ (?:months|years|weeks) of (?:the )?(?:war|fighting|conflict|violence))\b",
    re.I,
)


def _is_background(analysis: _Analysis, own: DateMention | None, published: date | None) -> bool:
    """A violent event the sentence places only in an earlier year ("since 2021", "in 2019") is
    background. One it dates to an older day or month stays, with that date (a photo caption
    about an older strike is kept as history)."""
    if analysis.kind in {"diplomatic", "prisoner_exchange"}:
        return False
    if own is None and _TREND.search(analysis.sentence.text):
        return True  # "Russia has stepped up attacks on the Chernihiv and Kharkiv regions": a trend, not an event
    if own is None and _PAST_SEASON.search(analysis.sentence.text):
        return True  # "launched an offensive in Kursk last summer": history told as context
    if own is not None:
        # "the deadliest since a September 30 strike in Zaporizhzhia": an earlier event named for comparison
        lead = analysis.sentence.text[: own.start - analysis.sentence.start]
        return bool(re.search(r"\bsince\s+(?:(?:a|an|the)\s+)?$", lead))
    if published is None:
        return False
    years = [m for m in analysis.dates if not m.reporting and m.granularity == "year"]
    return bool(years) and all(m.value.year < published.year for m in years)


_HYPOTHETICAL = re.compile(
    r"\b(?:warn(?:ed|s|ing)? (?:of|about|against)|fears? (?:of|that)|feared|threat(?:ened|s)? (?:of|to)|risk of|"
    r"(?:is|are|was|were) (?:preparing|poised|bracing|threatening) (?:to|for)|could (?:face|see|launch)|"
    r"(?:may|might) (?:launch|attack|face|storm)|preparing (?:an? |for (?:an? )?)?(?:offensive|attack|assault)|"
    r"in the coming (?:days|weeks|months))\b",
    re.I,
)
_PAST_SEASON = re.compile(
    r"\b(?:last|early last|late last|the previous|the past) (?:summer|winter|spring|autumn|fall|year)\b|"
    r"\b(?:a|one|two|three|several) years? ago\b",
    re.I,
)
_TREND = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:ramped up|stepped up|intensified|escalated|increased|repeatedly|"
    r"been (?:attacking|shelling|striking|pounding|bombing|fighting|trying|battling|targeting))\b|"
    r"\b(?:have|has) become (?:\w+ )?(?:common|commonplace|routine|frequent|more frequent|a daily occurrence)\b",
    re.I,
)


CENTRE_WITHIN_KM = 100.0


# A sentence about the war as a whole ("The war broke out in April last year.") closes an event.
_WAR_CONTEXT = re.compile(r"\b(?:war|conflict|invasion|insurgency|crisis)\b", re.I)
# "Zarichne, Donetsk", "Montrouis—Ouest": a name right before a region, which it qualifies.
_NAME_THEN_REGION = re.compile(r"[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)*\s*(?:,|—|–)\s*(?:the\s+)?$")


def _narrow_venue(draft: _Draft, places: list[Place]) -> None:
    """"A summit in Alaska ... the tarmac at a base in Anchorage": talks placed in a region or a country
    are held in the one town of it the article names."""
    region = draft.place.location if draft.place is not None else None
    if region is None or region.feature_class not in ("admin1", "country"):
        return
    towns = {
        p.location.geonameid: p for p in places
        if p.role == "location" and p.location is not None and p.location.feature_class == "city"
        and p.location.geonameid > 0 and p.location.country == region.country
        and (region.feature_class == "country" or _in_region(p.location, region))
    }
    if len(towns) == 1:
        (town,) = towns.values()
        draft.place = town
        draft.precision = 1


def _to_admin_centre(draft: _Draft, gazetteer: Gazetteer, drafts: list[_Draft], text: str) -> None:
    """A region-level event goes to the region's administrative centre (ACLED's convention; still
    precision 3): "the Kherson region" maps the event at Kherson. Where the centre lies far from
    the middle of a vast region (Balochistan), the middle is kept: there a point at
    the capital would claim more than the text says."""
    place = draft.place
    region = place.location if place is not None else None
    if region is None or region.feature_class != "admin1":
        return
    stem = fold(re.sub(r"(?i)\s+(?:oblast|region|province|state|governorate|krai|kray)$", "", region.name))
    if stem not in fold(place.text) and fold(place.text) not in fold(region.name):
        return  # "Zarichne, Donetsk region" fell back to the region: the village is somewhere in it
    if _NAME_THEN_REGION.search(text[max(0, place.start - 60):place.start]):
        # "Zarichnivka-Druha, Chernihiv": the site is a village the gazetteer lacks somewhere in the region; the
        # region's middle is a better guess for it than the regional capital.
        return
    centre = gazetteer.admin_centre(region)
    if centre is None or distance_km(region.latitude, region.longitude, centre.latitude, centre.longitude) > CENTRE_WITHIN_KM:
        return
    if any(other.place is not None and other.place.location is not None and other is not draft
           and distance_km(other.place.location.latitude, other.place.location.longitude,
                           centre.latitude, centre.longitude) <= 25.0 for other in drafts):
        return  # the article reports the centre itself: the region's event stays apart from it
    draft.place = replace(place, location=replace(centre, admin1=region.name, admin1_code=region.admin1_code))
    draft.precision = 3


def _lead_weapon(article: Article, sentences: list[Sentence]) -> tuple[str, str | None] | None:
    """The one weapon the headline and first paragraph name, if they name exactly one kind: the
    story's attacks whose own sentences name none were made with it."""
    lead = [article.title or ""] + [s.text for s in sentences[:3] if s.paragraph == 0]
    found = {}
    for text in lead:
        kind, weapon = _classify(text)
        if kind in ATTACK_TYPES:
            found.setdefault(kind, weapon)
    return next(iter(found.items())) if len(found) == 1 else None


def _continue_draft(draft: _Draft, analysis: _Analysis, sentence: Sentence, extend: bool = True) -> None:
    """Fold a follow-up sentence ("Five other people were wounded.") into the event before it."""
    figures = analysis.casualties
    current = draft.casualties
    additional = bool(_ADDITIONAL.search(sentence.text))
    killed, wounded = current.killed, current.wounded
    children_killed, children_wounded = current.children_killed, current.children_wounded
    # Without "other"/"more" a later figure restates the toll (often updated): keep the highest.
    if figures.killed is not None:
        killed = figures.killed if killed is None else (killed + figures.killed if additional else max(killed, figures.killed))
        if figures.children_killed is not None:
            children_killed = (children_killed or 0) + figures.children_killed
    if figures.wounded is not None:
        wounded = figures.wounded if wounded is None else (wounded + figures.wounded if additional else max(wounded, figures.wounded))
        if figures.children_wounded is not None:
            children_wounded = (children_wounded or 0) + figures.children_wounded
    draft.casualties = Casualties(killed, wounded, children_killed, children_wounded,
                                  current.approximate or (figures.approximate and figures.stated))
    if not draft.own_date and draft.kind != "diplomatic":
        # "The death toll has risen to 35. ... after Saturday's strike": the follow-up dates the event.
        dated = _sentence_date(analysis, None)
        if dated is not None and dated.granularity == "day" and (draft.event_date is None or dated.value <= draft.event_date):
            draft.event_date, draft.own_date = dated.value, True
    if draft.kind == "attack" and analysis.kind in ATTACK_TYPES:
        draft.kind = analysis.kind
    draft.weapon = draft.weapon or analysis.weapon
    draft.actor = draft.actor or analysis.actor
    if extend:  # the excerpt stays one contiguous passage, so only a nearby follow-up extends it
        draft.end = max(draft.end, sentence.end)
        draft.last_sentence = sentence.index


_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|alleged(?:ly)?|reportedly|unconfirmed|could not (?:be )?(?:independently )?verif\w*)\b", re.I)


def _confidence(article: Article, draft: _Draft) -> tuple[float, list[str]]:
    """How sure the event is, from 1.0 down, with a reason for each doubt: the dashboard flags weak
    events for review and the reasons say what to check."""
    score, reasons = 1.0, []

    def doubt(amount: float, reason: str) -> None:
        nonlocal score
        score -= amount
        reasons.append(reason)

    loc = draft.place.location if draft.place else None
    if loc is None:
        doubt(0.5, "no place on the map")
    elif (draft.precision or 1) >= 3:
        doubt(0.15, "placed only at region level")
    elif draft.precision == 2:
        doubt(0.05, "placed near the named place")
    if draft.place is not None and draft.place.role != "location":
        doubt(0.2, f"the place is named as {draft.place.role}")
    if not draft.own_date:
        doubt(0.1, "date carried from an earlier sentence or the publication date")
    elif draft.event_date and article.published and (article.published - draft.event_date).days > 31:
        doubt(0.2, "dated over a month before publication: background or history?")
    if draft.time_precision > 1:
        doubt(0.1, "only the month is known")
    if draft.kind == "attack":
        doubt(0.1, "weapon not stated")
    if draft.casualties.approximate:
        doubt(0.05, "figures are approximate (vague count)")
    if _CLAIM.search(article.text[draft.start:draft.end]):
        doubt(0.1, "a claim not independently confirmed")
    return round(max(0.05, score), 2), reasons


def _to_event(article: Article, draft: _Draft) -> Event:
    event_type = _event_type(draft.kind)
    acled_type, acled_sub = _acled_class(draft.kind)
    excerpt = article.text[draft.start : draft.end]
    casualties = draft.casualties
    confidence, reasons = _confidence(article, draft)
    return Event(
        event_id=_event_id(article.article_id, event_type, draft.place, draft.start,
                           draft.event_date if draft.time_precision > 1 else None),
        article_id=article.article_id,
        event_date=draft.event_date,
        event_type=event_type,  # type: ignore[arg-type]
        excerpt=excerpt,
        excerpt_start=draft.start,
        excerpt_end=draft.end,
        place=draft.place,
        geo_precision=draft.precision,
        weapon=draft.weapon,
        actor=draft.actor,
        killed=casualties.killed,
        wounded=casualties.wounded,
        children_killed=casualties.children_killed,
        children_wounded=casualties.children_wounded,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        time_precision=draft.time_precision,
        approximate=casualties.approximate,
        confidence=confidence,
        confidence_reasons="; ".join(reasons) or None,
        figure_spans=locate_figures(article.text, draft.start, draft.end,
                                    {"killed": casualties.killed, "wounded": casualties.wounded}),
    )
