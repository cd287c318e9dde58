"""Benchmarks of ecosystem: plain script, one run, figures side by side (no assertions).

    python bench/run.py --quick                       # EPCI scale only, < 1 min (the smoke test)
    python bench/run.py --scales epci,departement     # fuller run
    python bench/run.py --scales nation --no-neo4j --no-analyses

Neo4j parts run when ECOSYSTEM_BENCH_NEO4J_URI is set (…_USER, default neo4j; …_PASSWORD).
Each Neo4j import starts from an empty database: a new one when ECOSYSTEM_BENCH_NEO4J_HOME names
the --home of a server started by tools/neo4j_server.py (it is restarted on an empty data
directory: see BenchServer), else the database is wiped. Peak memory is the Python process's peak RSS
growth during that step (each import runs in a forked child); the server's own peak RSS (VmHWM)
is printed when ECOSYSTEM_BENCH_NEO4J_PID (or …_HOME) is given.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import networkx as nx  # noqa: E402

from bench.generate import SCALES, generate  # noqa: E402
from ecosystem.analysis.centrality import _graph_facts  # noqa: E402
from ecosystem.analysis.common import prepare  # noqa: E402
from ecosystem.analysis.feasibility import run_gaps  # noqa: E402
from ecosystem.analysis.links import run_missing  # noqa: E402
from ecosystem.analysis.matrix import run_matrix  # noqa: E402
from ecosystem.analysis.centrality import run_central  # noqa: E402
from ecosystem.export.html_map import write_map  # noqa: E402
from ecosystem.store import EmbeddedStore, Neo4jStore  # noqa: E402

ROWS: list[tuple[str, str, str, str]] = []  # (scale, step, figure, note)
PER_ROW_SAMPLE = 2000
PER_ROW_AUTOCOMMIT_SAMPLE = 300
DEFAULT_BATCH = Neo4jStore.DEFAULT_BATCH_SIZE


def row(scale: str, step: str, figure: str, note: str = "") -> None:
    ROWS.append((scale, step, figure, note))
    print(f"  {scale:<12} {step:<46} {figure:>22}  {note}", flush=True)


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def in_child(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run fn in a forked child; return (its result, its peak RSS growth in MB)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def target() -> None:
        base = rss_kb()
        try:
            out = fn()
            err = None
        except BaseException as e:  # noqa: BLE001
            out, err = None, f"{type(e).__name__}: {str(e)[:300]}"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        child.send((out, err, max(0, peak - base) / 1024))

    p = ctx.Process(target=target)
    p.start()
    out, err, mb = parent.recv()
    p.join()
    if err:
        raise RuntimeError(err)
    return out, mb


def markdown_table(rows: list[tuple[str, str, str, str]]) -> None:
    """The rows again as a Markdown table, to paste into BENCHMARKS.md."""
    print()
    print("| scale | step | figure | note |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(x.strip() for x in r) + " |")


def throughput(secs: float, links: int) -> str:
    """The figure of an import: seconds and links per second."""
    return f"{secs:8.2f} s {links / secs:9,.0f} l/s"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def host() -> str:
    """Cores, CPU model, RAM and Python version of this machine."""
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024 // 1024
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, Python {platform.python_version()}"


def machine(neo4j_version: str | None) -> str:
    import networkx

    return (
        f"{host()}, networkx {networkx.__version__}, SQLite {__import__('sqlite3').sqlite_version}, "
        f"Neo4j {neo4j_version or 'not used'}"
    )


# --- Neo4j --------------------------------------------------------------------------------------


def neo4j_settings() -> tuple[str, str, str | None] | None:
    uri = os.environ.get("ECOSYSTEM_BENCH_NEO4J_URI")
    if not uri:
        return None
    return uri, os.environ.get("ECOSYSTEM_BENCH_NEO4J_USER", "neo4j"), os.environ.get("ECOSYSTEM_BENCH_NEO4J_PASSWORD")


def wipe(driver: Any) -> None:
    """Empty the database: relationships first, then nodes, in large transactions."""
    with driver.session() as s:
        s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS").consume()
        s.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS").consume()


RAW_NODE = "UNWIND $rows AS row MERGE (n:EcoNode {{uid: row.uid}}) SET n += row.props, n:{kind} " \
           "WITH n MATCH (t:Territory {{key: $territory}}) MERGE (n)-[:BELONGS_TO]->(t)"
RAW_LINK = "UNWIND $rows AS row MATCH (s:EcoNode {{uid: row.source}}) MATCH (t:EcoNode {{uid: row.target}}) " \
           "MERGE (s)-[r:{type}]->(t) SET r += row.props"


def _per_kind_and_type(
    driver: Any, batch: Any, territory_q: str, node_q: str, link_q: str, batch_size: int, commit_each: bool = False
) -> None:
    """A hand-written script's shape: the constraints, then one transaction running ``node_q``
    per node kind and ``link_q`` per link type ({kind} / {type} filled in), batch_size rows each;
    with ``commit_each``, each of those queries is its own transaction instead."""
    from ecosystem.cypher import queries

    with driver.session() as s:
        for name, q in queries().items():
            if name.startswith("schema_"):
                s.run(q.text).consume()
    (key, name), = batch.territories.items()
    nodes, links = batch.node_rows(), batch.link_rows()

    def work(tx: Any) -> None:
        tx.run(territory_q, key=key, name=name).consume()
        for kind in ("Actor", "Resource", "Chantier", "Enjeu"):
            rows = [r for r in nodes if r["kind"] == kind]
            for i in range(0, len(rows), batch_size):
                tx.run(node_q.format(kind=kind), rows=rows[i:i + batch_size], territory=key).consume()
        for typ in sorted({r["type"] for r in links}):
            rows = [r for r in links if r["type"] == typ]
            for i in range(0, len(rows), batch_size):
                tx.run(link_q.format(type=typ), rows=rows[i:i + batch_size]).consume()

    class EachQueryCommitted:  # the transaction interface of `work`, one auto-commit query each
        def __init__(self, session: Any) -> None:
            self.run = session.run

    with driver.session() as s:
        if commit_each:
            work(EachQueryCommitted(s))
        else:
            s.execute_write(work)


def raw_unwind(driver: Any, batch: Any, batch_size: int = 5000, commit_each: bool = False) -> None:
    """The hand-written script: plain UNWIND/MERGE per kind and per type, in one transaction, or
    (``commit_each``) committing each query: faster, but a failure leaves half of it written."""
    _per_kind_and_type(driver, batch, "MERGE (t:Territory {key: $key}) ON CREATE SET t.name = $name",
                       RAW_NODE, RAW_LINK, batch_size, commit_each)


CREATE_NODE = "MATCH (t:Territory {{key: $territory}}) UNWIND $rows AS row " \
              "CREATE (n:EcoNode:{kind}) SET n = row.props, n.uid = row.uid CREATE (n)-[:BELONGS_TO]->(t)"
CREATE_LINK = "UNWIND $rows AS row MATCH (s:EcoNode {{uid: row.source}}) MATCH (t:EcoNode {{uid: row.target}}) " \
              "CREATE (s)-[r:{type}]->(t) SET r = row.props"


def create_floor(driver: Any, batch: Any, batch_size: int = 5000) -> None:
    """What the server can do at best through Cypher: plain CREATE into an empty database, no
    MERGE, no change detection, one transaction. Not a usable import (re-running it duplicates
    everything); it shows how much of our time is the server's own cost per row."""
    _per_kind_and_type(driver, batch, "CREATE (t:Territory {key: $key, name: $name})",
                       CREATE_NODE, CREATE_LINK, batch_size)


