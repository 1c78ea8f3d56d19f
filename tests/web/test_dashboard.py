"""The dashboard in a real browser (issue 13): the HTTP API (``eventcoder.api.create_app``)
served by uvicorn on 127.0.0.1 over a small hand-written store, driven by Debian's chromium
through Playwright.

It checks what a reviewer does: the page loads with every request answered by the server
itself (no remote request, no console error), the events appear on the map, in the timeline
and in the table; a marker opens its event, a cluster zooms in; an admin1 filter shrinks the table, the map and the URL hash; an event's
evidence is highlighted (<mark>) in its sentence and the article's uncoded sentence is listed
with its reason; a review is refused without a valid token and saved with one. Script
payloads in an article's text, title and URL and in an actor's name stay inert text: no
dialog opens, no element is created from them, and the javascript: URL is not a link.

Skips with the reason when chromium (/usr/bin/chromium, or $EVENTCODER_CHROMIUM), the
``playwright`` package or ``eventcoder.api`` is missing. Playwright is pointed at the system
chromium (``executable_path``): ``playwright install`` downloads browsers and is never run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = Path(os.environ.get("EVENTCODER_CHROMIUM", "/usr/bin/chromium"))
TOKEN = "s3cret-test-token"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
XSS = {
    "text": "<script>alert('text')</script>",
    "img": "<img src=x onerror=\"alert('img')\">",
    "title": "Kirkuk market <img src=x onerror=alert('title')><script>alert('title')</script>",
    "url": "javascript:alert('url')",
    "actor": "<img src=x onerror=alert('actor')>",
}


# --- a small store: five events in Iraq and Syria, one article carrying script payloads ----

def _evidence(article, field: str, snippet: str, after: int = 0):
    from eventcoder.schema import Evidence

    start = article.text.index(snippet, after)
    return Evidence(article_id=article.id, field=field, start=start, end=start + len(snippet),
                    text=snippet)


def _candidate(article, sentence: str, trigger: str, status: str, reason: str = "",
               sub_event_type: str | None = None, event_id: str | None = None):
    from eventcoder.schema import Candidate, Span

    s = article.text.index(sentence)
    t = article.text.index(trigger, s)
    return Candidate(article_id=article.id, sentence=Span(start=s, end=s + len(sentence),
                                                          text=sentence),
                     trigger=Span(start=t, end=t + len(trigger), text=trigger),
                     sub_event_type=sub_event_type, status=status, reason=reason,
                     event_id=event_id)


def _fill(store_url: str) -> dict[str, str]:
    """Articles, events and candidates written for this test. RETURNS ids by name."""
    from eventcoder.schema import Article, Event
    from eventcoder.store import Store

    def art(aid: str, text: str, day: int, **kw: object) -> Article:
        return Article.from_text(text, id=aid, published=dt.date(2025, 3, day),
                                 source="Test Wire", **kw)

    def event(eid: str, article: Article, day: int, **kw: object) -> Event:
        base: dict[str, object] = dict(
            event_id=eid, article_ids=[article.id], event_date=dt.date(2025, 3, day),
            disorder_type="Political violence", country="Iraq", iso3="IRQ", geo_precision=1,
            confidence=0.8)
        base.update(kw)
        return Event(**base)  # type: ignore[arg-type]

    mosul_sentence = ("Gunmen attacked a police checkpoint in the Hadba district of Mosul on "
                      "Monday, killing three policemen, a police officer said.")
    mosul_if = "Officials said a curfew could be imposed if the attacks continue."
    mosul = art("t-mosul", f"MOSUL, March 4. {mosul_sentence} {mosul_if}", 4,
                title="Checkpoint attacked in Mosul", url="https://news.example.org/mosul")
    telafar = art("t-telafar", "TAL AFAR, March 12. Security forces clashed with militants "
                  "west of Tal Afar on Tuesday; one soldier was killed.", 12,
                  title="Clash near Tal Afar", url="https://news.example.org/tal-afar")
    baghdad = art("t-baghdad", "BAGHDAD, March 7. Hundreds of teachers protested in Tahrir "
                  "Square on Friday to demand unpaid salaries. The protest ended peacefully.",
                  7, title="Teachers protest in Baghdad", url="https://news.example.org/bgd")
    aleppo = art("t-aleppo", "ALEPPO, March 20. A drone strike hit a vehicle on the road "
                 "north of Aleppo on Thursday, killing five people.", 20,
                 title="Drone strike near Aleppo", url="http://news.example.org/aleppo")
    kirkuk_sentence = (f"A roadside bomb exploded near the Kirkuk market {XSS['text']} on "
                       f"Sunday, wounding two {XSS['img']} shoppers.")
    kirkuk = art("t-kirkuk", f"KIRKUK, March 16. {kirkuk_sentence}", 16,
                 title=XSS["title"], url=XSS["url"])

    events = [
        event("ev-mosul", mosul, 3, event_type="Battles", sub_event_type="Armed clash",
              actor1="Unidentified Armed Group (Iraq)", inter1=3,
              actor2="Police Forces of Iraq (2014-)", inter2=1, interaction=13,
              admin1="Ninawa", admin2="Mosul", location="Mosul", latitude=36.34,
              longitude=43.13, fatalities=3, plover_type="ASSAULT",
              notes="On 3 March 2025, gunmen attacked a police checkpoint in Mosul; "
                    "3 police officers killed.",
              evidence=[_evidence(mosul, "trigger", "attacked"),
                        _evidence(mosul, "actor1", "Gunmen"),
                        _evidence(mosul, "location", "Mosul", after=10),
                        _evidence(mosul, "fatalities", "three policemen")]),
        event("ev-telafar", telafar, 11, event_type="Battles", sub_event_type="Armed clash",
              actor1="Military Forces of Iraq (2014-)", actor2="Islamic State (IS)",
              admin1="Ninawa", location="Tal Afar", latitude=36.38, longitude=42.45,
              fatalities=1, notes="On 11 March 2025, security forces clashed with militants "
                                  "near Tal Afar; 1 soldier killed.",
              evidence=[_evidence(telafar, "trigger", "clashed")]),
        event("ev-baghdad", baghdad, 7, disorder_type="Demonstrations", event_type="Protests",
              sub_event_type="Peaceful protest", actor1="Protesters (Iraq)", admin1="Baghdad",
              location="Baghdad", latitude=33.34, longitude=44.4, fatalities=0,
              notes="On 7 March 2025, teachers protested in Tahrir Square for unpaid salaries.",
              evidence=[_evidence(baghdad, "trigger", "protested")]),
        event("ev-aleppo", aleppo, 20, event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike", country="Syria", iso3="SYR",
              admin1="Aleppo", location="Aleppo", latitude=36.2, longitude=37.16,
              fatalities=5, notes="On 20 March 2025, a drone strike north of Aleppo killed 5.",
              evidence=[_evidence(aleppo, "trigger", "drone strike")]),
        event("ev-kirkuk", kirkuk, 16, event_type="Explosions/Remote violence",
              sub_event_type="Remote explosive/landmine/IED", actor2=XSS["actor"],
              admin1="Kirkuk", location="Kirkuk", latitude=35.47, longitude=44.39,
              fatalities=0, notes=f"A roadside bomb exploded near a market {XSS['img']}.",
              evidence=[_evidence(kirkuk, "trigger", "exploded"),
                        _evidence(kirkuk, "location", "Kirkuk market")]),
    ]
    candidates = [
        _candidate(mosul, mosul_sentence, "attacked", "reported", sub_event_type="Armed clash",
                   event_id="ev-mosul"),
        _candidate(mosul, mosul_if, "attacks", "hypothetical",
                   reason="conditional: 'if' introduces the event"),
    ]
    store = Store(store_url)
    try:
        store.save_batch([mosul, telafar, baghdad, aleppo, kirkuk], events, candidates)
    finally:
        store.close()
    return {"mosul": "ev-mosul", "kirkuk": "ev-kirkuk"}


# --- the server and the browser ------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM} (apt-get install chromium; .ci/run "
                    "installs it)")
    pytest.importorskip("playwright.sync_api",
                        reason="the playwright package is missing (pip install -e '.[dev]')")
    uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is missing (the server extra)")
    try:
        from eventcoder.api import create_app
    except ImportError as exc:
        pytest.skip(f"eventcoder.api cannot be imported ({exc}): the HTTP API is not here")

    store_url = f"sqlite:///{tmp_path / 'dashboard.db'}"
    _fill(store_url)
    monkeypatch.setenv("EVENTCODER_API_TOKEN", TOKEN)
    app = create_app(store_url, tokens={TOKEN: "tester"})
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def _markers_on_map(page) -> int:
    """Events the map shows: single markers plus the counts of the clusters."""
    return int(page.evaluate("""() => {
        const singles = document.querySelectorAll('#map .ev-marker').length;
        const grouped = [...document.querySelectorAll('#map .ev-cluster-count')]
            .reduce((a, n) => a + Number(n.textContent), 0);
        return singles + grouped;
    }"""))


def test_dashboard_filters_shows_evidence_and_saves_a_review(server: str, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    dialogs: list[str] = []
    page_errors: list[str] = []
    console_errors: list[str] = []
    remote: list[str] = []

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        try:
            def only_local(route) -> None:
                if route.request.url.startswith(server + "/"):
                    route.continue_()
                else:  # the page must need nothing but its own server
                    remote.append(route.request.url)
                    route.abort()

            context.route("**/*", only_local)
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda exc: page_errors.append(str(exc)))
            page.on("console", lambda m: console_errors.append(m.text)
                    if m.type == "error" else None)

            # 1. the page loads: map, timeline and table show the five events
            page.goto(server + "/")
            expect(page.locator("body")).to_have_attribute("data-state", "ready")
            rows = page.locator("#events tbody tr[data-event-id]")
            expect(rows).to_have_count(5)
            expect(page.locator("#map")).to_have_attribute("data-events", "5")
            assert _markers_on_map(page) == 5
            assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 50, \
                "the offline basemap (countries, admin-1) is drawn"
            expect(page.locator("#summary")).to_contain_text("5 events")
            assert page.evaluate("() => Chart.getChart('timeline').data.datasets.length") == 3
            expect(page.locator("footer")).to_contain_text("geoBoundaries")

            # the map holds every located event (/api/points, clustered in a worker): a marker,
            # coloured by type, opens its event in the panel (read in full by its id)
            expect(page.locator("#map-note")).to_have_text("5 events on the map")
            aleppo = page.locator("#map .ev-dot[data-event-id='ev-aleppo']")
            title = page.locator("#map .ev-marker:has(.ev-dot[data-event-id='ev-aleppo'])")
            assert "Explosions/Remote violence" in (title.get_attribute("title") or "")
            aleppo.click()
            expect(page.locator("#panel")).to_have_attribute("data-event-id", "ev-aleppo")
            expect(page.locator("#panel")).to_have_attribute("data-state", "ready")
            expect(page.locator("#panel .notes")).to_contain_text("drone strike north of Aleppo")
            page.keyboard.press("Escape")
            expect(page.locator("#panel")).to_be_hidden()
            # zoomed out, nearby events become clusters (still five events on the map); a
            # click on a cluster zooms in to its events
            for _ in range(3):
                page.click(".leaflet-control-zoom-out")
                page.wait_for_timeout(300)  # the zoom animation
            expect(page.locator("#map .ev-cluster").first).to_be_visible()
            page.wait_for_function("""() => [...document.querySelectorAll(
                '#map .ev-cluster-count, #map .ev-marker')]
                .reduce((a, n) => a + (Number(n.textContent) || 1), 0) === 5""")
            shown = page.locator("#map .ev-marker, #map .ev-cluster").count()
            page.locator("#map .ev-cluster").first.click()
            page.wait_for_function(f"""() => document.querySelectorAll(
                '#map .ev-marker, #map .ev-cluster').length > {shown}""")

            # sorting: by fatalities (the API sorts), by actor (the table sorts its rows)
            page.click("#events th button[data-sort=fatalities]")
            expect(rows.first).to_have_attribute("data-event-id", "ev-aleppo")
            assert "sort=-fatalities" in page.evaluate("() => location.hash")
            page.click("#events th button[data-sort=actor1]")
            expect(rows.first).to_have_attribute("data-event-id", "ev-telafar")
            expect(rows).to_have_count(5)

            # 2. an admin1 filter shrinks the table and the map, and is kept in the hash
            page.fill("#filters input[name=admin1]", "Ninawa")
            page.press("#filters input[name=admin1]", "Enter")
            expect(rows).to_have_count(2)
            expect(page.locator("body")).to_have_attribute("data-state", "ready")
            expect(page.locator("#map")).to_have_attribute("data-events", "2")
            assert _markers_on_map(page) == 2
            assert "admin1=Ninawa" in page.evaluate("() => location.hash")

            # 3. open an event: its evidence is marked inside the sentence, the uncoded
            # sentence of its article is listed with the reason
            page.locator("#events tr[data-event-id='ev-mosul'] a.open-event").click()
            panel = page.locator("#panel")
            expect(panel).to_be_visible()
            expect(panel).to_have_attribute("data-state", "ready")
            marks = panel.locator(".source .excerpt mark.evidence")
            expect(marks.first).to_be_visible()
            marked = marks.all_text_contents()
            assert {"Gunmen", "attacked", "three policemen"} <= set(marked), marked
            excerpt = panel.locator(".source .excerpt").first.text_content() or ""
            assert "Hadba district" in excerpt and "a police officer said." in excerpt
            expect(panel.locator(".candidates")).to_contain_text("hypothetical")
            expect(panel.locator(".candidates")).to_contain_text("conditional: 'if'")
            expect(panel.locator(".candidates mark.trigger")).to_have_text("attacks")
            expect(panel.locator(".history li").first).to_be_visible()
            assert "event=ev-mosul" in page.evaluate("() => location.hash")

            # 4. the review: refused without a valid token, saved with one
            form = panel.locator("#review-form")
            form.locator("input[value=reviewed]").check()
            form.locator("#review-fatalities").fill("4")
            form.locator("#review-comment").fill("checked against the police statement")
            result = panel.locator(".review-result")

            def submit(token: str) -> int:
                form.locator("#review-token").fill(token)
                with page.expect_response(lambda r: r.request.method == "PATCH") as answer:
                    form.locator("button[type=submit]").click()
                expect(form.locator("button[type=submit]")).to_be_enabled()
                return answer.value.status

            assert submit("") == 401
            expect(result).to_have_text(re.compile(r"^Not saved.*\b401\b"))
            status = submit("not-the-token")
            assert status in (401, 403)
            expect(result).to_have_text(re.compile(rf"^Not saved.*\b{status}\b"))
            patch = {}
            page.on("request", lambda r: patch.update(r.post_data_json or {})
                    if r.method == "PATCH" else None)
            assert submit(TOKEN) == 200
            expect(result).to_contain_text("Saved")
            assert patch == {"status": "reviewed", "fatalities": 4,
                             "comment": "checked against the police statement"}
            assert page.evaluate("() => sessionStorage.getItem('eventcoder.apiToken')") == TOKEN
            expect(page.locator("#events tr[data-event-id='ev-mosul']")).to_contain_text(
                "reviewed")
            expect(panel.locator("dd[data-field=status]")).to_have_text("reviewed")
            expect(panel.locator("dd[data-field=fatalities]")).to_have_text("4")
            expect(panel.locator(".history > li")).to_have_count(2)
            latest = panel.locator(".history > li").last  # who, why and what changed
            expect(latest).to_contain_text("tester")
            expect(latest).to_contain_text("checked against the police statement")
            expect(latest.locator("table.changes")).to_contain_text("fatalities")

            # 5. an event type from the select (the same filters drive all three views)
            page.click("#clear-filters")
            expect(rows).to_have_count(5)
            page.select_option("#filters select[name=event_type]", "Protests")
            expect(rows).to_have_count(1)
            expect(page.locator("#map")).to_have_attribute("data-events", "1")
            assert page.locator("#filters select[name=sub_event_type] option").count() == 4  # any + 3
            page.click("#clear-filters")
            expect(rows).to_have_count(5)

            # 6. the article with script payloads: shown as text, nothing runs, no link
            page.locator("#events tr[data-event-id='ev-kirkuk'] a.open-event").click()
            expect(panel).to_have_attribute("data-event-id", "ev-kirkuk")
            expect(panel).to_have_attribute("data-state", "ready")
            source = panel.locator(".source").first
            expect(source.locator("h4")).to_have_text(XSS["title"])
            expect(source.locator(".source-url")).to_have_text(XSS["url"])
            assert source.locator("a.source-url").count() == 0, "a javascript: URL is no link"
            expect(source.locator(".excerpt").first).to_contain_text(XSS["text"])
            expect(source.locator(".excerpt").first).to_contain_text(XSS["img"])
            expect(panel.locator(".notes")).to_contain_text(XSS["img"])
            expect(page.locator("#events tr[data-event-id='ev-kirkuk']")).to_contain_text(
                XSS["actor"])
            source.locator("details.fulltext summary").click()
            expect(source.locator(".article-text")).to_contain_text(XSS["text"])
            # no element was made from the payloads: the page's only scripts are its own
            assert page.locator("body script, body img:not(.leaflet-tile)").count() == 0
            scripts = page.eval_on_selector_all("head script",
                                                "s => s.map(e => e.getAttribute('src'))")
            assert scripts == ["js/boot.js", "vendor/leaflet/leaflet.js",
                               "vendor/chartjs/chart.umd.min.js", "js/main.js"]
            page.wait_for_timeout(300)  # an onerror handler would have fired by now
            assert "[object " not in page.evaluate("() => document.body.textContent")

            shot = tmp_path / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            context.close()

    assert dialogs == [], f"a script payload ran: {dialogs}"
    assert page_errors == [], page_errors
    assert remote == [], f"the page asked for something outside its server: {remote}"
    assert not [m for m in console_errors if not re.search(r"status of 40[13]", m)], \
        console_errors
