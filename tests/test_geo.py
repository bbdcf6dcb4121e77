from pathlib import Path

import pycountry
import pytest

from civcas.geo import (
    GOVERNORATE_CAPITALS,
    ISO_CODES,
    Gazetteer,
    canonical_governorate,
    city_of_the_part,
    geocode,
    governorate_mentions,
    load_geonames_dump,
    normalize_name,
    skeleton,
)
from civcas.models import GOVERNORATES, Span

FIXTURE = Path(__file__).parent / "fixtures" / "geonames_SY_sample.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def best_id(gaz: Gazetteer, name: str, gov: str | None = None) -> str:
    return gaz.lookup(name, gov)[0][0].id


def mention_ids(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entries[0].id) for m in gaz.find_mentions(text)]


# ------------------------------------------------------------------ normalisation


def test_normalize_name_drops_case_marks_articles_and_hyphens():
    assert normalize_name("al-Mayādīn") == "mayadin"
    assert normalize_name("Ma‘arrat an-Nu‘mān") == normalize_name("Maarrat an Numan") == "maarrat an numan"
    assert normalize_name("AL BUQA'AN") == normalize_name("al-Buqaan") == "buqaan"
    assert normalize_name("الباغوز") == "باغوز"


@pytest.mark.parametrize(
    "variants",
    [
        ["Hajin", "Hajeen", "Hejjin", "Hajīn"],
        ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr", "Deir el-Zor"],
        ["al-Baghouz", "Baghuz", "Baghouz"],
        ["Mayadin", "Mayadeen", "al-Mayadin"],
        ["Qamishli", "Kamishli", "al-Qamishli"],
        ["Hasakah", "Hasakeh", "al-Hasaka"],
    ],
)
def test_skeleton_unifies_transliterations(variants):
    assert len({skeleton(v) for v in variants}) == 1


@pytest.mark.parametrize(
    "a,b",
    [("Hama", "Homs"), ("Mayadin", "Ma'dan"), ("Daraa", "Daraya"), ("Hama", "Hamas"), ("Idlib", "Jableh")],
)
def test_skeleton_keeps_distinct_places_apart(a, b):
    assert skeleton(a) != skeleton(b)


# ------------------------------------------------------------------ lookup


@pytest.mark.parametrize(
    "variants,expected",
    [
        (["Hajin", "Hajeen", "Hejjin", "حجين"], "geonames:174506"),
        (["Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr", "Deir Ezour"], "geonames:170794"),
        (["al-Baghouz", "Baghuz", "Baghouz", "Baghuz Fawqani"], "supp:baghuz-fawqani"),
        (["Mayadin", "Mayadeen", "al-Mayadin", "Al Mayādīn"], "geonames:173480"),
        (["Douma", "Duma", "دوما"], "geonames:170592"),
        (["Khan Sheikhoun", "Khan Shaykhun", "Khan Sheikhun"], "geonames:168325"),
        (["Abu Kamal", "Albukamal", "al-Bukamal"], "geonames:174448"),
        (["Soussa", "Sousa", "Susah", "Suse"], "geonames:172415"),
        (["Salaheddine", "Salah al-Din", "Salah Eddin", "Salah-Eddin"], "supp:salaheddine"),
    ],
)
def test_lookup_resolves_spelling_variants_to_one_entry(gaz, variants, expected):
    assert {best_id(gaz, v) for v in variants} == {expected}


def test_lookup_fuzzy_tolerates_a_typo(gaz):
    assert best_id(gaz, "Khan Sheikhounn") == "geonames:168325"


def test_governorate_hint_resolves_ambiguous_name(gaz):
    # GeoNames has a Şūrān in Aleppo governorate and another in Hama governorate.
    assert gaz.lookup("Suran", "Hama")[0][0].governorate == "Hama"
    assert gaz.lookup("Suran", "Aleppo")[0][0].governorate == "Aleppo"
    assert gaz.lookup("Salihiyah", "Hasakah")[0][0].id == "supp:salihiyah-hs"
    assert gaz.lookup("al-Salihiyah", "Damascus")[0][0].id == "supp:salihiyah-dm"


def test_lookup_unknown_name_returns_nothing(gaz):
    assert gaz.lookup("Qwertzabad") == []


# ------------------------------------------------------------------ find_mentions


def test_find_mentions_variants_and_original_offsets(gaz):
    text = (
        "Strikes hit Hejjin, then Hajeen\u2019s market and al-Baghouz; “Deir\u00a0Ezzor” and Al Mayādīn too."
    )
    found = gaz.find_mentions(text)
    for m in found:
        assert text[m.start : m.end] == m.text
    assert [(m.text, m.entries[0].id) for m in found] == [
        ("Hejjin", "geonames:174506"),
        ("Hajeen", "geonames:174506"),
        ("al-Baghouz", "supp:baghuz-fawqani"),
        ("Deir\u00a0Ezzor", "geonames:170794"),
        ("Al Mayādīn", "geonames:173480"),
    ]


