"""The outlet registry: every FA-KES source, seed and demo outlet resolves; names, aliases, domains, extensions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civcas.cli import app
from civcas.ingest import iter_articles
from civcas.models import Article
from civcas.outlets import (
    CAMPS,
    DEFAULT_FILE,
    ENV_VAR,
    Outlet,
    OutletRegistry,
    OutletRegistryError,
    host_of,
    name_key,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FAKES = SHARED / "data" / "FA-KES-Dataset.csv"
SEEDS = SHARED / "data" / "seeds"
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_user_registry(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def registry() -> OutletRegistry:
    return OutletRegistry.default()


@pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")
def test_every_fakes_source_has_an_outlet_and_a_camp(registry):
    with FAKES.open(encoding="utf-8", errors="replace", newline="") as fh:
        sources = {row["source"].strip() for row in csv.DictReader(fh)}
    assert len(sources) >= 10
    unresolved = sorted(s for s in sources if registry.lookup(s) is None)
    assert unresolved == []
    assert registry.camp_of("sana") == "syrian_state"
    assert registry.camp_of("alalam") == "iranian_state"
    assert registry.camp_of("etilaf") == "syrian_opposition"
    assert registry.camp_of("reuters") == "western_wire"
    assert registry.lookup("trt").name == "TRT"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds not present")
def test_seed_outlets_resolve(registry):
    named = [a.outlet for a in iter_articles([SEEDS]) if isinstance(a, Article) and a.outlet]
    assert named and all(registry.lookup(name) for name in named)
    # as the seeds credit themselves in their text
    assert registry.camp_of("Anadolu Agency (AA)") == "turkish_state"
    assert registry.camp_of("Syrian Coalition’s Media Department") == "syrian_opposition"
    assert registry.camp_of("Press TV") == "iranian_state"
    assert registry.camp_of("RT") == "russian_state"
    assert registry.lookup("21st Century Wire").camp == "other"


def test_demo_outlets_resolve_by_name_and_by_url(registry):
    articles = [a for a in iter_articles([REPO / "demo"]) if isinstance(a, Article)]
    named = {a.outlet for a in articles if a.outlet}
    assert len(named) >= 6
    assert {n: registry.lookup(n) is not None for n in named} == dict.fromkeys(named, True)
    for article in articles:
        if article.url:
            assert registry.by_domain(article.url) == registry.lookup(article.outlet)
    assert registry.camp_of("Free Syria Council - Media Office") == "syrian_opposition"
    assert registry.camp_of("LSN") == "syrian_state"


def test_the_fields_main_outlets_are_there_with_a_domain(registry):
    for name in (
        "SANA", "RT", "Sputnik", "TASS", "Press TV", "Tasnim", "Anadolu", "Daily Sabah", "Enab Baladi",
        "Syrian Observatory for Human Rights", "SNHR", "VDC", "Airwars", "Reuters", "AP", "AFP", "BBC",
        "Al Jazeera", "Al Arabiya", "Asharq Al-Awsat", "ANHA", "Rudaw", "Kurdistan24", "Step News",
        "Orient", "Smart", "Qasioun", "Deir Ezzor 24", "Raqqa is Being Slaughtered Silently", "CENTCOM",
    ):  # fmt: skip
        outlet = registry.lookup(name)
        assert outlet is not None, name
        assert outlet.domains, name


def test_bundled_file_is_consistent(registry):
    with DEFAULT_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(registry) == len(rows), "an alias shared by two rows silently drops one of them"
    assert {o.camp for o in registry} <= set(CAMPS)
    domains = [d for o in registry for d in o.domains]
    assert len(domains) == len(set(domains))
    assert all(isinstance(o, Outlet) and o.name for o in registry)


def test_names_match_whatever_the_case_accents_and_punctuation(registry):
    assert registry.lookup("AL-JAZEERA") is registry.lookup("al jazeera english")
    assert registry.lookup("The Associated Press") is registry.lookup("ap")
    assert registry.lookup("Yeni Safak") is registry.lookup("yeni şafak")
    assert registry.lookup("  agence france presse ").name == "Agence France-Presse"
    assert name_key("Free Syria Council – Media Office") == "free syria council media office"
    assert name_key("The Guardian") == "guardian"


def test_domains_match_subdomains_but_not_lookalikes(registry):
    assert registry.by_domain("https://www.reuters.com/world/middle-east/x-2019-03-04/").name == "Reuters"
    assert registry.by_domain("m.aljazeera.net").name == "Al Jazeera"
    assert registry.by_domain("http://english.ahram.org.eg/News/1.aspx").name == "Al-Ahram"
    assert registry.by_domain("https://arabic.rt.com/middle_east/1").name == "RT"
    assert registry.by_domain("WWW.SANA.SY:443").name == "SANA"
    assert registry.lookup("aa.com.tr").name == "Anadolu Agency"
    assert registry.by_domain("notreuters.com") is None
    assert registry.by_domain("https://reuters.com.attacker.example/") is None
    assert host_of("https://User@Sub.Example.ORG.:8080/path?q") == "sub.example.org"


def test_unknown_outlets_are_none(registry):
    assert registry.lookup("Daily Planet") is None
    assert registry.lookup("") is None
    assert registry.by_domain("https://example.net/x") is None
    assert registry.by_domain("") is None
    assert registry.camp_of(None) is None
    assert registry.camp_of("Daily Planet") is None


def write_extension(path: Path) -> Path:
    path.write_text(
        "name,aliases,domains,country,ownership,camp\n"
        "Halab Today,Halab Today TV,halabtoday.example,Syria,private (local channel),syrian_opposition\n"
        "Sputnik,Sputnik Arabic,sputnik.example,Russia,state-owned,other\n",
        encoding="utf-8",
    )
    return path


def test_a_user_file_adds_and_overrides_outlets(tmp_path, monkeypatch):
    default_size = len(OutletRegistry.default())
    monkeypatch.setenv(ENV_VAR, str(write_extension(tmp_path / "mine.csv")))
    extended = OutletRegistry.default()
    assert len(extended) == default_size + 1  # one new, one replaced
    assert extended.camp_of("halab today tv") == "syrian_opposition"
    assert extended.by_domain("www.halabtoday.example").name == "Halab Today"
    assert extended.camp_of("Sputnik") == "other"
    assert extended.by_domain("sputniknews.com") is None  # the replaced row's domains went with it
    monkeypatch.delenv(ENV_VAR)
    assert OutletRegistry.default().camp_of("Sputnik") == "russian_state"


def test_bad_user_files_are_reported_with_their_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,domains,country,ownership,camp\nX,,,,,friendly\n", encoding="utf-8")
    with pytest.raises(OutletRegistryError, match=r"bad.csv:2: unknown camp 'friendly'"):
        OutletRegistry.from_files([bad])
    bad.write_text("name,camp\nX,other\n", encoding="utf-8")
    with pytest.raises(OutletRegistryError, match="missing column"):
        OutletRegistry.from_files([bad])
    with pytest.raises(OutletRegistryError, match="cannot read"):
        OutletRegistry.from_files([tmp_path / "absent.csv"])


def test_outlets_command_lists_filters_and_shows(tmp_path):
    listed = runner.invoke(app, ["outlets", "--camp", "kurdish"])
    assert listed.exit_code == 0, listed.output
    assert "Rudaw" in listed.output and "SANA" not in listed.output
    shown = runner.invoke(app, ["outlets", "show", "https://www.enabbaladi.net/archives/1"])
    assert shown.exit_code == 0 and "syrian_opposition" in shown.output
    assert runner.invoke(app, ["outlets", "show", "Daily Planet"]).exit_code == 1
    assert runner.invoke(app, ["outlets", "--camp", "friendly"]).exit_code != 0
    extension = write_extension(tmp_path / "mine.csv")
    extended = runner.invoke(app, ["--outlets", str(extension), "outlets", "show", "Halab Today"])
    assert extended.exit_code == 0 and "halabtoday.example" in extended.output