def per_row_autocommit(uri: str, user: str, password: str | None, batch: Any, sample: int) -> tuple[int, float]:
    """What a first script usually does: `session.run(query, row)` for each link, each its own
    (auto-commit) transaction. Times `sample` links (their endpoints written first, untimed).

    Returns (link rows, seconds)."""
    from ecosystem.model import STATUS_SLOT
    from ecosystem.store.neo4j import _STATUS_TYPES
    from ecosystem.cypher import query

    links = batch.link_rows()
    chosen = links if len(links) <= sample else random.Random(1).sample(links, sample)
    needed = {r["source"] for r in chosen} | {r["target"] for r in chosen}
    territories = [{"key": k, "name": v} for k, v in batch.territories.items()]
    store = Neo4jStore(uri, user, password)
    store._ensure_ready()
    with store._driver.session() as s:
        s.run(query("merge_territories"), rows=territories).consume()
        s.run(query("merge_nodes"), rows=[r for r in batch.node_rows() if r["uid"] in needed]).consume()
        t0 = time.perf_counter()
        for r in chosen:
            r = {**r, "slot_types": _STATUS_TYPES if r["slot"] == STATUS_SLOT else [r["type"]]}
            s.run(query("merge_links"), rows=[r]).consume()
        secs = time.perf_counter() - t0
    store.close()
    return len(chosen), secs