@pytest.mark.parametrize("spelling", ["Kafr Zita", "Kfar Zeita", "Kafar Zayta", "Kfr Zeita"])
def test_find_mentions_kafr_in_its_spellings(gaz, spelling):
    text = f"An air raid on a rescue centre in {spelling} killed eight volunteers."
    assert mention_ids(gaz, text) == [(spelling, "geonames:168620")]


def test_find_mentions_arabic_script(gaz):
    text = "قصفت طائرات التحالف بلدة حجين ومدينة دوما"
    assert mention_ids(gaz, text) == [("حجين", "geonames:174506"), ("دوما", "geonames:170592")]


def test_find_mentions_prefers_longest_match(gaz):
    text = "Shelling in the Deir ez-Zor province and in Idlib countryside, and in Eastern Ghouta."
    assert mention_ids(gaz, text) == [
        ("Deir ez-Zor province", "gov:DY"),
        ("Idlib countryside", "gov:ID"),
        ("Eastern Ghouta", "supp:eastern-ghouta"),
    ]


def test_find_mentions_ignores_english_words(gaz):
    text = (
        "Human Rights Watch said: Tell them the tall home at the Bab is safe. Home again, "
        "Mare and Shin, the Salt, Khan said. Seen from the hill."
    )
    assert gaz.find_mentions(text) == []


def test_lowercase_words_are_not_places(gaz):
    assert gaz.find_mentions("they went to hama and homs") == []
    assert mention_ids(gaz, "They went to Hama and Homs") == [
        ("Hama", "geonames:170017"),
        ("Homs", "geonames:169577"),
    ]


def test_article_needed_for_short_names(gaz):
    assert mention_ids(gaz, "Turkish forces entered al-Bab.") == [("al-Bab", "geonames:174018")]
    assert gaz.find_mentions("Bab was quiet.") == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("Aid was blocked by the Damascus government on Monday.", "Damascus"),
        ("according to the Aleppo Media Center, 12 died.", "Aleppo"),
        ("a Damascus-based monitor said", "Damascus"),
        ("the Idlib Health Directorate reported", "Idlib"),
        ("Damascus denied the report.", "Damascus"),
    ],
)
def test_org_like_mentions_are_flagged_and_not_geocoded(gaz, text, name):
    m = next(m for m in gaz.find_mentions(text) if m.text == name)
    assert m.org_like
    assert geocode(name, Span(m.start, m.end, m.text), None, text, gaz) is None


def test_place_mentions_are_not_org_like(gaz):
    text = "An airstrike on Damascus killed 5; residents of Aleppo fled."
    assert [m.org_like for m in gaz.find_mentions(text)] == [False, False]


# ------------------------------------------------------------------ governorates


@pytest.mark.parametrize(
    "spelling,expected",
    [
        ("Deir Ezzor", "Deir ez-Zor"),
        ("Dayr az Zawr", "Deir ez-Zor"),
        ("Deir al-Zour", "Deir ez-Zor"),
        ("deir ez-zor province", "Deir ez-Zor"),
        ("hasakeh", "Hasakah"),
        ("Al-Hasakah Governorate", "Hasakah"),
        ("Lattakia", "Latakia"),
        ("Tartous", "Tartus"),
        ("Rif Dimashq", "Rif Dimashq"),
        ("Damascus countryside", "Rif Dimashq"),
        ("rural Damascus", "Rif Dimashq"),
        ("Reef Damascus", "Rif Dimashq"),
        ("Damascus", "Damascus"),
        ("Idleb", "Idlib"),
        ("Idlib countryside", "Idlib"),
        ("Hamah", "Hama"),
        ("Homs province", "Homs"),
        ("Raqqah", "Raqqa"),
        ("Deraa", "Daraa"),
        ("Sweida", "Suwayda"),
        ("Quneitrah", "Quneitra"),
        ("SY-DY", "Deir ez-Zor"),
        ("outside_syria", "outside_syria"),
        ("Eastern Ghouta", None),
        ("Mosul", None),
        ("", None),
    ],
)
def test_canonical_governorate(spelling, expected):
    assert canonical_governorate(spelling) == expected


def test_iso_subdivision_names_map_to_the_vocabulary():
    subs = pycountry.subdivisions.get(country_code="SY")
    assert len(subs) == 14
    for sub in subs:
        gov = canonical_governorate(sub.name.replace(" Province", ""))
        assert gov == ISO_CODES[sub.code.split("-")[1]], sub.name
    assert set(ISO_CODES.values()) == set(GOVERNORATES) - {"outside_syria"}


