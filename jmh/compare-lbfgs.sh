#!/bin/bash
# Time to a certified optimum: our solver (whole process: JVM start, solve, certificates) beside SciPy
# L-BFGS-B and PyTorch LBFGS (strong Wolfe) on a NumPy / torch objective, interleaved round by round,
# same OpenBLAS kernels read back on both sides. CE with all lambdas 5e-4, or the sphere model (tau 5; the peers
# optimise unconstrained columns through a normalisation, as a user of them would: jmh/peers/lbfgs_peer.py).
#   jmh/compare-lbfgs.sh [--model ce|sphere] [--tau t] [--size "K n d"] [--rounds r] [--jar solver/target/ufm.jar]
#                        [--no-hessian] [--no-metrics] [--solver lbfgs|tr|...] (ours; default: solve's default;
#                        --no-metrics leaves out our NC metrics, which the peers do not compute either)
#                        [--gap-stop] (ours stops at the relative gap 1e-10 as the peers do, instead of going on to the
#                        gradient tolerance and the global certificate; "reached" is then that gap, read from our report)
#                        [--java BIN] the java our side runs (default: java, the design's JDK 17)
#                        [--aot] ours with an ahead-of-time cache (JDK 25 or later: -XX:AOTCacheOutput, JEPs 483, 514 and
#                        515, classes loaded and linked and methods profiled before the start), trained once per call by
#                        a run of the same solve: what a JDK beyond 17 would give a launcher that may pass JVM flags;
#                        the design fixes Java 17 and `java -jar`, so this measures an option, not the product
#                        [--bound] also a bound on what any fresh `java -jar ufm.jar solve` process can reach
#                        here: per round, our process with no iteration (--max-iter 0 --no-hessian --no-metrics: JVM
#                        start, classes, BLAS, model, start point, a report at x0), plus, from one JVM that solved the
#                        same problem to the gap 6 times (PeerCompare warm, jmh/target/benchmarks.jar), the median
#                        solve of the last 5 (compiled code from the first iteration), as a ratio to each peer's process
#                        of that round (the median warm solve, not the fastest: an estimate, not a minimum). A goal
#                        between that bound and the measured ratio needs only a cheaper JIT warm-up; a goal below the
#                        bound needs a faster warm solve (or start) as well.
# Also prints, round by round, what our process spends after its solve (certificates, NC metrics, distance: the JSON's
# certificate.seconds.elapsed) as a share of the solve's seconds (issue 16 asks at most 10 %).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="100 20 128"; ROUNDS=3; JAR=solver/target/ufm.jar; EXTRA=""; MODEL=ce; TAU=5; GAPSTOP=0; BOUND=0; JAVA=java; AOT=0
BENCH=jmh/target/benchmarks.jar
while [ $# -gt 0 ]; do
  case "$1" in
    --size|--rounds|--jar|--model|--tau|--solver|--java)
      [ $# -ge 2 ] || { echo "compare-lbfgs.sh: $1 needs a value" >&2; exit 2; };;
  esac
  case "$1" in
    --size) SIZE="$2"; shift 2;; --rounds) ROUNDS="$2"; shift 2;; --jar) JAR="$2"; shift 2;;
    --no-hessian) EXTRA="$EXTRA --no-hessian"; shift;; --no-metrics) EXTRA="$EXTRA --no-metrics"; shift;; --model) MODEL="$2"; shift 2;; --tau) TAU="$2"; shift 2;;
    --solver) EXTRA="$EXTRA --solver $2"; shift 2;;
    --gap-stop) EXTRA="$EXTRA --gap-stop 1e-10"; GAPSTOP=1; shift;;
    --bound) BOUND=1; shift;;
    --java) JAVA="$2"; shift 2;;
    --aot) AOT=1; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
read -r K N D <<< "$SIZE"
case "$MODEL" in
  ce) OURS_MODEL=(--model ce); PEER_MODEL=(--model ce);;
  sphere) OURS_MODEL=(--model sphere --tau "$TAU"); PEER_MODEL=(--model sphere --tau "$TAU");;
  *) echo "--model must be ce or sphere" >&2; exit 2;;
