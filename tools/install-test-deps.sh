#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: Chromium (Debian's package, for the
# real-browser tests of the exported map) and the project with its test dependencies. Java 17+ and
# Maven must already be there: tests/conftest.py starts a throwaway Neo4j with them.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
python3 -m pip install -q -e ".[test]"