def test_geonames_admin1_mapping_against_known_towns(gaz):
    for gov, gid in GOVERNORATE_CAPITALS.items():
        assert gaz.get(f"geonames:{gid}").governorate == gov
    assert gaz.get("geonames:174506").governorate == "Deir ez-Zor"  # Hajīn
    assert gaz.get("geonames:168325").governorate == "Idlib"  # Khān Shaykhūn
    assert gaz.get("geonames:170592").governorate == "Rif Dimashq"  # Dūmā


def test_governorate_mentions():
    text = (
        "Raids on Deir ez-Zor province, the Idlib countryside and rural Damascus; in Aleppo, "
        "the Damascus government said nothing."
    )
    assert [(text[s:e], g) for s, e, g in governorate_mentions(text)] == [
        ("Deir ez-Zor province", "Deir ez-Zor"),
        ("Idlib countryside", "Idlib"),
        ("rural Damascus", "Rif Dimashq"),
        ("Aleppo", "Aleppo"),
    ]


def test_a_governorate_named_after_its_kind_is_the_governorate_not_its_capital():
    text = "Gunmen in the northeastern countryside of Lattakia shelled the province of Idlib."
    assert [(text[s:e], g) for s, e, g in governorate_mentions(text)] == [
        ("countryside of Lattakia", "Latakia"),
        ("province of Idlib", "Idlib"),
    ]


# ------------------------------------------------------------------ geocode


def test_geocode_named_place(gaz):
    text = "A strike on Hajeen killed 20."
    p = geocode("Hajeen", Span(12, 18, "Hajeen"), "Deir ez-Zor", text, gaz)
    hajin = gaz.get("geonames:174506")
    assert (p.gazetteer_id, p.canonical, p.precision, p.governorate) == (hajin.id, "Hajin", 1, "Deir ez-Zor")
    assert (p.lat, p.lon) == (hajin.lat, hajin.lon)
    assert p.name == "Hajeen" and p.span.text == "Hajeen"


@pytest.mark.parametrize(
    "context,name",
    [
        ("a building near the town of Hajin was hit", "Hajin"),
        ("fighting on the outskirts of Mayadin", "Mayadin"),
        ("the Hejjin district and surrounding towns", "Hejjin"),
    ],
)
def test_geocode_near_place_has_precision_2(gaz, context, name):
    assert geocode(name, None, "Deir ez-Zor", context, gaz).precision == 2


def test_geocode_province_context_goes_to_governorate(gaz):
    text = "raids in the Idlib countryside"
    p = geocode("Idlib", Span(13, 18, "Idlib"), None, text, gaz)
    assert (p.gazetteer_id, p.precision, p.governorate) == ("gov:ID", 3, "Idlib")


def test_missing_place_falls_back_to_governorate_without_inventing(gaz):
    p = geocode("Kharbat Zzyqwa", None, "Deir ez-Zor", "", gaz)
    city = gaz.get("geonames:170794")  # the governorate point is its capital's GeoNames coordinate
    assert (p.precision, p.gazetteer_id, p.governorate) == (3, None, "Deir ez-Zor")
    assert (p.lat, p.lon) == (city.lat, city.lon)
    rif = geocode("Kharbat Zzyqwa", None, "Rural Damascus", "", gaz)  # no sourced point for Rif Dimashq
    assert (rif.precision, rif.governorate, rif.lat, rif.lon) == (3, "Rif Dimashq", None, None)
    bare = geocode("Kharbat Zzyqwa", None, None, "", gaz)
    assert (bare.name, bare.precision, bare.lat, bare.gazetteer_id) == ("Kharbat Zzyqwa", None, None, None)


def test_known_place_without_coordinate_uses_governorate_point(gaz):
    p = geocode("Menyan", None, None, "", gaz)
    aleppo = gaz.get("geonames:170063")
    assert (p.gazetteer_id, p.precision, p.lat, p.lon) == ("supp:manyan", 3, aleppo.lat, aleppo.lon)


@pytest.mark.parametrize("spelling", ["Khan Touman", "Khan Tuman", "خان طومان"])
def test_khan_tuman_is_at_the_village_point_airwars_gives(gaz, spelling):
    p = geocode(spelling, None, None, "", gaz)
    assert (p.gazetteer_id, p.precision, p.lat, p.lon) == ("supp:khan-tuman", 1, 36.11777, 37.05139)
    assert "airwars.org" in gaz.get("supp:khan-tuman").source


