"""The installed wheel works from any folder, and puts nothing generic into site-packages."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("ecosystem_mapper-*.whl")
    return built


def test_the_wheel_carries_the_queries_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top_level == {"ecosystem"}
    shipped = {Path(n).name for n in names if n.startswith("ecosystem/queries/")}
    assert shipped == {p.name for p in (ROOT / "queries").glob("*.cypher")}


@pytest.mark.slow
def test_installed_wheel_runs_status_and_demo_from_another_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # The dependencies come from this environment; the package itself only from the wheel.
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "coordinatrice"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ECOSYSTEM_"))}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)

    where = run(str(python), "-c", "import ecosystem, ecosystem.cypher as c; print(ecosystem.__file__); print(c.query_directory()); print(len(c.queries()))")
    module_file, query_dir, count = where.stdout.split("\n")[:3]
    assert str(env_dir) in module_file and str(env_dir) in query_dir and int(count) >= 10

    ecosystem = env_dir / "bin" / "ecosystem"
    assert run(str(ecosystem), "demo").returncode == 0
    status = run(str(ecosystem), "status")
    assert status.returncode == 0, status.stderr
    assert "opérationnels (trait plein)" in status.stdout
    assert (elsewhere / "ecosystem.db").exists()
