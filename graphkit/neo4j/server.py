"""A local Neo4j Community server with Browser, assembled from Maven Central.

The server lives in one *home* folder: ``$GRAPHKIT_NEO4J_HOME`` or ``.neo4j/``
in the current directory. It holds ``lib/`` (the jars, copied by Maven from
``services/neo4j/pom.xml``), ``conf/neo4j.conf`` (written on every start),
``data/``, ``logs/``, ``run/graphkit.pid`` and, when the password was generated,
``password`` (mode 0600).

The server listens on 127.0.0.1 only, with authentication on. Ports come from
``GRAPHKIT_NEO4J_BOLT_PORT`` (7687) and ``GRAPHKIT_NEO4J_HTTP_PORT`` (7474);
memory from ``GRAPHKIT_NEO4J_HEAP`` (2g) and ``GRAPHKIT_NEO4J_PAGECACHE`` (2g: the store
of a million units takes about 1.1 GB; the page cache grows only as it is used).
The password is ``NEO4J_PASSWORD`` when set, else generated once and kept in the
password file. Browser runs at ``http://127.0.0.1:7474/browser/`` and opens the
graphkit guide after connecting.

Examples
--------
>>> cfg = ServerConfig.from_env(home="/srv/gk", bolt_port=7687, http_port=7474)
>>> cfg.bolt_uri, cfg.browser_url
('bolt://127.0.0.1:7687', 'http://127.0.0.1:7474/browser/')
>>> cfg.guide_url
'http://127.0.0.1:7474/browser/graphkit/guide.html'

"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from pathlib import Path

from graphkit.exceptions import Neo4jError
from graphkit.fonts import font_chars, font_subset
from graphkit.neo4j.style import grass, grass_json

__all__ = [
    "ServerConfig",
    "ServerStatus",
    "bolt_answers",
    "connect_commands",
    "home_dir",
    "install",
    "local_password",
    "neo4j_admin",
    "start",
    "status",
    "stop",
]

#: Java class that runs the server in the foreground (it forks the server JVM).
SERVER_CLASS = "org.neo4j.server.startup.Neo4jCommand"
#: Java class of ``neo4j-admin``.
ADMIN_CLASS = "org.neo4j.server.startup.Neo4jAdminCommand"
#: Guide files shipped inside the Browser jar, served under ``/browser/graphkit/``.
GUIDE_DIR = Path(__file__).with_name("guide")
_MARK = "-Dgraphkit.neo4j.home="
_JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
]


def home_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The server home: ``home``, else ``$GRAPHKIT_NEO4J_HOME``, else ``./.neo4j``.

    Examples
    --------
    >>> home_dir("/srv/gk").as_posix()
    '/srv/gk'

    """
    raw = home or os.environ.get("GRAPHKIT_NEO4J_HOME") or ".neo4j"
    return Path(raw).expanduser().absolute()


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        msg = f"{name}={raw!r}: expected a port number between 1 and 65535"
        raise Neo4jError(msg)
    return int(raw)


@dataclasses.dataclass(frozen=True)
class ServerConfig:
    """Where a local server lives and how it listens.

    Build it with :meth:`from_env`, which reads the ``GRAPHKIT_NEO4J_*``
    variables described in the module docstring.
    """

    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "2g"
    pagecache: str = "2g"
    host: str = "127.0.0.1"

    @classmethod
    def from_env(
        cls,
        home: str | os.PathLike[str] | None = None,
        *,
        bolt_port: int | None = None,
        http_port: int | None = None,
    ) -> ServerConfig:
        """Configuration from arguments, then environment, then defaults."""
        return cls(
            home=home_dir(home),
            bolt_port=bolt_port or _env_int("GRAPHKIT_NEO4J_BOLT_PORT", 7687),
            http_port=http_port or _env_int("GRAPHKIT_NEO4J_HTTP_PORT", 7474),
            heap=os.environ.get("GRAPHKIT_NEO4J_HEAP", "2g"),
            pagecache=os.environ.get("GRAPHKIT_NEO4J_PAGECACHE", "2g"),
        )

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI drivers connect to."""
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        """Where Neo4j Browser is served."""
        return f"http://{self.host}:{self.http_port}/browser/"

    @property
    def guide_url(self) -> str:
        """Where the graphkit Browser guide is served."""
        return f"{self.browser_url}graphkit/guide.html"

    @property
    def style_url(self) -> str:
        """Where the graphkit Browser style (captions, colours) is served."""
        return f"{self.browser_url}graphkit/style.grass"

    @property
    def lib(self) -> Path:
        """Folder of the server's jars."""
        return self.home / "lib"

    @property
    def pid_file(self) -> Path:
        """File holding the pid of the running server."""
        return self.home / "run" / "graphkit.pid"

    @property
    def password_file(self) -> Path:
        """File holding a generated password (mode 0600)."""
        return self.home / "password"

    @property
    def log_file(self) -> Path:
        """The server's console log of the current run."""
        return self.home / "logs" / "console.log"


