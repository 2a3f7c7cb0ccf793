#!/usr/bin/env bash
# Benchmark of synth-entities (not a test): wall time, records/s and peak memory, end to end
# (JVM start, generation, CSV, pairs, Parquet, validation, summary), for the default sizes and
# for a million leads under a 1 GB heap. Prints one line per run, then a markdown table row.
#
#   bench/synth-entities.sh [RUNS]        (default RUNS=3; the best run is reported)
#
# Needs target/dsgen.jar (./mvnw -B package -DskipTests). Uses GNU time for peak memory when
# present (Debian package "time").
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
jar=target/dsgen.jar
[ -f "$jar" ] || { echo "bench: build first: ./mvnw -B package -DskipTests" >&2; exit 2; }
out="$(mktemp -d -t dsgen-bench.XXXXXX)"
trap 'rm -rf "$out"' EXIT

measure() { # label heap args...
  local label="$1" heap="$2"; shift 2
  local best="" best_mem="" records
  for i in $(seq "$runs"); do
    rm -rf "$out/run"
    local start end secs mem="n/a"
    start=$(date +%s.%N)
    if command -v /usr/bin/time >/dev/null && /usr/bin/time -f "%M" true 2>/dev/null; then
      mem=$( { /usr/bin/time -f "%M" java "$heap" -jar "$jar" synth-entities -q "$@" \
        --outdir "$out/run/synth" --pairs-out "$out/run/pairs" --summary "$out/run/summary.json" ; } 2>&1 | tail -1)
      mem="$((mem / 1024)) MB"
    else
      java "$heap" -jar "$jar" synth-entities -q "$@" \
        --outdir "$out/run/synth" --pairs-out "$out/run/pairs" --summary "$out/run/summary.json"
    fi
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')
    echo "bench: $label run $i: ${secs} s, peak RSS $mem"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$secs; best_mem=$mem; fi
  done
  records=$(( $(wc -l < "$out/run/synth/leads.csv") + $(wc -l < "$out/run/synth/sales.csv") \
    + $(wc -l < "$out/run/synth/financial.csv") - 3 ))
  pairs=$(python3 -c "import json;print(json.load(open('$out/run/summary.json'))['pairs']['total'])" 2>/dev/null || echo "?")
  rows+=("$(printf '| %s | `%s %s` | %d | %s | %.2f s | %.0f | %s |' "$label" "$heap" "$*" "$records" "$pairs" "$best" \
    "$(awk -v r="$records" -v s="$best" 'BEGIN{print r/s}')" "$best_mem")")
}

rows=()
measure "default" "-Xmx1g"
measure "1M leads" "-Xmx1g" --n-leads 1000000
echo
echo "| run | flags | records | pairs | best wall time | records/s | peak RSS |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