esac
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
PY=${PYTHON:-/usr/bin/python3}
# Same kernels on every side: the peers get the core type our jar chooses (jmh/same-kernels.sh).
. jmh/same-kernels.sh; same_kernels "$JAR" "$PY"
echo "model $MODEL, K n d = $SIZE; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} for the peers; ours sets its own; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
if ! VERSION=$("$JAVA" -version 2>&1); then
  echo "compare-lbfgs.sh: --java $JAVA does not run (java -version fails)" >&2
  exit 2
fi
# our solve as every one of our processes below runs it (each adds its own trailing options)
SOLVE=(-jar "$JAR" solve "${OURS_MODEL[@]}" --classes "$K" --per-class "$N" --dim "$D")
# another JDK than the product's: JDK 22 and later warn on stderr at JNA's System.load unless native access is enabled
NATIVE=()
if [ "$JAVA" != java ] || [ $AOT = 1 ]; then NATIVE=(--enable-native-access=ALL-UNNAMED); fi
JOPTS=("${NATIVE[@]}")
if [ $AOT = 1 ]; then
  # trained by one run of the very solve measured below, the most favourable cache (the "ours:" line says so)
  if ! "$JAVA" "${NATIVE[@]}" -XX:AOTCacheOutput="$TMP/ufm.aot" "${SOLVE[@]}" $EXTRA --json > /dev/null \
      2> "$TMP/aot.err" || [ ! -s "$TMP/ufm.aot" ]; then
    echo "compare-lbfgs.sh: --aot needs a JDK that writes an AOT cache (-XX:AOTCacheOutput, JDK 25 or later); $JAVA: $(grep -m1 -v '^\[' "$TMP/aot.err")" >&2
    exit 2
  fi
  JOPTS+=(-XX:AOTCache="$TMP/ufm.aot")
fi
echo "ours: $(head -1 <<< "$VERSION")$([ $AOT = 1 ] && echo ", with an AOT cache trained by one run of this same solve")"
. jmh/timed.sh
if [ $BOUND = 1 ]; then
  [ -f "$BENCH" ] || { echo "compare-lbfgs.sh: --bound needs $BENCH: ./mvnw -B -q -pl jmh -am package -DskipTests" >&2; exit 2; }
  WARM_MODEL=(--model "$MODEL"); [ "$MODEL" = sphere ] && WARM_MODEL+=(--tau "$TAU")
  "$JAVA" "${NATIVE[@]}" -cp "$BENCH" org.ufm.bench.PeerCompare warm "${WARM_MODEL[@]}" --k "$K" --d "$D" --per-class "$N" --gap 1e-10 \
    --repeats 6 --threads "$(nproc)" > "$TMP/warm.out"
fi
for r in $(seq 1 "$ROUNDS"); do
  if [ $BOUND = 1 ]; then
    timed "start$r" "$JAVA" "${JOPTS[@]}" "${SOLVE[@]}" --max-iter 0 --no-hessian --no-metrics --json
  fi
  timed "ours$r" "$JAVA" "${JOPTS[@]}" "${SOLVE[@]}" $EXTRA --json --trace "$TMP/t$r.csv"
  F=$($PY -c "import json;print(repr(json.load(open('$TMP/ours$r.out'))['optimum']))")
  if [ "$F" = "None" ]; then echo "no closed-form optimum for $MODEL at K n d = $SIZE: no gap to time" >&2; exit 2; fi
  for impl in scipy torch; do
    timed "$impl$r" $PY jmh/peers/lbfgs_peer.py --impl $impl "${PEER_MODEL[@]}" --k "$K" --per-class "$N" --d "$D" \
      --fstar "$F"
  done
done
$PY - "$TMP" "$ROUNDS" "$GAPSTOP" "$BOUND" <<'PYEOF'
import csv, json, statistics, sys
tmp, rounds, gapstop, bound = sys.argv[1], int(sys.argv[2]), sys.argv[3] == '1', sys.argv[4] == '1'
print('ours stops at ' + ('the relative gap 1e-10, the peers\' rule (--gap-stop)' if gapstop else
      'the gradient tolerance with the global certificate (its default); the peers at the relative gap 1e-10'))
