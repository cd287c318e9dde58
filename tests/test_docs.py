"""Documentation that cannot rot: README lists every command, and CI runs README's command."""

from __future__ import annotations

import re
from pathlib import Path

from ecosystem.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_in_the_readme():
    for name, command in cli.commands.items():
        assert f"`ecosystem {name}" in README, name
        for sub in getattr(command, "commands", {}):
            assert f"ecosystem {name} {sub}" in README or f"{sub}\\|" in README or f"\\|{sub}" in README, (name, sub)


def test_ci_runs_exactly_the_readme_test_command():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    ci_lines = [l for l in (ROOT / ".ci" / "run").read_text().splitlines() if l and not l.startswith(("#", "set ", "cd "))]
    assert ci_lines == [test_command]


def test_every_dependency_is_explained_in_the_readme():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    names = re.findall(r'^\s*"([A-Za-z0-9_.-]+)[<>=!~ ;\[]', pyproject, flags=re.M)
    assert {"click", "networkx", "neo4j-rust-ext", "pytest"} <= set(names)  # neo4j-rust-ext pulls `neo4j`
    for name in names:
        assert f"`{name}`" in README, name
