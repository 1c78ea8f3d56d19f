"""Readers: every format, every kind of bad input, and the decisions documented in formats.md."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcoder.ingest import (
    Skipped,
    detect_language,
    find_input_files,
    iter_articles,
    parse_date,
    split_title,
)
from eventcoder.schema import Article

BODY = ("Gunmen killed five villagers on Monday in a village north of the capital, police said. "
        "The attack was the third in the district this week.")


def _read(*paths: Path, **kw: object) -> list[Article | Skipped]:
    return list(iter_articles(paths, **kw))  # type: ignore[arg-type]


def _one(path: Path, **kw: object) -> Article:
    out = _read(path, **kw)
    assert len(out) == 1 and isinstance(out[0], Article), out
    return out[0]


def _skip(path: Path) -> Skipped:
    out = _read(path)
    assert len(out) == 1 and isinstance(out[0], Skipped), out
    return out[0]


# -- txt --------------------------------------------------------------------------------------

def test_txt_title_line_and_full_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(f"Gunmen kill five in northern village\n\n{BODY}\n", encoding="utf-8")
    a = _one(p)
    assert a.title == "Gunmen kill five in northern village"
    assert a.text == f"Gunmen kill five in northern village\n\n{BODY}"  # title stays in text
    assert a.language == "en" and a.origin == str(p)
    assert a.id.startswith("h") and a.content_hash
    assert a.published is None and a.source is None


def test_txt_default_date_and_no_title_for_sentence(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_text(BODY, encoding="utf-8")
    a = _one(p, default_date=dt.date(2024, 5, 1))
    assert a.title is None
    assert a.published == dt.date(2024, 5, 1)


def test_txt_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_bytes(b"\xef\xbb\xbfTitle here\r\n\r\nFirst line.\r\nSecond line.\r\n")
    a = _one(p)
    assert a.text == "Title here\n\nFirst line.\nSecond line."
    assert a.title == "Title here"


def test_txt_cp1252_falls_back(tmp_path: Path) -> None:
    p = tmp_path / "d.txt"
    p.write_bytes("The caf\u00e9 owner said \u201cnothing\u201d was taken from the shop on Sunday."
                  .encode("cp1252"))
    a = _one(p)
    assert "caf\u00e9" in a.text and "\u201cnothing\u201d" in a.text


def test_utf16_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(BODY.encode("utf-16"))
    assert _one(p).text == BODY


def test_binary_empty_and_whitespace(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n \t", encoding="utf-8")
    assert _skip(tmp_path / "bin.txt").reason == "binary file"
    assert _skip(tmp_path / "empty.txt").reason == "empty file"
    assert _skip(tmp_path / "blank.txt").reason == "empty text"


def test_huge_text_is_skipped(tmp_path: Path) -> None:
    from eventcoder.ingest.limits import ReadLimits

    p = tmp_path / "big.txt"
    p.write_text(BODY * 3, encoding="utf-8")
    out = _read(p, limits=ReadLimits(max_article_chars=100))
    assert len(out) == 1 and isinstance(out[0], Skipped)
    assert out[0].reason.startswith("text too long") and "max_article_chars" in out[0].reason


def test_non_english_gets_language(tmp_path: Path) -> None:
    p = tmp_path / "fr.txt"
    p.write_text("Les manifestants ont été dispersés par la police dans la capitale, selon les "
                 "autorités et les témoins qui étaient sur place.", encoding="utf-8")
    assert _one(p).language == "fr"
    p2 = tmp_path / "ar.txt"
    p2.write_text("قتل خمسة أشخاص في هجوم على قرية شمال العاصمة", encoding="utf-8")
    assert _one(p2).language == "ar"


def test_missing_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    assert _skip(tmp_path / "nope.txt").reason == "no such file or directory"
    assert "unsupported file type" in _skip(tmp_path / "x.pdf").reason


# -- jsonl / json -----------------------------------------------------------------------------

def test_jsonl_bad_lines_are_skipped_rest_read(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": BODY, "title": "T", "date": "2024-03-05",
                    "source": "Wire", "url": "http://example.org/1"}),
        "{not json",
        "",
        json.dumps({"title": "no text"}),
        json.dumps([1, 2]),
        json.dumps({"id": 7, "text": "Police arrested 12 protesters.", "published": "5 March 2024"}),
        json.dumps({"text": BODY + " Again."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _read(p, default_date=dt.date(2020, 1, 1))
    arts = [a for a in out if isinstance(a, Article)]
    skips = [s for s in out if isinstance(s, Skipped)]
    assert [a.id for a in arts[:2]] == ["n1", "7"]
    assert arts[0].title == "T" and arts[0].source == "Wire" and arts[0].url.endswith("/1")
    assert arts[0].published == dt.date(2024, 3, 5)
    assert arts[1].published == dt.date(2024, 3, 5)
    assert arts[2].id == Article.from_text(arts[2].text).id  # content-hash id
    assert arts[2].published == dt.date(2020, 1, 1)
    assert arts[0].origin == f"{p}:line 1"
    assert [s.origin for s in skips] == [f"{p}:line 2", f"{p}:line 4", f"{p}:line 5"]
    assert skips[0].reason.startswith("invalid JSON on line 2")
    assert "no 'text' field" in skips[1].reason


def test_jsonl_bom_and_latin1_line(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": BODY}).encode() + b"\n"
                  + '{"text": "The caf\u00e9 was attacked by gunmen."}'.encode("cp1252") + b"\n")
    out = _read(p)
    assert all(isinstance(a, Article) for a in out)
    assert "caf\u00e9" in out[1].text  # type: ignore[union-attr]


def test_json_list_and_object(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"id": "x", "text": BODY}, {"nope": 1}]), encoding="utf-8")
    out = _read(p)
    assert isinstance(out[0], Article) and out[0].id == "x"
    assert isinstance(out[1], Skipped) and out[1].origin == f"{p}#item 2"
    q = tmp_path / "b.json"
    q.write_text(json.dumps({"text": BODY, "date": "2024-01-31T10:00:00Z"}), encoding="utf-8")
    assert _one(q).published == dt.date(2024, 1, 31)
    r = tmp_path / "c.json"
    r.write_text("[{", encoding="utf-8")
    assert _skip(r).reason.startswith("invalid JSON")


# -- html -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Clashes erupt | Daily Bugle</title>
<meta property="og:site_name" content="Daily Bugle">
<meta property="article:published_time" content="2024-02-10T08:00:00Z">
<link rel="canonical" href="https://bugle.example.org/clashes"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Clashes erupt near border</h1>
<p>Fighting broke out between army troops and rebels near the border town on Saturday,
killing at least seven people, officials said.</p>
<p>The clashes continued into the night, residents told reporters, and hundreds of families
fled towards the river.</p></article><footer>Copyright 2024</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    a = _one(p, default_date=dt.date(2000, 1, 1))
    assert "Fighting broke out between army troops" in a.text
    assert "Copyright" not in a.text and "Home" not in a.text
    assert a.title and "Clashes erupt" in a.title
    assert a.published == dt.date(2024, 2, 10)
    assert a.source == "Daily Bugle"
    assert a.url == "https://bugle.example.org/clashes"


def test_html_declared_charset(tmp_path: Path) -> None:
    p = tmp_path / "latin.html"
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            "<title>Caf\u00e9</title></head><body><p>Gunmen attacked the caf\u00e9 in the old "
            "town on Sunday, wounding three people, the police said.</p></body></html>")
    p.write_bytes(page.encode("latin-1"))
    assert "caf\u00e9" in _one(p).text


def test_html_date_only_from_metadata(tmp_path: Path) -> None:
    p = tmp_path / "nodate.html"
    p.write_text("<html><head><title>Raid</title></head><body><article><p>Police arrested "
                 "five suspects in a raid on Thursday, officials said in a statement.</p><p>The "
                 "city was recaptured from the group in July 2017 after a long battle that "
                 "left the old city in ruins.</p></article></body></html>", encoding="utf-8")
    assert _one(p, default_date=dt.date(2025, 3, 1)).published == dt.date(2025, 3, 1)


@pytest.mark.parametrize("markup", [
    "<html><body><p>Unclosed <b>bold <div>protesters marched in the city on Friday",
    "<<<>>><p></div></span>Troops shelled the town on Friday.&nbsp;&bogus;",
    "<html><head><title>x</title></head><body></body></html>",
    "<",
])
def test_malformed_html_never_raises(tmp_path: Path, markup: str) -> None:
    p = tmp_path / "bad.htm"
    p.write_text(markup, encoding="utf-8")
    out = _read(p)
    assert len(out) == 1
    if isinstance(out[0], Article):
        assert out[0].text.strip()
    else:
        assert out[0].reason


# -- feeds ------------------------------------------------------------------------------------

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Feed</title>
<item><title>Bomb kills 3</title><link>http://wire.example.org/1</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A roadside bomb killed three soldiers on Monday.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</description></item>
<item><title>Police disperse protesters in the capital</title>
<pubDate>Mon, 04 Mar 2024 23:30:00 -0500</pubDate></item>
<item><link>http://wire.example.org/3</link></item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Strike hits depot</title><link href="http://atom.example.org/2"/>
<updated>2024-01-02T00:00:00Z</updated><published>2024-01-01T00:00:00Z</published>
<summary>short</summary>
<content type="html">&lt;p&gt;An air strike hit a fuel depot on Monday, the ministry said.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_entries(tmp_path: Path) -> None:
    p = tmp_path / "wire.rss"
    p.write_text(RSS, encoding="utf-8")
    out = _read(p)
    a, headline, s = out
    assert isinstance(a, Article) and isinstance(s, Skipped)
    assert isinstance(headline, Article)
    assert headline.text == headline.title == "Police disperse protesters in the capital"
    assert headline.published == dt.date(2024, 3, 4)  # the publisher's day, not UTC's
    assert a.text == "A roadside bomb killed three soldiers on Monday.\n\nSecond paragraph."
    assert a.title == "Bomb kills 3" and a.source == "Wire Feed"
    assert a.published == dt.date(2024, 3, 4) and a.url == "http://wire.example.org/1"
    assert a.origin == f"{p}#item 1" and s.origin == f"{p}#item 3"


def test_atom_entry_prefers_content_and_published(tmp_path: Path) -> None:
    p = tmp_path / "news.atom"
    p.write_text(ATOM, encoding="utf-8")
    a = _one(p)
    assert a.text == "An air strike hit a fuel depot on Monday, the ministry said."
    assert a.published == dt.date(2024, 1, 1) and a.source == "Atom News"


def test_xml_only_when_feed(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "conf.xml").write_text('<?xml version="1.0"?><config/>', encoding="utf-8")
    assert isinstance(_read(tmp_path / "feed.xml")[0], Article)
    assert _skip(tmp_path / "conf.xml").reason == "XML file is not an RSS/Atom feed"
    (tmp_path / "broken.rss").write_text("<rss><channel><item>", encoding="utf-8")
    assert _read(tmp_path / "broken.rss")[0].reason  # type: ignore[union-attr]


# -- folders ----------------------------------------------------------------------------------

def test_folders_recursive_sorted_deduped(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.jsonl", "sub/c.html", "sub/deeper/d.rss", "e.pdf", ".hidden/x.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = find_input_files([tmp_path, tmp_path / "b.txt"])
    rel = [str(p.relative_to(tmp_path)) for p in files]
    # e.pdf is listed (reading it says "unsupported file type"); hidden files are not
    assert rel == ["a.jsonl", "b.txt", "e.pdf", "sub/c.html", "sub/deeper/d.rss"]


def test_iterator_never_raises_on_a_mixed_folder(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "bad.rss").write_bytes(b"\xff\xfe\x00garbage")
    out = _read(tmp_path)
    assert sum(isinstance(x, Article) for x in out) == 1
    assert all(isinstance(x, Skipped) and x.reason for x in out if not isinstance(x, Article))


# -- helpers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", dt.date(2024, 3, 5)),
    ("2024-03-05T23:10:00+02:00", dt.date(2024, 3, 5)),
    ("Tue, 05 Mar 2024 10:00:00 GMT", dt.date(2024, 3, 5)),
    ("March 5, 2024", dt.date(2024, 3, 5)),
    (1709596800, dt.date(2024, 3, 5)),
    ("yesterday", None),
    ("2024", None),
    ("1709596800", dt.date(2024, 3, 5)),
    ("", None),
    (None, None),
])
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, title", [
    ("Headline\n\nBody.", "Headline"),
    ("Headline\nBody continues.", "Headline"),
    ("A full sentence.\n\nBody.", None),
    ("Only one line", None),
    ("x" * 250 + "\n\nBody", None),
])
def test_split_title(text: str, title: str | None) -> None:
    assert split_title(text) == title


@pytest.mark.parametrize("text, lang", [
    (BODY, "en"),
    ("Troops shelled Kobani", "en"),
    ("Die Polizei hat am Montag in der Hauptstadt mehrere Demonstranten festgenommen, "
     "wie ein Sprecher sagte.", "de"),
    ("La policía detuvo a varios manifestantes en la capital del país según las autoridades.",
     "es"),
    ("Полиция задержала несколько человек", "ru"),
    ("Rebels repulse army mortar attack near border town", "en"),
    ("Gunmen kill teacher, wound two in al-Hamra market", "en"),
    ("El lunes asesinaron a siete personas en la ciudad", "es"),
    ("Corpos de homem e mulher são encontrados no rio", "pt"),
    (" ".join(["Jambo rafiki habari gani leo asubuhi"] * 8), "und"),
    ("12345 67890", "und"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


# -- front matter and gzip --------------------------------------------------------------------

def test_txt_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "fm.txt"
    p.write_text("---\ntitle: \"Gunmen kill five\"\ndate: 2024-03-05\nsource: Wire\n"
                 "url: http://example.org/5\nid: w-5\n---\n\n" + BODY + "\n", encoding="utf-8")
    a = _one(p)
    assert a.text == BODY and a.id == "w-5" and a.title == "Gunmen kill five"
    assert a.published == dt.date(2024, 3, 5) and a.source == "Wire"
    assert a.url == "http://example.org/5"


def test_txt_dashes_without_front_matter_stay_text(tmp_path: Path) -> None:
    p = tmp_path / "dash.txt"
    text = "---\nThis is not metadata at all, just a rule.\n---\n" + BODY
    p.write_text(text, encoding="utf-8")
    assert _one(p).text == text


def test_gzip_inputs(tmp_path: Path) -> None:
    import gzip

    with gzip.open(tmp_path / "a.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(BODY)
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": BODY}) + "\n{bad\n")
    (tmp_path / "c.txt.gz").write_bytes(b"not gzip at all")
    (tmp_path / "d.pdf.gz").write_bytes(b"x")
    out = _read(tmp_path)
    assert [type(x).__name__ for x in out] == ["Article", "Article", "Skipped", "Skipped",
                                               "Skipped"]
    assert out[0].text == BODY and out[1].id == "g1"  # type: ignore[union-attr]
    assert out[2].origin.endswith("b.jsonl.gz:line 2")  # type: ignore[union-attr]
    assert out[3].reason.startswith("unreadable")  # type: ignore[union-attr]
    assert out[4].reason == "unsupported file type '.pdf.gz'"  # type: ignore[union-attr]


def test_single_path_string(tmp_path: Path) -> None:
    p = tmp_path / "one.txt"
    p.write_text(BODY, encoding="utf-8")
    assert len(list(iter_articles(str(p)))) == 1  # type: ignore[arg-type]


def test_fuzzed_inputs_never_raise(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    prefixes = [b'<?xml version="1.0"?><rss><channel><item><description>',
                b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
                b"<html><body><p>", b'{"text": "', b'[{"text": ', b"\xef\xbb\xbf", b"\xff\xfe",
                b"---\ntitle: x\n"]
    alphabet = "abc <>&;\"'{}[]:,\n\\/\x7f\u00e9\u4e2d-#"
    n = 0
    for ext in (".txt", ".jsonl", ".json", ".html", ".rss", ".atom", ".xml"):
        for i in range(25):
            if i % 3 == 0:
                body = bytes(rng.randrange(256) for _ in range(rng.randrange(400)))
            else:
                body = "".join(rng.choice(alphabet) for _ in range(rng.randrange(400))).encode()
            (tmp_path / f"f{n}{ext}").write_bytes(rng.choice(prefixes) + body)
            n += 1
    out = _read(tmp_path)
    assert len(out) >= n
    for item in out:
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            assert item.text and item.text == item.text.strip()


def test_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    from eventcoder.ingest import decode_bytes

    text = "Le café était fermé, dit-il, à Saint-Étienne. "
    data = text.encode("utf-8") + b"stray \x92 byte " + text.encode("utf-8")
    out = decode_bytes(data)
    assert out.startswith(text) and "\ufffd" in out and "Ã" not in out
    assert decode_bytes("Полиция задержала людей в столице.".encode("cp1251")).startswith("Полиция")


@pytest.mark.parametrize("text", [
    "The café owner said “nothing” was taken.",
    "naïve façade — résumé",
    "Protesters chanted “No to war” outside the ministry’s gates on Sunday.",
])
def test_short_cp1252_texts(text: str) -> None:
    from eventcoder.ingest import decode_bytes

    assert decode_bytes(text.encode("cp1252")) == text


def test_csv_and_tsv_tables(tmp_path: Path) -> None:
    import csv as csvmod

    p = tmp_path / "news.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csvmod.writer(fh)
        w.writerow(["ID", "Title", "Text", "Date", "Source"])
        w.writerow(["c1", "Clash", BODY + "\nSecond line, with a comma.", "2024-03-05", "Wire"])
        w.writerow(["c2", "Empty", "", "2024-03-06", "Wire"])
        w.writerow(["c3", "", "Troops shelled the town on Friday.", "", ""])
    out = _read(p, default_date=dt.date(2024, 1, 1))
    a1, skipped, a3 = out
    assert isinstance(a1, Article) and a1.id == "c1" and a1.title == "Clash"
    assert a1.text.endswith("with a comma.") and a1.published == dt.date(2024, 3, 5)
    assert a1.source == "Wire" and a1.origin == f"{p}:line 2"
    assert isinstance(skipped, Skipped) and skipped.origin == f"{p}:line 4"
    assert isinstance(a3, Article) and a3.published == dt.date(2024, 1, 1)
    t = tmp_path / "news.tsv"
    t.write_text("text\tsource\n" + BODY + "\tWire\n", encoding="utf-8")
    assert _one(t).source == "Wire"
    e = tmp_path / "events.csv"
    e.write_text("event_id_cnty,event_date\nev-1,2024-01-01\n", encoding="utf-8")
    assert _skip(e).reason.startswith("table has no 'text' column")


def test_reused_ids_get_unique_ids_within_a_run(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "1", "text": BODY}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "1", "text": "Another text entirely."}) + "\n"
        + json.dumps({"id": "1", "text": BODY}) + "\n", encoding="utf-8")
    arts = [a for a in _read(tmp_path) if isinstance(a, Article)]
    other = Article.from_text("Another text entirely.")
    assert [a.id for a in arts] == ["1", f"1~{other.content_hash[:8]}", "1"]


def test_broken_html_is_quiet_and_punctuation_is_not_an_article(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    (tmp_path / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    (tmp_path / "lt.html").write_text("<", encoding="utf-8")
    (tmp_path / "dots.txt").write_text("... --- !!!", encoding="utf-8")
    with caplog.at_level(logging.DEBUG):
        out = _read(tmp_path)
    assert all(isinstance(x, Skipped) for x in out)
    assert {x.reason for x in out} >= {"no words in text"}  # type: ignore[union-attr]
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]
    assert logging.getLogger("trafilatura").level == logging.NOTSET
