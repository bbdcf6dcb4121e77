"""Tests for civcas.ingest: every input format, bad input, ids and publication dates."""

from __future__ import annotations

import logging
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from civcas.ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    count_inputs,
    find_publication_date,
    iter_articles,
)
from civcas.models import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def split(results: list[Article | IngestError]) -> tuple[list[Article], list[IngestError]]:
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert len(articles) + len(errors) == len(results)
    return articles, errors


def ingest(*paths: str | Path) -> tuple[list[Article], list[IngestError]]:
    return split(list(iter_articles(paths)))


# --------------------------------------------------------------------------- FA-KES CSV


def test_fakes_csv_rows_ids_and_meta() -> None:
    articles, errors = ingest(FIXTURES / "fakes_small.csv")
    assert [a.id for a in articles] == ["fakes-100", "fakes-101", "fakes-100-2", "fakes-100", "fakes-104"]
    first = articles[0]
    assert first.title == "Shelling kills four in test town"
    assert first.text.startswith("Tuesday 21 June 2016 Shelling")
    assert first.outlet == "testwire"
    assert first.source_format == "fakes-csv"
    assert first.language == "en"
    assert first.source == f"{FIXTURES / 'fakes_small.csv'}:row 1"
    assert first.meta == {
        "fakes_date": "2016-06-21",
        "fakes_location": "aleppo",
        "label": 1,
        "published_from": "text",
    }
    assert articles[4].title == "Car bomb, quoted title"
    assert articles[4].published == date(2016, 8, 2)  # printed in the text, not the CSV's 8/3/2016


def test_fakes_csv_date_column_is_the_fallback() -> None:
    articles, _ = ingest(FIXTURES / "fakes_small.csv")
    no_printed_date = articles[1]
    assert no_printed_date.published == date(2017, 4, 5)
    assert no_printed_date.meta["published_from"] == "csv"
    assert no_printed_date.meta["label"] == 0


def test_fakes_csv_duplicate_ids() -> None:
    articles, _ = ingest(FIXTURES / "fakes_small.csv")
    by_id: dict[str, list[Article]] = {}
    for a in articles:
        by_id.setdefault(a.id, []).append(a)
    # The identical repeat keeps the first id (and its own label); the changed text gets a suffix.
    assert len(by_id["fakes-100"]) == 2
    assert by_id["fakes-100"][0].content_hash == by_id["fakes-100"][1].content_hash
    assert [a.meta["label"] for a in by_id["fakes-100"]] == [1, 0]
    assert by_id["fakes-100-2"][0].text.startswith("Updated version")


def test_fakes_csv_malformed_rows_are_reported_and_skipped() -> None:
    path = FIXTURES / "fakes_small.csv"
    _, errors = ingest(path)
    assert [e.source for e in errors] == [f"{path}:row 4", f"{path}:row 5"]
    assert errors[0].message == "4 fields, expected 7"
    assert errors[1].message == "missing article_content"
    assert str(errors[1]) == f"{path}:row 5: missing article_content"


