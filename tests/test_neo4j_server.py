"""The local server's management: homes, ports, passwords, pid checks, clear errors, the guide."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import urllib.request

import pytest
from conftest import neo4j_unavailable

from graphkit import Neo4jError
from graphkit.cli import main
from graphkit.neo4j import server


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
    with urllib.request.urlopen(cfg.style_url, timeout=10) as resp:
        assert 'caption: "{name}";' in resp.read().decode("utf-8")
    conf = (cfg.home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    assert f"browser.post_connect_cmd=style {cfg.style_url}; play {cfg.guide_url}" in conf
    assert "server.default_listen_address=127.0.0.1" in conf


@pytest.mark.neo4j
@pytest.mark.browser
def test_browser_connects_and_opens_the_guide_with_the_style(local_server):
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright-python (the dev extra)")
    password = server.local_password(local_server.config)
    flags = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
    flags += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        try:
            page = browser.new_page()
            local = ("http://127.0.0.1", "data:", "blob:")
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(local) else r.abort())
            page.goto(local_server.config.browser_url, wait_until="networkidle")
            page.fill("input[data-testid='boltaddress']", local_server.config.bolt_uri, timeout=60_000)
            page.fill("input[data-testid='username']", "neo4j")
            page.fill("input[data-testid='password']", password)
            page.click("button[data-testid='connect']")
            page.get_by_text("graphkit：两新组织党建图谱").first.wait_for(timeout=90_000)
            page.get_by_text(f":style {local_server.config.style_url}").first.wait_for(timeout=30_000)
        finally:
            browser.close()
