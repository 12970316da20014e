#!/usr/bin/env bash
# Issue #13's peer benchmark: the same signed `/owner playlist-api` answered by `backline serve`
# (release build, database file, demo catalog) and by a minimal Slack Bolt for Python app
# (AsyncApp + ASGI adapter under uvicorn, one worker) reading the same SQLite file through the
# documented catalog_* views, signatures verified by both. Both are loaded by wrk in the same run
# with the same signed body; prints throughput, p50/p99 and server CPU per request (the process's
# utime+stime from /proc/PID/stat over the requests served) for each, and the ratios, then p99 at
# a paced 1,000 req/s. Needs python3 (venv), wrk and curl.
#
#   bash Benchmarks/bolt-peer/run.sh
#   CONNECTIONS=32 DURATION=20s BUILD=0 bash Benchmarks/bolt-peer/run.sh
#
# BUILD=0 uses the existing .build/release binaries (e.g. built through another wrapper);
# BACKLINE_BIN and BENCH_BIN point it at other builds (e.g. one from before a change).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Benchmarks/bolt-peer
connections=${CONNECTIONS:-64}
duration=${DURATION:-15s}
paced_rate=${PACED_RATE:-1000}
backline_port=${BACKLINE_PORT:-8310}
bolt_port=${BOLT_PORT:-8311}
venv=${VENV:-.build/bolt-peer-venv}
pip_index=${PIP_INDEX_URL:+--index-url $PIP_INDEX_URL}
secret=benchmark-signing-secret

if [ "${BUILD:-1}" != 0 ]; then
    swift build -c release --product backline >/dev/null
    swift build -c release --product backline-bench >/dev/null
fi
backline=${BACKLINE_BIN:-.build/release/backline}
bench=${BENCH_BIN:-.build/release/backline-bench}

if [ ! -x "$venv/bin/uvicorn" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check $pip_index -r "$here/requirements.txt"
fi

work=$(mktemp -d)
db="$work/catalog.sqlite"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# wait_for URL [any]: until URL answers 2xx (or, with "any", answers at all).
wait_for() {
    local flags=-sf
    [ "${2:-}" = any ] && flags=-s
    for _ in $(seq 1 300); do curl $flags -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "not answering: $1" >&2
    exit 1
}

# Backline ingests the demo catalog into the database file at start-up and logs at its default
# level (info, one line per answer) to a file, as a service would.
SLACK_SIGNING_SECRET=$secret "$backline" serve --db "$db" --catalog config/catalog \
    --host 127.0.0.1 --port "$backline_port" 2>"$work/backline.log" &
pids+=($!)
backline_pid=$!
wait_for "http://127.0.0.1:$backline_port/readyz"

# The Bolt app reads the file Backline ingested (read-only); uvicorn's own access log is off, as
# Backline's per-request line is the closest thing it has.
SLACK_SIGNING_SECRET=$secret BACKLINE_DB="$db" "$venv/bin/uvicorn" --app-dir "$here" app:api \
    --host 127.0.0.1 --port "$bolt_port" --workers 1 --no-access-log --log-level warning 2>"$work/bolt.log" &
pids+=($!)
bolt_pid=$!
wait_for "http://127.0.0.1:$bolt_port/" any

script="$work/owner.lua"
"$bench" wrk-script --secret "$secret" > "$script"
body=$(sed -n 's/^wrk.body = "\(.*\)"$/\1/p' "$script")
timestamp=$(sed -n 's/^wrk.headers\["X-Slack-Request-Timestamp"\] = "\(.*\)"$/\1/p' "$script")
signature=$(sed -n 's/^wrk.headers\["X-Slack-Signature"\] = "\(.*\)"$/\1/p' "$script")

check() {
    local answer
    answer=$(curl -sf -X POST "$1" -H 'Content-Type: application/x-www-form-urlencoded' \
        -H "X-Slack-Request-Timestamp: $timestamp" -H "X-Slack-Signature: $signature" --data "$body")
    case "$answer" in
        *"owned by"*) ;;
        *) echo "unexpected answer from $1: $answer" >&2; exit 1 ;;
    esac
    # A wrong signature must be refused: verification is really on.
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$1" -H 'Content-Type: application/x-www-form-urlencoded' \
        -H "X-Slack-Request-Timestamp: $timestamp" -H "X-Slack-Signature: v0=$(printf '0%.0s' $(seq 1 64))" --data "$body")
    [ "$status" = 401 ] || { echo "$1 accepted a bad signature (HTTP $status)" >&2; exit 1; }
}
backline_url="http://127.0.0.1:$backline_port/slack/commands"
bolt_url="http://127.0.0.1:$bolt_port/slack/events"
check "$backline_url"
check "$bolt_url"

# CPU ticks (user + system) of a process and its children still running.
ticks() {
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}
hz=$(getconf CLK_TCK)

# load NAME PID URL: prints "name|req/s|p50|p99|requests|cpu ms/request|non-2xx"
load() {
    wrk -t1 -c8 -d3s -s "$script" "$3" >/dev/null
    local before after output requests
    before=$(ticks "$2")
    output=$(wrk -t1 -c"$connections" -d"$duration" --latency -s "$script" "$3")
    after=$(ticks "$2")
    requests=$(echo "$output" | awk '/requests in/ {print $1}')
    echo "$1|$(echo "$output" | awk '/Requests\/sec/ {print $2}')|$(echo "$output" | awk '$1 == "50%" {print $2}')|$(echo "$output" | awk '$1 == "99%" {print $2}')|$requests|$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.4f", t / hz * 1000 / n }')|$(echo "$output" | awk '/Non-2xx/ {print $4}')"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
backline_row=$(load backline "$backline_pid" "$backline_url")
bolt_row=$(load bolt "$bolt_pid" "$bolt_url")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| wrk -t1 -c$connections -d$duration, signed \`/owner playlist-api\` | req/s | p50 | p99 | requests | server CPU per request |"
echo "|---|---:|---:|---:|---:|---:|"
for row in "$backline_row" "$bolt_row"; do
    IFS='|' read -r name rate p50 p99 requests cpu errors <<<"$row"
    label=$([ "$name" = backline ] && echo "Backline (\`$backline serve\`)" || echo "Bolt for Python (AsyncApp, uvicorn, 1 worker)")
    echo "| $label | $rate | $p50 | $p99 | $requests${errors:+ ($errors non-2xx)} | $cpu ms |"
done
IFS='|' read -r _ backline_rate _ _ _ backline_cpu _ <<<"$backline_row"
IFS='|' read -r _ bolt_rate _ _ _ bolt_cpu _ <<<"$bolt_row"
awk -v a="$backline_rate" -v b="$bolt_rate" -v ca="$backline_cpu" -v cb="$bolt_cpu" 'BEGIN {
    printf "| ratio | Backline ÷ Bolt throughput %.2f | | | | Bolt ÷ Backline CPU per request %.2f |\n", a / b, cb / ca }'
echo
"$bench" paced-load --url "$backline_url" --secret "$secret" --rate "$paced_rate" --seconds 10 | sed 's/^| paced/| Backline: paced/'
"$bench" paced-load --url "$bolt_url" --secret "$secret" --rate "$paced_rate" --seconds 10 | sed 's/^| paced/| Bolt: paced/'
