"""newsmap: English conflict-news articles → geocoded, sourced events."""

__version__ = "0.1.0"
