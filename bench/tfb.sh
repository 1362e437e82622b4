#!/usr/bin/env bash
# TechEmpower's test types on PostgreSQL: microflask against Javalin, in the same run.
#
#   bench/tfb.sh                       # build, set up PostgreSQL, verify both apps, load them, print the table
#   VERIFY_ONLY=1 bench/tfb.sh         # stop after the verification (about a minute once built)
#   WARMUP=30 DURATION=10 bench/tfb.sh # the issue's warm-up: Javalin's JIT is still climbing after 10 s
#
# Settings (environment): JAVA (java binary), WARMUP (15 s per app and test), DURATION (8 s per measured run),
# RUNS (1 measured run per app and test, reported by their median), CONNECTIONS (64, for every test but
# plaintext), PLAINTEXT_CONNECTIONS (256), PIPELINE (16, plaintext's pipelining depth), QUERIES (20, for /queries and
# /updates), POOL_SIZE (8 connections in each app's HikariCP pool), WRK_THREADS (1), JAVA_OPTS (both servers),
# SKIP_BUILD=1 (reuse the jars), VERIFY_ONLY=1, PG_BIN (the directory of PostgreSQL's pg_ctl).
#
# The script installs PostgreSQL (Debian's) and wrk with apt-get when they are missing, starts a throw-away
# PostgreSQL cluster in a temporary directory on 127.0.0.1 and a port of its own, fills TechEmpower's tables
# (bench/tfb-schema.sql), starts both servers, verifies every endpoint of each (bench/tfb-verify), and then, per
# test, warms each server up and measures them in turn, so that whatever else the machine does weighs on all alike.
# On exit it stops the servers and the cluster and deletes the directory.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
JAVA="${JAVA:-java}"
WARMUP="${WARMUP:-15}"
DURATION="${DURATION:-8}"
RUNS="${RUNS:-1}"
CONNECTIONS="${CONNECTIONS:-64}"
PLAINTEXT_CONNECTIONS="${PLAINTEXT_CONNECTIONS:-256}"
PIPELINE="${PIPELINE:-16}"
QUERIES="${QUERIES:-20}"
POOL_SIZE="${POOL_SIZE:-8}"
WRK_THREADS="${WRK_THREADS:-1}"
JAVA_OPTS="${JAVA_OPTS:-}"
started_at="$(date +%s)"

