"""The HTML map: one file that works with no network, the method's legend, data that stays text,
focus, a 2,000-element territory — and the same file opened in a real (headless) Chromium.

The browser tests drive Debian's ``chromium`` through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: JSON messages on file descriptors 3 and 4), with the standard
library only — no Selenium, no chromedriver, no websocket package. Networking is disabled
(proxy to a closed port, every host name unresolvable) and every request the page makes is
recorded: the test fails on any that is not the file itself. Without Chromium those tests skip
and say how to install it (``apt-get install -y chromium``).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import IN_CI

from ecosystem import i18n
from ecosystem.demo import demo_batch
from ecosystem.export.html_map import (
    VIS_NETWORK_VERSION,
    ExportError,
    UnknownFocusError,
    json_for_html,
    map_data,
    neighbourhood,
    write_map,
)
from ecosystem.graph import build_graph
from ecosystem.model import Batch, Link, LinkType, actor, chantier, resource
from ecosystem.store import EmbeddedStore

T = "CC du Pays de Saint-Aulaye"
C1B = "Développer des actions à destination des jeunes (3 à 14 ans)"
HOSTILE = "<script>alert(1)</script> \"quotes\" </script><img src=x onerror=alert(2)> & 'apostrophe'"
LEGEND_FR = (
    "Trait plein : la ressource est déjà opérante",
    "Trait pointillé : on connaît la ressource mais on n'a pas encore de lien avec",
    "Absence de trait : pas de lien entre le chantier et la ressource",
)
LEGEND_EN = (
    "Solid line: the resource is already operating",
    "Dotted line: the resource is known but there is no link with it yet",
    "No line: no link between the workstream and the resource",
)
DATA_BLOCK = re.compile(r'<script type="application/json" id="ecosystem-data">(.*?)</script>', re.S)


def read_store_graph(tmp_path: Path, batch: Batch):
    """Write ``batch`` into a real embedded store and read the territory back, as the CLI does."""
    store = EmbeddedStore(tmp_path / "ecosystem.db")
    try:
        store.write(batch)
        return store.read_territory(T)
    finally:
        store.close()


def demo_with_a_hostile_actor() -> Batch:
    """The method's example, plus an actor whose name is an attack on the page."""
    return demo_batch(T).add(Link(LinkType.OPERATIONAL, chantier(C1B, T, code="1.b"), actor(HOSTILE, T)))


@pytest.fixture
def demo_graph(tmp_path: Path):
    return read_store_graph(tmp_path, demo_with_a_hostile_actor())


def embedded(page: str) -> dict[str, Any]:
    (block,) = DATA_BLOCK.findall(page)
    return json.loads(block)


def uid(graph, name: str) -> str:
    (found,) = [n for n, d in graph.nodes(data=True) if d["name"] == name or d.get("code") == name]
    return found


# --- the file ----------------------------------------------------------------------------------


