#!/usr/bin/env bash
# Side by side: our solver vs the NumPy (and, when importable, PyTorch) peers on the same problems
# (ANCHORS.md A = CE + weight decay, B = sphere), from the same start, for the same fixed steps.
# Checks that both reach the same objective (relative difference <= 1e-10), prints seconds per
# iteration and the ratio ours/peer (medians over --rounds alternating runs), then the time to a
# certified optimum (relative gap 1e-10 to the closed form) of the peer's plain GD vs our --solver.
# Seconds per iteration compare equal work: the peer times its T steps (T evaluations, at x_0..x_{T-1});
# ours is read off the solver's trace from iteration 0 to T (T retractions, T evaluations at x_1..x_T,
# T gradient norms), so our evaluation at x_0, which the peer has no counterpart for, is not charged.
#
#   jmh/compare.sh [--threads 2] [--sizes "small medium large"] [--models "ce sphere"] [--rounds 3]
#                  [--solver lbfgs] [--gd-step 1] [--certify-limit 600] [--no-certify]
# Needs jmh/target/benchmarks.jar (./mvnw -B -q -pl jmh -am package -DskipTests) and Debian's
# python3-numpy (python3-torch optional); PYTHON overrides the interpreter (default /usr/bin/python3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
py="${PYTHON:-/usr/bin/python3}"
threads=2; sizes="small medium large"; models="ce sphere"; rounds=3; solver=lbfgs
gdstep=1; certlimit=600; certify=1
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2;;
    --sizes) sizes="$2"; shift 2;;
    --models) models="$2"; shift 2;;
    --rounds) rounds="$2"; shift 2;;
    --solver) solver="$2"; shift 2;;
    --gd-step) gdstep="$2"; shift 2;;
    --certify-limit) certlimit="$2"; shift 2;;
    --no-certify) certify=0; shift;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2;;
  esac