# shellcheck source=bench/lib.sh
source "$here/lib.sh"

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
pg_ctl=""
pgdata="$work/pgdata"
cleanup() {
    for pid in "${pids[@]:-}"; do
        [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]:-}"; do
        [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$pg_ctl" && -f "$pgdata/postmaster.pid" ]]; then
        as_postgres "$pg_ctl" -D "$pgdata" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM # so that the EXIT trap also runs when the script is interrupted or timed out

# --- tools ---------------------------------------------------------------------------------------------------
missing=()
[[ "${VERIFY_ONLY:-}" == 1 ]] || command -v wrk >/dev/null 2>&1 || missing+=(wrk)
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[[ -x "${PG_BIN:-}/pg_ctl" ]] || missing+=(postgresql)
if ((${#missing[@]} > 0)); then
    apt_install "${missing[@]}"
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
for tool in curl taskset awk "$PG_BIN/pg_ctl" "$PG_BIN/initdb" "$PG_BIN/psql"; do
    command -v "$tool" >/dev/null 2>&1 || { say "bench/tfb.sh needs $tool"; exit 1; }
done
pg_ctl="$PG_BIN/pg_ctl"
# PostgreSQL refuses to run as root: the cluster then belongs to the postgres user the package created.
as_postgres() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- build ---------------------------------------------------------------------------------------------------
mf_jar="$root/bench/tfb-microflask/target/tfb-microflask.jar"
jv_jar="$root/bench/tfb-javalin/target/tfb-javalin.jar"
verify_jar="$root/bench/tfb-verify/target/tfb-verify.jar"
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$mf_jar" || ! -f "$jv_jar" || ! -f "$verify_jar" ]]; then
    say "building the TechEmpower apps (mvn -Pbench -pl bench/tfb-microflask,bench/tfb-javalin,bench/tfb-verify -am package)"
    (cd "$root" && mvn -B -q -Pbench -pl bench/tfb-microflask,bench/tfb-javalin,bench/tfb-verify -am package \
        -DskipTests) >&2
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
PG_PORT="${PG_PORT:-$(free_port)}"
MF_PORT="${MF_PORT:-$(free_port)}"
JV_PORT="${JV_PORT:-$(free_port)}"

# --- PostgreSQL ----------------------------------------------------------------------------------------------
say "PostgreSQL: $("$PG_BIN/postgres" --version); throw-away cluster in $pgdata on 127.0.0.1:$PG_PORT"
mkdir -p "$pgdata"
[[ "$(id -u)" == 0 ]] && chown postgres: "$pgdata"
echo postgres >"$work/pg-password"
chmod 644 "$work/pg-password"
as_postgres "$PG_BIN/initdb" -D "$pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$work/pg-password" -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 1; }
# TechEmpower's cluster commits asynchronously (synchronous_commit = off); this throw-away one on a shared disk
# also skips fsync, so that the updates test measures the servers rather than the disk.
cat >>"$pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$pgdata'
max_connections = 100
shared_buffers = 128MB
synchronous_commit = off
fsync = off
full_page_writes = off
shared_preload_libraries = 'pg_stat_statements'
EOF
as_postgres "$pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start >/dev/null \
    || { cat "$pgdata/server.log" >&2; exit 1; }
postmaster="$(head -1 "$pgdata/postmaster.pid")"
psql_as() { # user database [psql options...]
    local user="$1" database="$2"
    shift 2
    as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$pgdata" -p "$PG_PORT" -U "$user" -d "$database" "$@"
}
psql_as postgres postgres <<'EOF'
CREATE ROLE benchmarkdbuser LOGIN PASSWORD 'benchmarkdbpass';
CREATE DATABASE hello_world OWNER benchmarkdbuser;
EOF
psql_as postgres hello_world <<<'CREATE EXTENSION pg_stat_statements;'
psql_as benchmarkdbuser hello_world <"$here/tfb-schema.sql"
say "tables filled: $(psql_as benchmarkdbuser hello_world -At <<<'SELECT count(*) FROM world') World rows," \
    "$(psql_as benchmarkdbuser hello_world -At <<<'SELECT count(*) FROM fortune') Fortune rows"
db_props=(-Dtfb.db.url="jdbc:postgresql://127.0.0.1:$PG_PORT/hello_world" -Dtfb.db.user=benchmarkdbuser
    -Dtfb.db.password=benchmarkdbpass -Dtfb.db.pool="$POOL_SIZE")

# --- servers -------------------------------------------------------------------------------------------------
pin_halves
start_server() { # name port jar; prints the pid
    local name="$1" port="$2" jar="$3" deadline pid
    deadline=$(($(now_ms) + 90000))
    # shellcheck disable=SC2086
    "${server_pin[@]}" "$JAVA" $JAVA_OPTS "${db_props[@]}" -jar "$jar" "$port" >"$work/$name.log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/plaintext" 2>/dev/null | grep -q 200; do
        if ! kill -0 "$pid" 2>/dev/null || (($(now_ms) > deadline)); then
            say "$name did not answer on port $port; its output:"
            cat "$work/$name.log" >&2
            kill "$pid" 2>/dev/null || true
            exit 1
        fi
        sleep 0.05
    done
    echo "$pid"
}
say "java: $("$JAVA" -version 2>&1 | head -1); $cores cores (servers on CPU $server_cpus, wrk on CPU $wrk_cpus," \
    "PostgreSQL anywhere)"
jv_pid="$(start_server javalin "$JV_PORT" "$jv_jar")"
pids+=("$jv_pid")
mf_pid="$(start_server microflask "$MF_PORT" "$mf_jar")"
pids+=("$mf_pid")

# Three apps under load: Javalin; microflask's default handlers; microflask's event-loop handlers (plaintext and
# json on the loop, the database tests as CompletionStages on a JDBC executor), under /async.
APPS=(jv mf mfa)
declare -A app_name=([jv]="Javalin" [mf]="microflask" [mfa]="microflask async")
declare -A app_pid=([jv]="$jv_pid" [mf]="$mf_pid" [mfa]="$mf_pid")
declare -A app_base=([jv]="http://127.0.0.1:$JV_PORT" [mf]="http://127.0.0.1:$MF_PORT"
    [mfa]="http://127.0.0.1:$MF_PORT/async")

# --- verification --------------------------------------------------------------------------------------------
failed=0
for app in "${APPS[@]}"; do
    say "verifying ${app_name[$app]} at ${app_base[$app]}"
    "$JAVA" "${db_props[@]}" -jar "$verify_jar" "${app_name[$app]}" "${app_base[$app]}" >&2 || failed=1
done
if ((failed)); then
    say "verification FAILED: no load test (see the checks above)"
    exit 1
fi
if [[ "${VERIFY_ONLY:-}" == 1 ]]; then
    say "all three apps passed the verification ($(($(date +%s) - started_at)) s)"
    exit 0
fi

# --- load ----------------------------------------------------------------------------------------------------
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true
ticks="$(getconf CLK_TCK)"
cpu_ticks() { # pid...: user + system ticks of these processes
    local total=0 pid
    for pid in "$@"; do
        [[ -r "/proc/$pid/stat" ]] || continue
        total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
    done
    echo "$total"
}
pg_pids() { echo "$postmaster" $(ps -o pid= --ppid "$postmaster"); }
ACCEPT_JSON='application/json,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7'
ACCEPT_TEXT='text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7'
TESTS=(plaintext json db queries fortunes updates)
path_of() {
    case "$1" in
        queries | updates) echo "/$1?queries=$QUERIES" ;;
        *) echo "/$1" ;;
    esac
}
# One wrk run with TechEmpower's headers; prints "req/s p50_us p99_us errors server% postgres% wrk%".
measure() { # app test seconds
    local app="$1" test="$2" seconds="$3" url args pg_before pg_after srv_before srv_after
    url="${app_base[$app]}$(path_of "$test")"
    args=(-H 'Host: localhost' -H 'Connection: keep-alive' --latency -d "${seconds}s" --timeout 8 -t "$WRK_THREADS")
    if [[ "$test" == plaintext ]]; then
        args+=(-H "Accept: $ACCEPT_TEXT" -c "$PLAINTEXT_CONNECTIONS" -s "$here/pipeline.lua" "$url" -- "$PIPELINE")
    else
        args+=(-H "Accept: $ACCEPT_JSON" -c "$CONNECTIONS" "$url")
    fi
    srv_before="$(cpu_ticks "${app_pid[$app]}")"
    # shellcheck disable=SC2046
    pg_before="$(cpu_ticks $(pg_pids))"
    # `times` in the subshell gives the CPU its child (wrk) used.
    ( "${wrk_pin[@]}" wrk "${args[@]}" >"$work/wrk.out"; times >"$work/wrk.times" )
    srv_after="$(cpu_ticks "${app_pid[$app]}")"
    # shellcheck disable=SC2046
    pg_after="$(cpu_ticks $(pg_pids))"
    local rps p50 p99 bad wrk_cpu
    read -r rps p50 p99 bad < <(wrk_figures "$(cat "$work/wrk.out")")
    if [[ "$test" == plaintext ]]; then
        # wrk times a pipelined batch, not each request, and its percentiles then come out as 0: none is given.
        p50=-1
        p99=-1
    fi
    wrk_cpu="$(awk 'NR == 2 { n = split($0, t, " "); s = 0
        for (i = 1; i <= n; i++) { split(t[i], ms, "m"); s += ms[1] * 60 + ms[2] + 0 } print s }' "$work/wrk.times")"
    awk -v rps="$rps" -v p50="$p50" -v p99="$p99" -v bad="$bad" -v d="$seconds" -v hz="$ticks" \
        -v srv=$((srv_after - srv_before)) -v pg=$((pg_after - pg_before)) -v w="$wrk_cpu" \
        'BEGIN { printf "%s %s %s %s %.0f %.0f %.0f\n", rps, p50, p99, bad, 100 * srv / hz / d, 100 * pg / hz / d,
                 100 * w / d }'
}

