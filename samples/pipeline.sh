#!/usr/bin/env bash
# The CI smoke run users copy: every dsgen subcommand on the bundled samples, in --dry-run mode
# (nothing leaves the machine), stopping at the first failure. Each generator adds its step here.
# OUT_DIR is scratch: --overwrite lets a rerun replace what the last run wrote there (a dry run
# replaces existing outputs only when --overwrite is given).
#
#   samples/pipeline.sh [OUT_DIR]      (default OUT_DIR: a new temp directory)
#
# Environment: DSGEN_JAR (default target/dsgen.jar), JAVA (default java).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="${DSGEN_JAR:-$root/target/dsgen.jar}"
java="${JAVA:-java}"
out="${1:-$(mktemp -d -t dsgen-pipeline.XXXXXX)}"
dsgen() { "$java" -jar "$jar" "$@"; }

echo "pipeline: writing under $out"

# 1. synth-entities: records, ground truth and labeled pairs (dev size keeps CI fast).
dsgen synth-entities --dry-run --overwrite --dev --quiet --seed 42 \
  --schema "$here/automotive_schemas.json" \
  --outdir "$out/synth" --pairs-out "$out/pairs" --summary "$out/reports/synth_summary.json"

# 2. ranking-queries: (query, candidate, label) ranking examples from the sample deal graph,
#    queries written by the offline fallback (no LLM call, no key needed).
dsgen ranking-queries --dry-run --overwrite --quiet --seed 42 --input "$here/deals" \
  --output "$out/processed/ranking_training_data.json" --summary "$out/reports/ranking_summary.json"

# 3. planner-dataset: a small event database in an embedded DuckDB file, then one day's dataset
#    (window 2025-01-03..2025-01-10) with its validation; no server needed.
dsgen planner-dataset simulate --quiet --seed 42 --households 150 --days 10 \
  --db "jdbc:duckdb:$out/planner/events.duckdb"
dsgen planner-dataset build --dry-run --overwrite --quiet --seed 42 --date 2025-01-10 \
  --db "jdbc:duckdb:$out/planner/events.duckdb" --out "$out/datasets/planner" --min-rows 100

echo "pipeline: ok"
