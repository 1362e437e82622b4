#!/usr/bin/env bash
# The TechEmpower apps of bench/ (issue 23) pass their verification: microflask, its /async handlers and Javalin,
# against a throw-away PostgreSQL cluster. Only the verification (about 40 s with the build); the load test itself,
# bench/tfb.sh without VERIFY_ONLY, is too long for CI. Says SKIPPED when PostgreSQL is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "SKIPPED: TechEmpower verification (no PostgreSQL under /usr/lib/postgresql; apt-get install postgresql)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIPPED: TechEmpower verification (bench/tfb.sh needs python3 to pick free ports)"
    exit 0
fi
echo "== TechEmpower apps: bench/tfb.sh with VERIFY_ONLY=1"
VERIFY_ONLY=1 timeout 300 bench/tfb.sh
