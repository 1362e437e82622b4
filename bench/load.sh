#!/usr/bin/env bash
# Load test: microflask against a raw Netty server with the same endpoints, in the same run.
#
#   bench/load.sh                      # build, then measure with `java` on the PATH
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/load.sh
#
# Settings (environment): JAVA (java binary), CONNECTIONS (32), WRK_THREADS (1), WARMUP (5 s per server and
# endpoint), DURATION (10 s per measured run), RUNS (3, reported by their median), SKIP_BUILD=1 (reuse
# bench/target/benchmarks.jar), JAVA_OPTS (extra JVM options for both servers), MF_OPTS (extra JVM options for
# microflask only, e.g. -Dbench.workerThreads=8).
#
# Both servers are started first (each timed from process start to its first 200 answer); then, per endpoint,
# each gets a warm-up and the measured runs alternate raw/microflask, so that whatever else the machine does
# weighs on both alike. The ratio microflask/raw of the same run is what the targets are about.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
JAVA="${JAVA:-java}"
CONNECTIONS="${CONNECTIONS:-32}"
WRK_THREADS="${WRK_THREADS:-1}"
WARMUP="${WARMUP:-5}"
DURATION="${DURATION:-10}"
RUNS="${RUNS:-3}"
JAVA_OPTS="${JAVA_OPTS:-}"
MF_OPTS="${MF_OPTS:-}"
RAW_PORT="${RAW_PORT:-18181}"
MF_PORT="${MF_PORT:-18182}"
ENDPOINTS=(/plaintext /json /user/42)
jar="$root/bench/target/benchmarks.jar"
work="$(mktemp -d)"
pids=()