def test_csv_without_fakes_header(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("id,headline,body\n1,a,b\n", encoding="utf-8")
    articles, errors = ingest(path)
    assert articles == []
    assert len(errors) == 1 and errors[0].source == str(path)
    assert "article_content" in errors[0].message and "unit_id" in errors[0].message


def test_csv_header_only(tmp_path: Path) -> None:
    path = tmp_path / "empty_rows.csv"
    path.write_text("unit_id,article_title,article_content,source,date,location,labels\n", encoding="utf-8")
    articles, errors = ingest(path)
    assert articles == [] and [e.message for e in errors] == ["CSV has a header but no rows"]


def test_csv_header_is_case_and_order_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "reordered.csv"
    path.write_text(
        "\ufeffLabels,Date,Unit_ID,Source,Location,Article_Title,Article_Content\n"
        "0,3/1/2016,7,wire,homs,Title,Body text\n",
        encoding="utf-8",
    )
    articles, errors = ingest(path)
    assert errors == []
    assert (articles[0].id, articles[0].title, articles[0].published) == (
        "fakes-7",
        "Title",
        date(2016, 3, 1),
    )


# --------------------------------------------------------------------------- text files


def test_txt_file() -> None:
    path = FIXTURES / "report.txt"
    (article,) = ingest(path)[0]
    assert article.id == "report"
    assert article.title == "Test Agency Reports Strike on Invented Town"  # the dateline is skipped
    assert article.text == path.read_text(encoding="utf-8")
    assert article.published == date(2018, 12, 6)
    assert article.outlet == "Test Agency"
    assert (article.source, article.source_format, article.language) == (str(path), "txt", "en")
    assert article.meta == {}


def test_txt_newlines_are_normalised_and_offsets_hold(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title line\r\n\r\n12 February 2019 \xe2\x80\x94 Test Wire\r\nBody with 5 dead.\r\n")
    (article,) = ingest(path)[0]
    assert article.text == "Title line\n\n12 February 2019 \u2014 Test Wire\nBody with 5 dead.\n"
    assert article.title == "Title line"
    assert article.outlet == "Test Wire"
    assert article.published == date(2019, 2, 12)
    start = article.text.index("5 dead")
    assert article.text[start : start + 6] == "5 dead"


def test_cp1252_text_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("\u201cStrike\u201d kills 3 in Ma\u2019arrat \u2013 caf\u00e9 hit\n".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="civcas.ingest"):
        (article,) = ingest(path)[0]
    assert article.title == "\u201cStrike\u201d kills 3 in Ma\u2019arrat \u2013 caf\u00e9 hit"
    assert article.meta == {"encoding": "cp1252"}
    assert "not valid UTF-8 (byte 0x93 at offset 0)" in caplog.text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline\nBody.\n")
    (article,) = ingest(path)[0]
    assert article.text == "Headline\nBody.\n" and article.meta == {}


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20 + b"\xff\xfe\x81\x8d" * 10],
    ids=["nul-bytes", "control-characters"],
)
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    articles, errors = ingest(path)
    assert articles == []
    assert errors[0].source == str(path) and errors[0].message.startswith("binary file")


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".jsonl", ".html"])
@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "], ids=["zero-bytes", "whitespace"])
def test_empty_file(tmp_path: Path, suffix: str, content: bytes) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    assert ingest(path) == ([], [IngestError(str(path), "empty file")])


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    page = "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
    path.write_text(page, encoding="utf-8")
    articles, errors = ingest(path)
    assert articles == [] and errors[0].message == "no article text found in the HTML"


# --------------------------------------------------------------------------- JSON lines


def test_jsonl_file() -> None:
    path = FIXTURES / "articles.jsonl"
    articles, errors = ingest(path)
    assert [a.id for a in articles] == ["j-1", "j-2", "articles-6"]
    first = articles[0]
    assert (first.title, first.outlet, first.url) == (
        "Mortars hit invented suburb",
        "Example Daily",
        "https://example.org/1",
    )
    assert first.published == date(2016, 5, 1)
    assert (first.source, first.source_format) == (f"{path}:line 1", "jsonl")
    assert articles[1].published == date(2017, 4, 5)  # from an ISO datetime
    assert articles[2].published == date(2016, 8, 2)  # printed in the text
    assert articles[2].meta["published_from"] == "text"
    assert [e.source for e in errors] == [f"{path}:line 3", f"{path}:line 4"]
    assert errors[0].message.startswith("bad JSON")
    assert errors[1].message == "missing text"


# --------------------------------------------------------------------------- HTML


def test_html_file() -> None:
    path = FIXTURES / "page.html"
    (article,) = ingest(path)[0]
    assert article.id == "page"
    assert article.title == "Air strikes kill nine in invented town"
    assert "nine civilians, among them four children" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.outlet == "Example Gazette"
    assert article.url == "https://gazette.example.org/news/air-strikes-nine"
    assert article.published == date(2017, 4, 5)
    assert (article.source, article.source_format) == (str(path), "html")


# --------------------------------------------------------------------------- folders and ids