done
[ -f "$jar" ] || { echo "compare.sh: $jar missing: ./mvnw -B -q -pl jmh -am package -DskipTests" >&2; exit 2; }
has_torch=0; "$py" -c "import torch" 2>/dev/null && has_torch=1
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# Our side: the Chunks pool gives the parallelism; OpenBLAS single-threaded inside each block GEMM
# (OpenBLAS threads on top of ours oversubscribe the cores; see README). Peers: OpenBLAS/torch threads.
ours() { OPENBLAS_NUM_THREADS=1 java -Xmx20g -cp "$jar" org.ufm.bench.PeerCompare "$@"; }
get() { grep "^$1=" | head -1 | cut -d= -f2; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "blas: $(ours start --k 2 --d 2 --per-class 1 --out "$tmp/x" | get blas); numpy $("$py" -c 'import numpy; print(numpy.__version__)'); torch: $([ $has_torch = 1 ] && "$py" -c 'import torch; print(torch.__version__)' || echo no); threads $threads; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
fail=0
printf '%-7s %-6s %5s %4s %6s %5s | %12s %12s %12s | %9s %9s | %s\n' model size K d N iters "ours s/it" "numpy s/it" "torch s/it" "ours/np" "ours/tor" "objective check"
for model in $models; do
  for size in $sizes; do
    case $size in
      small) k=10; d=32; pc=100; iters=200;;
      medium) k=100; d=128; pc=100; iters=20;;
      large) k=1000; d=512; pc=20; iters=4;;
      *) echo "compare.sh: unknown size $size" >&2; exit 2;;
    esac
    bias=""; [ "$model" = ce ] && bias="--bias"
    step=1; [ "$model" = ce ] && step=0.5
    opts="--model $model --k $k --d $d --per-class $pc $bias"
    ours start $opts --seed 1 --scale 0.1 --out "$tmp/start.bin" > /dev/null
    o=""; p=""; t=""
    for r in $(seq "$rounds"); do
      OPENBLAS_NUM_THREADS=$threads "$py" "$here/peers/numpy_peer.py" $opts --start "$tmp/start.bin" --step $step --iters $iters --repeats 3 > "$tmp/np.out"
      p="$p $(get sec_per_iter < "$tmp/np.out")"
      if [ $has_torch = 1 ]; then
        OPENBLAS_NUM_THREADS=$threads "$py" "$here/peers/torch_peer.py" --threads $threads $opts --start "$tmp/start.bin" --step $step --iters $iters --repeats 3 > "$tmp/torch.out"
        t="$t $(get sec_per_iter < "$tmp/torch.out")"
      fi
      ours iterate $opts --seed 1 --scale 0.1 --step $step --iters $iters --repeats 3 --threads $threads > "$tmp/ours.out"
      o="$o $(get sec_per_iter < "$tmp/ours.out")"
    done
    fo=$(get final < "$tmp/ours.out"); fp=$(get final < "$tmp/np.out")
    check=$("$py" -c "import sys; a,b=float('$fo'),float('$fp'); r=abs(a-b)/abs(b); print(('OK' if r<=1e-10 else 'MISMATCH')+' rel diff %.1e (f=%.12g)'%(r,a))")
    case "$check" in MISMATCH*) fail=1;; esac
    mo=$(echo $o | median); mp=$(echo $p | median); mt=$([ -n "$t" ] && echo $t | median || echo nan)
    if [ $has_torch = 1 ]; then
      ft=$(get final < "$tmp/torch.out")
      "$py" -c "import sys; a,b=float('$fo'),float('$ft'); sys.exit(0 if abs(a-b)<=1e-10*abs(b) else 1)" || { check="$check; torch MISMATCH f=$ft"; fail=1; }
    fi
    printf '%-7s %-6s %5d %4d %6d %5d | %12.4g %12.4g %12.4g | %9.3f %9.3f | %s\n' $model $size $k $d $((k*pc)) $iters \
      "$mo" "$mp" "$mt" "$(echo "$mo $mp" | awk '{print $1/$2}')" "$(echo "$mo $mt" | awk '{print ($2=="nan")?"nan":$1/$2}')" "$check"
  done
done
if [ $certify = 1 ]; then
  k=100; d=128; pc=20
  echo "time to a certified optimum (relative gap <= 1e-10 to the closed form f*), CE, K=$k d=$d n=$pc, no bias, lambda 5e-4:"
  ours start --model ce --k $k --d $d --per-class $pc --seed 1 --scale 0.1 --out "$tmp/start.bin" > /dev/null
  ours certify --k $k --d $d --per-class $pc --seed 1 --scale 0.1 --solver "$solver" --threads $threads --time-limit $certlimit > "$tmp/cert.out"
  fstar=$(get fstar < "$tmp/cert.out")
  OPENBLAS_NUM_THREADS=$threads "$py" "$here/peers/numpy_peer.py" --model ce --k $k --d $d --per-class $pc --start "$tmp/start.bin" \
    --step $gdstep --certify "$fstar" --time-limit $certlimit --progress 5000 > "$tmp/npcert.out"
  so=$(get seconds < "$tmp/cert.out"); sp=$(get seconds < "$tmp/npcert.out")
  echo "  ours ($solver): $(get iterations < "$tmp/cert.out") iterations, $so s, stop $(get stop < "$tmp/cert.out"), rel gap $(get rel_gap < "$tmp/cert.out")"
  echo "  numpy plain GD (step $gdstep): $(get iterations < "$tmp/npcert.out") iterations, $sp s, reached $(get reached < "$tmp/npcert.out"), rel gap $(get rel_gap < "$tmp/npcert.out")"
  echo "  speed-up numpy/ours: $(echo "$sp $so" | awk '{printf "%.1f", $1/$2}')x$(grep -q 'reached=False' "$tmp/npcert.out" && echo ' (lower bound: the peer hit its time limit)' || true)"
fi
exit $fail