def test_the_map_is_one_file_that_loads_nothing_from_outside(demo_graph, tmp_path):
    written = write_map(demo_graph, tmp_path / "exports" / "carte.html")
    assert written == tmp_path / "exports" / "carte.html" and written.is_file()
    assert sorted(p.name for p in written.parent.iterdir()) == ["carte.html"]  # no temporary file left
    page = written.read_text(encoding="utf-8")
    # Nothing to fetch: no src/href at all in tags, no URL in src/href/url(), no CDN, no import.
    assert not re.search(r"<(?:script|link|img|iframe|source|embed|object|audio|video)\b[^>]*\b(?:src|href|data)\s*=", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "cdn" not in page and not re.search(r"(?i)//[\w.-]*cdn", page)
    assert "@import" not in page and "sourceMappingURL" not in page
    assert "bootstrap" not in page.lower()
    # vis-network is inlined, once, with the page's own script and the data block.
    assert f"@version {VIS_NETWORK_VERSION}" in page
    assert len(re.findall(r"<script\b", page, re.I)) == 3
    assert len(re.findall(r"</script", page, re.I)) == 3


def test_a_folder_gets_a_file_named_after_the_territory_and_an_existing_map_is_replaced(demo_graph, tmp_path):
    first = write_map(demo_graph, tmp_path)
    assert first == tmp_path / "carte-cc-du-pays-de-saint-aulaye.html"
    focused = write_map(demo_graph, tmp_path, focus="1.b")
    assert focused == tmp_path / "carte-cc-du-pays-de-saint-aulaye-1-b.html"
    first.write_text("old", encoding="utf-8")
    assert write_map(demo_graph, tmp_path) == first and "vis-network" in first.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert write_map(demo_graph, tmp_path, language="en").name == "map-cc-du-pays-de-saint-aulaye.html"


def test_an_unwritable_place_is_a_clear_error_and_leaves_nothing(demo_graph, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        write_map(demo_graph, blocker / "carte.html")
    assert "Impossible d'écrire la carte" in str(caught.value) and "--out" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "ecosystem.db"]


def test_the_legend_reproduces_the_method_in_french_by_default_and_english_on_request(demo_graph, tmp_path):
    page = write_map(demo_graph, tmp_path / "fr.html").read_text(encoding="utf-8")
    legend_text = [item["text"] for section in embedded(page)["legend"] for item in section["items"]]
    for sentence in LEGEND_FR:
        assert sentence in legend_text
    data = embedded(page)
    assert data["lang"] == "fr" and '<html lang="fr">' in page
    assert data["title"] == f"Carte de l'écosystème — {T}"
    assert re.search(r"carte exportée le \d\d/\d\d/\d{4}", data["subtitle"])

    english = embedded(write_map(demo_graph, tmp_path / "en.html", language="en").read_text(encoding="utf-8"))
    english_text = [item["text"] for section in english["legend"] for item in section["items"]]
    for sentence in LEGEND_EN:
        assert sentence in english_text
    assert english["title"] == f"Ecosystem map — {T}"
    assert any("feasibility" in n["title"] for n in english["nodes"])  # the analyses speak English too
    assert i18n.get_language() == "fr"  # and the process language is left as it was


def test_links_are_drawn_as_the_method_says(demo_graph):
    data = map_data(demo_graph)
    by_type: dict[str, list[dict]] = {}
    for edge in data["edges"]:
        by_type.setdefault(edge["type"], []).append(edge)
    assert len(by_type["KNOWN_UNLINKED"]) == 9
    assert all(edge["dashes"] for edge in by_type["KNOWN_UNLINKED"])  # trait pointillé
    assert not any(edge["dashes"] for edge in by_type["OPERATIONAL"])  # trait plein
    assert "ABSENT" not in by_type  # absence de trait
    governance = by_type["PILOTS"] + by_type["ASSOCIATED_WITH"]
    assert all(edge["arrows"]["to"]["enabled"] and edge["label"] for edge in governance)
    assert {edge["color"]["color"] for edge in governance}.isdisjoint({edge["color"]["color"] for edge in by_type["OPERATIONAL"]})
    thin = by_type["ANSWERS"] + by_type["PROVIDES"]
    assert {edge["width"] for edge in thin} == {1} and len({edge["color"]["color"] for edge in thin}) == 1
    # Edge tooltips say what the line means, with the note recorded on the link.
    caf = [e for e in by_type["KNOWN_UNLINKED"] if "CAF" in e["title"]]
    assert caf and "La CAF est connue mais pas encore reliée" in caf[0]["title"]
    assert data["options"]["physics"] == {"enabled": False}


def test_show_absent_adds_the_absent_links_faint_and_labelled_missing(demo_graph):
    shown = [e for e in map_data(demo_graph, show_absent=True)["edges"] if e["type"] == "ABSENT"]
    assert len(shown) == 1
    (edge,) = shown
    assert edge["label"] == "manquant" and edge["width"] < 2 and "0.45" in edge["color"]["color"]
    assert edge["to"] == uid(demo_graph, "Contribution en compétences et/ou en matériel (conseillers numériques, bénévoles experts, robots…)")
    assert len(map_data(demo_graph, show_absent=True)["edges"]) == len(map_data(demo_graph)["edges"]) + 1


def test_nodes_carry_positions_kind_styles_sizes_and_the_analysis_sentences(demo_graph):
    data = map_data(demo_graph)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(demo_graph.nodes)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())
    shapes = {n["kind"]: n["shape"] for n in nodes.values()}
    assert shapes == {"Enjeu": "star", "Chantier": "square", "Actor": "dot", "Resource": "diamond"}
    colours = {n["category"]: n["color"]["background"] for n in nodes.values() if n["kind"] == "Resource"}
    assert len(set(colours.values())) == len(colours) == 3  # intervenant, matériel, financement
    c1a, c1b = nodes[uid(demo_graph, "1.a")], nodes[uid(demo_graph, "1.b")]
    # 1.a has no intervenant nor financement at all; 1.b only has resources still to activate.
    assert c1a["alert"] == "missing" and c1a["borderWidth"] > nodes[uid(demo_graph, "CAF")]["borderWidth"]
    assert c1b["alert"] == "to_activate" and c1b["shapeProperties"]["borderDashes"]
    assert "faisabilité 17/100" in c1a["title"] and "n'a aucun intervenant" in c1a["title"]
    assert "faisabilité" in c1b["title"] and "à activer" in c1b["title"]
    enjeu = next(n for n in nodes.values() if n["kind"] == "Enjeu")
    assert enjeu["label"].startswith("1 — ") and "porté par 2 chantier(s)" in enjeu["title"]
    # Bigger when more central: the communauté de communes pilots both chantiers.
    assert nodes[uid(demo_graph, "Communauté de communes")]["size"] > nodes[uid(demo_graph, "CAF")]["size"]
    # Long names are shortened on the map, whole in the tooltip.
    assert len(c1a["label"]) <= 80 and c1a["name"] in c1a["title"]