def make_tree(root: Path) -> None:
    (root / "b_dir" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "z.txt").write_text("Z title\nz body\n", encoding="utf-8")
    (root / "a.txt").write_text("A title\na body\n", encoding="utf-8")
    (root / "b_dir" / "m.TXT").write_text("M title\nm body\n", encoding="utf-8")
    (root / "b_dir" / "deeper" / "c.txt").write_text("C title\nc body\n", encoding="utf-8")
    (root / ".secret.txt").write_text("hidden\n", encoding="utf-8")
    (root / ".hidden_dir" / "h.txt").write_text("hidden\n", encoding="utf-8")
    (root / "notes.md").write_text("# not an article\n", encoding="utf-8")
    shutil.copy(FIXTURES / "articles.jsonl", root / "b_dir" / "feed.jsonl")


def test_folder_recursion_is_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    make_tree(tmp_path)
    articles, errors = ingest(tmp_path)
    assert [a.id for a in articles] == ["a", "c", "j-1", "j-2", "feed-6", "m", "z"]
    assert [a.title for a in articles if a.source_format == "txt"] == [
        "A title",
        "C title",
        "M title",
        "Z title",
    ]
    assert len(errors) == 2  # the two bad lines of feed.jsonl, nothing about notes.md or hidden files
    again = list(iter_articles([tmp_path]))
    assert [getattr(r, "id", str(r)) for r in again] == [
        getattr(r, "id", str(r)) for r in iter_articles([str(tmp_path)])
    ]


def test_explicit_bad_paths_are_errors(tmp_path: Path) -> None:
    make_tree(tmp_path)
    missing = tmp_path / "nope.txt"
    articles, errors = ingest(tmp_path / "notes.md", missing, tmp_path / "a.txt")
    assert [a.id for a in articles] == ["a"]
    assert errors[0].source == str(tmp_path / "notes.md")
    assert errors[0].message.startswith("unsupported file type '.md'")
    assert str(errors[1]) == f"{missing}: no such file or directory"


def test_same_stem_different_content_gets_suffix(tmp_path: Path) -> None:
    for sub, body in (("one", "first"), ("two", "second"), ("three", "first")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(f"Story\n{body}\n", encoding="utf-8")
    articles, _ = ingest(tmp_path)
    # sorted: one, three, two; "three" repeats the content of "one".
    assert [(a.id, a.text.split()[1]) for a in articles] == [
        ("story", "first"),
        ("story", "first"),
        ("story-2", "second"),
    ]


def test_iter_articles_is_lazy(tmp_path: Path) -> None:
    make_tree(tmp_path)
    stream = iter_articles([tmp_path])
    first = next(stream)
    assert isinstance(first, Article) and first.id == "a"


def test_count_inputs(tmp_path: Path) -> None:
    make_tree(tmp_path)
    shutil.copy(FIXTURES / "fakes_small.csv", tmp_path / "f.csv")
    # 4 txt files + 5 non-blank jsonl lines + 7 csv data rows (blank lines excluded)
    assert count_inputs([tmp_path]) == 4 + 5 + 7
    assert count_inputs([tmp_path / "notes.md", tmp_path / "missing"]) == 2


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".csv", ".txt", ".jsonl", ".html", ".htm")


# --------------------------------------------------------------------------- publication dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 70 killed Monitor AFP Thursday 30 Jun 2016 At least 70 fighters", date(2016, 6, 30)),
        ("Tuesday 21 June 2016 Alhassan Calls for UN Action", date(2016, 6, 21)),
        ("Last updated at Jun 062016 BEIRUT At least 15", date(2016, 6, 6)),
        ("Published August 2 2016 Clashes killed", date(2016, 8, 2)),
        ("Wednesday 18/05/2016 (?) Two killed", date(2016, 5, 18)),
        ("Thursday, 06 December 2018 18:14\n\nTitle", date(2018, 12, 6)),
        ("Headline\n\n12 February 2019 \u2014 21st Century Wire\n\nBody", date(2019, 2, 12)),
        ("Fri Sep 27 2013 Bomb blast kills 60", date(2013, 9, 27)),
        ("01.10.2017Get short URL 4016 At least 12", date(2017, 10, 1)),
        ("23-04-2016 Child killed", date(2016, 4, 23)),
        ("Date of publication 7 July 2016 Video", date(2016, 7, 7)),
        ("Posted on July 20, 2016 by Staff", date(2016, 7, 20)),
        ("Sept. 4, 2016 Shelling", date(2016, 9, 4)),
        ("updated 2016-06-21T10:00:00Z", date(2016, 6, 21)),
        ("on 12/31/2016 (month first when day first is impossible)", date(2016, 12, 31)),
        ("Killed on 5 May 2016, a week after the 28 April 2016 raid", date(2016, 5, 5)),
    ],
)
def test_find_publication_date_shapes(text: str, expected: date) -> None:
    assert find_publication_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Scores of civilians were killed on Wednesday",
        "The 1999 war; on 5 May 1999 troops",
        "31 February 2016 is not a day",
        "Mayor 12 2016 is not a date",
        f"A date in the future: {(date.today() + timedelta(days=40)).strftime('%d %B %Y')}",
    ],
)
def test_find_publication_date_rejects(text: str) -> None:
    assert find_publication_date(text) is None