def proc(name, r):
    s, e = map(float, open(f'{tmp}/{name}{r}.time').read().split()); return e - s
rows = {'ours': [], 'scipy': [], 'torch': []}
for r in range(1, rounds + 1):
    o = json.load(open(f'{tmp}/ours{r}.out'))
    trace = list(csv.DictReader(open(f'{tmp}/t{r}.csv')))
    hit = next((t for t in trace if (float(t['cost']) - o['optimum']) / o['optimum'] <= 1e-10), None)
    c = o['certificate']
    rows['ours'].append(dict(process=proc('ours', r), solve=float(hit['seconds']) if hit else None,
        it=int(hit['iteration']) if hit else None, ev=int(hit['evaluations']) if hit else None,
        certified=o['relativeGap'] <= 1e-10 if gapstop else c['global'] and c['firstOrder'],
        kernel=o['blas'].get('kernel') or o['blas'].get('coreType'), stop=o['stopReason'], rel=o['relativeGap'],
        grad=o['gradNorm'], distance=c.get('distanceToOptimum'),
        after=c['seconds']['elapsed'], solve_all=o['seconds']))
    for impl in ('scipy', 'torch'):
        p = json.load(open(f'{tmp}/{impl}{r}.out'))
        if p['reached'] and p['objectiveCalls'] != p['evaluations']:
            sys.exit(f"{impl} round {r}: the peer's process evaluated its objective {p['objectiveCalls']} times but "
                     f"reports {p['evaluations']} evaluations; its process time would not match its count")
        rows[impl].append(dict(process=proc(impl, r), solve=p['seconds'], it=p['iterations'], ev=p['evaluations'],
                               certified=p['reached'], kernel=p['openblasKernel']))
print('round  side   process_s  solve_to_1e-10_s  iterations  evaluations  reached  kernel')
for r in range(rounds):
    for side in rows:
        x = rows[side][r]
        print(f"{r+1:5d}  {side:5s}  {x['process']:9.2f}  {x['solve'] if x['solve'] is not None else float('nan'):16.2f}  {x['it']!s:>10}  {x['ev']!s:>11}  {x['certified']!s:7}  {x['kernel']}")
for r in range(rounds):
    x = rows['ours'][r]
    print(f"ours round {r+1}: {x['stop']}, relative gap {x['rel']:.2e}, gradient {x['grad']:.2e}, "
          f"distance to the minimiser {x['distance'] if x['distance'] is None else format(x['distance'], '.2e')}")
after = [100 * x['after'] / x['solve_all'] for x in rows['ours']]
print('ours after the solve (certificates, metrics, distance) / the solve: '
      + ', '.join(f'{v:.1f} %' for v in after) + f'; largest {max(after):.1f} %')
for peer in ('scipy', 'torch'):
    ratios = [rows['ours'][r]['process'] / rows[peer][r]['process'] for r in range(rounds)]
    print(f'ours / {peer} (whole process, same round): ' + ', '.join(f'{v:.2f}' for v in ratios)
          + f'; median {statistics.median(ratios):.2f}')
if bound:
    kv = dict(l.strip().split('=', 1) for l in open(f'{tmp}/warm.out') if '=' in l)
    solves = json.loads(kv['solve_seconds_all'])
    warm = statistics.median(solves[1:])
    starts = [proc('start', r) for r in range(1, rounds + 1)]
    print(f"bound: our process with no iteration {', '.join(f'{v:.2f}' for v in starts)} s; the same solve in one JVM "
          f"{', '.join(f'{v:.2f}' for v in solves)} s ({kv['iterations']} iterations; the first is a fresh JVM's, "
          f"median of the others {warm:.2f} s)")
    for peer in ('scipy', 'torch'):
        b = [(starts[r] + warm) / rows[peer][r]['process'] for r in range(rounds)]
        print(f'bound / {peer} (no-iteration process + warm solve, same round): ' + ', '.join(f'{v:.2f}' for v in b)
              + f'; median {statistics.median(b):.2f}')
PYEOF
