"""What kind of event a sentence tells, from its wording: weapon, attack, interception, fighting, talks,
exchange, protest; and the event type and ACLED class each kind is stored as."""

from __future__ import annotations

import re
from functools import lru_cache

from newsmap.casualties import mentions_casualties
from newsmap.records import Article, Place
from newsmap.text import Sentence


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
    (re.compile(r"\bglide[- ]bombs?\b|\bguided (?:aerial |air )?bombs?\b|\bKABs?\b|\bUMPK\b", re.I), "glide_bomb", "glide bomb"),
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
    # "U.S. strikes on Sanaa": the US and its coalitions strike from the air or sea, never with artillery
    (re.compile(r"\b(?:U\.S\.|US|American|US-led|U\.S\.-led|coalition)\s+(?:military\s+)?strikes?\b"),
     "air_strike", "aerial bomb"),
    (re.compile(r"\b(?:air ?strikes?|air raids?|airstrikes?|aerial bomb(?:s|ing)?|warplanes?|(?<!suicide )(?<!car )bombers?|"
                r"air forces?|aviation|aircraft|fighter jets?|(?:helicopter )?gunships?|attack helicopters?|(?:war|fighter )?jets|(?<!car )(?<!truck )(?<!suicide )(?<!roadside )(?:bombed|bombing|bombs?(?! (?:exploded|went off|blast|planted|hidden|attached|detonated)))|Su-\d+)\b",
                re.I), "air_strike", "aerial bomb"),
    (re.compile(r"\b(?:MLRS|(?i:multiple[- ](?:launch )?rocket (?:launchers?|systems?))|Grads?|Uragans?|Smerch|HIMARS|Tornado-S)\b"),
     "shelling", "MLRS"),
    (re.compile(r"\bmortars?\b", re.I), "shelling", "mortar"),
    (re.compile(r"\btanks? (?:fire|shells?|fired)\b", re.I), "shelling", "tank"),
    (re.compile(r"\b(?:artillery|howitzers?|\d{2,3}[- ]?mm)\b", re.I), "shelling", "artillery"),
    (re.compile(r"\brockets?\b(?!-propelled)", re.I), "shelling", "rocket"),  # an RPG is a grenade
    (re.compile(r"\bshell(?:ed|ing|s)?\b", re.I), "shelling", "artillery"),
    (re.compile(r"\bunder (?:(?:Russian|Ukrainian|Israeli|enemy|heavy|intense|constant|artillery) )+fire\b", re.I),
     "shelling", "artillery"),
]
_INTERCEPTION = re.compile(
    r"\b(?:down(?:ed|ing)?|shot down|shoot(?:s|ing)? down|intercept(?:ed|ing|s|ion)?|destroyed|neutrali[sz]ed|"
    r"repelled|suppressed|jammed)\b(?:\W+\w+){0,8}?\W+(?:drones?|UAVs?|missiles?|rockets?|bombs?|aircraft)\b|"
    r"\b(?:drones?|UAVs?|missiles?|rockets?|projectiles?)\b(?:\W+\w+){0,6}?\W+(?:were|was|had been|have been)\s+"
    r"(?:shot down|downed|intercepted|destroyed|neutrali[sz]ed|suppressed)\b|\bair defen[cs]es?\b|"
    # "a rocket was fired from X toward Y and was intercepted": the one weapon's fate, however far
    r"\b(?:drones?|UAVs?|missiles?|rockets?|projectiles?)\b[^.;]{0,120}?\b(?:and|but)\s+(?:was|were)\s+"
    r"(?:shot down|downed|intercepted)\b|"
    # "a missile was launched from Yemen; the army says it was intercepted"
    r"\b(?:drones?|UAVs?|missiles?|rockets?|projectiles?)\b[^.]{0,120}?\b(?:it|they)\s+(?:was|were|had been)\s+"
    r"(?:shot down|downed|intercepted)\b|"
    r"\b(?:shot down|downed|shoot(?:s|ing)? down)\b(?:\W+\w+){0,5}?\W+(?:(?:war|fighter |military )?jets?|(?:war)?planes?|helicopters?)\b",
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
    r"overr(?:an|un|unning)|shoot-?outs?|gunfights?|gun battles?|exchanges? of fire|exchang(?:ed|ing|e) (?:heavy )?fire|"
    r"breach(?:ed|es)?|breakthrough|"
    r"repell?(?:ed|ing) (?:an? )?(?:attack|assault)s?|firefights?|skirmish(?:es)?|engaged|captured|"
    r"took (?:full |complete |total )?control|seized|recaptur(?:e|ed|ing)|retaken|retook|(?:had |have |has )taken|liberat(?:ed|ion(?! (?:Army|Front|Movement|Tigers|Organi[sz]ation|Forces?|Council)))|infiltrat(?:ed|ion)|small arms|(?:heavy )?machine[- ]guns?|"
    r"grenade launchers?|snipers?|repuls(?:ed|ing)|fired (?:up)?on (?:\w+ ){0,6}positions|fired at (?:\w+ ){0,6}positions|"
    r"(?:were|was) fired (?:up)?on)\b",
    re.I,
)
# "Gunmen stormed two villages", "attackers stormed a church": storming a place where civilians live or
# gather is an attack on them, not a battle between armed sides.
_STORMED_CIVILIAN_SITE = re.compile(
    r"\bstorm(?:ed|ing|s)?\s+(?:(?:the|a|an|two|three|four|five|several|many)\s+)?(?:[\w’'-]+\s+){0,4}?"
    r"(?:villages?|hamlets?|homes?|houses?|churche?s?|mosques?|schools?|markets?|camps? for (?:the )?displaced|"
    r"displacement camps?|hospitals?|hotels?|restaurants?|bus(?:es)?|weddings?|funerals?)\b|"
    # "gang members stormed the town": gangs and gunmen storm a place to attack the people in it
    r"\b(?:gangs?|gang members|gangsters|gunmen|bandits|attackers|assailants)\s+(?:\w+\s+){0,3}?storm(?:ed|ing|s)?\b|"
    # "gunmen ambushed a bus, killing nine passengers": an ambush on travellers, not on troops
    r"\bambush(?:ed|es|ing)?\s+(?:(?:a|an|the|two|three|several)\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:bus(?:es)?|minibus(?:es)?|passengers?|travell?ers|villagers|civilians|farmers|traders|worshippers|motorists|"
    r"commuters|pilgrims)\b",
    re.I,
)
# Wording that makes a sentence a ground battle even when it also names artillery or drones.
_SETTING_CLAUSE = re.compile(
    r",\s+(?:as|amid|while)\s+(?:\w+\s+){0,3}?(?:fighting|clashes|battles|an offensive)\b[^.;]*|"
    # "civilians who had taken shelter there from fighting": what they fled, not what befell them
    r"\b(?:shelter(?:ed|ing)?|fled|flee(?:ing)?|escap(?:ed|ing)|displaced)\b(?:\s+\w+){0,3}?\s+(?:from|by)\s+"
    r"(?:the\s+)?(?:\w+\s+)?(?:fighting|clashes|battles)\b",
    re.I)