def test_find_publication_date_looks_only_near_the_top() -> None:
    text = "x" * 700 + " 5 May 2016"
    assert find_publication_date(text) is None
    assert find_publication_date(text, max_chars=800) == date(2016, 5, 5)


# --------------------------------------------------------------------------- real data


def test_real_dev_articles_csv() -> None:
    path = SHARED / "eval" / "dev_articles.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    articles, errors = ingest(path)
    assert errors == []
    assert len(articles) == 53
    assert all(a.id.startswith("fakes-") and a.source_format == "fakes-csv" for a in articles)
    assert all(a.published is not None and a.meta["label"] in (0, 1) for a in articles)
    by_id = {a.id: a for a in articles}
    assert by_id["fakes-1923848261"].published == date(2016, 6, 30)
    assert count_inputs([path]) == 53


def test_real_seed_files() -> None:
    folder = SHARED / "data" / "seeds"
    if not folder.exists():
        pytest.skip(f"{folder} not available")
    articles, errors = ingest(folder)
    assert errors == [] and len(articles) == 5
    by_id = {a.id[:3]: a for a in articles}
    assert by_id["000"].title == "US-led coalition strikes kill dozens of civilians in Deir ez-Zor"
    assert by_id["001"].title.startswith("Int\u2019l Coalition Forces Commit New Massacre")
    assert by_id["002"].title.startswith("SYRIA: 70 Civilians Killed and Injured")
    assert by_id["003"].title == "US-led Coalition Airstrikes Kill 20 more civilians in Syria"
    assert by_id["001"].published == date(2018, 12, 6)
    assert by_id["002"].published == date(2019, 2, 12)
    assert (
        {k: a.outlet for k, a in by_id.items()}
        == {
            "000": "Anadolu Agency",  # "local sources told Anadolu Agency (AA)"
            "001": "National Coalition of Syrian Revolution and Opposition Forces",  # "(Source: Syrian Coalition's ...)"
            "002": "21st Century Wire",  # dateline, not the "Source:" line crediting a quoted piece
            "003": "Press TV",
            "004": "RT",
        }
    )
    for a in articles:
        assert a.text == (folder / f"{a.id}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")


DEMO_OUTLETS = {  # file name suffix -> the fictional outlet demo/README.md credits the report to
    "levantnews": "Levant State News",
    "bosphorus": "Bosphorus Dispatch Agency",
    "freesyriacouncil": "Free Syria Council – Media Office",
    "orbitatv": "Orbita TV",
    "northernwire": "Northern Wire",
    "simorgh": "Simorgh News Network",
    "euphratesmonitor": "Euphrates Monitor for Human Rights",
    "zozanpost": "Zozan Post",
}


def test_every_demo_report_names_its_outlet() -> None:
    articles, errors = ingest(Path(__file__).resolve().parents[1] / "demo")
    assert errors == [] and len(articles) == 22
    txt = [a for a in articles if a.source_format == "txt"]
    assert len(txt) == 19
    assert {a.id: a.outlet for a in txt} == {a.id: DEMO_OUTLETS[a.id.split("_")[-1]] for a in txt}
