"""Neo4j Browser with graphkit's guide and style, in a real headless Chromium against the real server.

The server's Browser URL comes from GRAPHKIT_NEO4J_BROWSER_URL (`scripts/neo4j-local start` exports it,
`scripts/with-neo4j` passes it on) or, for the server that tests/conftest.py started itself, from
`scripts/neo4j-local status`. With neither (NEO4J_URI pointing at another server) the test skips, which
CI counts as a failure. The guide is the local server's (scripts/neo4j-local writes it with
`python -m graphkit.neo4j.browser`); Docker's Neo4j serves none.

Every request the page makes is recorded: none may leave 127.0.0.1."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from helpers import DATA, ROOT

import graphkit
from graphkit import neo4j as gn

from .conftest import launch_context

pytestmark = pytest.mark.integration

NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
SCREENSHOT = ROOT / "docs" / "browser.png"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about"}
TIMEOUT_MS = 60_000


# ------------------------------------------------------------------ where Browser is
def browser_url(settings: gn.Settings) -> str:
    """http://HOST:PORT/browser/ of the server that NEO4J_URI names."""
    url = os.environ.get("GRAPHKIT_NEO4J_BROWSER_URL")
    if url:
        return url.rstrip("/") + "/"
    status = subprocess.run([str(NEO4J_LOCAL), "status"], capture_output=True, text=True, timeout=60)
    bolt = re.search(r"^running: (bolt://\S+)", status.stdout, re.M)
    browser = re.search(r"^browser: (http://\S+)", status.stdout, re.M)
    if status.returncode == 0 and bolt and browser and bolt[1] == settings.uri:
        return browser[1].rstrip("/") + "/"
    pytest.skip(
        f"no Neo4j Browser URL for NEO4J_URI={settings.uri}: set GRAPHKIT_NEO4J_BROWSER_URL "
        '(`eval "$(scripts/neo4j-local start)"` exports it)'
    )


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.read().decode("utf-8")