# "struck the ports in response to repeated missile attacks": the weapon of the other side.
# "hit a building on Tuesday, a day after rockets were fired from Lebanon": an earlier event's weapon.
_IN_RESPONSE = re.compile(
    r"\bin (?:response|retaliation|reprisal) (?:to|for)\b[^.;]*|"
    r"\b(?:a|one|two|three|four|five|several|\d+) (?:days?|hours?|weeks?) after\b[^.;]*|\bhours after\b[^.;]*|"
    r"\bafter (?:\w+ )?(?:rocket|mortar|missile) fire\b|"
    # "Israel struck Beirut after rockets were fired from Lebanon": the other side's weapon
    r"\bafter (?:\w+ |\d+ )?(?:rockets?|missiles?|drones?|mortars?|projectiles?) (?:were|was|had been) (?:fired|launched)\b[^.;]*",
    re.I)
# "jets struck a missile production site", "hit rocket launchers": the weapon named is what was hit
_WEAPON_AS_TARGET = re.compile(
    r"\b(?:ballistic |cruise )?(?:missile|rocket|drone|UAV)s? (?:production|manufacturing|assembly|storage|launch)?\s?"
    r"(?:sites?|factory|factories|plants?|depots?|warehouses?|launchers?|launch pads?|facilit(?:y|ies)|workshops?|"
    r"stockpiles?|storage|bases?)\b", re.I)
_STRONG_GROUND = re.compile(
    r"\b(?:clash|fighting|fought|battle|assault|ground attack|storm|offensive|repell?ed|repuls|small arms|exchang\w* (?:heavy )?fire|"
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
_MINE = re.compile(r"\b(?:landmines?|mines?|IEDs?|improvised explosive|bombs? (?:exploded|went off|blast|planted|hidden|attached|detonated)|(?:car|truck|suicide|roadside) bomb(?:s|ings?|ers?)?|tripwire|booby[- ]trap(?:ped)?|unexploded ordnance|explosive device)\b", re.I)
_GRENADE = re.compile(r"\bgrenades?\b", re.I)
_PROTEST = re.compile(r"\b(?:protest(?:ed|ers|s)?|rall(?:y|ied|ies)|demonstrat(?:ed|ion|ions|ors))\b", re.I)

# "Separately, gunmen ambushed a convoy": another incident, with a method of its own, not the lead's weapon.
_OWN_INCIDENT = re.compile(
    r"^(?:Separately|Elsewhere|In a separate|In another|Meanwhile)\b|\b(?:ambush\w*|gunmen|gunfire|shot dead|"
    r"stabb\w+|executed|IEDs?|roadside bombs?|suicide bomb\w*|landmines?|car bombs?|kidnapp\w+|abduct\w+|"
    r"(?:a day|hours|days|a week) after (?:an?|the) (?:[\w-]+ ){0,2}?attack|"
    # "RSF fighters attacked the town": men on the ground, not the story's drones
    r"(?:fighters|militants|militiamen|rebels|jihadists|insurgents|bandits|gangs?|gang members)\s+(?:\w+\s+)?"
    r"(?:attacked|stormed|raided|overran|ambushed|assaulted))\b",
)

_OTHER_ARMS_THAN_DRONES = r"(?:missiles?|artillery|rockets?|glide[- ]bombs?|guided (?:aerial |air )?bombs?|KABs?)"
_MIXED_WITH_DRONES = re.compile(
    rf"\b{_OTHER_ARMS_THAN_DRONES}\s+(?:and|as well as|,)\s+(?:\w+\s+){{0,2}}?(?:drones?|UAVs?)\b|"
    rf"\b(?:drones?|UAVs?)\s+(?:and|as well as|,)\s+(?:\w+\s+){{0,2}}?{_OTHER_ARMS_THAN_DRONES}\b", re.I)
_AIR_ATTACK_NOUN = re.compile(r"\b(?:air ?strikes?|airstrikes?|air raids?|aerial (?:bomb\w*|attacks?)|bomb(?:ed|ing|ings|s)?|air attacks?)\b", re.I)


@lru_cache(maxsize=1)
def _any_signal() -> re.Pattern[str]:
    """One pattern that matches wherever any class pattern could (a case-blind superset): most
    sentences of a news article name no weapon, fight or talks, and are settled with one search."""
    patterns = [p for p, _, _ in _WEAPONS] + [_INTERCEPTION, _ATTACK_VERB, _GROUND, _DEFUSAL, _CIVILIAN_VIOLENCE,
                                              _DIPLOMATIC, _EXCHANGE, _MINE, _GRENADE, _PROTEST]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.I)