def test_a_single_point_of_failure_is_highlighted(tmp_path):
    c2a = chantier("Former les aidants numériques", T, code="2.a")
    departement = actor("Département", T)
    fonds = resource("Fonds départemental d'inclusion numérique", T, "financement")
    graph = read_store_graph(
        tmp_path,
        Batch([Link(LinkType.PROVIDES, departement, fonds), Link(LinkType.OPERATIONAL, c2a, fonds), Link(LinkType.PILOTS, actor("Commune", T), c2a)]),
    )
    nodes = {n["id"]: n for n in map_data(graph)["nodes"]}
    fragile = nodes[uid(graph, "Département")]
    assert fragile["alert"] == "fragile" and fragile["borderWidth"] >= 6
    assert "fragilité" in fragile["title"]
    assert nodes[uid(graph, "Commune")]["alert"] is None


def test_hostile_names_stay_json_escaped_text(demo_graph, tmp_path):
    page = write_map(demo_graph, tmp_path / "carte.html", title=HOSTILE).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page and "alert(1)</script>" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\\"quotes\\\" \\u003c/script\\u003e" in page
    assert "\\u0026 'apostrophe'" in page
    data = embedded(page)  # ...and reads back exactly
    assert data["title"] == HOSTILE
    hostile = next(n for n in data["nodes"] if n["name"] == HOSTILE)
    assert hostile["label"].startswith("<script>alert(1)</script>") and hostile["title"].startswith(HOSTILE)