def per_row_sample(uri: str, user: str, password: str | None, batch: Any, sample: int) -> tuple[int, float, int, float, bool]:
    """Our own queries, one row per query, one transaction: time `sample` links and their endpoints.

    Returns (node rows, node seconds, link rows, link seconds, complete?)."""
    from ecosystem.model import STATUS_SLOT
    from ecosystem.store.neo4j import _STATUS_TYPES
    from ecosystem.cypher import query

    links = batch.link_rows()
    complete = len(links) <= sample
    chosen = links if complete else random.Random(0).sample(links, sample)
    needed = {r["source"] for r in chosen} | {r["target"] for r in chosen}
    nodes = [r for r in batch.node_rows() if complete or r["uid"] in needed]
    territories = [{"key": k, "name": v} for k, v in batch.territories.items()]
    store = Neo4jStore(uri, user, password)
    store._ensure_ready()
    with store._driver.session() as s:
        tx = s.begin_transaction()
        tx.run(query("merge_territories"), rows=territories).consume()
        t0 = time.perf_counter()
        for r in nodes:
            tx.run(query("merge_nodes"), rows=[r]).consume()
        t1 = time.perf_counter()
        for r in chosen:
            r = {**r, "slot_types": _STATUS_TYPES if r["slot"] == STATUS_SLOT else [r["type"]]}
            tx.run(query("merge_links"), rows=[r]).consume()
        t2 = time.perf_counter()
        tx.commit()
    store.close()
    return len(nodes), t1 - t0, len(chosen), t2 - t1, complete


def server_hwm_mb() -> str:
    pid = os.environ.get("ECOSYSTEM_BENCH_NEO4J_PID")
    home = os.environ.get("ECOSYSTEM_BENCH_NEO4J_HOME")
    if home and (Path(home) / "neo4j.pid").exists():
        pid = (Path(home) / "neo4j.pid").read_text().strip()
    if not pid:
        return ""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return f"server peak RSS {int(line.split()[1]) // 1024} MB"
    except OSError:
        pass
    return ""


class TxMemory:
    """Samples SHOW TRANSACTIONS during a step: the largest estimatedUsedHeapMemory of any other
    transaction (our import's transaction state on the server), in MB."""

    def __init__(self, driver: Any, every: float = 0.25) -> None:
        import threading

        self.driver, self.every, self.peak = driver, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        query = ("SHOW TRANSACTIONS YIELD transactionId, estimatedUsedHeapMemory, currentQuery "
                 "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN max(estimatedUsedHeapMemory) AS m")
        with self.driver.session() as s:
            while not self._stop.is_set():
                try:
                    m = s.run(query).single()["m"]
                except Exception:  # noqa: BLE001 - a sample lost is not a benchmark failure
                    m = None
                self.peak = max(self.peak, m or 0)
                self._stop.wait(self.every)

    def __enter__(self) -> "TxMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def __str__(self) -> str:
        return f"server tx peak {self.peak / 2**20:,.0f} MB"


class BenchServer:
    """The benchmark's Neo4j server, and a new empty database before each import.

    With ECOSYSTEM_BENCH_NEO4J_HOME (the --home of a server started by tools/neo4j_server.py),
    the server is restarted on an empty data directory (Community Edition can't drop a
    database), then warmed up by the same import of a small territory, so that every variant
    starts from the same state. Without it the database is wiped instead: a wiped store keeps its
    size and its deleted records, and a national import into it ran up to 1.5x slower, so the
    later variants of a run are penalised."""

    def __init__(self, settings: tuple[str, str, str | None]) -> None:
        self.uri, self.user, self.password = settings
        self.home = os.environ.get("ECOSYSTEM_BENCH_NEO4J_HOME")
        self.driver = self._connect()

    def _connect(self) -> Any:
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password) if self.password else None)

    def fresh(self, warm_up: Callable[[], Any] | None = None) -> None:
        if self.home:
            from urllib.parse import urlsplit

            import neo4j_server  # tools/neo4j_server.py

            self.driver.close()
            neo4j_server.stop(self.home)
            neo4j_server.start(self.home, port=urlsplit(self.uri).port, password=self.password, fresh=True)
            self.driver = self._connect()
        else:
            wipe(self.driver)
        if warm_up:
            warm_up()
            wipe(self.driver)

    def close(self) -> None:
        self.driver.close()