load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for test in "${TESTS[@]}"; do
    for app in "${APPS[@]}"; do
        say "warming up ${app_name[$app]} $(path_of "$test") for ${WARMUP}s"
        measure "$app" "$test" "$WARMUP" >/dev/null
    done
    for ((run = 1; run <= RUNS; run++)); do
        for app in "${APPS[@]}"; do
            result="$(measure "$app" "$test" "$DURATION")"
            say "  run $run ${app_name[$app]} $(path_of "$test"): $result (req/s p50us p99us errors server% pg% wrk%)"
            echo "$result" >>"$work/result_${app}_$test"
        done
    done
done

# --- report --------------------------------------------------------------------------------------------------
column_median() { cut -d' ' -f"$2" "$1" | median; }
declare -A rps
errors=0
echo
echo "TechEmpower test types, microflask vs Javalin 7.2.3: $("$JAVA" -version 2>&1 | head -1 | tr -d '"'), $cores" \
    "cores (servers on CPU $server_cpus, wrk -t$WRK_THREADS on CPU $wrk_cpus, PostgreSQL $("$PG_BIN/postgres" \
    --version | awk '{ print $3 }') anywhere), load average $load_at_start at the start and $(cut -d' ' -f1-3 /proc/loadavg) at the end;" \
    "pool $POOL_SIZE per app; $CONNECTIONS connections ($PLAINTEXT_CONNECTIONS for plaintext, pipelined x$PIPELINE);" \
    "median of $RUNS x ${DURATION}s after ${WARMUP}s warm-up per app and test. CPU is % of one core."
