"""The article reader: article text with places, event sentences and summaries marked (HTML).

Every piece of article text is escaped before it reaches the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from newsmap.labels import TYPE_COLOURS, casualty_text, escape_html, place_name, region_text, type_label


_READER_CSS = """<style>
.nm-article { white-space: pre-wrap; font: 16px/1.6 Georgia, serif; max-width: 52em; }
.nm-article a.nm-ev { color: inherit; text-decoration: none; border-radius: 3px; padding: 1px 0; }
.nm-article .nm-pl { font-weight: 600; border-bottom: 2px dotted #555; }
.nm-article .nm-sum { outline: 2px dashed #b2182b; outline-offset: 1px; }
.nm-article .nm-fig { font: 12px/1 sans-serif; color: #fff; background: #b2182b; border-radius: 8px;
                      padding: 1px 6px; margin-left: 3px; white-space: nowrap; }
.nm-legend-line span { margin-right: 1.2em; }
</style>"""


def _tint(colour: str) -> str:
    """A light background version of an event-type colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},0.22)"


def article_html(extraction, anchor_prefix: str = "ev-") -> str:
    """The article text with places, event sentences (linked to their event) and summaries marked.

    Every piece of article text is escaped; spans come from the extraction's character offsets.
    Event ``i`` (in ``extraction.events`` order) links to the element id ``{anchor_prefix}{i}``.
    """
    text = extraction.article.text
    layers: list[tuple[int, int, str, Any]] = []
    for index, event in enumerate(extraction.events):
        layers.append((event.excerpt_start, event.excerpt_end, "event", (index, event)))
    for place in extraction.places:
        layers.append((place.start, place.end, "place", place))
    for summary in extraction.summaries:
        layers.append((summary.start, summary.end, "summary", summary))
    cuts = {0, len(text)}
    for start, end, _kind, _item in layers:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    bounds = sorted(cuts)
    # Where each event sentence ends, its figures are shown as a badge (once per sentence).
    badges: dict[int, list[str]] = defaultdict(list)
    for index, event in enumerate(extraction.events):
        if event.killed or event.wounded:
            badges[event.excerpt_end].append(casualty_text(event.__dict__))
    for summary in extraction.summaries:
        if summary.killed or summary.wounded:
            badges[summary.end].append("article total: " + casualty_text(summary.__dict__))
    out = [_READER_CSS, "<div class='nm-article'>"]
    for start, end in zip(bounds, bounds[1:]):
        covering = [(kind, item) for s, e, kind, item in layers if s <= start and end <= e]
        piece = escape_html(text[start:end])
        for kind, item in covering:
            if kind == "place":
                location = item.location
                title = (
                    f"{location.name}, {region_text(location.admin1, location.country)} ({item.role})"
                    if location
                    else f"unresolved place ({item.role})"
                )
                piece = f"<span class='nm-pl' title='{escape_html(title)}'>{piece}</span>"
            elif kind == "summary":
                piece = f"<span class='nm-sum' title='article-level total, not added to the events'>{piece}</span>"
        events_here = [item for kind, item in covering if kind == "event"]
        if events_here:
            index, event = events_here[0]
            colour = TYPE_COLOURS.get(event.event_type, TYPE_COLOURS["other"])
            piece = (
                f"<a class='nm-ev' href='#{anchor_prefix}{index}' style='background:{_tint(colour)}' "
                f"title='{escape_html(type_label(event.event_type))}: see the event below'>{piece}</a>"
            )
        out.append(piece)
        for badge in dict.fromkeys(badges.get(end, ())):
            out.append(f"<span class='nm-fig'>{escape_html(badge)}</span>")
    out.append("</div>")
    return "".join(out)


def reader_legend_html() -> str:
    return (
        "<div class='nm-legend-line' style='font:13px sans-serif;margin:4px 0 10px'>"
        "<span style='font-weight:600;border-bottom:2px dotted #555'>place</span>"
        f"<span style='background:{_tint(TYPE_COLOURS['air_strike'])}'>event sentence (coloured by type)</span>"
        "<span style='color:#fff;background:#b2182b;border-radius:8px;padding:1px 6px'>casualty figures</span>"
        "<span style='outline:2px dashed #b2182b'>article-level total</span></div>"
    )


def event_card_html(event: Mapping[str, Any], anchor_id: str, note: str = "") -> str:
    """One event as a small card (escaped), the target of the reader's sentence links; ``note``
    (plain text) says what an analyst did to it."""
    colour = TYPE_COLOURS.get(event.get("event_type"), TYPE_COLOURS["other"])
    dismissed = event.get("review") == "dismissed"
    return (
        f"<div id='{escape_html(anchor_id)}' class='nm-card{' nm-dismissed' if dismissed else ''}' "
        f"style='border-left:4px solid {colour};padding:4px 10px;margin:6px 0;font:14px sans-serif"
        f"{';opacity:0.6' if dismissed else ''}'>"
        f"<b>{escape_html(place_name(event))}</b> "
        f"<small>{escape_html(region_text(event.get('admin1'), event.get('country')))}</small> · "
        f"{escape_html(event.get('event_date') or 'date unknown')} · {escape_html(type_label(event['event_type']))}"
        f" · <b>{escape_html(casualty_text(event))}</b><br><i>“{escape_html(event.get('excerpt'))}”</i>"
        + (f"<br><small class='nm-note'>{escape_html(note)}</small>" if note else "")
        + "</div>"
    )
