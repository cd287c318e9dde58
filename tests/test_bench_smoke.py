"""Smoke check of the benchmarks: `python bench/run.py --quick` completes and prints its table.

No timing is asserted: the figures live in BENCHMARKS.md. The Neo4j parts run on a throwaway
server of their own (the benchmark wipes its database); `bench/map.py --quick --no-pyvis` opens
our map in Chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOSYSTEM_BENCH_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_quick_bench_embedded_only():
    done = _run(_base_env())
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "machine:" in out and "| scale | step | figure | note |" in out
    for step in ("generate", "embedded import", "embedded read_territory", "map export", "networkx: gaps", "networkx: central"):
        assert f"| epci | {step}" in out, step
    assert "neo4j import" not in out


@pytest.mark.neo4j
def test_quick_bench_with_neo4j(tmp_path):
    """On a server of its own: the benchmark wipes the whole database it is given, which must
    never be the session's server (nor one named by ECOSYSTEM_TEST_NEO4J_URI)."""
    import neo4j_server
    from conftest import start_throwaway_server

    server = start_throwaway_server(tmp_path / "bench-neo4j")
    try:
        env = _base_env()
        env["ECOSYSTEM_BENCH_NEO4J_URI"] = server.uri
        env["ECOSYSTEM_BENCH_NEO4J_USER"] = server.user
        env["ECOSYSTEM_BENCH_NEO4J_PASSWORD"] = server.password or ""
        done = _run(env)
    finally:
        neo4j_server.stop(server.home)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for step in ("neo4j import: raw UNWIND", "neo4j import: Neo4jStore.write", "neo4j import: one query per row",
                 "cypher: gaps", "cypher: central"):
        assert f"| epci | {step}" in out, step


def test_quick_map_bench_opens_our_map_in_chromium():
    """`python bench/map.py --quick --no-pyvis`: our EPCI map exported and opened in headless
    Chromium, its row printed (the pyvis side needs the bench extra and ~1 min; not run here)."""
    import shutil

    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: run tools/install-test-deps.sh")
        pytest.skip("Chromium is not installed (tools/install-test-deps.sh installs it)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "map.py"), "--quick", "--no-pyvis"],
        cwd=ROOT, env=_base_env(), capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "epci" in done.stdout and "usable" in done.stdout, done.stdout[-2000:]