def test_midan_is_damascus_or_aleppo_by_the_governorate_in_the_text(gaz):
    damascus = geocode("al-Midan", None, "Damascus", "", gaz)
    aleppo = geocode("al-Midan", None, "Aleppo", "", gaz)
    assert (damascus.gazetteer_id, damascus.precision) == ("supp:midan-dm", 1)
    assert (damascus.lat, damascus.lon) == (33.483, 36.283)
    assert (aleppo.gazetteer_id, aleppo.precision) == ("supp:midan-al", 1)
    assert (aleppo.lat, aleppo.lon) == (36.22004, 37.16562)
    text = "shells fell on the Midan neighbourhood of Aleppo"
    named = geocode("Midan", Span(19, 24, "Midan"), None, text, gaz)
    assert (named.gazetteer_id, named.governorate) == ("supp:midan-al", "Aleppo")


def test_neighbourhood_without_coordinate_is_located_at_its_city(gaz):
    p = geocode("al-Ezaa", None, "Aleppo", "", gaz)
    aleppo = gaz.get("geonames:170063")
    assert (p.gazetteer_id, p.precision, p.lat, p.lon) == ("supp:izaa", 2, aleppo.lat, aleppo.lon)


def test_bab_al_nairab_is_placed_at_its_district_muhammad_bek(gaz):
    p = geocode("Bab al-Nayrab", None, "Aleppo", "", gaz)
    assert (p.gazetteer_id, p.precision, p.lat, p.lon) == ("supp:bab-al-nairab", 1, 36.19156, 37.17272)
    assert "Muhammad Bek" in gaz.get("supp:bab-al-nairab").source


@pytest.mark.parametrize("spelling", ["Sayyeda Zeinab", "Sayyida Zaynab", "Sayeda Zeinab", "السيدة زينب"])
def test_the_shrine_town_south_of_damascus_is_in_rif_dimashq(gaz, spelling):
    p = geocode(spelling, None, None, "", gaz)
    assert (p.gazetteer_id, p.governorate, p.precision) == ("supp:sayyidah-zaynab", "Rif Dimashq", 1)
    assert (p.lat, p.lon) == (33.44722, 36.33611)


@pytest.mark.parametrize("spelling", ["Atmeh", "Atme", "Atma"])
def test_the_border_town_of_the_camps_is_in_idlib(gaz, spelling):
    p = geocode(spelling, None, None, "", gaz)
    assert (p.gazetteer_id, p.governorate, p.precision, p.lat, p.lon) == (
        "supp:atme",
        "Idlib",
        1,
        36.31111,
        36.68639,
    )


def test_neighbourhood_with_a_sourced_coordinate_is_placed_there_not_at_its_city(gaz):
    p = geocode("Baba Amro", None, "Homs", "", gaz)
    homs = gaz.get("geonames:169577")
    assert (p.gazetteer_id, p.precision, p.governorate) == ("supp:baba-amr", 1, "Homs")
    assert (p.lat, p.lon) != (homs.lat, homs.lon) and "Baba_Amr" in gaz.get("supp:baba-amr").source


def test_every_shipped_coordinate_names_its_source(gaz):
    for e in gaz.entries.values():
        if e.lat is not None:
            assert e.source, e.id
        assert e.governorate in GOVERNORATES or e.governorate is None, e.id


# ------------------------------------------------------------------ GeoNames dump loader


def test_load_geonames_dump_fixture(tmp_path):
    entries = {e.id: e for e in load_geonames_dump(FIXTURE)}
    assert set(entries) == {
        "geonames:174506",
        "geonames:170592",
        "geonames:168325",
        "geonames:170063",
        "geonames:9000001",
        "geonames:307864",
    }  # the mountain (T.MT) and the broken line are skipped
    hajin = entries["geonames:174506"]
    assert (hajin.name, hajin.lat, hajin.lon, hajin.governorate, hajin.population) == (
        "Hajin",
        34.69508,
        40.83138,
        "Deir ez-Zor",
        29237,
    )
    assert "hjyn" not in hajin.alt_names and "حجين" in hajin.alt_names
    assert entries["geonames:170592"].governorate == "Rif Dimashq"
    assert "Дума" not in entries["geonames:170592"].alt_names
    assert entries["geonames:168325"].governorate == "Idlib"
    assert entries["geonames:170063"].kind == "city"
    adm1 = entries["geonames:9000001"]
    assert (adm1.kind, adm1.name, adm1.governorate) == ("governorate", "Idlib Governorate", "Idlib")
    assert entries["geonames:307864"].governorate == "outside_syria"


def test_load_geonames_dump_with_alternate_names(tmp_path):
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t174506\ten\tHejjin\t\t\t\t\t\t\n"
        "2\t174506\tlink\thttps://en.wikipedia.org/wiki/Hajin\t\t\t\t\t\t\n"
        "3\t999999\ten\tNowhere\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    entries = load_geonames_dump(FIXTURE, alt)
    hajin = next(e for e in entries if e.id == "geonames:174506")
    assert "Hejjin" in hajin.alt_names
    assert not any(a.startswith("http") for a in hajin.alt_names)
    gaz = Gazetteer(entries)
    assert mention_ids(gaz, "Coalition jets struck Hejjin and Khan-Sheikhoun.") == [
        ("Hejjin", "geonames:174506"),
        ("Khan-Sheikhoun", "geonames:168325"),
    ]


