#!/usr/bin/env bash
# Benchmark of planner-dataset (not a test): simulate an event database of about 1,000,000 events,
# then build one dataset over the whole period (every plan event becomes an example), on the
# embedded DuckDB file and on a throwaway PostgreSQL server; then the spec's per-event-query
# approach (5 queries per event) on a 10,000-event sample of the same database, for the speed-up.
#
#   bench/planner-dataset.sh [HOUSEHOLDS] [DAYS]     (default 23500 households x 29 days ~ 1.0M events)
#
# BENCH_DB=duckdb or BENCH_DB=postgres runs one database only (default: both).
# Needs target/dsgen.jar and target/test-classes (./mvnw -B package -DskipTests). PostgreSQL: uses
# initdb/pg_ctl from PATH or /usr/lib/postgresql/*/bin (Debian package "postgresql"); skipped with a
# message when there are none. Run as root, the server runs as the "postgres" user.
set -euo pipefail
cd "$(dirname "$0")/.."
households="${1:-23500}"
days="${2:-29}"
jar=target/dsgen.jar
[ -f "$jar" ] && [ -d target/test-classes ] || { echo "bench: build first: ./mvnw -B package -DskipTests" >&2; exit 2; }
work="$(mktemp -d -t dsgen-planner-bench.XXXXXX)"
chmod 755 "$work"
pg_ctl_bin=""
cleanup() {
  if [ -n "$pg_ctl_bin" ] && [ -d "$work/pg" ]; then as_pg "$pg_ctl_bin" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
end_date=$(date -u -d "2025-01-01 + $((days - 1)) days" +%F)

timed() { # label command...
  local label="$1"; shift
  local start end mem="n/a"
  start=$(date +%s.%N)
  if /usr/bin/time -f "%M" true 2>/dev/null; then
    mem=$( { /usr/bin/time -f "%M" "$@" >"$work/out.txt"; } 2>&1 | tail -1)
    mem="$((mem / 1024)) MB"
  else
    "$@" >"$work/out.txt"
  fi
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')
  echo "bench: $label: ${secs} s, peak RSS $mem"
}

run_db() { # label url
  local label="$1" url="$2"
  timed "$label simulate ($households households x $days days)" java -jar "$jar" planner-dataset simulate \
    --households "$households" --days "$days" --db "$url" --seed 42
  grep -E "exp.events|pantry_snapshots|plan_edits" "$work/out.txt" | sed 's/^/bench:   /'
  rm -rf "$work/ds"
  timed "$label build (2025-01-01..$end_date)" java -jar "$jar" planner-dataset build --date "$end_date" \
    --start 2025-01-01 --db "$url" --out "$work/ds" -q -v
  build_secs=$secs
  rows=$(grep -o '"rows" : [0-9]*' "$work/ds/date=$end_date/_metadata.json" | head -1 | grep -o '[0-9]*$')
  echo "bench:   $rows examples, $(du -h "$work/ds/date=$end_date/training.parquet" | cut -f1) training.parquet"
  sha=$(sha256sum "$work/ds/date=$end_date/training.parquet" | cut -c1-16)
  echo "bench:   training.parquet sha256 $sha..."
  timed "$label per-event queries (10,000 events)" java -cp "target/test-classes:$jar" \
    dev.dsgen.planner.PerEventQueryBaseline "$url" 10000
  sed 's/^/bench:   /' "$work/out.txt"
  per_event=$(grep -o '[0-9]* events/s' "$work/out.txt" | grep -o '^[0-9]*')
  awk -v rows="$rows" -v b="$build_secs" -v r="$per_event" 'BEGIN{
    printf "bench:   %s: the build makes %d examples in %.1f s (%.0f/s); per-event queries would take ~%.0f s: %.0fx\n",
      "'"$label"'", rows, b, rows / b, rows / r, (rows / r) / b }'
}

if [ "${BENCH_DB:-all}" != postgres ]; then
  run_db duckdb "jdbc:duckdb:$work/planner.duckdb"
fi
[ "${BENCH_DB:-all}" = duckdb ] && exit 0

# PostgreSQL: a throwaway server on 127.0.0.1, if the binaries are here.
initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
pg_ctl_candidate=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$initdb_bin" ] || [ -z "$pg_ctl_candidate" ]; then
  echo "bench: PostgreSQL skipped: no initdb/pg_ctl (apt-get install -y postgresql)"
  exit 0
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port=55439
mkdir -p "$work/pg" "$work/sock"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" "$work/sock"
as_pg "$initdb_bin" -D "$work/pg" -U postgres -A trust >/dev/null
pg_ctl_bin="$pg_ctl_candidate"
as_pg "$pg_ctl_bin" -D "$work/pg" -o "-p $port -k $work/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" \
  -l "$work/sock/pg.log" -w start >/dev/null
run_db postgres "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