@dataclasses.dataclass(frozen=True)
class ServerStatus:
    """What :func:`status` finds; ``str()`` gives the lines ``graphkit neo4j status`` prints."""

    config: ServerConfig
    running: bool
    pid: int | None
    password_source: str

    def __str__(self) -> str:
        cfg = self.config
        state = f"running (pid {self.pid})" if self.running else "stopped"
        return "\n".join(
            [
                f"Neo4j server: {state}",
                f"home:     {cfg.home}",
                f"bolt:     {cfg.bolt_uri}",
                f"browser:  {cfg.browser_url}",
                f"guide:    {cfg.guide_url}",
                "user:     neo4j",
                f"password: {self.password_source}",
            ]
        )


# ---------------------------------------------------------------- checks
def bolt_answers(host: str = "127.0.0.1", port: int = 7687, *, timeout: float = 2.0) -> bool:
    """True when a Bolt server answers the protocol handshake at ``host:port``.

    Examples
    --------
    >>> with socket.socket() as s:  # a port that nothing listens on
    ...     s.bind(("127.0.0.1", 0))
    ...     free = s.getsockname()[1]
    >>> bolt_answers(port=free, timeout=0.5)
    False

    """
    hello = b"\x60\x60\xb0\x17" + b"\x00\x08\x08\x05" + b"\x00\x00\x04\x04" + b"\x00" * 8
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(hello)
            answer = b""
            while len(answer) < 4:
                chunk = sock.recv(4 - len(answer))
                if not chunk:
                    return False
                answer += chunk
    except OSError:
        return False
    return answer != b"\x00\x00\x00\x00"