def test_add_entries_merges_aliases():
    entries = load_geonames_dump(FIXTURE)
    gaz = Gazetteer(entries)
    hajin = next(e for e in entries if e.id == "geonames:174506")
    gaz.add_entries([type(hajin)(hajin.id, "Hajin", ("Hajeen Town",), None, None, None, "town")])
    assert gaz.get(hajin.id).lat == hajin.lat
    assert best_id(gaz, "Hajeen Town") == hajin.id


def test_resolves_precisely_needs_an_own_coordinate_in_the_governorate(gaz):
    from civcas.geo import resolves_precisely

    assert resolves_precisely("Hajeen", "Deir ez-Zor", gaz)
    assert not resolves_precisely("Hajeen", "Idlib", gaz)  # wrong governorate
    assert not resolves_precisely("rural Aleppo", "Aleppo", gaz)  # a governorate: precision 3
    assert not resolves_precisely("Qaryat Nowhere", "Aleppo", gaz)


# ------------------------------------------------------------------ place mentions in reports


def claim_places(text: str) -> list[tuple[str | None, str | None]]:
    from datetime import date

    from civcas.models import Article
    from civcas.pipeline import process_article

    a = Article(id="t", title=text.splitlines()[0], text=text, published=date(2016, 9, 22))
    return [(c.place.name if c.place else None, c.governorate) for c in process_article(a)]


def test_ambiguous_name_takes_the_governorate_named_nearest_it():
    from civcas.extract.places import find_places

    hasakah = "A bomber blew himself up in the Salihiyah neighbourhood of Hasakeh city on Tuesday."
    damascus = "Shells fell on the Salihiyah neighbourhood of Damascus on Tuesday."
    for text, gov in ((hasakah, "Hasakah"), (damascus, "Damascus")):
        (salihiyah,) = [p for p in find_places(text) if p.name == "Salihiyah"]
        assert salihiyah.governorate == gov


def test_neighbourhood_named_after_the_figure_refines_the_city():
    text = (
        "Bomb kills six in Aleppo\n"
        "A bomb killed six people in the city of Aleppo on Wednesday, state television said. "
        "The blast hit the southwestern neighbourhood of Salaheddin, which was on the front line until December."
    )
    assert claim_places(text)[0] == ("Salaheddin", "Aleppo")


def test_a_figure_for_many_places_stays_at_the_wider_place():
    many = (
        "Jets kill 21 in rural Aleppo\n"
        "Russian jets on Monday bombed the towns of Huraytan, Hayyan, Anadan and Babees in rural Aleppo, "
        "killing at least 21 civilians."
    )
    two = (
        "Shells kill 3 in Aleppo\n"
        "Three people were killed on Monday when rockets hit the al-Hamadaniyeh and al-Meridian "
        "neighborhoods of Aleppo."
    )
    assert claim_places(many)[0] == ("rural Aleppo", "Aleppo")
    assert claim_places(two)[0] == ("al-Hamadaniyeh", "Aleppo")


def test_unknown_district_and_river_are_kept_as_written_at_governorate_precision(gaz):
    text = (
        "Car bomb kills 15 in Homs\n"
        "At least 15 people were killed on Thursday in the Armenian district of the city of Homs."
    )
    assert claim_places(text)[0] == ("Armenian district", "Homs")
    river = geocode("Euphrates River", governorate_hint="Deir ez-Zor", gazetteer=gaz)
    assert (river.gazetteer_id, river.governorate, river.precision) == (None, "Deir ez-Zor", 3)


def test_part_of_a_city_resolves_to_the_city_at_precision_2(gaz):
    place = geocode("eastern Aleppo", governorate_hint="Aleppo", gazetteer=gaz)
    assert (place.name, place.canonical, place.precision) == ("eastern Aleppo", "Aleppo", 2)
    text = "Mortars kill 45 in eastern Aleppo\nAt least 45 civilians were killed by mortar fire in eastern Aleppo."
    assert claim_places(text)[0] == ("eastern Aleppo", "Aleppo")


def test_the_same_neighbourhood_is_the_place_of_the_incident_before():
    text = (
        "Rockets kill 10 in Salah Eddin\n"
        "Ten civilians were killed on Wednesday as rockets hit the Salah Eddin neighborhood in Aleppo city. "
        "On Tuesday, rocket attacks on the same neighborhood had killed 8 civilians."
    )
    assert [name for name, _ in claim_places(text)] == ["Salah Eddin", "Salah Eddin"]


