#!/usr/bin/env python3
"""Throwaway Neo4j Community 5.26 server for tests and local use.

The server is the embedded Neo4j DBMS from Maven Central (tools/neo4j/pom.xml)
with the Bolt connector on 127.0.0.1, run by tools/neo4j/Launcher.java on
Java 17. Needs `java` (17 or 21) and, the first time, `mvn`; stdlib only.

Commands:

    python tools/neo4j_server.py start  [--home DIR] [--port N] [--password-env VAR]
                                        [--timeout S] [--fresh]
    python tools/neo4j_server.py stop   [--home DIR]
    python tools/neo4j_server.py status [--home DIR]
    python tools/neo4j_server.py kill   [--home DIR]
    python tools/neo4j_server.py run    [--home DIR] [--port N] [--password-env VAR]
                                        [--timeout S] -- CMD ARGS...

`start` prints the Bolt URI on stdout (progress goes to stderr). With the
environment variable named by --password-env (default NEO4J_PASSWORD) set and
non-empty, auth is enabled and user `neo4j` gets that password; otherwise auth
is disabled. `--port 0` lets the OS pick a free port.

Importable: start(home, port, password=None, timeout=...) -> uri, stop(home),
kill(home), status(home) -> uri or None.

Files in the home directory: neo4j.pid, neo4j.uri, neo4j.log (the JVM's
stdout/stderr), data/ and logs/ (Neo4j's own). The Maven classpath is cached
in <repo>/.neo4j-test/classpath.txt, keyed by the pom's hash.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NEO4J_DIR = REPO_ROOT / "tools" / "neo4j"
POM = NEO4J_DIR / "pom.xml"
LAUNCHER = NEO4J_DIR / "Launcher.java"
DEFAULT_HOME = REPO_ROOT / ".neo4j-test"
CACHE_DIR = DEFAULT_HOME
CLASSPATH_FILE = CACHE_DIR / "classpath.txt"
CLASSPATH_KEY_FILE = CACHE_DIR / "classpath.key"

DEFAULT_PORT = 7687
DEFAULT_TIMEOUT = 300.0
STOP_TIMEOUT = 60.0
HOST = "127.0.0.1"
USER = "neo4j"

PID_NAME = "neo4j.pid"
URI_NAME = "neo4j.uri"
LOG_NAME = "neo4j.log"

READY_RE = re.compile(r"^READY (bolt://[0-9.]+:(\d+))\s*$", re.MULTILINE)

# Flags Neo4j 5.26 needs on Java 17+ (from its own neo4j.conf), plus a small
# heap and the serial collector: the box has 2 cores and runs tests next to it.
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-XX:+UseSerialGC",
    "-Xms256m",
    "-Xmx1g",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
]
NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED"
# Extra JVM flags, appended last (e.g. NEO4J_SERVER_JAVA_OPTS="-Xmx2g").
EXTRA_OPTS_ENV = "NEO4J_SERVER_JAVA_OPTS"
# Which java to run (default: `java` on PATH).
JAVA_ENV = "NEO4J_SERVER_JAVA"

# Child processes started by this Python process, so they can be reaped.
_children: dict[int, subprocess.Popen] = {}


class Neo4jServerError(RuntimeError):
    """Starting or stopping the server failed."""

    exit_code = 1


class MissingToolError(Neo4jServerError):
    """`java` or `mvn` is not installed."""

    exit_code = 3


def _log(msg: str) -> None:
    print(f"neo4j_server: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Tools: java, mvn, classpath


def _java() -> str:
    java = os.environ.get(JAVA_ENV) or shutil.which("java")
    if not java:
        raise MissingToolError(
            "'java' not found on PATH: install a Java 17 or 21 JDK "
            "(e.g. apt-get install openjdk-17-jdk-headless)"
        )
    return java


def _java_flags(java: str) -> list[str]:
    """Checks the Java version; adds --enable-native-access if the JVM accepts it."""
    for extra in ([NATIVE_ACCESS_FLAG], []):
        proc = subprocess.run(
            [java, *extra, "-XshowSettings:properties", "-version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
        if proc.returncode == 0:
            break
    else:
        raise MissingToolError(f"'{java} -version' failed: install a Java 17 or 21 JDK")
    m = re.search(r"java\.specification\.version = (\d+)", proc.stderr)
    version = int(m.group(1)) if m else 0
    if version < 17:
        raise MissingToolError(
            f"Java {version or '?'} found at {java}; Neo4j 5.26 needs Java 17 or 21 "
            "(e.g. apt-get install openjdk-17-jdk-headless)"
        )
    if version not in (17, 21):
        _log(f"warning: Java {version}; Neo4j 5.26 supports Java 17 and 21 only")
    return [*extra, *JVM_FLAGS, *os.environ.get(EXTRA_OPTS_ENV, "").split()]


def classpath() -> str:
    """The Neo4j classpath, resolved by Maven once and cached by pom hash."""
    key = hashlib.sha256(POM.read_bytes()).hexdigest()
    try:
        if CLASSPATH_KEY_FILE.read_text().strip() == key:
            cp = CLASSPATH_FILE.read_text().strip()
            if cp and all(Path(p).is_file() for p in cp.split(os.pathsep)):
                return cp
    except OSError:
        pass

    mvn = shutil.which("mvn")
    if not mvn:
        raise MissingToolError(
            "'mvn' not found on PATH: install Maven 3 (e.g. apt-get install maven)"
        )
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = CLASSPATH_FILE.with_name(f"classpath.{os.getpid()}.tmp")
    _log("resolving the Neo4j classpath with Maven (downloads into ~/.m2 the first time)...")
    t0 = time.monotonic()
    proc = subprocess.run(
        [mvn, "-B", "-q", "-f", str(POM), "dependency:build-classpath",
         f"-Dmdep.outputFile={tmp}"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        raise Neo4jServerError(f"Maven could not resolve the classpath:\n{tail}")
    os.replace(tmp, CLASSPATH_FILE)
    CLASSPATH_KEY_FILE.write_text(key + "\n")
    _log(f"classpath resolved in {time.monotonic() - t0:.1f} s")
    return CLASSPATH_FILE.read_text().strip()


# --------------------------------------------------------------------------
# Process bookkeeping


def _home(home: str | os.PathLike | None) -> Path:
    return Path(home).resolve() if home else DEFAULT_HOME


def _read_pid(home: Path) -> int | None:
    try:
        return int((home / PID_NAME).read_text().strip())
    except (OSError, ValueError):
        return None


def _reap(pid: int | None = None) -> None:
    """Collects exit statuses of our finished children (all of them if pid is None)."""
    for p in [pid] if pid is not None else list(_children):
        proc = _children.get(p)
        if proc is not None and proc.poll() is not None:
            del _children[p]


def _exists(pid: int) -> bool:
    """True while the process exists and is not a zombie (it may be exiting)."""
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return not Path("/proc/self").exists()  # no procfs: trust kill(0)
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def _alive(pid: int, home: Path) -> bool:
    """True if pid is a live Launcher process for `home` (not a reused pid)."""
    if not _exists(pid):
        return False
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return not Path("/proc/self").exists()  # no procfs: trust kill(0)
    except OSError:
        return False
    if args == [b""]:  # exiting (memory gone, files maybe still held), or a kernel thread
        try:
            return Path(f"/proc/{pid}/comm").read_text().strip() == "java"
        except OSError:
            return False
    return (str(LAUNCHER).encode() in args or any(a.endswith(b"Launcher.java") for a in args)) \
        and str(home).encode() in args


def _running_pid(home: Path) -> int | None:
    _reap()
    pid = _read_pid(home)
    if pid is not None and _alive(pid, home):
        return pid
    return None


def _cleanup(home: Path) -> None:
    for name in (PID_NAME, URI_NAME):
        (home / name).unlink(missing_ok=True)


def _signal(pid: int, sig: int) -> None:
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _exists(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _log_tail(home: Path, n: int = 40) -> str:
    try:
        lines = (home / LOG_NAME).read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-n:]) if lines else "(the log is empty)"


def _port_accepts(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1.0):
            return True
    except OSError:
        return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


# --------------------------------------------------------------------------
# Public API


def status(home: str | os.PathLike | None = None) -> str | None:
    """The Bolt URI if a server runs for `home`, else None."""
    h = _home(home)
    if _running_pid(h) is None:
        return None
    try:
        return (h / URI_NAME).read_text().strip() or None
    except OSError:
        return None  # still starting


def start(
    home: str | os.PathLike | None = None,
    port: int = DEFAULT_PORT,
    password: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    fresh: bool = False,
    tls_dir: str | os.PathLike | None = None,
) -> str:
    """Starts a server for `home` in the background and returns its Bolt URI.

    With `password`, auth is enabled and user `neo4j` has that password;
    without, auth is disabled. `port=0` picks a free port. With `tls_dir` (a
    folder holding private.key and public.crt, see `tls_certificate`), Bolt
    requires TLS and the URI returned is bolt+ssc:// (encrypted, the
    certificate not checked against a CA). Raises Neo4jServerError (after
    killing the JVM) if it is not ready in `timeout` seconds or exits early.
    """
    h = _home(home)
    if not 0 <= int(port) <= 65535:
        raise Neo4jServerError(f"invalid port {port}: use 1-65535, or 0 for a free port")
    pid = _running_pid(h)
    if pid is not None:
        raise Neo4jServerError(
            f"a server already runs for {h} (pid {pid}, {status(h) or 'starting'}); "
            "stop it first or use another --home"
        )
    _cleanup(h)
    if port and not _port_free(port):
        raise Neo4jServerError(
            f"port {port} on {HOST} is already in use; choose another --port or --port 0"
        )
    java = _java()
    flags = _java_flags(java)
    cp = classpath()

    h.mkdir(parents=True, exist_ok=True)
    if fresh:
        for sub in ("data", "logs"):
            shutil.rmtree(h / sub, ignore_errors=True)

    env = dict(os.environ)
    env.pop("NEO4J_PASSWORD", None)
    env.pop("NEO4J_TLS_DIR", None)
    if password:
        env["NEO4J_PASSWORD"] = password
    if tls_dir:
        env["NEO4J_TLS_DIR"] = str(Path(tls_dir).resolve())
    cmd = [java, *flags, "-cp", cp, str(LAUNCHER), str(h), str(port)]
    log_path = h / LOG_NAME
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=h,
            env=env,
            start_new_session=True,  # own session and process group: no Ctrl-C, no SIGHUP
        )
    _children[proc.pid] = proc
    (h / PID_NAME).write_text(f"{proc.pid}\n")
    _log(f"starting Neo4j (pid {proc.pid}, log {log_path})...")

    deadline = t0 + timeout
    uri = None
    failure = None
    try:
        while True:
            if proc.poll() is not None:
                failure = f"the JVM exited early with code {proc.returncode}"
                break
            if uri is None:
                m = READY_RE.search(log_path.read_text(errors="replace"))
                if m:
                    uri, ready_port = m.group(1), int(m.group(2))
            if uri is not None and _port_accepts(ready_port):
                break
            if time.monotonic() > deadline:
                failure = f"not ready after {timeout:.0f} s"
                break
            time.sleep(0.2)
        if failure:
            tail = _log_tail(h)
            _abort(proc, h)
            raise Neo4jServerError(
                f"Neo4j did not start: {failure}. Last lines of {log_path}:\n{tail}"
            )
        if tls_dir:
            uri = uri.replace("bolt://", "bolt+ssc://", 1)
        (h / URI_NAME).write_text(uri + "\n")
    except BaseException:  # also Ctrl-C, or SIGTERM in `run`: leave nothing behind
        _abort(proc, h)
        raise
    _log(f"Neo4j ready at {uri} in {time.monotonic() - t0:.1f} s "
         f"(pid {proc.pid}, auth {'enabled' if password else 'disabled'})")
    return uri


def tls_certificate(folder: str | os.PathLike, days: int = 2) -> Path:
    """A self-signed certificate for 127.0.0.1 in `folder` (private.key,
    public.crt: the names Neo4j looks for), made with `openssl`."""
    f = Path(folder)
    f.mkdir(parents=True, exist_ok=True)
    openssl = shutil.which("openssl")
    if openssl is None:
        raise Neo4jServerError("openssl is not installed (Debian: apt-get install -y openssl)")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", str(days),
         "-keyout", str(f / "private.key"), "-out", str(f / "public.crt"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return f


def _abort(proc: subprocess.Popen, home: Path) -> None:
    if proc.poll() is None:
        _signal(proc.pid, signal.SIGKILL)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
    _children.pop(proc.pid, None)
    _cleanup(home)


def stop(home: str | os.PathLike | None = None, timeout: float = STOP_TIMEOUT) -> bool:
    """SIGTERM, then SIGKILL after `timeout` s. Returns False if nothing was running."""
    h = _home(home)
    pid = _running_pid(h)
    if pid is None:
        _cleanup(h)
        return False
    _signal(pid, signal.SIGTERM)
    if not _wait_gone(pid, timeout):
        _log(f"pid {pid} did not stop within {timeout:.0f} s; sending SIGKILL")
        _signal(pid, signal.SIGKILL)
        _wait_gone(pid, 10)
    _cleanup(h)
    return True


def kill(home: str | os.PathLike | None = None) -> bool:
    """SIGKILL at once (fault tests). Returns False if nothing was running."""
    h = _home(home)
    pid = _running_pid(h)
    if pid is None:
        _cleanup(h)
        return False
    _signal(pid, signal.SIGKILL)
    _wait_gone(pid, 10)
    _cleanup(h)
    return True


# --------------------------------------------------------------------------
# CLI


def _password_from_env(var: str) -> str | None:
    return os.environ.get(var) or None


def _cmd_start(args: argparse.Namespace) -> int:
    tls_dir = None
    if args.tls:
        tls_dir = tls_certificate(_home(args.home) / "certificates" / "bolt")
    uri = start(args.home, args.port, _password_from_env(args.password_env),
                args.timeout, fresh=args.fresh, tls_dir=tls_dir)
    print(uri, flush=True)
    return 0


def _cmd_stop(args: argparse.Namespace) -> int:
    h = _home(args.home)
    _log(f"stopped the server for {h}" if stop(h) else f"no server running for {h}")
    return 0


def _cmd_kill(args: argparse.Namespace) -> int:
    h = _home(args.home)
    _log(f"killed the server for {h}" if kill(h) else f"no server running for {h}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    h = _home(args.home)
    pid = _running_pid(h)
    if pid is None:
        print(f"not running ({h})")
        return 1
    print(f"running: pid {pid}, {status(h) or 'starting'} ({h})")
    return 0


class _Terminated(Exception):
    pass


def _on_sigterm(signum, frame):
    raise _Terminated()


def _cmd_run(args: argparse.Namespace) -> int:
    cmd = list(args.cmd)
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        raise Neo4jServerError("run: no command given (usage: run [options] -- CMD ARGS...)")
    h = _home(args.home)
    old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    old_int = signal.getsignal(signal.SIGINT)
    pid = _running_pid(h)
    if pid is not None:  # never stop a server that this command did not start
        raise Neo4jServerError(
            f"a server already runs for {h} (pid {pid}); stop it first or use another --home"
        )
    child = None
    try:
        uri = start(h, args.port, _password_from_env(args.password_env),
                    args.timeout, fresh=True)
        env = dict(os.environ, NEO4J_URI=uri, NEO4J_USER=USER)
        child = subprocess.Popen(cmd, env=env)
        try:
            rc = child.wait()
        except KeyboardInterrupt:  # the child got the Ctrl-C too
            try:
                rc = child.wait(30)
            except subprocess.TimeoutExpired:
                child.kill()
                rc = child.wait()
        return rc if rc >= 0 else 128 - rc
    except (KeyboardInterrupt, _Terminated) as e:
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return 143 if isinstance(e, _Terminated) else 130
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            stop(h)
        finally:
            signal.signal(signal.SIGTERM, old_term)
            signal.signal(signal.SIGINT, old_int)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="neo4j_server.py",
        description="Throwaway Neo4j Community 5.26 server (Bolt on 127.0.0.1) for tests.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add_home(p):
        p.add_argument("--home", help=f"server directory (default: {DEFAULT_HOME})")

    def add_start_opts(p):
        add_home(p)
        p.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"Bolt port (default {DEFAULT_PORT}; 0 picks a free port)")
        p.add_argument("--password-env", default="NEO4J_PASSWORD", metavar="VAR",
                       help="environment variable holding the neo4j user's password; "
                            "unset or empty disables auth (default NEO4J_PASSWORD)")
        p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                       help=f"seconds to wait until ready (default {DEFAULT_TIMEOUT:.0f})")

    p = sub.add_parser("start", help="start a server in the background and print its Bolt URI")
    add_start_opts(p)
    p.add_argument("--fresh", action="store_true", help="wipe the data directory first")
    p.add_argument("--tls", action="store_true",
                   help="require TLS on Bolt, with a self-signed certificate made here (bolt+ssc://)")
    p.set_defaults(func=_cmd_start)

    p = sub.add_parser("stop", help="stop the server (SIGTERM, SIGKILL after 60 s)")
    add_home(p)
    p.set_defaults(func=_cmd_stop)

    p = sub.add_parser("status", help="tell whether the server runs (exit 0) or not (exit 1)")
    add_home(p)
    p.set_defaults(func=_cmd_status)

    p = sub.add_parser("kill", help="SIGKILL the server at once")
    add_home(p)
    p.set_defaults(func=_cmd_kill)

    p = sub.add_parser("run", help="start a fresh server, run CMD with NEO4J_URI/NEO4J_USER "
                                   "set, stop the server; exit with CMD's code")
    add_start_opts(p)
    p.add_argument("cmd", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    p.set_defaults(func=_cmd_run)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Neo4jServerError as e:
        print(f"neo4j_server: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
