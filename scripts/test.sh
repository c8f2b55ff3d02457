#!/usr/bin/env bash
# The whole test suite, with the services it needs: a local Neo4j server (started here and
# stopped on exit), Debian's Chromium for the browser tests and LibreOffice for the workbook ones.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin

# Chromium for the browser tests and LibreOffice for the tests that open the workbooks as an
# office would (each installed once; needs root or passwordless sudo).
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian chromium for the browser tests ..."
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing Debian libreoffice-calc-nogui for the workbook tests ..."
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
fi

# A Neo4j server of its own for the tests, in a home separate from any user data; the
# connection variables are set here on purpose, so a user's NEO4J_URI is never written to.
export GRAPHKIT_NEO4J_HOME=$PWD/.neo4j-test
export NEO4J_PASSWORD=graphkit-test-password
# Ports of its own, so a Neo4j the user already runs on 7687/7474 is left alone.
export GRAPHKIT_NEO4J_BOLT_PORT=17687
export GRAPHKIT_NEO4J_HTTP_PORT=17474
export NEO4J_URI=bolt://127.0.0.1:$GRAPHKIT_NEO4J_BOLT_PORT
export NEO4J_USERNAME=neo4j
export GRAPHKIT_REQUIRE_NEO4J=1
export GRAPHKIT_REQUIRE_BROWSER=1
"$BIN/graphkit" neo4j start
trap '"$BIN/graphkit" neo4j stop || true' EXIT

# The notebooks run on the venv's own kernel.
"$BIN/python" -m ipykernel install --sys-prefix --name graphkit >/dev/null

"$BIN/ruff" check .
"$BIN/lint-imports"  # the layers of DESIGN §3 (contracts in pyproject.toml)
"$BIN/python" -m pytest -q --durations=15 "$@" tests graphkit loaders \
  --nbmake notebooks --nbmake-kernel=graphkit --nbmake-timeout=300
