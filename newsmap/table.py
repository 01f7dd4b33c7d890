"""Rows for the Events page table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsmap.labels import corrected_text, figures_by_source, n_sources, place_name, type_label


def events_table(events: Iterable[Mapping[str, Any]]) -> list[dict]:
    """Rows for the Events page table (plain values: the table widget renders text, not HTML)."""
    rows = []
    for event in events:
        rows.append(
            {
                "date": event.get("event_date"),
                "type": type_label(event["event_type"]),
                "place": place_name(event),
                "admin1": event.get("admin1"),
                "country": event.get("country"),
                "killed": event.get("killed"),
                "wounded": event.get("wounded"),
                "confidence": event.get("confidence"),
                "why_less_sure": event.get("confidence_reasons"),
                "sources": n_sources(event),
                "figures_by_source": figures_by_source(event),
                "corrected": corrected_text(event),
                "excerpt": event.get("excerpt"),
                "event_id": event.get("event_id"),
                "article_id": event.get("article_id"),
            }
        )
    return rows