echo
echo "| test | app | req/s | vs Javalin | p50 | p99 | server CPU | PostgreSQL CPU | wrk CPU |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for test in "${TESTS[@]}"; do
    for app in "${APPS[@]}"; do
        f="$work/result_${app}_$test"
        rps[$app,$test]="$(column_median "$f" 1)"
        errors=$((errors + $(awk '{ s += $4 } END { print s + 0 }' "$f")))
        printf '| %s | %s | %.0f | %s | %s | %s | %s%% | %s%% | %s%% |\n' "$(path_of "$test")" "${app_name[$app]}" \
            "${rps[$app,$test]}" "$(ratio "${rps[$app,$test]}" "${rps[jv,$test]}")" \
            "$(ms "$(column_median "$f" 2)")" "$(ms "$(column_median "$f" 3)")" "$(column_median "$f" 5)" \
            "$(column_median "$f" 6)" "$(column_median "$f" 7)"
    done
done
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t) ? "met" : "MISSED" }'; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b) ? a : b }'; }
echo
echo "| target | microflask (default) | microflask async | status (better of the two) |"
echo "|---|---:|---:|---|"
for target in "plaintext 2.0" "json 2.0" "fortunes 2.0" "db 1.3"; do
    read -r test want <<<"$target"
    a="$(ratio "${rps[mf,$test]}" "${rps[jv,$test]}")"
    b="$(ratio "${rps[mfa,$test]}" "${rps[jv,$test]}")"
    echo "| $test at least ${want}x Javalin | $a | $b | $(verdict "$(best "$a" "$b")" "$want") |"
done
a="$(ratio "${rps[mf,fortunes]}" "${rps[mf,db]}")"
b="$(ratio "${rps[mfa,fortunes]}" "${rps[mfa,db]}")"
echo "| fortunes within 20% of db (fortunes/db at least 0.80) | $a | $b | $(verdict "$(best "$a" "$b")" 0.80) |"
echo
echo "whole run: $(($(date +%s) - started_at)) s"
if ((errors > 0)); then
    echo
    echo "WARNING: $errors non-2xx answers or socket errors during the measured runs (see the lines above)."
fi
