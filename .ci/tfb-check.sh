#!/usr/bin/env bash
# The TechEmpower apps of bench/ (issue 23) pass their verification: microflask, its /async handlers and Javalin,
# against a throw-away PostgreSQL cluster. Only the verification (about 40 s with the build); the load test itself,
# bench/tfb.sh without VERIFY_ONLY, is too long for CI. Installs PostgreSQL with apt-get when it is missing; says
# SKIPPED when that cannot be done.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
    fi
    if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
        echo "SKIPPED: TechEmpower verification (PostgreSQL is not installed and apt-get could not install it)"
        exit 0
    fi
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIPPED: TechEmpower verification (bench/tfb.sh needs python3 to pick free ports)"
    exit 0
fi
echo "== TechEmpower apps: bench/tfb.sh with VERIFY_ONLY=1"
VERIFY_ONLY=1 timeout 300 bench/tfb.sh
