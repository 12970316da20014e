#!/usr/bin/env bash
# Issue #3's HTTP benchmark: signed /owner through Backline vs a Hummingbird hello-world route from
# the same release build, loaded by wrk from a second process on loopback, then p99 latency at a
# fixed 1,000 requests/s. Needs wrk (apt-get install wrk). Prints Markdown rows for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product backline-bench >/dev/null
bench=.build/release/backline-bench
port=${PORT:-8300}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-64}

$bench http-servers --port "$port" 2>/dev/null &
server=$!
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

script=$(mktemp --suffix=.lua)
$bench wrk-script > "$script"
# Warm-up, then the measured runs.
wrk -t1 -c8 -d3s -s "$script" "http://127.0.0.1:$port/slack/commands" >/dev/null
hello=$(wrk -t1 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$((port + 1))/hello")
owner=$(wrk -t1 -c"$connections" -d"$duration" --latency -s "$script" "http://127.0.0.1:$port/slack/commands")
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1 == "99%" {print $2}'; }
non2xx() { echo "$1" | awk '/Non-2xx/ {print $4}'; }
echo "| wrk, $connections connections, $duration: hello-world route | $(rate "$hello") req/s (p99 $(p99 "$hello")) |"
echo "| wrk, $connections connections, $duration: signed \`/owner\` | $(rate "$owner") req/s (p99 $(p99 "$owner"))${owner_errors:+, $(non2xx "$owner") non-2xx} |"
awk -v a="$(rate "$owner")" -v b="$(rate "$hello")" 'BEGIN { printf "| throughput ratio, signed /owner ÷ hello-world | %.2f |\n", a / b }'
$bench paced-load --url "http://127.0.0.1:$port/slack/commands" --rate 1000 --seconds 10
rm -f "$script"
