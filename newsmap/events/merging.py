"""Mentions of one attack at one place merged into one event, with the highest figures stated."""

from __future__ import annotations

from newsmap.casualties import Casualties
from newsmap.events.drafts import _Draft
from newsmap.events.kinds import _broad
from newsmap.events.sites import COMPASS_PART
from newsmap.records import Place


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.location is None or b.location is None:
        return False
    return a.location.geonameid == b.location.geonameid


def _part_named(text: str, place: Place | None) -> str | None:
    """"southern Gaza", "northern Gaza": the part of the place the text names, if any."""
    if not text or place is None:
        return None
    hit = COMPASS_PART.search(text, max(0, place.start - 20), place.start)
    return hit.group(0).strip().lower().replace("-", "").replace("ern", "") if hit else None


def _other_part(text: str, a: Place | None, b: Place | None) -> bool:
    parts = _part_named(text, a), _part_named(text, b)
    return all(parts) and parts[0] != parts[1]


def _merge_drafts(drafts: list[_Draft], text: str = "") -> list[_Draft]:
    """One event per place per attack: fold figure-less mentions into the specific one."""
    kept: list[_Draft] = []
    for draft in drafts:
        target = None
        for other in kept:
            if not _same_place(other.place, draft.place) or _broad(other.kind) != _broad(draft.kind):
                continue
            if _other_part(text, other.place, draft.place):
                continue  # a strike in southern Gaza and one in northern Gaza: two places of one name
            if draft.kind == "diplomatic":
                if other.event_date == draft.event_date or not draft.own_date or not other.own_date:
                    target = other
                    break
                continue
            if other.event_date != draft.event_date and not _same_told_undated(other, draft):
                continue
            if draft.answer != other.answer:
                continue  # the attackers' raid and the strike that answered it: two events
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
            # the first telling names who struck ("An airstrike by the military …"); a later one may only
            # name who reports it ("…, said a member of the local defence force")
            draft.actor = target.actor or draft.actor
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
