"""Map export benchmark: our write_map vs pyvis with its defaults, side by side (no assertions).

    python bench/map.py --quick                      # EPCI only, about a minute (pyvis stabilises ~25-45 s)
    python bench/map.py --scales epci,departement    # the usual run, ~10 min (medians of 3)
    python bench/map.py --scales region --repeat 1   # ~25,000 elements, ~15 min (pyvis's export is O(links²))
    python bench/map.py --scales departement --whole --no-pyvis   # ours aggregated vs drawn whole

Needs Chromium (Debian's ``chromium``) and, for the comparison, ``pip install pyvis==0.3.2``.

For each scale the territory is generated (bench/generate.py, seeded), written to an embedded
store and read back, then exported twice:

* **ours**: ``ecosystem.export.html_map.write_map(graph, path)`` — what ``ecosystem export html``
  does (no central-actors rows given; above AGGREGATE_ABOVE_NODES elements the aggregated view).
* **pyvis**: ``pyvis.network.Network(cdn_resources="in_line")`` — every other option left at its
  default — ``.from_nx(simple)`` on an undirected simple graph of the same elements (label = name,
  title = kind and name, group = kind) and drawn links (ABSENT left out, as our map does), then
  ``.write_html()``. pyvis's real default, ``cdn_resources="local"``, loads vis-network from
  cdnjs.cloudflare.com: offline it never draws (checked once, at the first scale, and reported).
  ``in_line`` inlines vis-network 9.1.2; Bootstrap still comes from cdn.jsdelivr.net and fails.

Each file is opened in a fresh headless Chromium (/usr/bin/chromium, driven over the DevTools
pipe) with **networking disabled** (proxy to a closed port, no host name resolves): the
situation of a coordinator offline or behind a firewall; requests the page tries are counted.

Time until usable: from the start of navigation (``performance.timeOrigin``) to the first
completed draw of vis-network (its ``afterDrawing`` event) that follows the end of the
stabilisation it was asked for (``stabilizationIterationsDone``; with physics off — ours — no
stabilisation: the first draw). At that moment pyvis's loading bar is gone and the network
answers the mouse. "Still" is when nothing moves any more: ours at the first draw (physics off),
pyvis at vis-network's ``stabilized`` event (the simulation goes on after the stabilisation).
The instrumentation (injected before the page's scripts) wraps vis.Network.prototype.emit and
never changes what the page does. A page that is not usable within --timeout seconds is
reported as "> N s"; an export is run in a forked child and stopped after --export-timeout.

Figures are medians of --repeat runs (min–max in the note): 2 shared cores are noisy; the ratio
(pyvis / ours) is the figure to keep.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from bench.generate import SCALES, generate  # noqa: E402
from bench.run import host, markdown_table, timed  # noqa: E402
from chromium import Chromium, Unanswered, find_chromium  # noqa: E402  (tools/chromium.py, on the path set by bench.run)
from ecosystem.export.html_map import AGGREGATE_ABOVE_NODES, write_map  # noqa: E402
from ecosystem.store import EmbeddedStore  # noqa: E402

ROWS: list[tuple[str, str, str, str]] = []  # (scale, step, figure, note)

# Runs in the page before any of its scripts. vis-network's UMD build fills an existing
# window.vis object (`g.vis = g.vis || {}`) and assigns `vis.Network = ...`: a setter there
# wraps the class to time its construction and its events. Times are performance.now(), i.e.
# milliseconds since the start of navigation.
PROBE = r"""
(function () {
  var probe = window.__mapBench = { events: {}, drawsAfter: null, constructed: null, stabilising: false,
                                     usable: null, still: null, nodes: null, edges: null };
  function first(name, t) { if (!(name in probe.events)) probe.events[name] = t; }
  var holder = {}, Wrapped = null;
  Object.defineProperty(holder, "Network", {
    configurable: true, enumerable: true,
    get: function () { return Wrapped; },
    set: function (Network) {
      var emit = Network.prototype.emit;
      Network.prototype.emit = function (name) {
        var t = performance.now();
        first(name, t);
        if (name === "stabilizationIterationsDone") probe.stabilised = t;
        if (name === "afterDrawing" && probe.constructed !== null && probe.usable === null
            && (!probe.stabilising || probe.stabilised !== undefined)) {
          probe.usable = t;
          if (!probe.physics) probe.still = t;
        }
        if (name === "stabilized" && probe.usable !== null && probe.still === null) probe.still = t;
        return emit.apply(this, arguments);
      };
      Wrapped = function () {
        var network = new (Function.prototype.bind.apply(Network, [null].concat(Array.prototype.slice.call(arguments))))();
        var physics = network.physics && network.physics.options;
        probe.physics = !!(physics && physics.enabled);
        probe.stabilising = !!(physics && physics.enabled && physics.stabilization && physics.stabilization.enabled);
        probe.constructed = performance.now();
        try { probe.nodes = network.body.nodeIndices.length; probe.edges = network.body.edgeIndices.length; } catch (e) {}
        return network;
      };
      Wrapped.prototype = Network.prototype;
    }
  });
  window.vis = holder;
})();
"""


class Measure:
    """Open one HTML file in a fresh Chromium and time it (see the module docstring)."""

    def __init__(self, executable: str, folder: Path) -> None:
        self.executable = executable
        self.folder = folder

    def run(self, path: Path, timeout: float, *, still: bool = True, width: int = 1600, height: int = 900) -> dict[str, Any]:
        profile = Path(tempfile.mkdtemp(prefix="profile-", dir=self.folder))
        browser = Chromium(self.executable, profile, self.folder / "chromium.log")
        result: dict[str, Any] = {"usable": None, "still": None, "timed_out": False, "requests": 0, "vis": None}
        try:
            browser.send("Browser.getVersion", timeout=60)
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Network"):
                browser.send(f"{domain}.enable", session=session)
            browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE}, session)
            browser.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
            started = time.monotonic()
            browser.send("Page.navigate", {"url": path.resolve().as_uri()}, session)
            state: dict[str, Any] = {}
            while time.monotonic() - started < timeout:
                left = timeout - (time.monotonic() - started)
                try:
                    reply = browser.send(
                        "Runtime.evaluate",
                        {"expression": "JSON.stringify(Object.assign({visLoaded: !!(window.vis && window.vis.Network), loaded: document.readyState}, window.__mapBench || {}))", "returnByValue": True},
                        session,
                        timeout=max(1.0, left),
                    )
                except Unanswered:
                    break  # the page is busy past the timeout
                state = json.loads(reply["result"].get("value") or "{}")
                if state.get("usable") is not None:
                    break
                if state.get("loaded") == "complete" and not state.get("visLoaded") and time.monotonic() - started > 3:
                    break  # loaded, and vis-network never came: it cannot draw (offline CDN)
                time.sleep(0.1)
            result["vis"] = bool(state.get("visLoaded"))
            result["drawn"] = (state.get("nodes"), state.get("edges"))
            if state.get("usable") is not None:
                result["usable"] = state["usable"] / 1000
                if state.get("still") is None and state.get("physics") and still:
                    # Wait a little more (within the same timeout) for the simulation to stop.
                    while time.monotonic() - started < timeout:
                        try:
                            reply = browser.send("Runtime.evaluate", {"expression": "JSON.stringify(window.__mapBench)", "returnByValue": True}, session, timeout=max(1.0, timeout - (time.monotonic() - started)))
                        except Unanswered:
                            break
                        state = json.loads(reply["result"].get("value") or "{}")
                        if state.get("still") is not None:
                            break
                        time.sleep(0.2)
                result["still"] = state["still"] / 1000 if state.get("still") is not None else None
            else:
                result["timed_out"] = result["vis"] is not False or state == {}
            result["requests"] = sum(
                1 for e in list(browser.events)
                if e.get("sessionId") == session and e.get("method") == "Network.requestWillBeSent"
                and not e["params"]["request"]["url"].startswith(("file:", "data:"))
            )
        finally:
            browser.close()
            shutil.rmtree(profile, ignore_errors=True)
        return result


# --- the two exports ----------------------------------------------------------------------------


def simple_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The same elements and drawn links as an undirected simple graph, as a pyvis user builds it."""
    simple = nx.Graph()
    for node, data in sorted(graph.nodes(data=True)):
        name = str(data.get("name") or node)
        simple.add_node(node, label=name, title=f"{data.get('kind')}: {name}", group=str(data.get("kind")))
    for s, t, k in graph.edges(keys=True):
        if k != "ABSENT" and s != t:
            simple.add_edge(s, t)
    return simple


