#!/bin/bash
# Many solves of one size, as a phase diagram makes them: our `sweep` over S seeds (one JVM; cells on one thread each,
# as many at once as cores) beside SciPy L-BFGS-B and PyTorch LBFGS solving the same S seeds in turn in one Python
# process (jmh/peers/lbfgs_peer.py --seeds S, its BLAS on every core), interleaved round by round, same OpenBLAS
# kernels read back on every side. Every solve stops at the relative gap 1e-10 to the closed form (ours: --gap-stop;
# ours also certifies each cell and computes its NC metrics unless --no-metrics). Where compare-lbfgs.sh counts one
# process per solve, this counts the JVM's start and its JIT once for S solves.
#   jmh/compare-sweep.sh [--model ce|sphere] [--tau t] [--size "K n d"] [--seeds S] [--rounds r]
#                        [--jar solver/target/ufm.jar] [--no-metrics]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="100 20 128"; SEEDS=8; ROUNDS=2; JAR=solver/target/ufm.jar; MODEL=ce; TAU=5; METRICS=true
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2;; --seeds) SEEDS="$2"; shift 2;; --rounds) ROUNDS="$2"; shift 2;;
    --jar) JAR="$2"; shift 2;; --model) MODEL="$2"; shift 2;; --tau) TAU="$2"; shift 2;;
    --no-metrics) METRICS=false; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
case "$MODEL" in
  ce) MODEL_JSON='"model": "ce"'; PEER_MODEL=(--model ce);;
  sphere) MODEL_JSON="\"model\": \"sphere\", \"tau\": $TAU"; PEER_MODEL=(--model sphere --tau "$TAU");;
  *) echo "--model must be ce or sphere" >&2; exit 2;;
esac
if ! [[ "$SEEDS" =~ ^[1-9][0-9]*$ ]]; then echo "--seeds must be a positive integer, got $SEEDS" >&2; exit 2; fi
read -r K N D EXTRA_WORD <<< "$SIZE"
for v in "$K" "$N" "$D"; do
  if ! [[ "$v" =~ ^[1-9][0-9]*$ ]] || [ -n "${EXTRA_WORD:-}" ]; then echo "--size must be three positive integers \"K n d\", got \"$SIZE\"" >&2; exit 2; fi
done
TMP=$(mktemp -d)
# the sweep's progress goes to a file; shown where the script fails
trap 'rc=$?; [ $rc -ne 0 ] && cat "$TMP"/ours*.err >&2 2>/dev/null; rm -rf "$TMP"' EXIT
PY=${PYTHON:-/usr/bin/python3}
SEEDLIST=$(seq -s, 1 "$SEEDS")
NOMETRICS=""; [ "$METRICS" = false ] && NOMETRICS=', "no-metrics": true'
cat > "$TMP/spec.json" <<EOF
{$MODEL_JSON, "classes": $K, "per-class": $N, "dim": $D, "no-hessian": true, "gap-stop": 1e-10$NOMETRICS,
 "grid": {"seed": [$SEEDLIST]}}
EOF
# Same kernels on every side: the peers get the core type our jar chooses (jmh/same-kernels.sh).
. jmh/same-kernels.sh; same_kernels "$JAR" "$PY"
echo "model $MODEL, K n d = $SIZE, $SEEDS seeds per side and round; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} for the peers; ours sets its own; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
. jmh/timed.sh
for r in $(seq 1 "$ROUNDS"); do
  timed "ours$r" java -jar "$JAR" sweep "$TMP/spec.json" --out "$TMP/sweep$r" --json 2> "$TMP/ours$r.err"
  F=$($PY -c "import json;print(repr(json.loads(open('$TMP/sweep$r/results.jsonl').readline())['solve']['optimum']))")
  if [ "$F" = "None" ]; then echo "no closed-form optimum for $MODEL at K n d = $SIZE: no gap to time" >&2; exit 2; fi
  for impl in scipy torch; do
    timed "$impl$r" $PY jmh/peers/lbfgs_peer.py --impl $impl "${PEER_MODEL[@]}" --k "$K" --per-class "$N" --d "$D" \
      --fstar "$F" --seeds "$SEEDS"
  done
done
$PY - "$TMP" "$ROUNDS" "$SEEDS" <<'PYEOF'
import json, statistics, sys
tmp, rounds, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def proc(name, r):
    s, e = map(float, open(f'{tmp}/{name}{r}.time').read().split()); return e - s
rows = {'ours': [], 'scipy': [], 'torch': []}
for r in range(1, rounds + 1):
    cells = [json.loads(l) for l in open(f'{tmp}/sweep{r}/results.jsonl')]
    summary = json.load(open(f'{tmp}/ours{r}.out'))
    if len(cells) != seeds:
        sys.exit(f'ours round {r}: {len(cells)} cells in results.jsonl, expected {seeds}')
    bad = [c['options'].get('seed') for c in cells if not (c['solve']['relativeGap'] <= 1e-10)]
    if bad:
        sys.exit(f'ours round {r}: seeds {bad} did not reach the relative gap 1e-10')
    blas = summary.get('blas') or {}
    rows['ours'].append(dict(process=proc('ours', r), solve=sum(c['solve']['seconds'] for c in cells),
        it=sum(c['solve']['iterations'] for c in cells), kernel=blas.get('kernel') or blas.get('coreType')))
    for impl in ('scipy', 'torch'):
        lines = [json.loads(l) for l in open(f'{tmp}/{impl}{r}.out') if l.strip()]
        if len(lines) != seeds:
            sys.exit(f'{impl} round {r}: {len(lines)} solves reported, expected {seeds}')
        for p in lines:
            if not p['reached']:
                sys.exit(f"{impl} round {r}, seed {p['seed']}: the relative gap 1e-10 not reached "
                         f"(best {p['bestRelativeGap']:.2e}); its time would not be a time to the optimum")
            if p['objectiveCalls'] != p['evaluations']:
                sys.exit(f"{impl} round {r}, seed {p['seed']}: {p['objectiveCalls']} objective calls against "
                         f"{p['evaluations']} evaluations reported")
        rows[impl].append(dict(process=proc(impl, r), solve=sum(p['seconds'] for p in lines),
                               it=sum(p['iterations'] for p in lines), kernel=lines[0]['openblasKernel']))
print('round  side   process_s  per_solve_s  solves_summed_s  iterations  kernel')
for r in range(rounds):
    for side in rows:
        x = rows[side][r]
        print(f"{r+1:5d}  {side:5s}  {x['process']:9.2f}  {x['process'] / seeds:11.3f}  {x['solve']:15.2f}  "
              f"{x['it']:10d}  {x['kernel']}")
print('ours: the cells run two (or as many as cores) at a time on one thread each, so their summed solve times exceed '
      'the process time; the peers solve one seed after another')
for peer in ('scipy', 'torch'):
    ratios = [rows['ours'][r]['process'] / rows[peer][r]['process'] for r in range(rounds)]
    print(f'ours / {peer} ({seeds} solves, whole process, same round): ' + ', '.join(f'{v:.2f}' for v in ratios)
          + f'; median {statistics.median(ratios):.2f}')
PYEOF
