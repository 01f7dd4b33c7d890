"""The pipeline: Article → places → events, with the gazetteer loaded once per process."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path

from newsmap.records import Article, Extraction


class Pipeline:
    """Holds the loaded gazetteer; ``extract`` runs every stage over one article."""

    @cached_property
    def gazetteer(self):
        from newsmap.gazetteer import Gazetteer

        return Gazetteer.load()

    def extract(self, article: Article) -> Extraction:
        from newsmap.events import find_events
        from newsmap.places import find_places

        places = find_places(article, self.gazetteer)
        events, summaries = find_events(article, places, self.gazetteer)
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