def external(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.hostname not in {h.strip("[]") for h in LOCAL_HOSTS}


# ------------------------------------------------------------------ the browser
class Recorder:
    """Everything the page asked for: requests (pages and workers), WebSockets, CSP refusals."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.websockets: list[str] = []
        self.console: list[str] = []

    def attach(self, context, page) -> None:
        context.on("request", lambda r: self.requests.append(r.url))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))

    def csp_refusals(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


@pytest.fixture
def chromium(playwright, chromium_exe) -> Iterator[tuple[object, object, Recorder]]:
    """A fresh Chromium profile (Browser keeps its settings in the profile), on the session's Playwright."""
    profile = tempfile.mkdtemp(prefix="graphkit-neo4j-browser-")
    try:
        context = launch_context(playwright, profile, chromium_exe)
        try:
            page = context.new_page()
            recorder = Recorder()
            recorder.attach(context, page)
            yield context, page, recorder
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def run_in_editor(page, text: str | None = None) -> None:
    """Type ``text`` into Browser's editor (or run what a guide block put there) and run it."""
    editor = page.locator('[data-testid="activeEditor"]')
    editor.click()
    if text is not None:
        page.keyboard.type(text)
        page.keyboard.press("Escape")  # close the editor's suggestions
    page.keyboard.press("Control+Enter")


def top_frame_text(page, starts_with: str, needle: re.Pattern[str], timeout_s: float = 60) -> str:
    """The text of the newest frame, once it is the one of ``starts_with`` and ``needle`` is in it."""
    deadline = time.monotonic() + timeout_s
    text = ""
    while time.monotonic() < deadline:
        frames = page.locator('[data-testid="frame"]')
        if frames.count():
            text = frames.first.inner_text()
            if starts_with in text[:400] and needle.search(text):
                return text
        page.wait_for_timeout(250)
    raise AssertionError(
        f"no frame of {starts_with!r} showing {needle.pattern!r}; newest frame:\n{text[:2000]}"
    )


def test_graphkit_guide_in_neo4j_browser(neo4j_settings, neo4j_driver, chromium, tmp_path):
    settings = neo4j_settings
    browser = browser_url(settings)
    guide_base = browser + "graphkit"
    guide = guide_base + "/guide.html"
    style = guide_base + "/browser-style.grass"
    status, served = fetch(guide)
    assert status == 200 and "graphkit-query" in served, f"{guide} is not graphkit's guide"
    names = list(gn.named_queries())

    gn.load_graph(neo4j_driver, graphkit.build_graph(DATA), "test-browser")  # wiped by neo4j_driver

    _context, page, seen = chromium
    page.goto(browser)
    page.wait_for_selector('[data-testid="boltaddress"]', timeout=TIMEOUT_MS)
    page.fill('[data-testid="boltaddress"]', settings.uri)
    page.fill('[data-testid="username"]', settings.user)
    page.fill('[data-testid="password"]', settings.password or "")
    page.click('[data-testid="connect"]')
    page.wait_for_selector("text=You are connected as user", timeout=TIMEOUT_MS)

    # The style, as the guide offers it. Browser reads the server's allow-list of hosts after the login;
    # until then `:style URL` is refused ("not allowed"), so try again until it is applied.
    deadline = time.monotonic() + 60
    while True:
        run_in_editor(page, f":style {style}")
        text = top_frame_text(page, ":style", re.compile(r"node\.Person|not allowed|rror"))
        if "node.Person" in text:
            break
        assert time.monotonic() < deadline, text[:2000]
        page.wait_for_timeout(1000)
    assert "#4e79a7" in text  # Person's colour in graphkit/schema/vocabulary.toml

    # The guide: every named query, with its blocks.
    run_in_editor(page, f":play {guide}")
    page.wait_for_selector("section.graphkit-query", timeout=TIMEOUT_MS)
    shown = page.locator("article.graphkit-guide")
    listed = shown.inner_text()
    for name in names:
        assert name in listed, name
    sections = page.locator("section.graphkit-query")
    assert [sections.nth(i).get_attribute("data-query") for i in range(sections.count())] == names
    style_blocks = page.locator("section.graphkit-style pre.runnable")
    assert style_blocks.first.inner_text().strip() == f":style {style}"

    # capital_follows_talent, run from its block in the guide: 智谱 invested in 张帆's venture.
    page.locator('section[data-query="capital_follows_talent"] pre.runnable').last.click()
    run_in_editor(page)
    text = top_frame_text(page, "MATCH (inv)-[i:INVESTED_IN]", re.compile(r'"智谱"\s+"张帆"'))
    header = text.split("\n")
    assert any(re.search(r"investor\s+person\s+venture", line) for line in header), text[:800]

    # A picture with graphkit's style: the facts behind that row (the departure rides on WORKED_AT).
    run_in_editor(
        page,
        "MATCH (inv:Company {name: '智谱'})-[i:INVESTED_IN]->(v:Startup)<-[f:FOUNDED]-(p:Person {name: '张帆'})"
        "-[w:WORKED_AT]->(inv) WHERE w.departure IS NOT NULL RETURN inv, i, v, f, p, w",
    )
    page.wait_for_selector('[data-testid="frame"] svg g.node', timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # let the layout settle
    person = page.locator('[data-testid="frame"]').first.locator("svg g.node circle.b-outline").first
    assert person.count() == 1

    # Nothing left 127.0.0.1.
    outside = [u for u in seen.requests + seen.websockets if external(u)]
    assert outside == [], outside
    assert seen.websockets and all(not external(u) for u in seen.websockets)
    # And nothing tried to: Browser's changes (BrowserAssets.java) keep it from asking at all, so the
    # Content-Security-Policy of the served index.html never has anything to refuse.
    assert seen.csp_refusals() == [], seen.csp_refusals()
    assert any(urlsplit(u).path.endswith("/graphkit/guide.html") for u in seen.requests)

    # The styled graph, the query's row and the guide below them; with
    # GRAPHKIT_UPDATE_SCREENSHOT=1 it refreshes docs/browser.png (as test_browser does for graph.png).
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.wait_for_timeout(1000)
    shot = tmp_path / "browser.png"
    page.screenshot(path=str(shot))
    assert 10_000 < shot.stat().st_size < 400_000
    if os.environ.get("GRAPHKIT_UPDATE_SCREENSHOT") == "1":
        shutil.copy(shot, SCREENSHOT)


def test_guide_is_served_and_current(neo4j_settings):
    """The server serves the guide and style that graphkit generates now."""
    from graphkit.neo4j import browser as gb

    base = browser_url(neo4j_settings) + "graphkit"
    status, served = fetch(base + "/guide.html")
    assert status == 200
    assert served == gb.guide_html(base)
    status, grass = fetch(base + "/browser-style.grass")
    assert status == 200
    assert grass == gb.grass() == (ROOT / "cypher" / "browser-style.grass").read_text("utf-8")


def test_browser_page_is_the_patched_one(neo4j_settings):
    """index.html carries the loopback-only Content-Security-Policy; the fonts import is gone."""
    browser = browser_url(neo4j_settings)
    status, index = fetch(browser)
    assert status == 200
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', index)
    assert csp, "index.html has no Content-Security-Policy of graphkit's"
    assert "connect-src 'self' ws://127.0.0.1:*" in csp[1]
    assert "https:" not in csp[1] and "googleapis" not in csp[1]
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert scripts
    bodies = {src: fetch(browser + src)[1] for src in scripts}
    for src, body in bodies.items():
        assert "fonts.googleapis.com" not in body, src
    # Browser behaves as with outgoing connections forbidden: no Segment, no Canny.
    assert any(re.search(r"\.shouldAllowOutgoingConnections=\w+=>!1[,;]", body) for body in bodies.values())
    # Sentry has no DSN, so it sends neither crash reports nor performance samples.
    assert not any(re.search(r"sentry\.io/\d", body) for body in bodies.values())
    assert any('dsn:""' in body for body in bodies.values())