def _port_in_use(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _require_java() -> str:
    java = shutil.which("java")
    if java is None:
        msg = "Java is not installed: Neo4j 5 needs Java 17 or 21 (apt-get install openjdk-17-jre-headless)"
        raise Neo4jError(msg)
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', out.stderr + out.stdout)
    if found and int(found.group(1)) < 17:
        msg = f"Java {found.group(1)} found at {java}: Neo4j 5 needs Java 17 or 21"
        raise Neo4jError(msg)
    return java


def _pom() -> Path:
    raw = os.environ.get("GRAPHKIT_NEO4J_POM")
    pom = Path(raw) if raw else Path(__file__).resolve().parents[2] / "services" / "neo4j" / "pom.xml"
    if not pom.is_file():
        msg = f"the server's Maven project is not at {pom}; set GRAPHKIT_NEO4J_POM to services/neo4j/pom.xml"
        raise Neo4jError(msg)
    return pom


# ---------------------------------------------------------------- install
def install(
    config: ServerConfig | None = None,
    *,
    quiet: bool = True,
    share_from: str | os.PathLike[str] | None = None,
) -> Path:
    """Copy the server's jars from Maven Central into ``<home>/lib`` (once per pom).

    Maven keeps its downloads in ``~/.m2``, so a second home on the same
    machine installs in seconds without the network; ``share_from`` (another
    home installed from the same pom) skips Maven and hard-links its jars. The
    Browser jar is then rebuilt with the graphkit guide inside (see
    :func:`_install_guide`).

    Returns
    -------
    Path
        The ``lib`` folder.

    Raises
    ------
    Neo4jError
        When Maven is missing or the download fails.

    """
    cfg = config or ServerConfig.from_env()
    pom = _pom()
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()[:16]
    marker = cfg.lib / ".graphkit-installed"
    if not (marker.is_file() and marker.read_text().strip() == digest):
        if share_from is not None and _share_lib(cfg, home_dir(share_from), digest):
            _install_guide(cfg)
            return cfg.lib
        mvn = shutil.which("mvn")
        if mvn is None:
            msg = "Maven is not installed: it fetches the Neo4j server once (Debian: apt-get install maven)"
            raise Neo4jError(msg)
        if cfg.lib.exists():
            shutil.rmtree(cfg.lib)
        cache = cfg.home / "cache"
        if cache.exists():
            shutil.rmtree(cache)
        cfg.lib.mkdir(parents=True)
        cmd = [mvn, "-B", "-f", str(pom), "dependency:copy-dependencies", f"-DoutputDirectory={cfg.lib}"]
        if quiet:
            cmd.insert(1, "-q")
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            msg = f"Maven could not fetch the Neo4j server (exit {done.returncode}):\n{tail}"
            raise Neo4jError(msg)
        marker.write_text(digest + "\n")
    _install_guide(cfg)
    return cfg.lib


def _share_lib(cfg: ServerConfig, other: Path, digest: str) -> bool:
    """Hard-link (else copy) the jars of another home installed from the same pom."""
    source = other / "lib"
    marker = source / ".graphkit-installed"
    if other == cfg.home or not (marker.is_file() and marker.read_text().strip() == digest):
        return False
    for folder in (cfg.lib, cfg.home / "cache"):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(source, cfg.lib, copy_function=_link_or_copy)
    (cfg.home / "cache").mkdir()
    for jar in (other / "cache").glob("*.jar"):  # the unpatched Browser jar
        _link_or_copy(jar, cfg.home / "cache" / jar.name)
    return True


def _link_or_copy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _install_guide(cfg: ServerConfig) -> None:
    """Put the guide, its font and the style into the Browser jar so the server serves them.

    The HTTP server serves Browser from the ``browser/`` folder of the jar on
    its class path; a copy of that jar with ``browser/graphkit/*`` added makes
    the guide a same-origin page at :attr:`ServerConfig.guide_url`. The
    font is the bundled Noto Sans SC cut to the guide's characters
    (:func:`graphkit.fonts.font_subset`), so the guide reads on a machine
    without a Chinese font.
    """
    jars = sorted(cfg.lib.glob("neo4j-browser-*.jar"))
    if not jars:
        return
    jar = jars[0]
    cache = cfg.home / "cache"
    cache.mkdir(exist_ok=True)
    original = cache / jar.name
    if not original.exists():
        shutil.copy2(jar, original)
    guide = _render_guide(cfg)
    files = {
        "guide.html": guide.encode(),
        GUIDE_FONT: base64.b64decode(font_subset(font_chars(guide))),
        "style.grass": grass().encode(),
    }
    digest = hashlib.sha256(b"".join(files.values())).hexdigest()[:16]
    stamp = cache / "guide.sha"
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return
    tmp = jar.with_suffix(".tmp")
    shutil.copy2(original, tmp)
    with zipfile.ZipFile(tmp, "a") as zf:
        for name, data in files.items():
            zf.writestr(f"browser/graphkit/{name}", data)
    tmp.replace(jar)
    stamp.write_text(digest + "\n")


#: The guide's font file, beside the guide in the Browser jar.
GUIDE_FONT = "guide-font.ttf"

#: What each slide of the guide starts with. Browser shows a guide one slide at a time, each
#: from the inner HTML of its ``<slide>`` (only scripts and event handlers are removed), so a
#: style the guide needs stands in every slide: the guide's font, after Browser's own fonts
#: (Latin stays theirs), for the elements that follow it in the slide.
_GUIDE_STYLE = (
    '<style class="gk-font">'
    '@font-face {{ font-family: "graphkit-cjk"; src: url("{url}") format("truetype"); }} '
    ".gk-font ~ *, .gk-font ~ * * "
    '{{ font-family: "Open Sans", "graphkit-cjk", "Helvetica Neue", Arial, sans-serif !important; }} '
    ".gk-font ~ * pre, .gk-font ~ * pre *, .gk-font ~ * code, .gk-font ~ * code * "
    '{{ font-family: "Fira Code", "graphkit-cjk", Monaco, "Courier New", monospace !important; }}'
    "</style>"
)


def _render_guide(cfg: ServerConfig) -> str:
    """The guide as served: Browser's address filled in, and every slide given the guide's font."""
    html = (GUIDE_DIR / "guide.html").read_text(encoding="utf-8")
    style = _GUIDE_STYLE.format(url=f"{cfg.browser_url}graphkit/{GUIDE_FONT}")
    html = re.sub(r"(<slide\b[^>]*>)", lambda m: m.group(1) + "\n" + style, html)
    return html.replace("{{browser_url}}", cfg.browser_url)


def connect_commands(cfg: ServerConfig) -> str:
    """What Browser runs after connecting: the graphkit style, an empty stream, then the guide.

    ``:style`` always shows the whole stylesheet in a frame, and one given by
    URL arrives after the guide (both are fetched), so its frame would stand
    above the guide. Given inline (as JSON, which has no ``;`` to split the
    commands on) the style is applied at once; ``:clear`` then removes its
    frame, and the guide, fetched last, is the only frame on the page.

    Examples
    --------
    >>> cfg = ServerConfig.from_env(home="/srv/gk", bolt_port=7687, http_port=7474)
    >>> cmds = connect_commands(cfg)
    >>> cmds.startswith('style {"node":'), cmds.split("; ")[-2:]
    (True, ['clear', 'play http://127.0.0.1:7474/browser/graphkit/guide.html'])

    """
    return f"style {grass_json()}; clear; play {cfg.guide_url}"


def _write_conf(cfg: ServerConfig) -> Path:
    conf = cfg.home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    for sub in ("data", "logs", "run", "import", "plugins"):
        (cfg.home / sub).mkdir(parents=True, exist_ok=True)
    host = cfg.host
    lines = [
        "# Written by graphkit on every start: edits here are overwritten.",
        f"server.default_listen_address={host}",
        f"server.default_advertised_address={host}",
        f"server.bolt.listen_address={host}:{cfg.bolt_port}",
        f"server.bolt.advertised_address={host}:{cfg.bolt_port}",
        f"server.http.listen_address={host}:{cfg.http_port}",
        f"server.http.advertised_address={host}:{cfg.http_port}",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        f"server.memory.heap.initial_size={cfg.heap}",
        f"server.memory.heap.max_size={cfg.heap}",
        f"server.memory.pagecache.size={cfg.pagecache}",
        "db.tx_log.rotation.retention_policy=2 files",
        f"server.directories.data={cfg.home / 'data'}",
        f"server.directories.logs={cfg.home / 'logs'}",
        f"server.directories.run={cfg.home / 'run'}",
        f"server.directories.import={cfg.home / 'import'}",
        f"server.directories.plugins={cfg.home / 'plugins'}",
        f"browser.post_connect_cmd={connect_commands(cfg)}",
        "client.allow_telemetry=false",
        f"browser.remote_content_hostname_whitelist={host},localhost",
        *(f"server.jvm.additional={flag}" for flag in _JVM_FLAGS),
    ]
    path = conf / "neo4j.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # neo4j-admin reads neo4j-admin.conf when present; it does not know Browser settings
    admin = [line for line in lines if not line.startswith(("browser.", "server.jvm."))]
    (conf / "neo4j-admin.conf").write_text("\n".join(admin) + "\n", encoding="utf-8")
    return path


def _java_env(cfg: ServerConfig) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(cfg.home)
    env["NEO4J_CONF"] = str(cfg.home / "conf")
    env.pop("NEO4J_PASSWORD", None)  # never handed to the JVM
    return env


def neo4j_admin(
    args: list[str], config: ServerConfig | None = None, *, timeout: float = 600, shown: int = 3
) -> subprocess.CompletedProcess[str]:
    """Run ``neo4j-admin ARGS`` against the server home; raise with its output on failure.

    Examples
    --------
    Only the first ``shown`` arguments appear in error messages (secrets come
    after them). The import command for files written by
    :func:`graphkit.neo4j.admin.write_admin_import`::

        neo4j_admin(["database", "import", "full", "neo4j", "--overwrite-destination",
                     "--nodes=...", "--relationships=..."])

    """
    cfg = config or ServerConfig.from_env()
    java = _require_java()
    install(cfg)
    _write_conf(cfg)
    cmd = [java, "-Xmx1g", "-cp", f"{cfg.lib}/*", ADMIN_CLASS, *args]
    done = subprocess.run(
        cmd, capture_output=True, text=True, env=_java_env(cfg), cwd=cfg.home, timeout=timeout, check=False
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        msg = f"neo4j-admin {' '.join(args[:shown])} failed (exit {done.returncode}):\n{tail}"
        raise Neo4jError(msg)
    return done


# --------------------------------------------------------------- password
def local_password(config: ServerConfig | None = None, *, create: bool = False) -> str | None:
    """The password of the local server: ``NEO4J_PASSWORD``, else the password file.

    With ``create=True`` a missing file is created with a new random password
    (mode 0600). Returns None when there is neither.
    """
    env = os.environ.get("NEO4J_PASSWORD")
    if env:
        return env
    cfg = config or ServerConfig.from_env()
    path = cfg.password_file
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(password + "\n")
    return password


def _password_source(cfg: ServerConfig) -> str:
    if os.environ.get("NEO4J_PASSWORD"):
        return "from NEO4J_PASSWORD"
    if cfg.password_file.is_file():
        return f"in {cfg.password_file}"
    return "not set yet (generated on first start)"


# ----------------------------------------------------------------- process
def _our_pid(cfg: ServerConfig) -> int | None:
    """Pid of the server started from this home, when it is alive; else None."""
    try:
        pid = int(cfg.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    mark = f"{_MARK}{cfg.home}".encode()
    cmdline = _cmdline(pid)
    if mark in cmdline and SERVER_CLASS.encode() in cmdline:
        return pid
    # the launcher may be gone while the server JVM it forked (same process group) lives on
    lib = f"{cfg.lib}/*".encode()
    for member in _group_members(pid):
        if any(lib in arg for arg in _cmdline(member)):
            return pid
    return None


def _cmdline(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def _log_tail(cfg: ServerConfig, lines: int = 20) -> str:
    texts = []
    for path in (cfg.log_file, cfg.home / "logs" / "neo4j.log"):
        if path.is_file():
            texts.extend(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    return "\n".join(texts[-lines:])


def status(home: str | os.PathLike[str] | None = None) -> ServerStatus:
    """Whether the server of ``home`` runs, and where to reach it.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     print(status(d).running)
    False

    """
    cfg = _config_of(home)
    pid = _our_pid(cfg)
    return ServerStatus(cfg, pid is not None, pid, _password_source(cfg))


def _config_of(home: str | os.PathLike[str] | None) -> ServerConfig:
    """The config of ``home``, with the ports of its last start when it has one."""
    cfg = ServerConfig.from_env(home)
    conf = cfg.home / "conf" / "neo4j.conf"
    if conf.is_file() and not (
        os.environ.get("GRAPHKIT_NEO4J_BOLT_PORT") or os.environ.get("GRAPHKIT_NEO4J_HTTP_PORT")
    ):
        text = conf.read_text(encoding="utf-8")
        bolt = re.search(r"^server\.bolt\.listen_address=.*:(\d+)$", text, re.M)
        http = re.search(r"^server\.http\.listen_address=.*:(\d+)$", text, re.M)
        cfg = dataclasses.replace(
            cfg,
            bolt_port=int(bolt.group(1)) if bolt else cfg.bolt_port,
            http_port=int(http.group(1)) if http else cfg.http_port,
        )
    return cfg


def start(
    home: str | os.PathLike[str] | None = None,
    *,
    bolt_port: int | None = None,
    http_port: int | None = None,
    timeout: float = 180.0,
) -> tuple[ServerStatus, bool]:
    """Start the local server in the background and wait until Bolt answers.

    Parameters
    ----------
    home
        Server home (default ``$GRAPHKIT_NEO4J_HOME`` or ``./.neo4j``).
    bolt_port, http_port
        Ports on 127.0.0.1 (default from the environment, else 7687 / 7474).
    timeout
        Seconds to wait for the server to answer.

    Returns
    -------
    tuple of (ServerStatus, bool)
        The status and whether this call started it (False: it already ran).

    Raises
    ------
    Neo4jError
        Java or Maven missing, a port taken by another program, or the server
        not answering in time (the message ends with the log's last lines).

    """
    cfg = ServerConfig.from_env(home, bolt_port=bolt_port, http_port=http_port)
    pid = _our_pid(_config_of(home)) if cfg.pid_file.exists() else None
    if pid is not None:
        return status(home), False
    java = _require_java()
    for port in (cfg.bolt_port, cfg.http_port):
        if _port_in_use(cfg.host, port):
            msg = (
                f"port {port} on {cfg.host} is taken by another program (not the server of {cfg.home}); "
                "stop it or choose other ports with GRAPHKIT_NEO4J_BOLT_PORT / GRAPHKIT_NEO4J_HTTP_PORT"
            )
            raise Neo4jError(msg)
    cfg.home.mkdir(parents=True, exist_ok=True)
    install(cfg)
    _write_conf(cfg)
    password = local_password(cfg, create=True)
    assert password is not None
    if len(password) < 8:
        msg = "NEO4J_PASSWORD must have at least 8 characters"
        raise Neo4jError(msg)
    if not (cfg.home / "data" / "databases" / "system").exists():
        neo4j_admin(["dbms", "set-initial-password", password], cfg, shown=2)
    if cfg.log_file.exists():
        cfg.log_file.replace(cfg.log_file.with_suffix(".log.1"))
    cmd = [java, f"{_MARK}{cfg.home}", "-Xmx128m", "-cp", f"{cfg.lib}/*", SERVER_CLASS, "console"]
    # posix_spawn, not Popen: the server outlives this process (no Popen object to warn
    # about it), in its own session so that stop() can signal its whole process group
    pid = os.posix_spawn(
        java,
        cmd,
        _java_env(cfg),
        file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, str(cfg.log_file), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_DUP2, 1, 2),
        ],
        setsid=True,
    )
    cfg.pid_file.write_text(f"{pid}\n")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            cfg.pid_file.unlink(missing_ok=True)
            code = os.waitstatus_to_exitcode(code)
            msg = f"the Neo4j server exited with code {code} while starting:\n{_log_tail(cfg)}"
            raise Neo4jError(msg)
        started = "INFO  Started." in cfg.log_file.read_text(encoding="utf-8", errors="replace")
        if started and bolt_answers(cfg.host, cfg.bolt_port):
            return status(home), True
        time.sleep(0.5)
    stop(home)
    msg = f"the Neo4j server did not answer on {cfg.bolt_uri} within {timeout:.0f} s:\n{_log_tail(cfg)}"
    raise Neo4jError(msg)


def stop(home: str | os.PathLike[str] | None = None, *, timeout: float = 60.0) -> bool:
    """Stop the server started from ``home``; return False when it was not running.

    Only the process recorded in the home's pid file is stopped, and only
    when its command line shows it is that home's server.
    """
    cfg = ServerConfig.from_env(home)
    pid = _our_pid(cfg)
    if pid is None:
        cfg.pid_file.unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive_group(pid):
        time.sleep(0.3)
    if _alive_group(pid):
        os.killpg(pid, signal.SIGKILL)
    cfg.pid_file.unlink(missing_ok=True)
    return True


def _alive_group(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    # a zombie leader (our own child, not reaped) still counts as gone
    try:
        stat = Path(f"/proc/{pgid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            os.waitpid(pgid, os.WNOHANG)
    except (OSError, ChildProcessError, IndexError):
        pass
    return _group_has_live_members(pgid)


def _group_has_live_members(pgid: int) -> bool:
    return bool(_group_members(pgid))


def _group_members(pgid: int) -> list[int]:
    """Pids of the live (not zombie) processes in process group ``pgid``."""
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(proc.name))
    return out
