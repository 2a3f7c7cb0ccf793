#!/usr/bin/env bash
# Benchmark of ranking-queries (not a test), end to end (JVM start, graph, queries, BM25, write,
# validation, sidecar):
#   1. --dry-run over 10,000 clusters of a generated 10,000-platform deal graph (goal: < 5 s);
#   2. LLM mode against a local OpenAI-compatible server answering in 50 ms, --llm-concurrency 8,
#      fresh cache (goal: the LLM phase within 20% of calls x 50 ms / 8), then the same job again
#      replayed from the cache (0 requests).
#
#   bench/ranking-queries.sh [RUNS] [LLM_CLUSTERS]     (default RUNS=3, LLM_CLUSTERS=2000)
#
# Needs target/dsgen.jar and target/test-classes (the deal generator and the fake server):
#   ./mvnw -B -q package -DskipTests && ./mvnw -B -q test-compile
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
llm_clusters="${2:-2000}"
jar=target/dsgen.jar
[ -f "$jar" ] && [ -d target/test-classes/dev/dsgen/tools ] \
  || { echo "bench: build first: ./mvnw -B -q package -DskipTests && ./mvnw -B -q test-compile" >&2; exit 2; }
cp="$jar:target/test-classes"
out="$(mktemp -d -t dsgen-bench-rq.XXXXXX)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$out"; }
trap cleanup EXIT

secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }
field() { # file dotted.path
  java -cp "$cp" dev.dsgen.tools.JsonField "$1" "$2"
}

echo "bench: generating a 10,000-platform deal graph (seed 11)"
java -cp "$cp" dev.dsgen.tools.DealSampleGenerator "$out/deals10k" 10000 11
echo "bench: $(du -sh "$out/deals10k" | cut -f1) of deal files, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

best=""
for i in $(seq "$runs"); do
  rm -rf "$out/dry"
  start=$(date +%s.%N)
  # CPU as well as wall: on a shared machine the wall swings with other load, CPU much less.
  cpu=$( { TIMEFORMAT='%U s user, %S s sys'; time java -jar "$jar" ranking-queries --input "$out/deals10k" \
    --dry-run --clusters 10000 -q --output "$out/dry/ranking.json" --summary "$out/dry/summary.json"; } 2>&1 )
  s=$(secs "$start" "$(date +%s.%N)")
  echo "bench: dry-run 10,000 clusters run $i: ${s} s (${cpu}; load $(cut -d' ' -f1 /proc/loadavg))"
  if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$s; fi
done
examples=$(field "$out/dry/summary.json" quality.examples)
echo "bench: dry-run best ${best} s for ${examples} examples (goal < 5 s)"

# The fake server prints its URL on its first line.
java -Dsun.net.httpserver.nodelay=true -cp "$cp" dev.dsgen.tools.FakeLlmServer 0 50 > "$out/server.txt" &
server_pid=$!
for _ in $(seq 100); do grep -q http "$out/server.txt" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^,]*' "$out/server.txt")
echo "bench: fake LLM server at $url, 50 ms per answer"

ideal=$(awk -v n="$llm_clusters" 'BEGIN{printf "%.2f", n*0.050/8}')
for i in $(seq "$runs"); do
  rm -rf "$out/llm" "$out/cache"
  start=$(date +%s.%N)
  java -jar "$jar" ranking-queries --input "$out/deals10k" --clusters "$llm_clusters" -q \
    --llm-base-url "$url" --llm-model bench --llm-concurrency 8 --llm-cache "$out/cache" \
    --output "$out/llm/ranking.json" --summary "$out/llm/summary.json"
  s=$(secs "$start" "$(date +%s.%N)")
  calls=$(field "$out/llm/ranking.metadata.json" run.llm.usage.calls)
  phase=$(awk -v ms="$(field "$out/llm/ranking.metadata.json" run.llm.phase_ms)" 'BEGIN{printf "%.2f", ms/1000}')
  ratio=$(awk -v p="$phase" -v i="$ideal" 'BEGIN{printf "%.2f", p/i}')
  echo "bench: LLM run $i: $calls requests, LLM phase ${phase} s vs ideal ${ideal} s (x${ratio}; goal <= x1.20), whole run ${s} s"
done
start=$(date +%s.%N)
java -jar "$jar" ranking-queries --input "$out/deals10k" --clusters "$llm_clusters" -q \
  --llm-base-url "$url" --llm-model bench --llm-concurrency 8 --llm-cache "$out/cache" \
  --output "$out/replay/ranking.json" --summary "$out/replay/summary.json"
s=$(secs "$start" "$(date +%s.%N)")
cmp -s "$out/llm/ranking.json" "$out/replay/ranking.json" && same="byte-identical" || same="DIFFERENT"
echo "bench: replay from cache: $(field "$out/replay/ranking.metadata.json" run.llm.usage.calls) requests, \
$(field "$out/replay/ranking.metadata.json" run.llm.usage.cache_hits) cache hits, ${s} s, output $same"