def test_the_target_named_again_with_its_village_refines_the_incident():
    lead = (
        "Airstrike kills three medics near Aleppo\n"
        "Three medics were killed on Sunday when an airstrike hit a clinic in a village west of Aleppo. "
        "The medics had arrived in one ambulance an hour earlier. "
    )
    same = lead + "The clinic in the village of Urum al-Kubra was reduced to rubble, rescuers said."
    other = lead + "The school in the village of Urum al-Kubra was closed for the week, rescuers said."
    assert claim_places(same)[0] == ("Urum al-Kubra", "Aleppo")
    assert claim_places(other)[0] == ("Aleppo", "Aleppo")  # another building: not where the strike was


def test_an_area_the_text_puts_in_a_city_is_that_citys_not_a_namesake_abroad():
    text = (
        "Rocket kills two children in Aleppo\n"
        "Two children were killed and 5 others injured as terrorists fired a rocket shell on al-Sulaimaniyeh "
        "area in Aleppo city, SANA said."
    )
    assert claim_places(text) == [("al-Sulaimaniyeh", "Aleppo")]
    assert city_of_the_part(" area in Aleppo city, SANA said") == ("Aleppo", "Aleppo")
    assert city_of_the_part(" area of Aleppo province") is None


def test_a_name_introduced_as_a_place_is_that_place_where_the_report_names_it_again():
    from civcas.extract.places import find_places

    text = (
        "Barrel bombs hit the Xarbouti neighbourhood of Aleppo on Sunday. Nine civilians were killed in "
        "Xarbouti, a monitor said. Xarbouti Street was closed. A man named Xarbouti was hurt."
    )
    first, *again = [p for p in find_places(text) if p.name.startswith("Xarbouti")]
    assert first.name == "Xarbouti neighbourhood"
    # after a preposition only: not the street, nor the man
    assert [(p.name, text[p.start : p.end], p.kind) for p in again] == [("Xarbouti", "Xarbouti", first.kind)]
    assert text[again[0].start - 3 : again[0].start] == "in "


def test_a_part_of_the_city_named_before_is_the_place():
    from civcas.extract.places import find_places

    text = "Shells fell on Homs on Monday. Two civilians died in the rebel-held east of the city."
    (part,) = [p for p in find_places(text) if p.kind == "city_part"]
    assert (part.name, part.governorate, text[part.start : part.end]) == (
        "east Homs",
        "Homs",
        "the rebel-held east of the city",
    )
    assert find_places("Two civilians died in the east of the city of Homs.")[0].kind != "city_part"
    claim_text = (
        "Rockets kill eight in Aleppo\n"
        "Rebel rockets fired at Aleppo on Thursday killed eight civilians in the government-held west of the city."
    )
    assert claim_places(claim_text)[0] == ("west Aleppo", "Aleppo")
    place = geocode("west Aleppo", governorate_hint="Aleppo")
    assert (place.canonical, place.precision) == ("Aleppo", 2)


def test_where_the_attackers_were_positioned_is_not_the_place_of_the_incident():
    text = (
        "Shells injure five in Damascus\n"
        "Five people were injured on Monday when terrorists positioned in Jobar fired mortar shells on the "
        "Bab Touma neighbourhood of Damascus."
    )
    assert claim_places(text) == [("Bab Touma", "Damascus")]


def test_a_photo_credit_ends_a_caption_without_a_full_stop():
    from civcas.extract.text import split_sentences

    text = (
        "A man rests in a tent near the border on May 2 (File photo) (Example Wire and Agencies) "
        "A bomb killed four people on Tuesday. (Example Photo) Two more died later."
    )
    assert [s.text for s in split_sentences(text)] == [
        "A man rests in a tent near the border on May 2 (File photo)",
        "(Example Wire and Agencies) A bomb killed four people on Tuesday.",
        "(Example Photo) Two more died later.",
    ]


def test_a_toll_without_a_place_takes_the_place_of_the_strike_reported_for_its_day():
    text = (
        "Bomb kills five in Homs\n"
        "A girl rests in a tent after a bomb blast hit a bus convoy outside Hama on Saturday (File photo) "
        "A bomb killed five people in the city of Homs on Wednesday, state media said. "
        "Evacuations resumed on Wednesday after a four-day pause. "
        "Saturday's convoy bombing killed 40 people, a monitor said."
    )
    assert claim_places(text) == [("Homs", "Homs"), ("Hama", "Hama")]
    two_strikes = text.replace("Saturday's", "Another bomb hit a market in Idlib on Saturday. Saturday's")
    assert claim_places(two_strikes)[1] == (None, "Homs")  # two strikes that day: which one is not said


def test_a_town_named_like_its_governorate_is_as_wide_as_a_capital():
    text = (
        "A person injured in a rocket attack in Quneitra\n"
        "A person injured in a rocket attack in Quneitra A person was injured on Monday by a rocket that hit "
        "Hadar village in the countryside of Quneitra province."
    )
    assert claim_places(text)[0] == ("Hadar", "Quneitra")


