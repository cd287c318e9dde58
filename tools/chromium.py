"""Headless Chromium driven through the DevTools protocol on a pipe, for the browser tests
(tests/test_export_html_map.py) and the map benchmark (bench/map.py).

No network at all (a proxy on a closed port, no host name resolves), a new empty profile per
browser, no download: Debian's ``chromium`` package (tools/install-test-deps.sh installs it).
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM_FLAGS", "Chromium", "ChromiumError", "Unanswered", "find_chromium"]

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--mute-audio",
    # No network at all: a proxy on a closed port, and no host name resolves.
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def find_chromium() -> str | None:
    """The Chromium executable on PATH, or None."""
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)


class ChromiumError(AssertionError):
    """Chromium refused a command (an AssertionError: in a test it is a failure)."""


class Unanswered(ChromiumError):
    """Chromium did not answer in time (its page is busy, e.g. with a long layout)."""


class Chromium:
    """Headless Chromium driven through the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, executable: str, profile: Path, log: Path) -> None:
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the browser's ends above 3 and 4, so that putting them there cannot clobber them.
        high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 30)
        high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 30)
        os.close(to_browser_r)
        os.close(from_browser_w)
        command = [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]
        # A tiny Python trampoline puts them on fds 3 and 4, then becomes the browser.
        trampoline = "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); os.execv(sys.argv[3], sys.argv[3:])"
        with open(log, "wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-c", trampoline, str(high_r), str(high_w), *command],
                pass_fds=(high_r, high_w),
                stdin=subprocess.DEVNULL,
                stdout=err,
                stderr=err,
            )
        os.close(high_r)
        os.close(high_w)
        self._out = to_browser_w
        self._in = from_browser_r
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, queue.Queue] = {}
        self.events: list[dict[str, Any]] = []
        self.dialogs: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        box = self._replies.get(message["id"])
                    if box is not None:
                        box.put(message)
                    continue
                self.events.append(message)
                if message.get("method") == "Page.javascriptDialogOpening":  # alert(): record, dismiss
                    self.dialogs.append(message["params"])
                    self._post("Page.handleJavaScriptDialog", {"accept": False}, message.get("sessionId"))

    def _post(self, method: str, params: dict | None, session: str | None) -> int:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            self._replies[message_id] = queue.Queue()
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._out, data) :]
        return message_id

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        message_id = self._post(method, params, session)
        try:
            reply = self._replies[message_id].get(timeout=timeout)
        except queue.Empty:
            raise Unanswered(f"Chromium did not answer {method} within {timeout} s") from None
        finally:
            with self._lock:
                self._replies.pop(message_id, None)
        if "error" in reply:
            raise ChromiumError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("Browser.close", timeout=10)
            except (ChromiumError, OSError):
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self._out)
        os.close(self._in)
