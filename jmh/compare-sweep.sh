#!/bin/bash
# Many solves of one size, as a phase diagram makes them: our `sweep` over seeds 1..S (one JVM; W cells at a time, one
# thread each; W = the cores) beside SciPy L-BFGS-B and PyTorch LBFGS solving seeds 1..S (jmh/peers/lbfgs_peer.py)
# spread the way a user spreads a sweep over the cores: W Python processes at once, each with a contiguous range of
# the seeds and one BLAS / OpenMP thread (--peers-sequential: one process solving every seed in turn, its BLAS on
# every core). Interleaved round by round, same OpenBLAS kernels read back on every side, whole wall time of each
# side. Every solve stops at the relative gap 1e-10 to the closed form (ours: --gap-stop; ours also certifies each
# cell and computes its NC metrics unless --no-metrics), and every solve of every side is checked to reach it. The
# seed numbers match, not the starts: each side draws its own from its own generator. Where compare-lbfgs.sh counts
# one process per solve, this counts the JVM's start and its JIT once for S / W solves per worker.
#   jmh/compare-sweep.sh [--model ce|sphere] [--tau t] [--size "K n d"] [--seeds S] [--rounds r]
#                        [--jar solver/target/ufm.jar] [--no-metrics] [--peers-sequential]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="100 20 128"; SEEDS=8; ROUNDS=2; JAR=solver/target/ufm.jar; MODEL=ce; TAU=5; METRICS=true; PEERS=pool
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2;; --seeds) SEEDS="$2"; shift 2;; --rounds) ROUNDS="$2"; shift 2;;
    --jar) JAR="$2"; shift 2;; --model) MODEL="$2"; shift 2;; --tau) TAU="$2"; shift 2;;
    --no-metrics) METRICS=false; shift;;
    --peers-sequential) PEERS=sequential; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
case "$MODEL" in
  ce) MODEL_JSON='"model": "ce"'; PEER_MODEL=(--model ce);;
  sphere) MODEL_JSON="\"model\": \"sphere\", \"tau\": $TAU"; PEER_MODEL=(--model sphere --tau "$TAU");;
  *) echo "--model must be ce or sphere" >&2; exit 2;;
esac
if ! [[ "$SEEDS" =~ ^[1-9][0-9]*$ ]]; then echo "--seeds must be a positive integer, got $SEEDS" >&2; exit 2; fi
if ! [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]]; then echo "--rounds must be a positive integer, got $ROUNDS" >&2; exit 2; fi
if ! [[ "$TAU" =~ ^[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$ ]]; then echo "--tau must be a positive number, got $TAU" >&2; exit 2; fi
[ -f "$JAR" ] || { echo "$JAR missing: ./mvnw -B -q -pl solver package -DskipTests" >&2; exit 2; }
read -r K N D EXTRA_WORD <<< "$SIZE"
for v in "$K" "$N" "$D"; do
  if ! [[ "$v" =~ ^[1-9][0-9]*$ ]] || [ -n "${EXTRA_WORD:-}" ]; then echo "--size must be three positive integers \"K n d\", got \"$SIZE\"" >&2; exit 2; fi
done
TMP=$(mktemp -d)
# the sweep's progress goes to a file; shown where the script fails
trap 'rc=$?; if [ $rc -ne 0 ]; then cat "$TMP"/ours*.err >&2 2>/dev/null || true; fi; rm -rf "$TMP"; exit $rc' EXIT
WORKERS=$(nproc)
PY=${PYTHON:-/usr/bin/python3}
SEEDLIST=$(seq -s, 1 "$SEEDS")
NOMETRICS=""; [ "$METRICS" = false ] && NOMETRICS=', "no-metrics": true'
cat > "$TMP/spec.json" <<EOF
{$MODEL_JSON, "classes": $K, "per-class": $N, "dim": $D, "no-hessian": true, "gap-stop": 1e-10$NOMETRICS,
 "grid": {"seed": [$SEEDLIST]}}
EOF
# Same kernels on every side: the peers get the core type our jar chooses (jmh/same-kernels.sh).
. jmh/same-kernels.sh; same_kernels "$JAR" "$PY"
echo "model $MODEL, K n d = $SIZE, $SEEDS seeds per side and round; ours: $WORKERS cells at a time, one thread each; peers: $([ $PEERS = pool ] && echo "$WORKERS processes at once, one thread each" || echo "one process, seeds in turn, BLAS on every core"); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} for the peers; ours sets its own; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
. jmh/timed.sh
# One peer's solves of seeds 1..SEEDS, their JSON lines in seed order on standard output.
peer_run() {
  local impl=$1 p start count rc=0
  local common=(jmh/peers/lbfgs_peer.py --impl "$impl" "${PEER_MODEL[@]}" --k "$K" --per-class "$N" --d "$D" --fstar "$F")
  if [ "$PEERS" = sequential ]; then
    $PY "${common[@]}" --seeds "$SEEDS"
    return
  fi
  local pids=()
  for p in $(seq 0 $((WORKERS - 1))); do
    start=$((1 + p * SEEDS / WORKERS)); count=$(((p + 1) * SEEDS / WORKERS - p * SEEDS / WORKERS))
    [ "$count" -eq 0 ] && continue
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $PY "${common[@]}" --seed "$start" --seeds "$count" > "$TMP/part$p" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  for p in $(seq 0 $((WORKERS - 1))); do [ -f "$TMP/part$p" ] && cat "$TMP/part$p" && rm -f "$TMP/part$p"; done
  return $rc
}
for r in $(seq 1 "$ROUNDS"); do
  timed "ours$r" java -jar "$JAR" sweep "$TMP/spec.json" --out "$TMP/sweep$r" --workers "$WORKERS" --json 2> "$TMP/ours$r.err"
  F=$($PY -c "import json;print(repr(json.loads(open('$TMP/sweep$r/results.jsonl').readline())['solve']['optimum']))")
  if [ "$F" = "None" ]; then echo "no closed-form optimum for $MODEL at K n d = $SIZE: no gap to time" >&2; exit 2; fi
  for impl in scipy torch; do
    timed "$impl$r" peer_run "$impl"
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
print('round  side   wall_s  per_solve_s  solves_summed_s  iterations  kernel')
for r in range(rounds):
    for side in rows:
        x = rows[side][r]
        print(f"{r+1:5d}  {side:5s}  {x['process']:6.2f}  {x['process'] / seeds:11.3f}  {x['solve']:15.2f}  "
              f"{x['it']:10d}  {x['kernel']}")
print('solves_summed_s: the solves\' own seconds added up; where solves run side by side it exceeds the wall time')
for peer in ('scipy', 'torch'):
    ratios = [rows['ours'][r]['process'] / rows[peer][r]['process'] for r in range(rounds)]
    print(f'ours / {peer} ({seeds} solves, wall time, same round): ' + ', '.join(f'{v:.2f}' for v in ratios)
          + f'; median {statistics.median(ratios):.2f}')
PYEOF
