#!/bin/bash
# `ufm metrics` on a feature file (every metric, JVM start included) beside NumPy on the same file
# (jmh/peers/metrics_peer.py: NC1 alone by "proj", the two-pass projection ours uses, and by "direct", the usual d x d
# route with np.linalg.pinv; and "nc1-4", NC1 by proj with NC2, NC3 and NC4, NC4 in the second pass as ours), whole
# processes interleaved round by round, same OpenBLAS kernels (jmh/same-kernels.sh).
# The file is generated (NumPy seed 0, float32, page-cached before the first round):
#   y ~ U{0..K-1}, M ~ 2 N(0, I), H = M[y] + s N(0, I), W = M + 0.5 N(0, I), s = 1.5 unless --spread s (0.5: near
#   collapse, about 95 % of the rows at K = 1000 inside the radius where ours knows their NC4 votes without products).
#   jmh/compare-metrics.sh [--size "N d K"] [--rounds r] [--jar solver/target/ufm.jar] [--threads t] (ours; default all)
#                          [--spread s]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="200000 512 10"; ROUNDS=3; JAR=solver/target/ufm.jar; THREADS=(); SPREAD=1.5
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2;; --rounds) ROUNDS="$2"; shift 2;; --jar) JAR="$2"; shift 2;;
    --threads) THREADS=(--threads "$2"); shift 2;; --spread) SPREAD="$2"; shift 2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
read -r N D K <<< "$SIZE"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
PY=${PYTHON:-/usr/bin/python3}
. jmh/same-kernels.sh; same_kernels "$JAR" "$PY"
$PY - "$TMP" "$N" "$D" "$K" "$SPREAD" <<'PYEOF'
import sys
import numpy as np
tmp, n, d, k, spread = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
rng = np.random.default_rng(0)
y = rng.integers(0, k, n)
M = rng.normal(size=(k, d)) * 2
np.save(f'{tmp}/H.npy', (M[y] + rng.normal(size=(n, d)) * spread).astype(np.float32))
np.save(f'{tmp}/y.npy', y.astype(np.int64))
np.save(f'{tmp}/W.npy', M + rng.normal(size=(k, d)) * 0.5)
PYEOF
cat "$TMP/H.npy" > /dev/null
echo "N d K = $SIZE, spread $SPREAD, float32 file of $(( $(stat -c %s "$TMP/H.npy") / 1000000 )) MB; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} for NumPy; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
. jmh/timed.sh
for r in $(seq 1 "$ROUNDS"); do
  timed "ours$r" java -jar "$JAR" metrics --features "$TMP/H.npy" --labels "$TMP/y.npy" --classifier "$TMP/W.npy" \
    "${THREADS[@]}" --json
  for mode in proj direct nc1-4; do
    timed "$mode$r" "$PY" jmh/peers/metrics_peer.py "$mode" "$TMP/H.npy" "$TMP/y.npy" "$K" "$TMP/W.npy"
  done
done
$PY - "$TMP" "$ROUNDS" <<'PYEOF'
import json, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
def seconds(name):
    s, e = map(float, open(f'{tmp}/{name}.time').read().split())
    return e - s
MODES = ('proj', 'direct', 'nc1-4')
print('round  side                    process_s  nc1, nc2, nc3, nc4')
for r in range(1, rounds + 1):
    o = json.load(open(f'{tmp}/ours{r}.out'))['metrics']
    print(f"{r:5d}  ours (every metric)     {seconds(f'ours{r}'):9.2f}  {o['nc1']!r}, {o['nc2']!r}, {o['nc3']!r}, {o['nc4']!r}")
    for mode in MODES:
        values = open(f'{tmp}/{mode}{r}.out').read().split()[1:-1]
        what = 'NC1' if mode != 'nc1-4' else 'NC1-4'
        print(f"{r:5d}  numpy {mode:6s} ({what:5s})   {seconds(f'{mode}{r}'):9.2f}  {', '.join(values)}")
for mode in MODES:
    ratios = [seconds(f'ours{r}') / seconds(f'{mode}{r}') for r in range(1, rounds + 1)]
    print(f"ours / numpy {mode} (same round): " + ', '.join(f'{x:.2f}' for x in ratios))
PYEOF
