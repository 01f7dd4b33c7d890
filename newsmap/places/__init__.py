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

One job per module: ``recognise`` (names and their roles), ``resolve`` (scoring the candidates),
``context`` (the words around a name), ``adjectives`` (demonyms, abbreviations), ``spelling`` and
``variants`` (names spelt otherwise), ``stated_region`` (settlements of a region the text states),
``unlisted`` (villages the gazetteer lacks), ``not_places`` (groups, media, buildings), ``mention``.
This module puts them together: :func:`find_places` and :func:`resolve_spans`.
"""

from __future__ import annotations

from newsmap import budget
from newsmap.gazetteer import Gazetteer
from newsmap.places.adjectives import abbreviation_candidates, adjective_entry, national_adjective_country
from newsmap.places.context import _use_frequencies
from newsmap.places.districts import read_districts_as_their_city
from newsmap.places.mention import Mention
from newsmap.places.not_places import group_spans
from newsmap.places.qualifiers import unresolve_foreign_qualifiers
from newsmap.places.recognise import _recognise
from newsmap.places.resolve import (
    _candidates_for, _document_focus, _drop_foreign_namesakes, _neighbour_support, _resolve, _unresolve_water_bodies,
)
from newsmap.places.unlisted import drop_parts_of_unlisted, unlisted_places
from newsmap.records import Article, Location, Place, Span

__all__ = [
    "find_places", "resolve_spans", "Mention", "national_adjective_country", "adjective_entry",
    "abbreviation_candidates",
]


def find_places(article: Article, gazetteer: Gazetteer) -> list[Place]:
    """Toponyms in ``article`` (dateline and body), resolved in the article's context, sorted by start."""
    _use_frequencies(gazetteer)
    mentions = _recognise(article, gazetteer)
    budget.check()
    body = (article.body_start, len(article.text))
    _resolve(mentions, article.text, body, gazetteer)
    budget.check()
    mentions = _drop_foreign_namesakes(mentions, article.text, gazetteer)
    _unresolve_water_bodies(mentions, article.text)
    read_districts_as_their_city(mentions, article.text, gazetteer)
    unresolve_foreign_qualifiers(mentions, article.text, gazetteer)
    places = [
        Place(text=m.text, start=m.start, end=m.end, role=m.role,  # type: ignore[arg-type]
              location=gazetteer.location(m.choice) if m.choice is not None else None)
        for m in mentions
    ]
    named_things = [(s, e) for s, e, _ in group_spans(article.text)]
    places += unlisted_places(article.text, places, gazetteer, article.body_start, named_things)
    return sorted(drop_parts_of_unlisted(places), key=lambda p: p.start)


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