_FALLING_DEBRIS = re.compile(
    r"\b(?:debris|wreckage|fragments?|shrapnel) (?:of|from) (?:an? |the )?(?:\w+ ){0,3}?(?P<w>drones?|UAVs?|missiles?|rockets?)\b",
    re.I)
_DEBRIS_HARM = re.compile(r"\b(?:fell|set fire|sparked|caused|damaged|hit|struck|killed|killing|injur\w+|wound\w+)\b", re.I)
_DOWNED_COUNT = re.compile(r"\b(?:shot down|downed|intercepted|destroyed|neutrali[sz]ed) (?:\w+ )?\d+\b", re.I)


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
    debris = _FALLING_DEBRIS.search(text)
    if debris and _DEBRIS_HARM.search(text, debris.end()) and not _DOWNED_COUNT.search(text):
        # "debris from downed drones set fire to a building, killing four": the attack's harm, not an interception
        drone = debris.group("w").lower().startswith(("drone", "uav"))
        return ("drone_strike", "drone") if drone else ("missile_strike", "missile")
    if _INTERCEPTION.search(text):
        for pattern, _, weapon in _WEAPONS:
            if weapon in {"drone", "Shahed drone", "missile", "cruise missile", "ballistic missile", "Lancet drone"} and pattern.search(text):
                return "drones_downed", weapon
        if re.search(r"\b(?:shot down|downed|intercepted)\b", text, re.I):
            return "drones_downed", None
    weapon_type = weapon = None
    armed = _WEAPON_AS_TARGET.sub("", _IN_RESPONSE.sub("", text))
    for pattern, event_type, name in _WEAPONS:
        if pattern.search(armed):
            weapon_type, weapon = event_type, name
            break
    mixed = (_MIXED_WITH_DRONES.search(text)
             if weapon_type in {"missile_strike", "shelling", "drone_strike", "glide_bomb"} else None)
    if mixed:
        weapon_type, weapon = "attack", mixed.group(0).lower()  # "missiles and drones": a mixed attack (other)
    # "..., as fighting between the army and militiamen spread": fighting given as the setting of
    # a strike does not make the strike a ground battle.
    told = _SETTING_CLAUSE.sub("", text) if weapon_type else text
    stormed = _STORMED_CIVILIAN_SITE.search(told)
    if stormed:
        told = told[:stormed.start()] + told[stormed.end():]
    if _GROUND.search(told) and (not weapon_type or _STRONG_GROUND.search(told)):
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
    if _ATTACK_VERB.search(text) or stormed:
        return "attack", None
    if _DIPLOMATIC.search(text):
        return "diplomatic", None
    if _PROTEST.search(text):
        return "protest", None
    return None, None


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


def _broad(kind: str) -> str:
    if kind in ATTACK_TYPES or kind in {"attack", "mine", "grenade"}:
        return "strike"
    return kind


def _lead_weapon(article: Article, sentences: list[Sentence]) -> tuple[str, str | None] | None:
    """The one weapon the headline and first paragraph name, if they name exactly one kind: the
    story's attacks whose own sentences name none were made with it."""
    lead = [article.title or ""] + [s.text for s in sentences[:3] if s.paragraph == 0]
    found = {}
    for text in lead:
        kind, weapon = _classify(text)
        if kind in ATTACK_TYPES | {"mine", "grenade"}:  # "Bomb kills 12" over "a bomb exploded": not an air strike
            found.setdefault(kind, weapon)
    return next(iter(found.items())) if len(found) == 1 else None