cleanup() {
    for pid in "${pids[@]:-}"; do
        [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
source "$here/lib.sh"

command -v wrk >/dev/null 2>&1 || apt_install wrk
for tool in curl taskset awk; do
    command -v "$tool" >/dev/null 2>&1 || { say "bench/load.sh needs $tool on the PATH"; exit 1; }
done

if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$jar" ]]; then
    say "building bench/target/benchmarks.jar (mvn -Pbench -pl bench -am package)"
    (cd "$root" && mvn -B -q -Pbench -pl bench -am package -DskipTests) >&2
fi

pin_halves
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Starts a server, waits for its first 200 on /plaintext; prints "pid startup_ms".
start_server() {
    local name="$1" port="$2" main="$3"
    shift 3
    local started
    started="$(now_ms)"
    # shellcheck disable=SC2086
    "${server_pin[@]}" "$JAVA" $JAVA_OPTS "$@" -cp "$jar" "$main" "$port" >"$work/$name.log" 2>&1 &
    local pid=$!
    local deadline=$((started + 60000))
    until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/plaintext" 2>/dev/null | grep -q 200; do
        if ! kill -0 "$pid" 2>/dev/null || (($(now_ms) > deadline)); then
            say "$name did not answer on port $port; its output:"
            cat "$work/$name.log" >&2
            exit 1
        fi
        sleep 0.005
    done
    echo "$pid $(($(now_ms) - started))"
}

# One wrk run; prints "requests_per_s p50_us p99_us non2xx_or_errors".
measure() {
    local url="$1" seconds="$2" out
    out="$("${wrk_pin[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$url")"
    wrk_figures "$out"
}

say "java: $("$JAVA" -version 2>&1 | head -1); cores: $cores (server on CPU $server_cpus, wrk on CPU $wrk_cpus)"
read -r raw_pid raw_start < <(start_server raw "$RAW_PORT" io.microflask.bench.RawNettyServer)
# shellcheck disable=SC2086
read -r mf_pid mf_start < <(start_server microflask "$MF_PORT" io.microflask.bench.BenchApp $MF_OPTS)
pids+=("$raw_pid" "$mf_pid")
sleep 1
raw_rss_idle="$(rss_mib "$raw_pid")"
mf_rss_idle="$(rss_mib "$mf_pid")"

# raw: raw Netty; el: microflask's event-loop (@NonBlocking) handlers, under /el; mf: its default handlers.
url_of() { # server endpoint
    case "$1" in
        raw) echo "http://127.0.0.1:$RAW_PORT$2" ;;
        el) echo "http://127.0.0.1:$MF_PORT/el$2" ;;
        *) echo "http://127.0.0.1:$MF_PORT$2" ;;
    esac
}
for endpoint in "${ENDPOINTS[@]}"; do
    for server in raw el mf; do
        body="$(curl -s "$(url_of "$server" "$endpoint")")"
        say "$server $endpoint -> $body; warming up ${WARMUP}s"
        measure "$(url_of "$server" "$endpoint")" "$WARMUP" >/dev/null
    done
    for ((run = 1; run <= RUNS; run++)); do
        for server in raw el mf; do
            result="$(measure "$(url_of "$server" "$endpoint")" "$DURATION")"
            say "  run $run $server $endpoint: $result (req/s p50us p99us errors)"
            echo "$result" >>"$work/$server${endpoint//\//_}"
        done
    done
done
# Many connections, and pipelining at depth 16 (TechEmpower's plaintext shape), on /plaintext.
HIGH_CONNECTIONS="${HIGH_CONNECTIONS:-1024}"
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true
measure_with() { # connections extra-wrk-args... url
    local connections="$1"; shift
    local out rps p99
    out="$("${wrk_pin[@]}" wrk -t"$WRK_THREADS" -c"$connections" -d"${DURATION}s" --latency "$@")"
    rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
    p99="$(to_us "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
    echo "$rps $p99"
}
for server in raw el mf; do
    say "$server /plaintext at $HIGH_CONNECTIONS connections, and pipelined at depth 16"
    measure_with "$HIGH_CONNECTIONS" "$(url_of "$server" /plaintext)" >/dev/null # warm-up
    measure_with "$HIGH_CONNECTIONS" "$(url_of "$server" /plaintext)" >"$work/high_$server"
    measure_with "$CONNECTIONS" -s "$here/pipeline.lua" "$(url_of "$server" /plaintext)" -- 16 >"$work/pipe_$server"
done
raw_rss_load="$(rss_mib "$raw_pid")"
mf_rss_load="$(rss_mib "$mf_pid")"
kill "$raw_pid" "$mf_pid" 2>/dev/null || true
wait "$raw_pid" "$mf_pid" 2>/dev/null || true

# Start-up again, alone on a quiet server core, median of STARTS: with the JVM's defaults, without Netty's JFR
# events (-Dio.netty.jfr.enabled=false: Netty 4.2 otherwise sets up JFR at start-up), and with that plus an
# application class-data archive (AppCDS, made by one training start).
STARTS="${STARTS:-3}"
# Prints the milliseconds from process start to the first 200 answer; the process is then stopped.
time_start() {
    local main="$1" port="$2"
    shift 2
    local started pid
    started="$(now_ms)"
    # shellcheck disable=SC2086
    "${server_pin[@]}" "$JAVA" $JAVA_OPTS "$@" -cp "$jar" "$main" "$port" >>"$work/startup.log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/plaintext" 2>/dev/null | grep -q 200; do
        kill -0 "$pid" 2>/dev/null || { say "$main failed to start; see its output:"; cat "$work/startup.log" >&2; exit 1; }
        sleep 0.005
    done
    echo $(($(now_ms) - started))
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}
startup_median() {
    local i
    for ((i = 0; i < STARTS; i++)); do time_start "$@"; done | median
}
declare -A startup
for who in raw mf; do
    main=io.microflask.bench.RawNettyServer; port="$RAW_PORT"
    [[ "$who" == mf ]] && { main=io.microflask.bench.BenchApp; port="$MF_PORT"; }
    say "timing start-up of $who ($STARTS starts per variant)"
    startup[$who,default]="$(startup_median "$main" "$port")"
    startup[$who,nojfr]="$(startup_median "$main" "$port" -Dio.netty.jfr.enabled=false)"
    time_start "$main" "$port" -Dio.netty.jfr.enabled=false -XX:ArchiveClassesAtExit="$work/$who.jsa" >/dev/null
    startup[$who,cds]="$(startup_median "$main" "$port" -Dio.netty.jfr.enabled=false -XX:SharedArchiveFile="$work/$who.jsa")"
done

verdict() { # value op target
    awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "met" : "MISSED" }'
}

