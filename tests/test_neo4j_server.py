"""The local server's management: homes, ports, passwords, pid checks, clear errors, the guide."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import socket
import stat
import urllib.request

import pytest
from conftest import neo4j_unavailable
from fontTools.ttLib import TTFont

from graphkit import Neo4jError
from graphkit.cli import main
from graphkit.neo4j import server
from graphkit.neo4j.style import grass_json


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("GRAPHKIT_NEO4J_BOLT_PORT", "GRAPHKIT_NEO4J_HTTP_PORT", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_home_and_ports_from_env(tmp_path, clean_env):
    clean_env.setenv("GRAPHKIT_NEO4J_HOME", str(tmp_path / "h"))
    clean_env.setenv("GRAPHKIT_NEO4J_BOLT_PORT", "7697")
    cfg = server.ServerConfig.from_env()
    assert (cfg.home, cfg.bolt_uri, cfg.browser_url) == (
        tmp_path / "h",
        "bolt://127.0.0.1:7697",
        "http://127.0.0.1:7474/browser/",
    )


def test_default_home_is_dot_neo4j_here(tmp_path, clean_env):
    clean_env.delenv("GRAPHKIT_NEO4J_HOME", raising=False)
    clean_env.chdir(tmp_path)
    assert server.home_dir() == tmp_path / ".neo4j"


def test_bad_port_is_one_clear_error(clean_env):
    clean_env.setenv("GRAPHKIT_NEO4J_HTTP_PORT", "seventy")
    with pytest.raises(Neo4jError, match="GRAPHKIT_NEO4J_HTTP_PORT='seventy': expected a port number"):
        server.ServerConfig.from_env()


def test_empty_home_is_stopped_and_stop_says_so(tmp_path, clean_env, capsys):
    clean_env.setenv("GRAPHKIT_NEO4J_HOME", str(tmp_path))
    assert main(["neo4j", "status"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Neo4j server: stopped"
    assert "bolt:     bolt://127.0.0.1:7687" in out
    assert main(["neo4j", "stop"]) == 0
    assert capsys.readouterr().out == "not running (nothing to stop)\n"


def test_stop_leaves_a_process_that_is_not_ours(tmp_path, clean_env):
    cfg = server.ServerConfig.from_env(tmp_path)
    cfg.pid_file.parent.mkdir(parents=True)
    cfg.pid_file.write_text(f"{os.getpid()}\n")  # this test process: alive, but no server
    assert server.stop(tmp_path) is False
    assert not cfg.pid_file.exists()


def test_generated_password_file_is_private_and_never_printed(tmp_path, clean_env, capsys):
    cfg = server.ServerConfig.from_env(tmp_path)
    password = server.local_password(cfg, create=True)
    assert len(password) >= 20
    assert stat.S_IMODE(cfg.password_file.stat().st_mode) == 0o600
    assert server.local_password(cfg) == password
    clean_env.setenv("GRAPHKIT_NEO4J_HOME", str(tmp_path))
    main(["neo4j", "status"])
    out = capsys.readouterr().out
    assert f"password: in {cfg.password_file}" in out
    assert password not in out


def test_password_from_env_wins_and_is_never_printed(tmp_path, clean_env, capsys):
    clean_env.setenv("NEO4J_PASSWORD", "env-password-77")
    clean_env.setenv("GRAPHKIT_NEO4J_HOME", str(tmp_path))
    assert server.local_password(server.ServerConfig.from_env()) == "env-password-77"
    main(["neo4j", "status"])
    out = capsys.readouterr().out
    assert "password: from NEO4J_PASSWORD" in out and "env-password-77" not in out


def test_missing_java_is_one_clear_error(tmp_path, clean_env, capsys):
    clean_env.setenv("PATH", str(tmp_path))
    clean_env.setenv("GRAPHKIT_NEO4J_HOME", str(tmp_path / "home"))
    assert main(["neo4j", "start"]) == 2
    assert "graphkit neo4j: Java is not installed" in capsys.readouterr().err


def test_missing_maven_is_one_clear_error(tmp_path, clean_env):
    java = shutil.which("java")
    if java is None:
        pytest.skip("needs Java")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").symlink_to(java)
    clean_env.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(Neo4jError, match="Maven is not installed"):
        server.install(server.ServerConfig.from_env(tmp_path / "home"))


def test_port_taken_by_another_program_is_one_clear_error(tmp_path, clean_env):
    if shutil.which("java") is None:
        pytest.skip("needs Java")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(Neo4jError, match=f"port {port} on 127.0.0.1 is taken by another program"):
            server.start(tmp_path, bolt_port=port, http_port=_free_port())
    assert not (tmp_path / "lib").exists()  # nothing was fetched


def test_bolt_answers_is_false_where_nothing_listens():
    assert server.bolt_answers(port=_free_port(), timeout=0.5) is False


# ------------------------------------------------------ the running test server
@pytest.fixture
def local_server(neo4j_driver):
    state = server.status()
    if not state.running:
        neo4j_unavailable("the Neo4j test server was not started by `graphkit neo4j start` in this home")
    return state


@pytest.mark.neo4j
def test_start_again_says_already_running(local_server, capsys):
    assert main(["neo4j", "start"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["already running", f"Neo4j server: running (pid {local_server.pid})"]


@pytest.mark.neo4j
def test_bolt_answers_on_the_server(local_server):
    assert server.bolt_answers(port=local_server.config.bolt_port) is True


@pytest.mark.neo4j
def test_browser_guide_and_style_are_served(local_server):
    cfg = local_server.config
    with urllib.request.urlopen(cfg.browser_url, timeout=10) as resp:
        assert resp.status == 200
    with urllib.request.urlopen(cfg.guide_url, timeout=10) as resp:
        guide = resp.read().decode("utf-8")
    assert guide.startswith('<article class="guide">')
    assert "graphkit：两新组织党建图谱" in guide
    assert f"{cfg.browser_url}graphkit/style.grass" in guide
    # every slide (Browser shows one at a time) brings the guide's font, served beside the guide
    assert guide.count("<slide ") == guide.count('<style class="gk-font">') == 5
    font_url = f"{cfg.browser_url}graphkit/guide-font.ttf"
    assert guide.count(f'src: url("{font_url}") format("truetype")') == 5
    with urllib.request.urlopen(font_url, timeout=10) as resp:
        cmap = TTFont(io.BytesIO(resp.read())).getBestCmap()
    text = html.unescape(re.sub(r"<style[^>]*>.*?</style>|<[^>]+>", "", guide, flags=re.S))
    assert len({ch for ch in text if ord(ch) > 0x2000}) > 200
    assert {ch for ch in text if ord(ch) > 0x2000 and ord(ch) not in cmap} == set()
    with urllib.request.urlopen(cfg.style_url, timeout=10) as resp:
        style = resp.read().decode("utf-8")
    assert "node.Unit {" in style and 'caption: "{short_name}";' in style and 'caption: "指导";' in style
    conf = (cfg.home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    # the style inline (no frame of its own once cleared), the guide last
    assert f"browser.post_connect_cmd=style {grass_json()}; clear; play {cfg.guide_url}" in conf
    assert "server.default_listen_address=127.0.0.1" in conf


#: The building query of the Browser test: the building whose units have the most statuses.
_BUILDING = """
MATCH (c:Carrier {kind: 'building'})<-[:LOCATED_IN]-(u:Unit)
WITH c, count(DISTINCT u.status) AS statuses, count(u) AS units ORDER BY statuses DESC, units, c.id LIMIT 1
RETURN c.id AS id
"""


def _guide_fonts(page, tmp_path) -> list[tuple[list[dict], int]]:
    """For each slide of the guide, in turn: the fonts Chromium drew its text with and its Chinese characters.

    Fonts as ``CSS.getPlatformFontsForNode`` gives them for every element of the slide
    (``familyName``, ``isCustomFont``: a web font, ``glyphCount``); the first slide is also shot.
    """
    import time

    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    found = []
    for number in range(1, 6):
        time.sleep(1)  # the slide's font has arrived
        if number == 1:
            page.locator("[data-testid='frame']").first.screenshot(path=str(tmp_path / "guide.png"))
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".gk-font ~ *, .gk-font ~ * *"})
        fonts = [
            f
            for n in nodes["nodeIds"]
            for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": n})["fonts"]
        ]
        text = page.locator(".gk-font ~ *").all_inner_texts()
        found.append((fonts, sum(ord(ch) > 0x2000 for ch in "".join(text))))
        if number < 5:
            page.get_by_test_id("nextSlide").click()
    return found


@pytest.mark.neo4j
@pytest.mark.browser
def test_browser_shows_the_guide_alone_then_units_coloured_by_status_with_short_captions(
    local_server, neo4j_db, tmp_path
):
    import base64
    import datetime as dt
    import time
    from pathlib import Path

    import loaders
    from graphkit import Settings
    from graphkit.analysis import analyze
    from graphkit.fonts import font_subset
    from graphkit.neo4j import push
    from graphkit.palette import STATUS_COLORS

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright-python (the dev extra)")
    driver, database = neo4j_db
    net = loaders.demo_district(units=500)
    result = analyze(net, settings=Settings(as_of=dt.date(2026, 11, 27)))
    push(net, driver=driver, database=database, analysis=result)
    building = driver.execute_query(_BUILDING, database_=database).records[0]["id"]
    cfg = local_server.config
    password = server.local_password(cfg)
    # a machine without a CJK font shows boxes: the test serves the bundled one (a desktop has its own)
    chars = "".join(sorted({*"".join(net.units["name"]), *"".join(net.carriers["name"]), *"位于"}))
    font = base64.b64decode(font_subset(chars))
    font_url = f"{cfg.browser_url}graphkit-test-font.ttf"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
    flags += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            local = ("http://127.0.0.1", "data:", "blob:")
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(local) else r.abort())
            page.route(font_url, lambda r: r.fulfill(body=font, content_type="font/ttf"))
            page.goto(cfg.browser_url, wait_until="networkidle")
            page.add_style_tag(
                content=f'@font-face {{ font-family: "gk-test"; src: url("{font_url}"); }} '
                'text { font-family: "gk-test", sans-serif !important; }'
            )
            page.fill("input[data-testid='boltaddress']", cfg.bolt_uri, timeout=60_000)
            page.fill("input[data-testid='username']", "neo4j")
            page.fill("input[data-testid='password']", password)
            page.click("button[data-testid='connect']")
            page.get_by_text("graphkit：两新组织党建图谱").first.wait_for(timeout=90_000)
            time.sleep(2)  # what else the connect script would show has arrived by now
            frames = page.locator("[data-testid='frame']")
            assert frames.count() == 1  # the guide alone: no style dump, no connect frame
            assert frames.first.inner_text().startswith(f":play {cfg.guide_url}")
            guide_fonts = _guide_fonts(page, tmp_path)
            page.locator("[data-testid='activeEditor']").click()
            page.keyboard.type(
                f"MATCH p = (:Carrier {{id: '{building}'}})<-[:LOCATED_IN]-(:Unit) RETURN p LIMIT 25"
            )
            page.keyboard.press("Enter")
            page.locator("svg g.node").first.wait_for(timeout=60_000)
            time.sleep(5)  # the layout settles
            shot = tmp_path / "building.png"
            page.screenshot(path=str(shot))
            drawn = page.eval_on_selector_all(
                "svg g.node",
                "gs => gs.map(g => [g.querySelector('circle.b-outline').getAttribute('fill'), "
                "Array.from(g.querySelectorAll('text')).map(t => t.textContent).join('')])",
            )
            rel_captions = page.eval_on_selector_all(
                "svg g.relationship text", "ts => ts.map(t => t.textContent)"
            )
        finally:
            browser.close()
    units = drawn[1:] if len(drawn) == 26 else drawn  # the building and up to 25 of its units
    located = net.rel("LOCATED_IN")
    ids = located.loc[located["target"] == building, "source"]
    status = result.coverage["status"].loc[ids]
    expected = {STATUS_COLORS[s] for s in status}
    fills = [fill.lower() for fill, _ in drawn]
    assert len({fill for fill in fills if fill in set(STATUS_COLORS.values())}) >= 2  # colours by status
    assert {fill for fill in fills if fill in set(STATUS_COLORS.values())} <= expected
    captions = [caption for fill, caption in units if fill.lower() in set(STATUS_COLORS.values())]
    assert len(captions) >= 10 and len(set(captions)) == len(captions)  # distinct short captions
    assert not any(c.startswith(("郑州", "河南")) for c in captions)
    assert set(rel_captions) == {"位于"}
    # each slide's text, Chinese included, is drawn with web fonts: the guide's own for the Chinese,
    # none falling back to a system font (which has no Chinese here: a box)
    for number, (fonts, chinese) in enumerate(guide_fonts, start=1):
        assert chinese > 20, number
        assert {f["familyName"] for f in fonts if not f["isCustomFont"]} == set(), number
        assert sum(f["glyphCount"] for f in fonts if f["familyName"] == "Noto Sans SC") >= chinese, number
    from PIL import Image

    pixels = Image.open(shot).convert("RGB").getcolors(1 << 24)
    count = {f"#{r:02x}{g:02x}{b:02x}": n for n, (r, g, b) in pixels}
    assert sum(count.get(c, 0) for c in STATUS_COLORS.values()) > 5000  # no blank canvas
