"""The pipeline: Article → places → events, with the gazetteer loaded once per process."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Callable

from newsmap.records import Article, Extraction


class Pipeline:
    """Holds the loaded gazetteer; ``extract`` runs every stage over one article."""

    @cached_property
    def gazetteer(self):
        from newsmap.gazetteer import Gazetteer

        return Gazetteer.load()

    def extract(self, article: Article, on_check: Callable[[], None] | None = None) -> Extraction:
        """Every stage over ``article``, within the extraction budget (size, then time): a text over
        either stops with BudgetExceeded / InputError naming ``article.source``. ``on_check`` is
        called at every budget check (between stages and sentences)."""
        from newsmap import budget
        from newsmap.events import find_events
        from newsmap.ingest import check_article_size
        from newsmap.places import find_places

        check_article_size(article.text, article.source)
        with budget.time_budget(article.source, on_check=on_check):
            places = find_places(article, self.gazetteer)
            budget.check()
            events, summaries = find_events(article, places, self.gazetteer)
            budget.check()
        return Extraction(article=article, places=places, events=events, summaries=summaries)

    def extract_file(self, path: str | Path, published: date | None = None) -> Extraction:
        from newsmap.ingest import read_article

        return self.extract(read_article(path, published=published))

    def extract_text(self, text: str, source: str = "text", published: date | None = None) -> Extraction:
        from newsmap.ingest import article_from_text

        return self.extract(article_from_text(text, source=source, published=published))


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default
