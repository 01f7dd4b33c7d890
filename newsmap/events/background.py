"""What is told but is not news: history, trends, a war's cumulative toll, old file photos."""

from __future__ import annotations

import re
from datetime import date

from newsmap.casualties import numbers_as_digits
from newsmap.dates import DateMention
from newsmap.events.reading import _Analysis


_FILE_PHOTO = re.compile(r"\b(?:file (?:photo|picture|image)|photo: [\w ]{0,30}\bfile|archive (?:photo|picture|image))\b", re.I)

# "Read also: Russians drop explosives on Beryslav": the headline of another story the page links to.
LINKED_STORY = re.compile(r"[ \t]*(?:read (?:also|more)|also read|see also|related(?: news| stories| articles?)?)\s*[:|]", re.I)

# Tolls of a whole war or period, not of one attack ("since October 2023", "so far this year").
_CUMULATIVE = re.compile(
    r"\b(?:since (?:the (?:war|conflict|start|beginning|outbreak|invasion|fighting)|the (?:full-scale )?invasion|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last week|last month|the weekend)|"
    r"(?:early |late |mid-)?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{4})?|\d{4}|Oct(?:ober|\.)? 7)|so far this (?:year|month|week)|(?:over|in) the past (?:year|months|\d+ months)|"
    r"since (?:the )?(?:coup|takeover|uprising|revolution)|since [^.;,]{0,60}\b(?:19|20)\d{2}\b|"
    r"since then|since that (?:time|day)|since (?:it|the war|the conflict|fighting) (?:began|started|erupted|broke out)|"
    r"since (?:the|its|their) (?:\w+ )?(?:campaign|offensive|operation|siege|escalation|bombardment|bombing)s? "
    r"(?:began|started|was launched|resumed)|"
    # "since the truce took effect", "between January and March": a period's toll, not one attack's
    r"since (?:the |a |last \w+'s )?(?:\w+ )?(?:truce|ceasefire|cease-fire|armistice|accord|agreement|deal)|"
    r"since (?:the|a) [^.;,]{0,40}?\b(?:took effect|came into (?:force|effect)|was (?:signed|agreed))|"
    r"(?:between|from) (?:early |late |mid-)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?: \d{4})? (?:and|to|through) (?:early |late |mid-)?(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)|"
    r"in the first (?:\w+ )?(?:months?|weeks|half|quarter) of|so far in (?:\d{4}|the year)|(?:this|last) year alone|"
    r"in (?:similar|earlier|previous|past) (?:attacks|raids|clashes|strikes)|"
    r"(?:war|conflict|fighting|invasion|violence|insurgency|unrest|bloodshed) (?:has|have) (?:\w+ )?(?:killed|claimed)|"
    # "has killed more than 4,000 people in Haiti this year": a present-perfect tally of the year
    r"(?:has|have) (?:\w+ )?(?:killed|claimed the lives of|left) [^.;]{0,80}?\bthis year|"
    # "Israel's offensive has killed more than 52,000", "since Israel resumed its offensive on March 18"
    r"(?:offensive|campaign|assault|bombardment|onslaught|operations?|war)(?: (?:in|on|against) [\w ]{1,25}?)? "
    r"(?:has|have) (?:so far |now |since )?(?:killed|left \d+ dead)|"
    r"since (?:[\w'’-]+ ){1,3}(?:resumed|launched|began|started|renewed|collapsed)\b|(?:death )?toll (?:from|of|in) the (?:war|conflict|fighting|invasion|violence)|"
    r"cumulative|overall (?:death )?toll|total (?:death )?toll|"
    # "has killed tens of thousands", "in which thousands of people have died": no single attack's toll
    r"(?:has|have|had) (?:\w+ )?(?:killed|left dead|claimed the lives of) (?:more than |over |at least |some |about )?"
    r"(?:(?:tens|hundreds|10|100) of )?(?:thousands|millions|1000 of|1000000 of)|"
    r"(?:(?:tens|hundreds|10|100) of )?(?:thousands|millions|1000|1000000) of (?:\w+ )?(?:have|had) (?:been killed|died|perished|lost their lives)|"
    r"years of (?:violence|conflict|fighting|war|unrest|insurgency|attacks)|"
    r"(?:more than |nearly |almost |over )?\d+ (?:months|years|weeks) of (?:the )?(?:war|fighting|conflict|violence))\b",
    re.I,
)


# "the deadliest attack since Washington began its campaign": a comparison with a period, no toll of it
_SUPERLATIVE_SINCE = re.compile(
    r"\b(?:the )?(?:deadliest|worst|bloodiest|biggest|largest|heaviest|most \w+|first|latest)\b(?: [\w-]+){0,6}? since [^.;]*",
    re.I)
# "five more people died of malnutrition": deaths that no attack caused
NON_VIOLENT_DEATHS = re.compile(
    r"\b(?:died|deaths?|dying|dead) (?:of|from|due to) (?:\w+ )?(?:malnutrition|starvation|hunger|famine|disease|cholera|"
    r"dehydration|exposure|the cold)\b|\b(?:hunger|starvation|malnutrition|famine)[- ](?:related )?deaths\b|"
    r"\bstarved to death\b", re.I)