def test_the_qualified_area_is_the_neighbourhood_the_sentence_before_named():
    text = (
        "Mortars kill seven in Aleppo\n"
        "A ministry statement on Sunday accused rebels of firing mortars on the mainly Kurdish Sheikh Maqsood "
        "neighbourhood in Aleppo. A monitor said seven people were killed on Saturday in the Kurdish-run area "
        "by rebel mortars."
    )
    assert claim_places(text)[0] == ("Sheikh Maqsood", "Aleppo")
    vague = text.replace("in the Kurdish-run area", "in the area")
    assert claim_places(vague)[0] == ("Aleppo", "Aleppo")


def test_a_toll_quoted_before_a_round_up_keeps_its_place():
    text = (
        "Army says 30 fighters killed near Aleppo\n"
        '"Some 30 more fighters were killed in al-Malaah region which has become a trap for them" '
        "Reports also said on Thursday that the groups lost over one hundred men in al-Malaah Northwest of "
        "Aleppo Province during the last five days."
    )
    assert claim_places(text)[0] == ("al-Malaah", "Aleppo")
    unquoted = text.replace('"', "")  # the toll and the round-up in one statement: no incident of its own
    assert claim_places(unquoted)[0] == ("Aleppo", "Aleppo")


def test_a_compass_word_after_a_name_is_not_part_of_it():
    from civcas.extract.places import find_places

    names = [p.name for p in find_places("Fighting raged in al-Malaah Northwest of Aleppo Province.")]
    assert "al-Malaah" in names and not any("Northwest" in n for n in names)


def test_no_casualties_after_a_strike_elsewhere_is_an_incident_at_that_strike():
    text = (
        "Shells kill three in Aleppo\n"
        "Three people were killed on Monday by rocket shells fired on the Salah Eddin neighborhood in Aleppo. "
        "Terrorists detonated an explosive device near the National Hospital in Qamishli on Monday. "
        "The source said that no casualties were reported. "
        "Last month a suicide bomber blew himself up near a wedding hall in the village of Safiyeh killing and injuring scores."
    )
    places = claim_places(text)
    assert places[:2] == [("Salah Eddin", "Aleppo"), ("Qamishli", "Hasakah")]
    assert len(places) == 3  # the wedding hall bombing with its toll is not the blast without casualties


def test_shells_without_any_casualties_are_an_incident_at_their_place():
    text = (
        "Rockets hit Damascus\n"
        "Terrorists fired two rocket shells on Wednesday which fell in the al-Adawi area of Damascus "
        "causing material damage without any casualties among civilians."
    )
    assert claim_places(text) == [("al-Adawi", "Damascus")]


def test_a_neighbourhood_of_a_city_is_not_a_namesake_town_elsewhere(gaz):
    from civcas.extract.places import find_places

    text = "A rocket hit the national school in the Shahba neighbourhood of Aleppo on Thursday."
    (shahba,) = [p for p in find_places(text) if p.name == "Shahba"]
    assert (shahba.kind, shahba.governorate) == ("neighbourhood", "Aleppo")
    span = Span(text.index("Shahba"), text.index("Shahba") + 6, "Shahba")
    p = geocode("Shahba", span, "Aleppo", text, gaz)
    aleppo = gaz.get("geonames:170063")
    assert (p.governorate, p.precision, p.lat, p.lon) == ("Aleppo", 2, aleppo.lat, aleppo.lon)


def test_a_name_called_a_part_of_a_city_is_that_part_wherever_the_report_names_it(gaz):
    from civcas.extract.places import find_places

    text = (
        "Shells hit the Sulaymaniyah neighborhood of the Syrian city of Aleppo on Saturday, killing two. "
        "The Sulaymaniyah area was the site of a mortar attack in October."
    )
    found = [(p.kind, p.governorate) for p in find_places(text) if p.name == "Sulaymaniyah"]
    assert found == [("neighbourhood", "Aleppo"), ("neighbourhood", "Aleppo")]
    second = text.rindex("Sulaymaniyah")
    p = geocode("Sulaymaniyah", Span(second, second + 12, "Sulaymaniyah"), "Aleppo", text, gaz)
    aleppo = gaz.get("geonames:170063")
    assert (p.governorate, p.precision, p.lat, p.lon) == ("Aleppo", 2, aleppo.lat, aleppo.lon)


@pytest.mark.parametrize(
    ("text", "name", "governorate"),
    [
        (
            "The explosion took place in the Al Kalassa region of the Syrian capital.",
            "Al Kalassa",
            "Damascus",
        ),
        ("Rockets hit the al-Khalediya neighborhood in Aleppo city.", "al-Khalediya", "Aleppo"),
    ],
)
def test_a_neighbourhood_named_like_one_in_another_city_is_part_of_the_city_named(
    gaz, text, name, governorate
):
    from civcas.extract.places import find_places

    (found,) = [p for p in find_places(text) if p.name == name]
    assert (found.kind, found.governorate) == ("neighbourhood", governorate)