def bench_neo4j_import(scale: str, g: Any, settings: tuple[str, str, str | None], batch_sizes: list[int]) -> dict[str, float]:
    uri, user, password = settings
    server = BenchServer(settings)
    # a département of another seed: enough rows for the JIT to compile the hot paths (an EPCI
    # was not: a fresh server warmed by it was still 3-5x slower at département scale)
    warm = generate("departement", seed=7).batch if server.home else None
    n_links = g.links
    rates: dict[str, float] = {}

    def timed_import(key: str, step: str, fn: Callable[[Any], Any], note: str = "") -> float | None:
        """On a new database (warmed up by ``fn`` on another territory), run ``fn`` on the
        territory in a forked child, print and keep its links/s under ``key``."""
        server.fresh(warm and (lambda: fn(warm)))
        try:
            with TxMemory(server.driver) as txm:
                (_, secs), mb = in_child(lambda: timed(lambda: fn(g.batch)))
        except RuntimeError as e:
            row(scale, step, "FAILED", str(e)[:120])
            return None
        rates[key] = n_links / secs
        row(scale, step, throughput(secs, n_links), f"{note}py +{mb:.0f} MB, {txm}".strip())
        return secs

    def ours(**kwargs: Any) -> Callable[[Any], Any]:
        def write(batch: Any) -> Any:
            store = Neo4jStore(uri, user, password, **kwargs)
            try:
                return store.write(batch)
            finally:
                store.close()
        return write

    timed_import("raw", "neo4j import: raw UNWIND script, 1 tx", lambda b: raw_unwind(server.driver, b))
    timed_import("raw_each", "neo4j import: raw UNWIND script, commit/query",
                 lambda b: raw_unwind(server.driver, b, commit_each=True), "not atomic; ")
    timed_import("ours_1tx", "neo4j import: Neo4jStore.write in one tx", ours(stage_from=sys.maxsize),
                 "stage_from=inf (what small writes do); ")
    for bs in batch_sizes:
        timed_import(f"ours{bs}", f"neo4j import: Neo4jStore.write (batch {bs})", ours(batch_size=bs),
                     f"staged: {Neo4jStore.WRITE_WORKERS} workers; ")

    # the same import again onto a loaded database: everything exists, the merge path counts it unchanged
    if f"ours{DEFAULT_BATCH}" in rates:
        store = Neo4jStore(uri, user, password)
        def again() -> int:
            summary = store.write(g.batch)
            return sum(c.unchanged for c in [*summary.nodes.values(), *summary.links.values()])

        (unchanged, secs), mb = in_child(lambda: timed(again))
        store.close()
        rates["again"] = n_links / secs
        row(scale, "neo4j import: the same import again", throughput(secs, n_links),
            f"1 tx, MERGE onto existing rows: {unchanged:,} unchanged; py +{mb:.0f} MB")

    server.fresh(warm and (lambda: per_row_sample(uri, user, password, warm, PER_ROW_SAMPLE)))
    n_nodes, t_nodes, n_sample, t_links, complete = per_row_sample(uri, user, password, g.batch, PER_ROW_SAMPLE)
    est = t_nodes / n_nodes * g.nodes + t_links / n_sample * g.links
    rates["per_row"] = g.links / est
    how = "measured on all rows" if complete else f"sampled {n_sample} links + {n_nodes} endpoints, extrapolated"
    row(scale, "neo4j import: one query per row (1 tx)", throughput(est, g.links), how)
    server.fresh(warm and (lambda: per_row_autocommit(uri, user, password, warm, PER_ROW_AUTOCOMMIT_SAMPLE)))
    n_auto, t_auto = per_row_autocommit(uri, user, password, g.batch, PER_ROW_AUTOCOMMIT_SAMPLE)
    rates["per_row_autocommit"] = n_auto / t_auto
    row(scale, "neo4j import: one query per row (auto-commit)", throughput(g.links / rates["per_row_autocommit"], g.links),
        f"sampled {n_auto} links, extrapolated")
    timed_import("floor", "neo4j import: floor (plain CREATE, 1 tx)", lambda b: create_floor(server.driver, b),
                 "not an import: no MERGE, no checks; ")
    default = rates.get(f"ours{DEFAULT_BATCH}")
    raw = max(rates.get("raw", 0), rates.get("raw_each", 0))
    for label, value in (("default", default), ("one tx", rates.get("ours_1tx"))):
        if value and raw and "floor" in rates:
            row(scale, f"neo4j import: ours ({label}) vs per-row 1 tx / auto-commit / faster raw / floor",
                f"{value / rates['per_row']:.1f}x / {value / rates['per_row_autocommit']:.0f}x / "
                f"{value / raw:.2f} / {value / rates['floor']:.2f}",
                "targets: >= 20x per-row, >= 0.5 of raw")
    if server_hwm_mb():
        row(scale, "neo4j server: peak RSS since its last start", server_hwm_mb().replace("server peak RSS ", ""))
    server.close()
    return rates