def export_pyvis(graph: nx.MultiDiGraph, path: Path, cdn_resources: str = "in_line") -> None:
    from pyvis.network import Network

    net = Network(cdn_resources=cdn_resources)  # every other option at its default
    net.from_nx(simple_graph(graph))
    here = os.getcwd()
    os.chdir(path.parent)  # "local" copies a lib/ folder into the current directory
    try:
        net.write_html(path.name)
    finally:
        os.chdir(here)


# --- running ------------------------------------------------------------------------------------


def row(scale: str, step: str, figure: str, note: str = "") -> None:
    ROWS.append((scale, step, figure, note))
    print(f"  {scale:<12} {step:<44} {figure:>16}  {note}", flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s over {len(values)}" if len(values) > 1 else "1 run"


def seconds(value: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if value is None else f"{value:.2f} s"


def ratio(theirs: float | None, ours: float | None, timeout: float) -> str:
    if ours in (None, 0):
        return "n/a"
    if theirs is None:
        return f"> {timeout / ours:.0f}x"
    return f"{theirs / ours:.1f}x"


def export_within(export: Callable[[Path], None], path: Path, limit: float) -> float | None:
    """Seconds ``export(path)`` took, run in a forked child (so that an export past ``limit``
    seconds can be stopped: pyvis checks every new link against all the others, O(links²)),
    or None when it was stopped."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def work() -> None:
        try:
            send.send(("ok", timed(lambda: export(path))[1]))
        except BaseException as e:  # noqa: BLE001 — reported by the parent
            send.send(("error", f"{type(e).__name__}: {e}"))

    child = context.Process(target=work)
    child.start()
    answer = receive.recv() if receive.poll(limit) else None
    if answer is None:
        child.terminate()  # our own child, by its handle
    child.join()
    if answer is None:
        return None
    if answer[0] != "ok":
        raise RuntimeError(answer[1])
    return float(answer[1])


def side(
    scale: str,
    label: str,
    export: Callable[[Path], None],
    path: Path,
    measure: Measure,
    repeat: int,
    timeout: float,
    wait_still: bool,
    export_limit: float,
) -> dict[str, Any] | None:
    """Export ``repeat`` times and open ``repeat`` times; the medians, and the rows printed
    (None when the export did not end within ``export_limit`` seconds)."""
    exports = []
    for _ in range(repeat):
        path.unlink(missing_ok=True)
        took = export_within(export, path, export_limit)
        if took is None:
            row(scale, f"{label}: export", f"> {export_limit:.0f} s", "stopped; the page was not measured")
            return None
        exports.append(took)
    size = path.stat().st_size
    usable: list[float] = []
    still: list[float] = []
    timed_out = False
    drawn: Any = None
    requests = 0
    for run in range(repeat):
        # Waiting for a physics simulation to stop can take the whole timeout: first run only.
        result = measure.run(path, timeout, still=wait_still and run == 0)
        drawn, requests = result.get("drawn"), result["requests"]
        if result["usable"] is None:
            timed_out = True
            break  # one timeout is enough: do not spend another `timeout` on it
        usable.append(result["usable"])
        if result["still"] is not None:
            still.append(result["still"])
    figures = {
        "size": size,
        "export": median(exports),
        "usable": None if timed_out else median(usable),
        "still": median(still) if still and not timed_out else None,
    }
    drawn_note = f"drew {drawn[0]:,} nodes, {drawn[1]:,} edges" if drawn and drawn[0] is not None else "drew nothing"
    row(scale, f"{label}: file size", f"{size / 1e6:.2f} MB")
    row(scale, f"{label}: export", f"{figures['export']:.2f} s", spread(exports))
    row(scale, f"{label}: time until usable", seconds(figures["usable"], timeout),
        (spread(usable) if usable and not timed_out else "not usable within the timeout") + f"; {drawn_note}"
        + (f"; {requests} outside request(s) tried, blocked" if requests else ""))
    if label.startswith("ours") or wait_still:
        row(scale, f"{label}: time until still", seconds(figures["still"], timeout) if not timed_out else f"> {timeout:.0f} s",
            "physics off: still from the first draw" if label.startswith("ours") else "vis-network 'stabilized' event (first run only)")
    return figures


def versions(executable: str) -> str:
    try:
        import pyvis

        pyvis_version = pyvis.__version__
    except ImportError:
        pyvis_version = "not installed"
    try:
        chromium = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "?"
    return f"pyvis {pyvis_version}, networkx {nx.__version__}, {chromium}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="EPCI only, one run each, 60 s timeout, no wait for pyvis to stop moving")
    ap.add_argument("--scales", default="epci,departement", help=f"comma-separated, among {', '.join(SCALES)}")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=3, help="exports and page loads per side (medians)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before a page is reported as not usable")
    ap.add_argument("--export-timeout", type=float, default=900.0, help="seconds before an export is stopped")
    ap.add_argument("--chromium", default=find_chromium() or "/usr/bin/chromium")
    ap.add_argument("--keep", type=Path, help="keep the exported files in this folder")
    ap.add_argument("--no-pyvis", action="store_true", help="measure our map only")
    ap.add_argument("--whole", action="store_true",
                    help="also our map drawn whole (aggregate=False, the view before aggregation), up to 5,000 elements")
    args = ap.parse_args(argv)
    scales = ["epci"] if args.quick else [s.strip() for s in args.scales.split(",") if s.strip()]
    repeat = 1 if args.quick else max(1, args.repeat)
    timeout = min(args.timeout, 60.0) if args.quick else args.timeout
    wait_still = not args.quick
    for scale in scales:
        if scale not in SCALES:
            ap.error(f"unknown scale {scale!r}: {', '.join(SCALES)}")
    if not Path(args.chromium).exists():
        print(f"Chromium not found ({args.chromium}): apt-get install -y chromium, or --chromium PATH", file=sys.stderr)
        return 2
    use_pyvis = not args.no_pyvis
    if use_pyvis:
        try:
            import pyvis  # noqa: F401
        except ImportError:
            print("pyvis is not installed: pip install pyvis==0.3.2 (or --no-pyvis)", file=sys.stderr)
            return 2

    print("machine:", host())
    print("versions:", versions(args.chromium))
    print(f"command: python {' '.join([sys.argv[0], *(argv if argv is not None else sys.argv[1:])])}")
    print(f"network: disabled in Chromium (offline); pyvis with cdn_resources='in_line', other options at their defaults;"
          f" aggregated view above {AGGREGATE_ABOVE_NODES:,} elements; timeout {timeout:.0f} s; medians of {repeat}")
    print(f"  {'scale':<12} {'step':<44} {'figure':>16}  note")
    folder = Path(tempfile.mkdtemp(prefix="ecosystem-bench-map-"))
    out = args.keep or folder
    out.mkdir(parents=True, exist_ok=True)
    measure = Measure(args.chromium, folder)
    try:
        for number, scale in enumerate(scales):
            generated, secs = timed(lambda: generate(scale, args.seed))
            store = EmbeddedStore(folder / f"{scale}.db")
            try:
                store.write(generated.batch)
                graph = store.read_territory(generated.territory)
            finally:
                store.close()
            (folder / f"{scale}.db").unlink(missing_ok=True)
            row(scale, "territory", f"{graph.number_of_nodes():,} nodes",
                f"{graph.number_of_edges():,} links; generated in {secs:.1f} s")
            ours = side(scale, "ours", lambda p: write_map(graph, p), out / f"ours-{scale}.html", measure, repeat, timeout,
                        wait_still, args.export_timeout)
            if args.whole and graph.number_of_nodes() > AGGREGATE_ABOVE_NODES:
                if graph.number_of_nodes() <= 5000:
                    side(scale, "ours drawn whole", lambda p: write_map(graph, p, aggregate=False), out / f"ours-whole-{scale}.html",
                         measure, repeat, timeout, wait_still, args.export_timeout)
                else:
                    row(scale, "ours drawn whole", "skipped", "O(n²) layout of every element: not run above 5,000")
            if not use_pyvis:
                continue
            theirs = side(scale, "pyvis", lambda p: export_pyvis(graph, p), out / f"pyvis-{scale}.html", measure, repeat, timeout,
                          wait_still, args.export_timeout)
            if ours is None:
                continue
            if theirs is None:
                row(scale, "pyvis / ours: export", ratio(None, ours["export"], args.export_timeout))
            else:
                row(scale, "pyvis / ours: file size", f"{theirs['size'] / ours['size']:.1f}x")
                row(scale, "pyvis / ours: export", f"{theirs['export'] / ours['export']:.1f}x")
                row(scale, "pyvis / ours: time until usable", ratio(theirs["usable"], ours["usable"], timeout))
            if number == 0:
                # pyvis's true default: vis-network from a CDN. Offline, the page never draws.
                local = out / "pyvis-default-local" / f"pyvis-local-{scale}.html"
                local.parent.mkdir(exist_ok=True)
                # It is about loading vis-network at all: a small part of a large territory will do.
                small = graph if graph.number_of_nodes() <= 5000 else graph.subgraph(sorted(graph)[:300]).copy()
                if export_within(lambda p: export_pyvis(small, p, cdn_resources="local"), local, args.export_timeout) is not None:
                    result = measure.run(local, min(timeout, 30), still=False)
                    row(scale, "pyvis cdn_resources='local' (its default)",
                        "never usable" if not result["vis"] else seconds(result["usable"], timeout),
                        f"offline: vis-network is loaded from cdnjs ({result['requests']} outside request(s), blocked)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the temporary folder (the exports too, without --keep)
    markdown_table(ROWS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