def test_a_suburb_called_a_neighbourhood_of_the_city_keeps_its_own_point(gaz):
    text = "A boy shelters in a mosque in the Duma neighbourhood of Damascus."
    span = Span(text.index("Duma"), text.index("Duma") + 4, "Duma")
    p = geocode("Duma", span, "Damascus", text, gaz)
    assert (p.canonical, p.precision) == ("Douma", 1)


def test_the_org_check_prefilter_agrees_with_the_pattern_after_every_word(agreement_after_every_word):
    """_is_org_like reads the next word's first letters before running its pattern: at every word end
    of these reports (and of the hard spellings below) it must answer as the pattern alone does."""
    from civcas import geo

    hand_text = (
        "Aleppo Media Center said; Damascus-based group; Aleppo's government; Homs city; Idlib  -  Today; "
        "Aleppo 24 reported; Homs TV said; Ghouta is\tbeing slaughtered; Raqqa HAS SAID; Hama ’S Police; "
        "Daraa\u00a0news; Deir -'s press; Homs -- authorities"
    )

    def pattern_alone(text: str, end: int) -> bool:
        return geo._ORG_OR_METONYM_AFTER.match(text, end, end + 60) is not None

    assert agreement_after_every_word(hand_text, geo._is_org_like, pattern_alone) > 12


def test_a_near_spelling_in_a_governorate_the_report_never_names_is_a_namesake(gaz):
    """Al Qurayya (Suwayda) spells "Al-Quriyah" nearly; a report about Deir ez-Zor that never names
    Suwayda means a village the gazetteer lacks: the governorate only, at precision 3."""
    text = "Three air raids on the region of Al-Quriyah southeast of Deir ez-Zor city killed 58 civilians."
    span = Span(text.index("Al-Quriyah"), text.index("Al-Quriyah") + 10, "Al-Quriyah")
    p = geocode("Al-Quriyah", span, "Deir ez-Zor", text, gaz)
    assert (p.gazetteer_id, p.precision, p.governorate) == (None, 3, "Deir ez-Zor")
    # where the report names Suwayda too, the near spelling is taken
    named = text + " Suwayda province was quiet."
    assert geocode("Al-Quriyah", span, "Deir ez-Zor", named, gaz).governorate == "Suwayda"
    # a name spelt as the gazetteer spells it is that place, whatever governorate the hint says
    assert geocode("Hajin", None, "Raqqa", "Strikes on Hajin killed 12.", gaz).governorate == "Deir ez-Zor"
    # the capital and its countryside are one region: "Damascus" in a report covers a town of Rif Dimashq
    dumeir = geocode("Dumeir", None, "Damascus", "Shelling on Dumeir near Damascus killed two.", gaz)
    assert dumeir.governorate == "Rif Dimashq"


@pytest.mark.parametrize("spelling", ["Marea", "Mare'", "Mareh"])
def test_marea_is_the_town_north_of_aleppo_not_maarat_al_numan(gaz, spelling):
    p = geocode(spelling, None, None, "", gaz)
    assert (p.gazetteer_id, p.governorate, p.precision) == ("geonames:167245", "Aleppo", 1)


@pytest.mark.parametrize(
    "spelling, governorate, entry, point, cited",
    [
        ("Rashidin", "Aleppo", "supp:rashidin", (36.16944, 37.05667), "2017_Aleppo_suicide_car_bombing"),
        ("al-Rashideen", None, "supp:rashidin", (36.16944, 37.05667), "2017_Aleppo_suicide_car_bombing"),
        ("Al-Maleh", "Aleppo", "supp:mallah", (36.27347, 37.12699), "C6429"),
        ("Tareeq Albab", "Aleppo", "supp:tareeq-al-bab", (36.20944, 37.19861), "crito/syrianarchive"),
        ("Karm Albeiq", "Aleppo", "supp:karm-al-beik", (36.19111, 37.17222), "crito/syrianarchive"),
        ("Safiyeh", "Hasakah", "supp:safiyeh-hs", (36.60852, 40.76952), "C4354"),
        ("al-Wafideen Camp", "Rif Dimashq", "supp:wafideen-camp", (33.5952, 36.43054), "C2330"),
    ],
)
def test_places_located_in_round_10_resolve_to_their_cited_point(
    gaz, spelling, governorate, entry, point, cited
):
    p = geocode(spelling, None, governorate, "", gaz)
    assert (p.gazetteer_id, p.precision, (p.lat, p.lon)) == (entry, 1, point)
    assert cited in gaz.get(entry).source