def load_for_analyses(scale: str, g: Any, settings: tuple[str, str, str | None]) -> None:
    """Load the territory into a new database with our path, timed, for the Cypher analyses."""
    uri, user, password = settings
    server = BenchServer(settings)
    server.fresh()
    server.close()
    store = Neo4jStore(uri, user, password)
    _, secs = timed(lambda: store.write(g.batch))
    store.close()
    row(scale, "neo4j load for the analyses (ours)", throughput(secs, g.links))


# --- analyses -----------------------------------------------------------------------------------


def bench_analyses(scale: str, store: Any, territory: str, label: str, skip_central: bool) -> None:
    scope, secs = timed(lambda: prepare(store, territory))
    row(scale, f"{label}: prepare (read territory)", f"{secs:8.2f} s")
    for name, fn in (("gaps", run_gaps), ("missing", run_missing), ("matrix", run_matrix), ("central", run_central)):
        if name == "central" and skip_central:
            row(scale, f"{label}: {name}", "skipped", "--max-central-nodes")
            continue
        out, secs = timed(lambda fn=fn: fn(scope))
        row(scale, f"{label}: {name}", f"{secs:8.2f} s")


def bench_betweenness(scale: str, graph: nx.MultiDiGraph, networkx_max_nodes: int = 5000) -> None:
    """What `central` computes (igraph; exact up to BETWEENNESS_MAX_WORK, sampled above) against
    the exact betweenness (igraph, whole) and, on small enough graphs, networkx's exact one: time
    side by side, and how well the computed ranking keeps the exact one."""
    import igraph

    from ecosystem.analysis.centrality import BETWEENNESS_MAX_WORK, _Network, _betweenness_values, _edge_sets

    nodes, links, _ = _graph_facts(graph)
    info = {r["uid"]: r for r in nodes}
    for label, edges in zip(("operational", "potential"), _edge_sets(info, links)):
        net = _Network.of(edges)
        n, m = len(net.nodes), len(net.edges)
        ig = igraph.Graph(n=n, edges=net.edges, directed=False)
        scale_f = 2.0 / ((n - 1) * (n - 2))
        exact_v, secs_exact = timed(lambda: [b * scale_f for b in ig.betweenness(directed=False)])
        ours_v, secs_ours = timed(lambda: _betweenness_values(net))
        how = "exact" if n * m <= BETWEENNESS_MAX_WORK else f"sampled, k={max(2, BETWEENNESS_MAX_WORK // m)}"
        row(scale, f"betweenness {label}: exact, igraph ({n:,} n, {m:,} e)", f"{secs_exact:8.2f} s")
        if n <= networkx_max_nodes:
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(net.edges)
            _, secs_nx = timed(lambda: nx.betweenness_centrality(g, normalized=True))
            row(scale, f"betweenness {label}: exact, networkx", f"{secs_nx:8.2f} s",
                f"igraph is {secs_nx / max(secs_exact, 1e-9):.0f}x faster")
        actors = [i for i, u in enumerate(net.nodes) if info[u]["kind"] == "Actor"]
        by_exact = sorted(actors, key=lambda i: (-exact_v[i], i))
        by_ours = sorted(actors, key=lambda i: (-ours_v[i], i))
        overlap = len(set(by_exact[:20]) & set(by_ours[:20]))
        head = by_exact[:100]
        rank_e = {u: r for r, u in enumerate(head)}
        rank_o = {u: r for r, u in enumerate(sorted(head, key=lambda i: (-ours_v[i], i)))}
        d2 = sum((rank_e[u] - rank_o[u]) ** 2 for u in head)
        rho = 1 - 6 * d2 / (len(head) * (len(head) ** 2 - 1)) if len(head) > 1 else 1.0
        max_err = max((abs(ours_v[i] - exact_v[i]) for i in actors), default=0.0)
        row(scale, f"betweenness {label}: what `central` computes ({how})", f"{secs_ours:8.2f} s",
            f"top-20 {overlap}/20, top-100 Spearman {rho:.2f}, max err {100 * max_err:.2f} pt")


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="EPCI scale only, under a minute")
    ap.add_argument("--scales", default="epci,departement")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--no-analyses", action="store_true")
    ap.add_argument("--no-import-comparison", action="store_true",
                    help="Neo4j: only load the territory with our path (for the Cypher analyses)")
    ap.add_argument("--batch-sizes", default=str(DEFAULT_BATCH), help="Neo4jStore batch sizes to compare, e.g. 1000,5000,20000")
    ap.add_argument("--betweenness-scales", default="departement,region",
                    help="scales where `central`'s betweenness is compared with the exact one")
    ap.add_argument("--max-central-nodes", type=int, default=30000, help="skip `central` above this many nodes")
    ap.add_argument("--max-map-nodes", type=int, default=30000)
    args = ap.parse_args()
    scales = ["epci"] if args.quick else args.scales.split(",")
    settings = None if args.no_neo4j else neo4j_settings()
    version = None
    if settings:
        import neo4j

        with neo4j.GraphDatabase.driver(settings[0], auth=(settings[1], settings[2]) if settings[2] else None) as d:
            version = d.get_server_info().agent
    print("machine:", machine(version))
    print(f"command: python {' '.join(sys.argv)}")
    print(f"  {'scale':<12} {'step':<46} {'figure':>22}  note")
    tmp = Path(tempfile.mkdtemp(prefix="ecosystem-bench-"))
    for scale in scales:
        if scale not in SCALES:
            raise SystemExit(f"unknown scale {scale}: {', '.join(SCALES)}")
        g, secs = timed(lambda: generate(scale, args.seed))
        row(scale, "generate", f"{secs:8.2f} s", f"{g.nodes:,} nodes, {g.links:,} links")
        db = tmp / f"{scale}.db"
        (_, secs), mb = in_child(lambda: timed(lambda: EmbeddedStore(db).write(g.batch)))
        row(scale, "embedded import: EmbeddedStore.write", throughput(secs, g.links),
            f"py +{mb:.0f} MB, file {db.stat().st_size / 1e6:.1f} MB")
        store = EmbeddedStore(db)
        graph, secs = timed(lambda: store.read_territory(g.territory))
        row(scale, "embedded read_territory -> networkx", f"{secs:8.2f} s",
            f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
        if g.nodes <= args.max_map_nodes:
            out = tmp / f"{scale}.html"
            _, secs = timed(lambda: write_map(graph, out))
            row(scale, "map export (write_map)", f"{secs:8.2f} s", f"{out.stat().st_size / 1e6:.1f} MB")
        else:
            row(scale, "map export (write_map)", "skipped", "--max-map-nodes")
        if not args.no_analyses:
            bench_analyses(scale, store, g.territory, "networkx", g.nodes > args.max_central_nodes)
        if scale in args.betweenness_scales.split(",") and not args.quick and not args.no_analyses:
            bench_betweenness(scale, graph)
        store.close()
        graph = None  # free it before the Neo4j part
        if settings and not args.no_import_comparison:
            bench_neo4j_import(scale, g, settings, [int(b) for b in args.batch_sizes.split(",")])
        if settings and not args.no_analyses:
            load_for_analyses(scale, g, settings)
            nstore = Neo4jStore(*settings[:2], settings[2])
            bench_analyses(scale, nstore, g.territory, "cypher", g.nodes > args.max_central_nodes)
            nstore.close()
        db.unlink(missing_ok=True)
    markdown_table(ROWS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
