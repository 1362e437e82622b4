#!/usr/bin/env bash
# CPU profile of a bench server under wrk, as collapsed stacks, with async-profiler (from Maven Central).
#
#   bench/profile.sh                                   # raw Netty /plaintext and microflask /el/plaintext
#   ENDPOINTS="mf:/plaintext" bench/profile.sh         # who:path pairs; who is raw or mf
#   SKIP_BUILD=1 JAVA=... SECONDS_PROFILED=15 bench/profile.sh
#
# Each server runs on CPU 0 and wrk -c32 on CPU 1; profiling starts after a 12 s warm-up. The stacks
# land in bench/target/profile/<who><path>.collapsed, then bench/profiling/categories.py prints the
# table of README's Performance section. perf events are often not available in a VM, hence ctimer.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$here/lib.sh"
JAVA="${JAVA:-java}"
ENDPOINTS="${ENDPOINTS:-raw:/plaintext mf:/el/plaintext}"
SECONDS_PROFILED="${SECONDS_PROFILED:-15}"
EVENT="${EVENT:-ctimer}"
PROFILER_VERSION=4.2
PORT="${PORT:-18190}"
jar="$root/bench/target/benchmarks.jar"
out="$root/bench/target/profile"
mkdir -p "$out"

command -v wrk >/dev/null || apt_install wrk
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$jar" ]]; then
    (cd "$root" && mvn -B -q -Pbench -pl bench -am package -DskipTests) >&2
fi
profiler_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION.jar"
if [[ ! -f "$profiler_jar" ]]; then
    mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION" >&2
fi
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
(cd "$tools" && unzip -q "$profiler_jar")
case "$(uname -m)" in
    aarch64) library="$tools/linux-arm64/libasyncProfiler.so" ;;
    *) library="$tools/linux-x64/libasyncProfiler.so" ;;
esac
javac_bin="${JAVA%java}javac"  # the javac beside $JAVA, else the one on the PATH
command -v "$javac_bin" >/dev/null || javac_bin=javac
"$javac_bin" -d "$tools" -cp "$profiler_jar" "$here/profiling/ProfileLauncher.java"
pin_halves

files=()
for endpoint in $ENDPOINTS; do
    who="${endpoint%%:*}"
    path="${endpoint#*:}"
    main=io.microflask.bench.BenchApp
    [[ "$who" == raw ]] && main=io.microflask.bench.RawNettyServer
    file="$out/$who$(tr '/' '_' <<<"$path").collapsed"
    "${server_pin[@]}" "$JAVA" -cp "$jar:$profiler_jar:$tools" ProfileLauncher "$main" "$PORT" 12 \
        "$SECONDS_PROFILED" "$file" "$EVENT" "$library" >"$out/$who.log" 2>&1 &
    pid=$!
    for _ in $(seq 150); do curl -s -o /dev/null "http://127.0.0.1:$PORT$path" && break; sleep 0.2; done
    rps="$("${wrk_pin[@]}" wrk -t1 -c32 -d"$((SECONDS_PROFILED + 14))s" "http://127.0.0.1:$PORT$path" \
        | awk '/^Requests\/sec/ { print $2 }')"
    for _ in $(seq 100); do grep -q "profiling stopped" "$out/$who.log" && break; sleep 0.2; done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    say "$who $path: $rps req/s while profiled -> $file"
    files+=("$file")
done
python3 "$here/profiling/categories.py" "${files[@]}"
