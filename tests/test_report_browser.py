"""report.html in headless Chromium: the map and the charts render offline
with no console error, the events filter works, and article text holding
script and markup neither runs nor breaks the page."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from blocwatch.report import build_report, write_report

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[1]


def _world():
    spec = importlib.util.spec_from_file_location(
        "report_world", ROOT / "tests" / "fixtures" / "report" / "world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"{CHROMIUM} is not installed: run `make browser` (Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page with its console messages, page errors and off-file requests."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        # Settles once both charts are embedded (or fails with their error).
        self.page.evaluate("window.blocwatchCharts.then(() => true)")

    def problems(self) -> list[str]:
        bad = [m for m in self.console if m.startswith(("error", "warning"))]
        return bad + self.errors


def _write(store, tmp_path: Path, *, hostile: bool) -> Path:
    world = _world()
    ids = world.build_store(store, hostile=hostile)
    report = build_report(store, world.relations(ids, hostile=hostile))
    return write_report(report, tmp_path / "report").html


def test_map_and_charts_render_offline(browser, store, tmp_path):
    html = _write(store, tmp_path, hostile=False)
    opened = Opened(browser, html)
    page = opened.page
    try:
        assert opened.problems() == []
        assert [u for u in opened.requests if not u.startswith("file:")] == []
        assert page.locator("#alliance-map canvas").count() >= 1
        nodes = page.evaluate("window.blocwatchMap.nodes().map(n => n.id()).sort()")
        assert nodes == ["CHN", "DEU", "IND", "JPN", "RUS", "USA"]
        styles = page.evaluate(
            "Object.fromEntries(window.blocwatchMap.edges().map(e => [e.id(), e.style('line-style')]))")
        assert styles["JPN-USA"] == "solid" and styles["CHN-RUS"] == "dashed"
        colours = page.evaluate(
            "Object.fromEntries(window.blocwatchMap.nodes().map(n => [n.id(), n.data('colour')]))")
        assert colours["CHN"] == colours["RUS"] != colours["USA"] == colours["JPN"]
        assert colours["IND"] not in (colours["CHN"], colours["USA"])
        # drawn where Python placed them, not where a random layout put them
        drawn = page.evaluate(
            "Object.fromEntries(window.blocwatchMap.nodes().map(n => [n.id(), n.position()]))")
        placed = json.loads(page.locator("#report-view").text_content())["map"]["nodes"]
        assert drawn == {n["data"]["id"]: n["position"] for n in placed}
        for chart in ("#chart-alignment", "#chart-cooperation"):
            assert page.locator(f"{chart} svg").count() >= 1, chart
            assert page.locator(f"{chart} svg path").count() >= 2, chart
        assert "strategic partnership" in page.locator("#undeclared").inner_text()
        # the key of state codes opens, and names the states
        page.click("details.glossary summary")
        assert "Russia" in page.locator("details.glossary").inner_text()
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert (tmp_path / "report.png").stat().st_size > 10_000
    finally:
        page.close()


def test_events_filter_hides_rows(browser, store, tmp_path):
    html = _write(store, tmp_path, hostile=False)
    opened = Opened(browser, html)
    page = opened.page
    try:
        visible = "#events-table tbody tr:visible"
        assert page.locator(visible).count() == 7
        page.fill("#event-filter", "naval")
        assert page.locator(visible).count() == 2
        page.fill("#event-filter", "")
        page.select_option("#event-modality", "rumoured")
        assert page.locator(visible).count() == 1
        assert page.locator("#event-count").inner_text() == "1 of 7 events shown"
        assert opened.problems() == []
    finally:
        page.close()


def test_script_and_markup_in_articles_do_not_run(browser, store, tmp_path):
    html = _write(store, tmp_path, hostile=True)
    opened = Opened(browser, html)
    page = opened.page
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert opened.problems() == []
        # shown as text, in place, and the page after it still there
        title = page.locator(f"#article-{'a1' * 8} strong").inner_text()
        assert title.startswith("Joint drills in the Philippine Sea <script>window.__pwned")
        assert page.locator("img").count() == 0
        assert page.locator("b").count() == 0
        assert page.locator("#articles li").count() == 3
        assert page.locator("footer").count() == 1
        assert page.locator("#alliance-map canvas").count() >= 1
        assert page.locator("#chart-alignment svg").count() >= 1
        # a javascript: address is shown, never linked
        assert page.locator("a[href^='javascript']").count() == 0
        # following the in-page links leaves the trap untouched
        for link in page.locator("a[href^='#']").all():
            link.click(timeout=5000)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        page.fill("#event-filter", "pwned")
        assert page.locator("#events-table tbody tr:visible").count() >= 1
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        page.close()


def test_an_empty_window_says_so_without_errors(browser, store, tmp_path):
    html = write_report(build_report(store, None), tmp_path / "empty").html
    opened = Opened(browser, html)
    page = opened.page
    try:
        assert opened.problems() == []
        assert "No pair of states has enough events" in page.locator("#alliance-map").inner_text()
        assert "No dyad series" in page.locator("#chart-alignment").inner_text()
        assert page.locator("#event-count").inner_text() == "0 of 0 events shown"
    finally:
        page.close()