def is_cumulative(sentence_text: str) -> bool:
    """Whether the sentence tells a period's or a war's toll rather than one attack's."""
    return bool(_CUMULATIVE.search(_SUPERLATIVE_SINCE.sub("", numbers_as_digits(sentence_text))))


def _is_background(analysis: _Analysis, own: DateMention | None, published: date | None) -> bool:
    """A violent event the sentence places only in an earlier year ("since 2021", "in 2019") is
    background. One it dates to an older day or month stays, with that date (a photo caption
    about an older strike is kept as history)."""
    if analysis.kind in {"diplomatic", "prisoner_exchange"}:
        return False
    trend = _TREND.search(analysis.sentence.text)
    if trend and (own is None or re.search(r"\bsince\b", analysis.sentence.text[trend.end(): own.start - analysis.sentence.start])):
        # "Russia has stepped up attacks on the Chernihiv and Kharkiv regions", "has been attacking towns
        # since it was pushed out of X in March": a trend, not an event
        return True
    if own is None and _PAST_SEASON.search(analysis.sentence.text):
        return True  # "launched an offensive in Kursk last summer": history told as context
    if own is not None and own.value == published and _YEARS_AGO_TODAY.search(analysis.sentence.text):
        return True  # "A year ago today, a strike on a school killed 40": an anniversary, not today's news
    if own is not None:
        # "the deadliest since a September 30 strike in Zaporizhzhia": an earlier event named for comparison
        lead = analysis.sentence.text[: own.start - analysis.sentence.start]
        return bool(re.search(r"\bsince\s+(?:(?:a|an|the)\s+)?$", lead))
    return told_of_an_earlier_year(analysis, own, published)


def told_of_an_earlier_year(analysis: _Analysis, own: DateMention | None, published: date | None) -> bool:
    """"In 2006, a war killed 1,200 people": a sentence placed only in a year before the article's."""
    if own is not None or published is None:
        return False
    text, start = analysis.sentence.text, analysis.sentence.start
    years = [m for m in analysis.dates if not m.reporting and m.granularity == "year"
             and not _YEAR_OF_SOMETHING_ELSE.search(text[max(0, m.start - start - 30): m.start - start])]
    return bool(years) and all(m.value.year < published.year for m in years)


# "a boy born in 2015 was killed", "a bridge built in 1960 was hit": the year of the victim or the target
_YEAR_OF_SOMETHING_ELSE = re.compile(
    r"\b(?:born|built|founded|established|opened|erected|constructed|completed|founded)\s+(?:in\s+)?$", re.I)


# "Air strikes at the time flattened the suburbs": the time of the sentence before
AT_THAT_TIME = re.compile(r"\b(?:at the time|at that time|back then|in those days|that (?:year|summer|winter|spring|autumn))\b", re.I)


_PAST_SEASON = re.compile(
    r"\b(?:last|early last|late last|the previous|the past) (?:summer|winter|spring|autumn|fall|year)\b|"
    # "A year after the strike on the hospital in X, ...": an anniversary recalls the attack
    r"\b(?:a|one|two|three|four|five|six|ten|\d+) (?:years?|months?) (?:after|since|on from) (?:the|a|an|[\w’'-]+['’]s)\b|"
    r"\b(?:anniversary of|marks? (?:one|a|two|three|\d+) years? since)\b|"
    r"\b(?:a|one|two|three|several) years? ago\b",
    re.I,
)
_YEARS_AGO_TODAY = re.compile(r"\b(?:a|one|two|three|four|five|ten|several|\d+) years? ago (?:today|this week)\b", re.I)
_TREND = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:ramped up|stepped up|intensified|escalated|increased|repeatedly|"
    r"been (?:attacking|shelling|striking|pounding|bombing|fighting|trying|battling|targeting))\b|"
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:fired|launched)\s+(?:hundreds|thousands|dozens|scores)\s+of\b|"
    r"\b(?:have|has) become (?:\w+ )?(?:common|commonplace|routine|frequent|more frequent|a daily occurrence)\b|"
    # "attacks across the Sahel have grown deadlier", "attacks on hospitals in X had surged"
    r"\b(?:attacks|strikes|raids|violence|fighting|clashes|killings)\b[^.;]{0,60}?\b(?:(?:have|has|had) (?:\w+ )?(?:surged|soared|risen|"
    r"grown (?:deadlier|more \w+)|increased|spiked|multiplied)|surge|soar|spike)\b|"
    r"\b(?:has|have|had) (?:seen|witnessed|suffered|endured) (?:\w+ )?(?:repeated|frequent|regular|recurring|years of|"
    r"months of|a (?:wave|spate|series|string) of|waves of|cycles of) (?:\w+ )?(?:clashes|attacks|raids|violence|fighting|killings)\b",
    re.I,
)

# A sentence about the war as a whole ("The war broke out in April last year.") closes an event.
_WAR_CONTEXT = re.compile(r"\b(?:war|conflict|invasion|insurgency|crisis)\b", re.I)
