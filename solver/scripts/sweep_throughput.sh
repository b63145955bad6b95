#!/usr/bin/env bash
# Side-by-side throughput of one sweep spec, interleaved rounds in one run (the machine is shared: compare ratios):
#   separate  - one `java -jar ufm.jar solve CELL --json` process per cell, one after another
#   local     - `ufm.jar sweep SPEC --workers 2` (one process, two single-threaded workers)
#   spark     - `ufm-spark.jar SPEC --master local[2]` (embedded Spark, two task slots)
# Prints per round: wall seconds of each whole command, and the engines' own seconds (after start-up).
# usage: solver/scripts/sweep_throughput.sh SPEC.json ROUNDS [skip-separate]
set -euo pipefail
spec=$1; rounds=${2:-3}; skip_sep=${3:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
ufm=$root/solver/target/ufm.jar; spark=$root/spark/target/ufm-spark.jar
tmp=$(mktemp -d)
/usr/bin/python3 - "$spec" > "$tmp/cells.txt" <<'PY'
import json, itertools, sys
s = json.load(open(sys.argv[1])); grid = s.pop("grid")
def arg(k, v):
    return ["--" + k] if v is True else [] if v is False else ["--" + k, repr(v) if isinstance(v, float) else str(v)]
fixed = [a for k, v in s.items() for a in arg(k, v)]
for combo in itertools.product(*grid.values()):
    print(" ".join(fixed + [a for k, v in zip(grid, combo) for a in arg(k, v)]))
PY
n=$(wc -l < "$tmp/cells.txt")
now() { date +%s.%N; }
for r in $(seq 1 "$rounds"); do
  if [ -z "$skip_sep" ]; then
    t0=$(now); while read -r cell; do java -jar "$ufm" solve $cell --json > /dev/null; done < "$tmp/cells.txt"; t1=$(now)
    sep=$(echo "$t1 - $t0" | bc)
  else sep=NA; fi
  t0=$(now); l=$(java -jar "$ufm" sweep "$spec" --out "$tmp/local$r" --workers 2 --json 2>/dev/null); t1=$(now)
  lw=$(echo "$t1 - $t0" | bc); le=$(echo "$l" | /usr/bin/python3 -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["seconds"])')
  t0=$(now); s=$(java -jar "$spark" "$spec" --out "$tmp/spark$r" --master 'local[2]' --json 2>/dev/null); t1=$(now)
  sw=$(echo "$t1 - $t0" | bc); se=$(echo "$s" | /usr/bin/python3 -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["seconds"])')
  printf 'round %d: %d cells | separate %s s | local %.2f s (engine %s s) | spark local[2] %.2f s (engine %s s)\n' \
    "$r" "$n" "$sep" "$lw" "$le" "$sw" "$se"
done
rm -rf "$tmp"
