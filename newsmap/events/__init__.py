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

One module per job: ``kinds`` (a sentence's event kind and weapon, ACLED classes), ``actors``,
``sites`` (which places a sentence locates its event in), ``reading`` (one sentence's analysis),
``drafts`` (a draft event and the Event it becomes), ``dating``, ``background`` (what is not news),
``talks`` (venues of talks), ``figures`` (whose casualty figures), ``merging`` and ``regions``
(region-level events); this module ties them together sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from newsmap import budget
from newsmap.casualties import NONE, Casualties, find_casualties
from newsmap.dates import DateMention, is_future_context
from newsmap.events.actors import named_as_target
from newsmap.events.background import (_FILE_PHOTO, AT_THAT_TIME, LINKED_STORY, _PAST_SEASON, _WAR_CONTEXT,
                                     NON_VIOLENT_DEATHS, _is_background, is_cumulative, told_of_an_earlier_year)
from newsmap.events.dating import _context_date, _nearest_date, _reported_date, _sentence_date, counted_from_previous
from newsmap.events.drafts import _Draft, _to_event
from newsmap.events.figures import (_BACK_REFERENCE, _NEW_STRIKE, _STRIKE_ON_ATTACKERS, _continue_draft, _downed_count, _figures_per_place,
                                    names_unknown_site)
from newsmap.events.actors import _actor
from newsmap.events.kinds import ATTACK_TYPES, _OWN_INCIDENT, _broad, _classify, _clause_kind, _lead_weapon
from newsmap.events.merging import _merge_drafts, _other_part, _same_place
from newsmap.events.reading import _Analysis, _analyse
from newsmap.events.regions import UNNAMED_SUBPLACES, _drop_covered_regions, _to_admin_centre
from newsmap.events.sites import _eligible_places, _precision  # _eligible_places: tests import it from here
from newsmap.events.talks import _BACKGROUND_TALKS, _is_diplomatic_site, _monthly_rounds, _narrow_venue
from newsmap.gazetteer import Gazetteer
from newsmap.gazetteer.geometry import distance_km
from newsmap.records import Article, Event, Place, Summary
from newsmap.text import Sentence, split_sentences


_ANOTHER_ATTACK_CLAUSE = re.compile(
    r"[,;]\s+(?:while|and|whereas|as)\s+(?:(?:an?other|a second|a separate)\b(?:\s+(?:strike|attack|raid|shell|drone|one))?"
    # "..., and strikes on Saada province wounded four"
    r"|(?:[\w.-]+\s+)?(?:strikes|airstrikes|air strikes|attacks|raids|shelling)\s+(?:on|in|at|near)\b)", re.I)
# ", a day after an attack on ... near X killed five": an earlier attack named to date the news
_EARLIER_ATTACK_CLAUSE = re.compile(
    r",\s+(?P<gap>a day|hours|a week|two days|days)\s+after\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attack|strike|airstrike|bombing|raid|assault|shelling)\b", re.I)
# ", as Hezbollah fired rockets at X": a second side's attack told alongside the first.
_SIDE_ATTACK_CLAUSE = re.compile(
    r",\s+(?:as|while|after|when)\s+(?:[\w'’-]+\s+){1,4}?(?:fired|launched|shelled|struck|attacked|targeted|"
    r"pounded|hit)\s", re.I)
# "Separately, a drone hit a depot in X": another incident, whose attacker the text has not named.
_ANOTHER_INCIDENT = re.compile(r"(?:Separately|Elsewhere|In (?:a|another) separate|In another (?:attack|incident))\b")
# Kinds whose toll, told before any place, waits for "The attack took place near X" (an ambush, a massacre too).
_UNPLACED_KINDS = {"attack", None, "mine", "grenade", "ground_fighting", "civilian_violence"}


def _villages_near_one_town(targets: list[Place], sentence_text: str) -> bool:
    """Whether the sentence's unnamed villages are placed only by the one town they are near."""
    towns = [p for p in targets if p.location is None or p.location.feature_class not in {"admin1", "country"}]
    if len(towns) != 1:
        return False
    near = re.compile(UNNAMED_SUBPLACES.pattern + r"\s+(?:near|around|outside|close to)\s+(?:the\s+(?:town|city)\s+of\s+)?"
                      + re.escape(towns[0].text) + r"\b", re.I)
    return bool(near.search(sentence_text))


# ", and a woman died in X", "; two were wounded in Y", ", while four were killed in Z"
_CLAUSE_BREAK = re.compile(r",\s+(?:and|while|whereas)\s+|;\s+(?:and\s+)?")


def _figures_per_clause(targets: list[Place], sentence: Sentence, whole: bool = True) -> dict[int, Casualties]:
    """"A man was killed in A, and a woman died in the village of B": when each clause of the sentence
    names one place and tells its own toll, each place takes its clause's toll (else none does, unless
    not ``whole``: then each clause naming one place alone with a toll of its own gives that toll)."""
    bounds = [0] + [b for m in _CLAUSE_BREAK.finditer(sentence.text) for b in (m.start(), m.end())] + [len(sentence.text)]
    found: dict[int, Casualties] = {}
    for begin, end in zip(bounds[::2], bounds[1::2]):
        inside = [p for p in targets if sentence.start + begin <= p.start < sentence.start + end]
        if not inside:
            continue
        figures = find_casualties(sentence.text[begin:end])
        if len(inside) != 1 or not figures.stated:
            if whole:
                return {}
            continue
        found[id(inside[0])] = figures
    return found if len(found) == len(targets) or not whole else {}


def _one_of_several(draft: _Draft, drafts: list[_Draft]) -> bool:
    """Whether the draft's sentence placed its attack in other places too, and no later sentence told
    of it alone ("... struck A, B and C. In C, a glide bomb hit a building. A boy was killed.")."""
    return draft.last_sentence == draft.first_sentence and any(other is not draft and other.first_sentence == draft.first_sentence and other.place is not None
               and draft.place is not None and not _same_place(other.place, draft.place) for other in drafts)


def _within_town(town: Place | None, part: Place, text: str) -> bool:
    """Whether ``part`` is told as a district or neighbourhood ("the city's X district") lying within a
    town's reach of ``town``."""
    if town is None or town.location is None or part.location is None:
        return False
    if not (_PART_OF_TOWN_BEFORE.search(text, max(0, part.start - 20), part.start)
            or _PART_OF_TOWN_AFTER.match(text, part.end)):
        return False
    if town.location.feature_class in {"admin1", "country"} or part.location.feature_class in {"admin1", "country"}:
        return False
    return distance_km(town.location.latitude, town.location.longitude,
                       part.location.latitude, part.location.longitude) <= _TOWN_REACH_KM


def _told_of_an_earlier_month(own: DateMention | None, last: _Draft | None) -> bool:
    """"The war began when militants attacked on Oct. 7, 2023, killing 1,200", "violence in March killed
    1,500": a toll the sentence dates to a month before the last event's is history, not more of it."""
    if own is None or own.reporting or last is None or last.event_date is None:
        return False
    return (own.value.year, own.value.month) < (last.event_date.year, last.event_date.month) and (
        own.granularity != "day" or (last.event_date - own.value).days > _RECENT_DAYS)


def _another_month_of_history(own: DateMention | None, last: _Draft | None, published) -> bool:
    """"In October 2024, gangs killed 100 in X. ... In December 2024, gangs killed 200": two past
    incidents told month by month; the second, at a place we cannot name, is not more of the first."""
    if own is None or own.reporting or last is None or not last.own_date or last.event_date is None or published is None:
        return False
    return ((own.value.year, own.value.month) != (last.event_date.year, last.event_date.month)
            and (published - own.value).days > _RECENT_DAYS and (published - last.event_date).days > _RECENT_DAYS)


_RECENT_DAYS = 31
_TOWN_REACH_KM = 15
_PART_OF_TOWN_BEFORE = re.compile(r"\b(?:the )?(?:city|town|capital)['’]s\s+$", re.I)
_PART_OF_TOWN_AFTER = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb|area)\b", re.I)


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
    joint_summaries: list[Summary] = []
    history_before = -2  # the index of the last sentence told of an earlier year

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
        counted_from_previous(analysis, history)
        own = _sentence_date(analysis, published)
        # history: a sentence told only of an earlier year, or "at the time" right after one
        told_of_history = told_of_an_earlier_year(analysis, own, published) or (
            own is None and history_before == sentence.index - 1 and bool(AT_THAT_TIME.search(sentence.text)))
        if told_of_history:
            history_before = sentence.index
        line_end = text.find("\n", sentence.end)
        caption = text[sentence.start: line_end if line_end >= 0 else len(text)]  # "... on May 3. Photo: AFP file"
        if _FILE_PHOTO.search(caption) and (own is None or published is None or own.value < published):
            last_draft = None  # a file photo's caption shows an older event, not the news
            continue
        if LINKED_STORY.match(text, text.rfind("\n", 0, sentence.start) + 1):
            last_draft = None
            continue
        if own is not None and kind is not None:
            history.append((analysis, own))
        if analysis.actor and kind not in {None, "diplomatic", "protest", "prisoner_exchange"}:
            last_actor = analysis.actor
        casualties = analysis.casualties
        targets = analysis.places
        other_attack = _ANOTHER_ATTACK_CLAUSE.search(sentence.text) if casualties.stated and targets else None
        if other_attack and all(p.end <= sentence.start + other_attack.start() for p in targets):
            # "A strike on a house in X killed six, while another on a camp in Y killed four": Y's attack
            # (a place the gazetteer lacks) keeps its own toll, apart from X's.
            before = find_casualties(sentence.text[:other_attack.start()])
            after = find_casualties(sentence.text[other_attack.start():])
            if before.stated and after.stated:
                casualties = before
                analysis = replace(analysis, casualties=before)
                summaries.append(Summary(sentence.text, sentence.start, sentence.end, after.killed, after.wounded))

        side = _SIDE_ATTACK_CLAUSE.search(sentence.text) if casualties.stated and targets else None
        if side and all(p.start >= sentence.start + side.start() for p in targets):
            # "Strikes on villages in south Lebanon killed 12, as Hezbollah fired rockets at Haifa": the toll
            # is the first attack's, told with no place; the place of the other is its own attack's site.
            before = find_casualties(sentence.text[:side.start()])
            after = find_casualties(sentence.text[side.start():])
            if before.stated and not after.stated:
                summaries.append(Summary(sentence.text, sentence.start, sentence.end, before.killed, before.wounded))
                clause_kind, clause_weapon = _classify(sentence.text[side.start():])
                casualties = after
                analysis = replace(analysis, casualties=after, kind=clause_kind or kind,
                                   weapon=clause_weapon if clause_kind else analysis.weapon,
                                   actor=_actor(sentence.text[side.start():], clause_kind or kind, gazetteer))
                kind = analysis.kind
        earlier = _EARLIER_ATTACK_CLAUSE.search(sentence.text) if targets else None
        if earlier and all(p.start >= sentence.start + earlier.end() for p in targets):
            # "Turkey struck militants on Thursday, a day after an attack near Ankara killed five": the
            # place is the earlier attack's, of its own kind and day.
            clause = sentence.text[earlier.start():]
            clause_kind, clause_weapon = _classify(clause)
            figures = find_casualties(clause)
            casualties = figures
            analysis = replace(analysis, casualties=figures, kind=clause_kind or "attack", weapon=clause_weapon,
                               actor=_actor(clause, clause_kind or "attack", gazetteer))
            kind = analysis.kind
            if own is not None and earlier.group("gap").lower() == "a day":
                own = replace(own, value=own.value - timedelta(days=1))
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
            if casualties.stated and (is_cumulative(sentence.text)
                                      or (own is None and _PAST_SEASON.search(sentence.text))
                                      or _told_of_an_earlier_month(own, last_draft) or told_of_history
                                      or _another_month_of_history(own, last_draft, published)
                                      or NON_VIOLENT_DEATHS.search(sentence.text)):
                # ("a war last year that killed more than 4,000": history's toll, not more of the last attack)
                summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
                continue
            if casualties.stated and (analysis.multi_target or not continuing or (
                    kind in ATTACK_TYPES | {"attack"} and (names_unknown_site(sentence, places, gazetteer)
                                                          or _ANOTHER_INCIDENT.match(sentence.text)))):
                # (an attack at a site the gazetteer lacks, or "Separately, ...", is another attack, not
                # more of the last one)
                summary = Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded)
                summaries.append(summary)
                if not drafts and not analysis.multi_target and kind in ATTACK_TYPES | _UNPLACED_KINDS:
                    unplaced.append(summary)
                continue
            if not continuing or last_draft is None:
                continue
            if kind in ATTACK_TYPES | {"attack"} and _ANOTHER_INCIDENT.match(sentence.text):
                last_draft = None  # "Separately, an airstrike on a tent in <a camp we do not know> ...": not the last one
                continue
            if (kind in ATTACK_TYPES and kind != last_draft.kind and analysis.actor and last_draft.actor
                    and analysis.actor != last_draft.actor):
                # "US strikes hit X. The Houthis said they had fired a missile at Israel": the other side's
                # attack, at no place named here, is no more of the last one
                if casualties.stated:
                    summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
                continue
            if is_cumulative(sentence.text):
                # "has struck 1,000 targets since the campaign began on March 15": no date for the last strike
                reach = sentence.index
                continue
            new_strike = (
                kind in ATTACK_TYPES | {"attack"}
                and bool(_NEW_STRIKE.search(sentence.text))
                and casualties.stated
                and last_draft.casualties.stated
                # "a double-tap attack ... A second strike hit the rescuers": the one attack's second half
                and not re.search(r"(?i)double[- ]tap", text[last_draft.start:last_draft.end])
            )
            # "Rebels entered X on Monday. ... 17 were killed in clashes there on Sunday": an earlier day's
            # fighting with its own toll is an incident of its own (a later day would be the toll rising).
            earlier_day = (
                kind in ATTACK_TYPES | {"attack", "ground_fighting", "civilian_violence"}
                and casualties.stated and own is not None and own.granularity == "day"
                and last_draft.own_date and last_draft.event_date is not None and own.value < last_draft.event_date
            )
            # "Rebels captured X. ... The military responded with airstrikes on the town, killing five": a
            # strike with its own toll after a battle is an event of its own at that place.
            strike_after_battle = kind in ATTACK_TYPES and last_draft.kind == "ground_fighting" and casualties.stated
            strike_on_attackers = (kind in ATTACK_TYPES and last_draft.kind in {"attack", "ground_fighting", "civilian_violence"}
                                   and bool(_STRIKE_ON_ATTACKERS.search(sentence.text)))
            if new_strike or earlier_day or strike_after_battle or strike_on_attackers:
                event_type = kind if kind in ATTACK_TYPES | {"ground_fighting", "civilian_violence"} else last_draft.kind
                draft = _Draft(event_type, last_draft.place, sentence.start, sentence.end, sentence.index,
                               sentence.index, sentence.paragraph, own.value if own else last_draft.event_date,
                               own is not None, analysis.weapon or last_draft.weapon,
                               analysis.actor or (None if strike_on_attackers else last_draft.actor),
                               last_draft.precision, casualties, separate=True,
                               answer=strike_on_attackers)
                drafts.append(draft)
                last_draft, reach = draft, sentence.index
                continue
            if casualties.stated and not casualties.killed and not casualties.wounded:
                # "No casualties were reported": true of every place the previous sentence named.
                for draft in drafts:
                    if draft.first_sentence == last_draft.first_sentence and draft.kind == last_draft.kind:
                        _continue_draft(draft, analysis, sentence, extend=draft is last_draft)
                continue
            if casualties.stated and _one_of_several(last_draft, drafts):
                # "Russian troops attacked A, B and C. Among the injured were three women.": a toll told
                # after several towns is theirs together, not the last one's
                summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
                continue
            told_day = (own is not None and own.granularity == "day" and kind == last_draft.kind
                        and not last_draft.own_date)
            if casualties.stated or kind in ATTACK_TYPES | {"attack"} or _BACK_REFERENCE.search(sentence.text) or told_day:
                # ("The attack on the post took place on Wednesday", "Rebels said they captured X. They took
                # control of the town on Sunday": the follow-up dates the event)
                _continue_draft(last_draft, analysis, sentence)
            reach = sentence.index  # "Rescuers searched the rubble of the building that was hit." keeps it open
            continue

        cumulative = casualties.stated and bool(is_cumulative(sentence.text))
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
            inherit = (continuing and last_draft is not None and _broad(last_draft.kind) in {"strike", "civilian_violence"}
                       and last_draft.paragraph == sentence.paragraph)
            kind = last_draft.kind if inherit else "attack"
        if told_of_history or _is_background(analysis, own, published):
            last_draft = None  # history ("In 2019, jihadists killed 40 people in X") is not news
            continue
        if (continuing and last_draft is not None and own is None and len(targets) == 1
                and "attack" in {last_draft.kind, kind} and not _NEW_STRIKE.search(sentence.text)
                and not _other_part(text, last_draft.place, targets[0])
                and (_same_place(last_draft.place, targets[0])
                     or not casualties.stated and _within_town(last_draft.place, targets[0], text))):
            # "The attack targeted a convoy near X. 'The convoy fell into an ambush near X,' he said.", "The
            # attack set fire to a building in the city's Y district": the same incident told again in other
            # words, not a second one of another kind
            _continue_draft(last_draft, analysis, sentence)
            reach = sentence.index
            continue
        own_figures = _figures_per_place(targets, casualties, text, sentence) if casualties.stated else {}
        if other_attack and not own_figures:
            # "... on X village, killing 12, and another strike hit nearby Y, killing seven": each attack's own toll
            split = sentence.start + other_attack.start()
            sides = ([p for p in targets if p.end <= split], [p for p in targets if p.start >= split])
            if all(len(side) == 1 for side in sides):
                before = find_casualties(sentence.text[:other_attack.start()])
                after = find_casualties(sentence.text[other_attack.start():])
                if before.stated and after.stated:
                    own_figures = {id(sides[0][0]): before, id(sides[1][0]): after}
        if len(targets) > 1 and casualties.stated and len(own_figures) < len(targets):
            # "Strikes on A killed three, while four were killed in B": A's clause tells A's own toll
            by_clause = _figures_per_clause(targets, sentence, whole=not own_figures)
            own_figures = {**by_clause, **own_figures}
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
        # "The strikes on A and B caused no casualties": none at each of them, nothing to share
        no_one_hurt = casualties.stated and not casualties.killed and not casualties.wounded
        shared = (casualties.stated and not sole and not no_one_hurt
                  and (len(targets) > 1 or analysis.multi_target or bool(own_figures)))
        # "Gunmen attacked two villages in X state, killing 40": the region holds the joint toll until
        # the text names the place (or the places) it was in.
        joint = (shared and len(targets) == 1 and not own_figures and targets[0].location is not None
                 and targets[0].location.feature_class == "admin1" and bool(UNNAMED_SUBPLACES.search(sentence.text)))
        # "attacks on several villages near the town of X, killing 200": the one town they are near holds the toll
        joint = joint or (shared and not own_figures and _villages_near_one_town(targets, sentence.text))
        if shared:
            summaries.append(Summary(sentence.text, sentence.start, sentence.end, casualties.killed, casualties.wounded))
            if joint:
                joint_summaries.append(summaries[-1])
        event_date = own.value if own else (
            _reported_date(analysis, published) or _context_date(history, kind, published) or published)
        carried = last_actor if kind in ATTACK_TYPES | {"attack"} and not _ANOTHER_INCIDENT.match(sentence.text) else None
        if carried and any(p.location is not None and p.location.feature_class == "country"
                           and sentence.start <= p.start < sentence.start + 25 for p in places):
            carried = None  # "In Burkina Faso, jihadists killed ...": another country's story, not the last attacker's
        if carried and named_as_target(sentence.text, carried):
            carried = None  # "Hours later, warplanes struck Houthi positions": the hit side does not act
        actor = analysis.actor or carried
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
                           NONE if kind == "drones_downed" else own_figures.get(id(place), NONE) if shared and not joint
                           else casualties,
                           separate=bool(_NEW_STRIKE.search(sentence.text)), joint=joint)
            told = draft.casualties
            waiting = Casualties(max((u.killed for u in unplaced if u.killed is not None), default=None),
                                 max((u.wounded for u in unplaced if u.wounded is not None), default=None))
            if (unplaced and len(drafts) == 0 and len(targets) == 1
                    # "... killed two people. The strike hit a car near X, ... a third person was wounded."
                    and (told.killed is None or waiting.killed is None)
                    and (told.wounded is None or waiting.wounded is None)
                    and _broad(kind) in {"strike", "ground_fighting", "civilian_violence"}
                    and _BACK_REFERENCE.search(sentence.text)):
                draft.casualties = Casualties(
                    told.killed if told.killed is not None else waiting.killed,
                    told.wounded if told.wounded is not None else waiting.wounded,
                    told.children_killed, told.children_wounded, told.approximate)
                draft.start = min(draft.start, unplaced[0].start)
                summaries = [u for u in summaries if u not in unplaced]
            drafts.append(draft)
            last_draft, reach = draft, sentence.index

    for draft in drafts:
        if draft.kind == "diplomatic":
            _narrow_venue(draft, places)
    merged = _merge_drafts(drafts, text)
    drafts = _drop_covered_regions(merged, text)
    # A joint toll that one place or the region itself now holds is no longer a summary of several places.
    held = {d.start for d in merged if d.joint and (d.handed_on or d in drafts)}
    summaries = [s for s in summaries if not (s in joint_summaries and s.start in held)]
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