def test_json_for_html_escapes_what_could_end_a_script_block():
    text = json_for_html({"a": "</script><!-- & \u2028 \\u003c"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028 \\u003c"}


def test_focus_keeps_only_the_neighbourhood(demo_graph, tmp_path):
    data = map_data(demo_graph, focus="1.a")
    names = {n["name"] for n in data["nodes"]}
    assert names == {
        "1.a — Faciliter l'accès aux services numériques, faciliter les déplacements pour avoir accès aux services centralisés",
        "1 — Comment renforcer l'attractivité du territoire grâce au numérique ?",
        "Communauté de communes",
        "Région Nouvelle-Aquitaine",
        "Centres sociaux / Espaces de vie sociale",
        "France Services",
        "Bénévoles et associations locales",
        "Matériels reconditionnés",
    }
    kept = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in kept and e["to"] in kept for e in data["edges"])
    assert data["focus"]["initial"] == uid(demo_graph, "1.a") and "zoom sur 1.a" in data["subtitle"]
    # By name too, without accents or case; an enjeu brings its chantiers and their resources.
    assert {n["id"] for n in map_data(demo_graph, focus="développer des actions a destination des jeunes (3 a 14 ans)")["nodes"]} == neighbourhood(demo_graph, uid(demo_graph, "1.b"))
    c1b = {n["name"] for n in map_data(demo_graph, focus="1.b")["nodes"]}
    assert {"CAF", "Grand Périgueux", HOSTILE} <= c1b and "France Services" not in c1b  # providers kept
    whole = map_data(demo_graph, focus="1")
    assert len(whole["nodes"]) == demo_graph.number_of_nodes() - 1  # all but the ABSENT resource
    written = write_map(demo_graph, tmp_path / "focus.html", focus="1.a")
    assert len(embedded(written.read_text(encoding="utf-8"))["nodes"]) == 8


def test_the_page_can_focus_on_every_chantier_and_enjeu(demo_graph):
    data = map_data(demo_graph)
    choices = {c["id"]: c for c in data["focus"]["choices"]}
    assert set(choices) == {uid(demo_graph, "1"), uid(demo_graph, "1.a"), uid(demo_graph, "1.b")}
    ids = [n["id"] for n in data["nodes"]]
    for chosen, choice in choices.items():
        assert {ids[i] for i in choice["members"]} == neighbourhood(demo_graph, chosen)
    assert data["focus"]["choices"][0]["label"].startswith("Enjeu 1 — ")


def test_an_unknown_focus_names_what_exists(demo_graph):
    with pytest.raises(UnknownFocusError) as caught:
        map_data(demo_graph, focus="9.z")
    assert "« 9.z » n'est ni un chantier ni un enjeu" in str(caught.value)
    assert "1.a" in str(caught.value) and "1.b" in str(caught.value)


def test_the_same_data_gives_the_same_map(demo_graph):
    first, second = map_data(demo_graph), map_data(demo_graph)
    assert first == second


# --- a large territory ------------------------------------------------------------------------


def big_graph(total: int = 2000, seed: int = 7):
    """A generated territory: 10 enjeux, 60 chantiers, resources and many actors (lieux)."""
    rng = random.Random(seed)
    key = "grand-territoire"
    nodes: list[tuple[str, dict, list[str]]] = []
    links: list[tuple[str, str, str, dict]] = []

    def add(kind: str, name: str, **attrs: Any) -> str:
        node_uid = f"{kind.lower()}:{key}:{len(nodes)}"
        nodes.append((node_uid, {"uid": node_uid, "kind": kind, "name": name, "key": name.lower(), **attrs}, [key]))
        return node_uid

    enjeux = [add("Enjeu", f"Enjeu {i}", code=str(i)) for i in range(10)]
    chantiers = [add("Chantier", f"{i}.x — Chantier {i}", code=f"{i}.x") for i in range(60)]
    categories = ["partenaire", "intervenant", "materiel", "financement", "lieu", "autre"]
    resources = [add("Resource", f"Ressource {i}", category=categories[i % 6]) for i in range(240)]
    actors = [add("Actor", f"Lieu de médiation {i}") for i in range(total - len(nodes))]
    for i, c in enumerate(chantiers):
        links.append((c, enjeux[i % 10], "ANSWERS", {}))
        links.append((actors[i % 40], c, "PILOTS", {}))
        if i % 3 == 0:
            links.append((actors[(i * 7) % 40], c, "OPERATES", {}))
    for r in resources:
        links.append((rng.choice(actors[:300]), r, "PROVIDES", {}))
        links.append((rng.choice(chantiers), r, rng.choice(["OPERATIONAL", "KNOWN_UNLINKED", "ABSENT"]), {}))
    for a in actors[40:]:
        for c in rng.sample(chantiers, rng.choice([0, 1, 1, 2, 3])):
            links.append((c, a, rng.choice(["OPERATIONAL", "KNOWN_UNLINKED", "KNOWN_UNLINKED"]), {}))
    return build_graph(key, "Grand territoire", nodes, links)


def test_a_2000_element_territory_writes_quickly_into_a_reasonable_file(tmp_path):
    graph = big_graph()
    assert graph.number_of_nodes() == 2000
    started = time.perf_counter()
    written = write_map(graph, tmp_path / "big.html")
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"2,000 elements took {elapsed:.1f} s"  # about 6 s here; generous: benchmarks measure
    page = written.read_text(encoding="utf-8")
    data = embedded(page)
    assert len(data["nodes"]) == 2000 and len(data["edges"]) > 2500
    assert written.stat().st_size < 4_000_000
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == 2000  # nobody stacked on anybody


# --- in a real browser --------------------------------------------------------------------------

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not IN_CI,  # in CI a missing browser fails (see the chromium fixture)
    reason="browser tests skipped: Chromium is not installed. To run them: apt-get install -y chromium (Debian's package; nothing else is downloaded)",
)
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
            raise AssertionError(f"Chromium did not answer {method} within {timeout} s") from None
        finally:
            with self._lock:
                self._replies.pop(message_id, None)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("Browser.close", timeout=10)
            except (AssertionError, OSError):
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self._out)
        os.close(self._in)


