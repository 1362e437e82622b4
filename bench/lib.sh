# Helpers shared by bench/load.sh and bench/tfb.sh (sourced, not run).

say() { printf '%s\n' "$*" >&2; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Runs a command as root: directly when this is root, through sudo otherwise.
as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages that are missing, e.g. `apt_install wrk`, bounded in time.
apt_install() {
    say "installing $* with apt-get"
    as_root timeout 300 apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq "$@" >&2
}

# Servers on the first half of the cores and the load generator on the second half (one each on two cores): sets
# server_cpus, wrk_cpus and the command prefixes server_pin and wrk_pin.
pin_halves() {
    cores="$(nproc)"
    if ((cores >= 2)); then
        local half=$((cores / 2))
        server_cpus="0-$((half - 1))"
        wrk_cpus="$half-$((cores - 1))"
        server_pin=(taskset -c "$server_cpus")
        wrk_pin=(taskset -c "$wrk_cpus")
    else
        server_cpus="all"
        wrk_cpus="all"
        server_pin=()
        wrk_pin=()
    fi
}

# wrk latency figures ("812.00us", "1.20ms", "2.01s") in microseconds.
to_us() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else if (v ~ /m$/) print n * 60000000;
        else if (v ~ /s$/) print n * 1000000; else print n }'
}

# The figures of one wrk --latency output (its text as $1): "requests_per_s p50_us p99_us non2xx_or_errors".
wrk_figures() {
    local out="$1" rps p50 p99 bad
    rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
    p50="$(to_us "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
    p99="$(to_us "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
    bad="$(awk '/Non-2xx or 3xx responses:/ { b += $NF } /Socket errors:/ { gsub(/,/, ""); b += $4 + $6 + $8 + $10 }
        END { print b + 0 }' <<<"$out")"
    echo "$rps $p50 $p99 $bad"
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# a / b to two decimals, or n/a when b is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# Microseconds for a table: "812 us", "1.20 ms", or "n/a" for a negative value.
ms() { awk -v u="$1" 'BEGIN { if (u < 0) print "n/a"; else if (u >= 1000) printf "%.2f ms", u / 1000; else printf "%d us", u }'; }
