"""`python -m newsmap gazetteer import XX.zip`: villages from a GeoNames dump the user brings.

The dump here is written by the test: one invented village placed a little north of a real city,
its point taken from the packaged gazetteer, so nothing is typed in by hand."""

from __future__ import annotations

import pickle
import zipfile
from datetime import date

import pytest

from newsmap.errors import InputError
from newsmap.geonames_dump import import_dump, read_dump

VILLAGE = "Hlybokyi Yar"  # invented: no such place in the packaged data


def _row(geonameid, name, lat, lon, country, admin1, feature_class="P", code="PPL", population=120):
    cols = [str(geonameid), name, name, f"{name.replace(' ', '')}", f"{lat:.5f}", f"{lon:.5f}", feature_class, code,
            country, "", admin1, "", "", "", str(population), "", "100", "Europe/Kyiv", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture()
def dump(tmp_path, gazetteer):
    kharkiv = gazetteer.location(gazetteer.search("Kharkiv", ["UA"])[0])
    text = (_row(990000001, VILLAGE, kharkiv.latitude + 0.12, kharkiv.longitude + 0.05, "UA", kharkiv.admin1_code.split(".")[1])
            + _row(990000002, "Some Ridge", kharkiv.latitude, kharkiv.longitude, "UA", "07", feature_class="T", code="RDGE"))
    path = tmp_path / "UA.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("UA.txt", text)
        archive.writestr("readme.txt", "GeoNames dump written for a test\n")
    return path, kharkiv


def test_a_dump_is_read_for_settlements_only(dump):
    path, _ = dump
    assert [p.name for p in read_dump(path)] == [VILLAGE]


@pytest.mark.parametrize("content, message", [
    ("not\ta\tdump\n", "line 1 has 3 columns"),
    (b"\xff\xfe\x00binary", "not UTF-8"),
])
def test_a_file_that_is_not_a_dump_is_refused_by_name(tmp_path, content, message):
    path = tmp_path / "mine.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(InputError, match=f"mine.txt: .*{message}"):
        import_dump(path, tmp_path / "cache")
    assert not (tmp_path / "cache" / "geonames").exists(), "nothing is kept from a refused file"


def test_imported_villages_are_found_and_placed(dump, tmp_path, monkeypatch, pipeline):
    from newsmap.events import find_events
    from newsmap.gazetteer import Gazetteer
    from newsmap.ingest import article_from_text
    from newsmap.places import find_places

    path, kharkiv = dump
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSMAP_CACHE_DIR", str(cache))
    kept, count = import_dump(path, cache)
    assert count == 1 and kept.exists()
    built = Gazetteer.build(force=True)
    assert "-dumps" in built.name
    with built.open("rb") as handle:
        gazetteer = Gazetteer(pickle.load(handle))

    article = article_from_text(
        f"Russian shelling hit the village of {VILLAGE} in the Kharkiv region on Monday, wounding two people.",
        source="test", published=date(2025, 6, 3))
    places = find_places(article, gazetteer)
    village = [p for p in places if p.text == VILLAGE]
    assert village and village[0].location.country == "UA"
    assert abs(village[0].location.latitude - kharkiv.latitude - 0.12) < 1e-3
    events, _ = find_events(article, places, gazetteer)
    assert [(e.place.text, e.geo_precision, e.wounded) for e in events] == [(VILLAGE, 1, 2)]