class Page:
    """One tab showing ``url``, with what it logged and requested."""

    def __init__(self, browser: Chromium, url: str, width: int = 1600, height: int = 900) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.send("Page.navigate", {"url": url})
        self.wait_for_event("Page.loadEventFired")

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def my_events(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in list(self.browser.events) if e.get("sessionId") == self.session and e["method"] == method]

    def wait_for_event(self, method: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.my_events(method):
            assert time.monotonic() < deadline, f"no {method} within {timeout} s"
            time.sleep(0.05)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            assert time.monotonic() < deadline, f"{expression!r} still false after {timeout} s"
            time.sleep(0.1)

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, error log entries."""
        found = [f"exception: {e['exceptionDetails']}" for e in self.my_events("Runtime.exceptionThrown")]
        for call in self.my_events("Runtime.consoleAPICalled"):
            if call["type"] in ("error", "assert", "warning"):
                found.append(f"console.{call['type']}: {[a.get('value', a.get('description')) for a in call['args']]}")
        found += [f"log: {e['entry']}" for e in self.my_events("Log.entryAdded") if e["entry"]["level"] in ("error", "warning")]
        return found

    def requests(self) -> list[str]:
        return [e["request"]["url"] for e in self.my_events("Network.requestWillBeSent")]

    def screenshot(self, path: Path) -> Path:
        """Save a screenshot at ``path`` and keep a copy in test-artifacts/ (git-ignored) to look at."""
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        path.write_bytes(data)
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / path.name).write_bytes(data)
        return path

    def move_mouse(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("browser tests must run in CI, but Chromium is not installed: tools/install-test-deps.sh installs it")
        pytest.skip(needs_chromium.kwargs["reason"])
    folder = tmp_path_factory.mktemp("chromium")
    log = folder / "chromium.log"
    browser = Chromium(CHROMIUM, folder / "profile", log)  # a new, empty profile
    try:
        browser.send("Browser.getVersion", timeout=60)
    except (AssertionError, OSError) as e:
        browser.close()
        pytest.fail(f"Chromium ({CHROMIUM}) did not start: {e}\n{log.read_text(errors='replace')[-2000:]}")
    yield browser
    browser.close()


def open_map(chromium: Chromium, path: Path, **size: int) -> Page:
    page = Page(chromium, path.resolve().as_uri(), **size)
    page.wait_until("window.ecosystemMap !== undefined && window.ecosystemMap.ready === true")
    return page


def only_the_file_was_read(page: Page, path: Path) -> None:
    requested = page.requests()
    assert requested and all(url == path.resolve().as_uri() for url in requested), requested


@needs_chromium
def test_in_a_browser_the_map_draws_offline_with_the_legend_and_dashed_links(chromium, demo_graph, tmp_path):
    path = write_map(demo_graph, tmp_path / "carte.html", title=HOSTILE)
    data = embedded(path.read_text(encoding="utf-8"))
    page = open_map(chromium, path)
    drawn = page.evaluate(
        """(() => { const m = window.ecosystemMap;
            return { nodes: m.nodes.length, edges: m.edges.length,
                     onCanvas: Object.keys(m.network.getPositions()).length,
                     dashed: m.edges.get({filter: e => e.type === 'KNOWN_UNLINKED'})
                              .map(e => m.network.body.edges[e.id].options.dashes),
                     solid: m.edges.get({filter: e => e.type === 'OPERATIONAL'})
                              .map(e => m.network.body.edges[e.id].options.dashes) }; })()"""
    )
    assert drawn["nodes"] == drawn["onCanvas"] == len(data["nodes"]) == demo_graph.number_of_nodes()
    assert drawn["edges"] == len(data["edges"])
    assert len(drawn["dashed"]) == 9 and all(drawn["dashed"])
    assert drawn["solid"] and not any(drawn["solid"])

    legend = page.evaluate(
        """(() => { const el = document.getElementById('legend'); const r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return { width: r.width, height: r.height, left: r.left, right: r.right, top: r.top,
                     visible: style.visibility === 'visible' && style.display !== 'none',
                     open: document.getElementById('legend-details').open, text: el.innerText }; })()"""
    )
    assert legend["visible"] and legend["open"] and legend["width"] > 200 and legend["height"] > 300
    assert legend["right"] <= 1600 and legend["top"] < 900
    for sentence in LEGEND_FR:
        assert sentence in legend["text"]

    # Names are text: the title shows the hostile string as typed, nothing ran, no element appeared.
    assert page.evaluate("document.getElementById('map-title').textContent") == HOSTILE
    assert page.evaluate("document.title") == HOSTILE
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("document.images.length") == 0
    hostile = next(n["id"] for n in data["nodes"] if n["name"] == HOSTILE)
    point = page.evaluate(
        f"""(() => {{ const m = window.ecosystemMap; const id = {json.dumps(hostile)};
            m.network.moveTo({{position: m.network.getPosition(id), scale: 1}});
            const p = m.network.canvasToDOM(m.network.getPosition(id));
            const r = document.getElementById('map').getBoundingClientRect();
            return {{x: r.left + p.x, y: r.top + p.y}}; }})()"""
    )
    page.move_mouse(point["x"] - 30, point["y"] - 30)
    page.move_mouse(point["x"], point["y"])
    page.wait_until("(() => { const t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility === 'visible'; })()", timeout=10)
    tooltip = page.evaluate(
        """(() => { const t = document.querySelector('div.vis-tooltip');
            return {text: t.innerText, elements: Array.from(t.querySelectorAll('*')).map(e => e.tagName)}; })()"""
    )
    # innerText turns the line breaks into <br>: the only elements in the tooltip.
    assert tooltip["text"].startswith(HOSTILE) and set(tooltip["elements"]) == {"BR"}
    assert "Acteur" in tooltip["text"]

    assert chromium.dialogs == []  # no alert() ever opened
    assert page.problems() == []
    only_the_file_was_read(page, path)
    page.evaluate("window.ecosystemMap.network.fit()")
    corner = page.evaluate("(() => { const r = document.getElementById('map').getBoundingClientRect(); return {x: r.right - 4, y: r.bottom - 4}; })()")
    page.move_mouse(corner["x"], corner["y"])  # off the nodes: the tooltip goes away
    shot = page.screenshot(tmp_path / "carte.png")
    assert shot.stat().st_size > 20_000


@needs_chromium
def test_in_a_browser_the_focus_selector_and_the_search_field_work(chromium, demo_graph, tmp_path):
    path = write_map(demo_graph, tmp_path / "carte.html", show_absent=True)
    data = embedded(path.read_text(encoding="utf-8"))
    page = open_map(chromium, path, width=1280, height=720)
    visible = "window.ecosystemMap.nodes.get({filter: n => !n.hidden}).length"
    c1a = uid(demo_graph, "1.a")
    expected = len(neighbourhood(demo_graph, c1a, show_absent=True))
    page.evaluate(f"(() => {{ const s = document.getElementById('focus-select'); s.value = {json.dumps(c1a)}; s.dispatchEvent(new Event('change')); }})()")
    assert page.evaluate(visible) == expected == 8
    hidden_edges = page.evaluate("window.ecosystemMap.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges == sum(1 for e in data["edges"] if not ({e["from"], e["to"]} <= neighbourhood(demo_graph, c1a, show_absent=True)))
    options = page.evaluate("Array.from(document.getElementById('focus-select').options).map(o => o.text)")
    assert options[0] == "Tout le territoire" and len(options) == 4
    page.evaluate("(() => { const s = document.getElementById('focus-select'); s.value = ''; s.dispatchEvent(new Event('change')); })()")
    assert page.evaluate(visible) == demo_graph.number_of_nodes()

    # Typing in the search field selects the matching elements and says how many.
    page.evaluate("document.getElementById('search-input').focus()")
    page.send("Input.insertText", {"text": "alert"})
    page.wait_until("window.ecosystemMap.network.getSelectedNodes().length === 1", timeout=10)
    hostile = next(n["id"] for n in data["nodes"] if n["name"] == HOSTILE)
    assert page.evaluate("window.ecosystemMap.network.getSelectedNodes()") == [hostile]
    assert page.evaluate("document.getElementById('search-count').textContent") == "1 trouvé(s)"
    assert page.evaluate("window.ecosystemMap.search('periscolaire').length") == 1  # accents ignored
    absent = page.evaluate("window.ecosystemMap.edges.get({filter: e => e.type === 'ABSENT'}).map(e => e.label)")
    assert absent == ["manquant"]
    assert page.problems() == [] and chromium.dialogs == []
    only_the_file_was_read(page, path)
    page.screenshot(tmp_path / "focus.png")


@needs_chromium
def test_in_a_browser_a_2000_element_map_opens_still_and_usable(chromium, tmp_path):
    path = write_map(big_graph(), tmp_path / "big.html")
    started = time.monotonic()
    page = open_map(chromium, path)
    opened = time.monotonic() - started
    assert opened < 30, f"the 2,000-element map took {opened:.1f} s to open"
    assert page.evaluate("window.ecosystemMap.nodes.length") == 2000
    assert page.evaluate("window.ecosystemMap.network.physics.options.enabled") is False
    moved = page.evaluate(
        """(() => { const m = window.ecosystemMap, before = m.network.getPositions();
            return new Promise(done => setTimeout(() => {
              const after = m.network.getPositions();
              done(Object.keys(before).filter(id => before[id].x !== after[id].x || before[id].y !== after[id].y).length);
            }, 500)); })()"""
    )
    assert moved == 0  # still: nothing is simulated in the browser
    assert page.evaluate("window.ecosystemMap.search('Lieu de médiation 1689').length") == 1
    assert page.problems() == [] and chromium.dialogs == []
    only_the_file_was_read(page, path)
    page.screenshot(tmp_path / "big.png")


@needs_chromium
def test_in_a_browser_the_gap_report_renders_offline_with_its_charts(chromium, tmp_path):
    from ecosystem.analysis.common import prepare
    from ecosystem.export.report import build_report, write_report
    from ecosystem.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "rapport.db")
    store.write(demo_batch(T))
    written = write_report(build_report(prepare(store, T)), tmp_path / "exports", ("html",))
    (path,) = [p for p in written if p.suffix == ".html"]
    store.close()
    page = Page(chromium, path.resolve().as_uri())
    shown = page.evaluate(
        """({ svgs: document.querySelectorAll('svg').length,
              text: document.body.innerText,
              images: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length })"""
    )
    assert shown["svgs"] >= 3  # the scores, each chantier's feasibility, the matrix
    assert shown["images"] == 0  # nothing broken
    assert "1.b" in shown["text"] and "Partenaires sociaux (CAF…)" in shown["text"]
    assert page.problems() == []
    only_the_file_was_read(page, path)
    page.screenshot(tmp_path / "rapport.png")
