"""Synthetic wire reports about many wars, written for load and resume tests (not for accuracy).

Each article is unique (its dispatch number is in the text), dated, and reports one or two
attacks with figures at a real town, so extraction finds events and reports of the same day and
town merge, as real coverage does.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

# (town, country as a dateline names it)
TOWNS = (
    ("Kharkiv", "Ukraine"), ("Mykolaiv", "Ukraine"), ("Zaporizhzhia", "Ukraine"), ("Chernihiv", "Ukraine"),
    ("Khan Younis", "Gaza"), ("Rafah", "Gaza"), ("Goma", "Congo"), ("Bunia", "Congo"),
    ("Omdurman", "Sudan"), ("El Obeid", "Sudan"), ("Aleppo", "Syria"), ("Idlib", "Syria"),
    ("Mogadishu", "Somalia"), ("Maiduguri", "Nigeria"), ("Marib", "Yemen"), ("Taiz", "Yemen"),
    ("Mosul", "Iraq"), ("Kandahar", "Afghanistan"), ("Lashio", "Myanmar"), ("Timbuktu", "Mali"),
)
ATTACKS = (
    ("A missile strike on {town}", "missile"), ("Shelling of {town}", "shelling"),
    ("An air strike on {town}", "air strike"), ("A drone attack on {town}", "drone"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SOURCES = ("local officials said", "the regional governor said", "medics at the scene said",
           "a hospital spokesperson said", "the civil defence service said")
PUBLISHERS = ("Example Wire", "Sample Daily", "Test Gazette")


def synthetic_article(number: int, rng: random.Random, days: int = 60, first_day: date = date(2024, 1, 1)) -> dict:
    town, country = rng.choice(TOWNS)
    published = first_day + timedelta(days=rng.randrange(days))
    attack_day = published - timedelta(days=1)
    attack, _ = rng.choice(ATTACKS)
    killed, wounded = rng.randint(1, 30), rng.randint(0, 60)
    source = rng.choice(SOURCES)
    lines = [
        f"{town.upper()}, {country} — {attack.format(town=town)} killed {killed} people and wounded "
        f"{wounded} on {WEEKDAYS[attack_day.weekday()]}, {source}.",
        f"Rescue teams searched the rubble through the night. This is dispatch {number} of the wire's "
        f"coverage of the war.",
    ]
    if rng.random() < 0.3:
        other, _ = rng.choice([t for t in TOWNS if t[1] == country and t[0] != town] or [(town, country)])
        second = rng.choice(ATTACKS)[0].format(town=other)
        lines.append(f"Separately, {second[0].lower()}{second[1:]} wounded {rng.randint(1, 9)} "
                     f"people on the same day, {rng.choice(SOURCES)}.")
    publisher = rng.choice(PUBLISHERS)
    return {
        "title": f"Attack on {town} kills {killed}",
        "text": "\n\n".join(lines) + "\n",
        "published": published.isoformat(),
        "url": f"https://news.example/{publisher.split()[0].lower()}/{number}",
        "publisher": publisher,
    }


def synthetic_articles(count: int, seed: int = 11, days: int = 60) -> list[dict]:
    """``count`` articles spread over ``days`` days (fewer days: more reports of one attack)."""
    rng = random.Random(seed)
    return [synthetic_article(number, rng, days) for number in range(1, count + 1)]


def write_json_lines(records: list[dict], path: str | Path) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