echo
echo "microflask vs raw Netty: $("$JAVA" -version 2>&1 | head -1 | tr -d '"'), $cores cores (server CPU $server_cpus," \
    "wrk CPU $wrk_cpus), wrk -t$WRK_THREADS -c$CONNECTIONS, median of $RUNS x ${DURATION}s after ${WARMUP}s warm-up"
echo
echo "| endpoint | raw Netty req/s | event loop req/s | ratio (target >= 0.90) | default req/s | ratio (target >= 0.65) | raw p99 | event loop p99 | p99 ratio (target <= 1.20) | default p99 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
errors=0
for endpoint in "${ENDPOINTS[@]}"; do
    f="${endpoint//\//_}"
    raw_rps="$(cut -d' ' -f1 "$work/raw$f" | median)"
    el_rps="$(cut -d' ' -f1 "$work/el$f" | median)"
    mf_rps="$(cut -d' ' -f1 "$work/mf$f" | median)"
    raw_p99="$(cut -d' ' -f3 "$work/raw$f" | median)"
    el_p99="$(cut -d' ' -f3 "$work/el$f" | median)"
    mf_p99="$(cut -d' ' -f3 "$work/mf$f" | median)"
    errors=$((errors + $(awk '{ s += $4 } END { print s + 0 }' "$work/raw$f" "$work/el$f" "$work/mf$f")))
    er="$(ratio "$el_rps" "$raw_rps")"
    tr="$(ratio "$mf_rps" "$raw_rps")"
    lr="$(ratio "$el_p99" "$raw_p99")"
    printf '| `GET %s` | %.0f | %.0f | %s (%s) | %.0f | %s (%s) | %s | %s | %s (%s) | %s |\n' "$endpoint" "$raw_rps" \
        "$el_rps" "$er" "$(verdict "$er" '>=' 0.90)" "$mf_rps" "$tr" "$(verdict "$tr" '>=' 0.65)" "$(ms "$raw_p99")" \
        "$(ms "$el_p99")" "$lr" "$(verdict "$lr" '<=' 1.20)" "$(ms "$mf_p99")"
done
echo
echo "| \`GET /plaintext\` | raw Netty req/s | event loop req/s | ratio | default req/s | ratio | raw p99 | event loop p99 | default p99 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for shape in high pipe; do
    read -r raw_rps raw_p99 <"$work/${shape}_raw"
    read -r el_rps el_p99 <"$work/${shape}_el"
    read -r mf_rps mf_p99 <"$work/${shape}_mf"
    label="$HIGH_CONNECTIONS connections"
    [[ "$shape" == pipe ]] && label="pipelined x16, $CONNECTIONS connections"
    printf '| %s | %.0f | %.0f | %s | %.0f | %s | %s | %s | %s |\n' "$label" "$raw_rps" "$el_rps" \
        "$(ratio "$el_rps" "$raw_rps")" "$mf_rps" "$(ratio "$mf_rps" "$raw_rps")" "$(ms "$raw_p99")" \
        "$(ms "$el_p99")" "$(ms "$mf_p99")"
done
echo
echo "| | raw Netty | microflask | target |"
echo "|---|---:|---:|---|"
echo "| start to first 200, first start of the run | $raw_start ms | $mf_start ms | |"
echo "| start to first 200, JVM defaults (median of $STARTS) | ${startup[raw,default]} ms | ${startup[mf,default]} ms | microflask < 500 ms ($(verdict "${startup[mf,default]}" '<=' 499)) |"
echo "| start to first 200, -Dio.netty.jfr.enabled=false | ${startup[raw,nojfr]} ms | ${startup[mf,nojfr]} ms | microflask < 500 ms ($(verdict "${startup[mf,nojfr]}" '<=' 499)) |"
echo "| start to first 200, that and AppCDS | ${startup[raw,cds]} ms | ${startup[mf,cds]} ms | microflask < 500 ms ($(verdict "${startup[mf,cds]}" '<=' 499)) |"
echo "| resident memory, idle | $raw_rss_idle MiB | $mf_rss_idle MiB | |"
echo "| resident memory, after load | $raw_rss_load MiB | $mf_rss_load MiB | |"
if ((errors > 0)); then
    echo
    echo "WARNING: $errors non-2xx answers or socket errors during the measured runs (see the lines above)."
fi
