#!/usr/bin/env bash
# Side by side with the peers a user would run, on the same OpenBLAS kernels (read back on both sides):
#  1. seconds per plain-GD iteration: ours against the project's shared NumPy and PyTorch peers
#     (../shared/peers/ufm_numpy.py and ufm_torch.py "bench": problem A = CE + weight decay 5e-4 on W, H, b,
#     problem B = sphere, tau 5; fixed step 0.5; the median of >= 20 timed iterations after warm-up; they wait
#     for an idle machine and re-measure when other processes used the cores). Ours is read off the solver's
#     trace (T retractions, T evaluations, T gradient norms; see the README). First, an objective check: our
#     fixed-step GD and jmh/peers/numpy_peer.py from the same start must agree to 1e-10 relative.
#     Beside each row: the floor, NumPy's own three GEMMs of the iteration at its shapes plus its K N exponentials
#     (jmh/peers/gemm_floor.py, best of 7, the same threads, measured right after the NumPy peer in every round; the
#     median of the rounds; without the peer's idle-machine wait), and issue 16's goal (0.5 x NumPy's s/it at medium,
#     0.7 x at large).
#  2. time to a certified optimum against SciPy L-BFGS-B and PyTorch LBFGS: jmh/compare-lbfgs.sh.
#
#   jmh/compare.sh [--threads 2] [--sizes "medium large"] [--models "ce sphere"] [--rounds 3]
#                  [--lbfgs-sizes "100 20 128"] [--no-lbfgs] [--peers DIR] [--max-foreign 0.1]
# Needs jmh/target/benchmarks.jar and solver/target/ufm.jar (./mvnw -B -q -pl jmh -am package -DskipTests),
# Debian's python3-numpy, python3-scipy, python3-threadpoolctl (python3-torch optional). PYTHON overrides the
# interpreter (default /usr/bin/python3). OPENBLAS_CORETYPE, when unset, is set for every side to the core
# type our jar chooses from /proc/cpuinfo, so that both sides run the same kernels.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
ufmjar="$here/../solver/target/ufm.jar"
py="${PYTHON:-/usr/bin/python3}"
peers="$here/../../shared/peers"
threads=2; sizes="medium large"; models="ce sphere"; rounds=3; lbfgs=1; lbfgssizes="100 20 128"
maxforeign=0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2;;
    --sizes) sizes="$2"; shift 2;;
    --models) models="$2"; shift 2;;
    --rounds) rounds="$2"; shift 2;;
    --lbfgs-sizes) lbfgssizes="$2"; shift 2;;
    --no-lbfgs) lbfgs=0; shift;;
    --peers) peers="$2"; shift 2;;
    --max-foreign) maxforeign="$2"; shift 2;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2;;
  esac
done
for f in "$jar" "$ufmjar"; do
  [ -f "$f" ] || { echo "compare.sh: $f missing: ./mvnw -B -q -pl jmh -am package -DskipTests" >&2; exit 2; }
done
[ -f "$peers/ufm_numpy.py" ] || { echo "compare.sh: $peers/ufm_numpy.py missing (pass --peers DIR)" >&2; exit 2; }
has_torch=0; "$py" -c "import torch" 2>/dev/null && has_torch=1
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
. "$here/same-kernels.sh"; same_kernels "$ufmjar" "$py"
# Our side: the Chunks pool gives the parallelism, OpenBLAS single-threaded inside each block GEMM (OpenBLAS
# threads on top of ours oversubscribe the cores; see README). Peers: their own threads (threadpoolctl).
ours() { OPENBLAS_NUM_THREADS=1 java -Xmx20g -cp "$jar" org.ufm.bench.PeerCompare "$@"; }
get() { grep "^$1=" | head -1 | cut -d= -f2; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
jget() { "$py" -c "import json,sys; d=[json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')][-1]; print(eval(sys.argv[2], {}, d))" "$@"; }
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} for every side; threads $threads; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "numpy $("$py" -c 'import numpy; print(numpy.__version__)'); torch: $([ $has_torch = 1 ] && "$py" -c 'import torch; print(torch.__version__)' || echo no)"
fail=0
printf '%-7s %-6s %5s %4s %6s | %10s %10s %10s | %8s %8s | %10s %10s | %-22s | %s\n' model size K d N "ours s/it" "numpy s/it" "torch s/it" "ours/np" "ours/tor" "floor s" "goal s" "kernels ours/np/torch" "objective check, peer foreign CPU"
for model in $models; do
  case $model in ce) prob=A; bias="--bias";; sphere) prob=B; bias="";; *) echo "compare.sh: unknown model $model" >&2; exit 2;; esac
  for size in $sizes; do
    case $size in
      small) k=10; d=32; pc=100; iters=200;;
      medium) k=100; d=128; pc=100; iters=20;;
      large) k=1000; d=512; pc=20; iters=6;;
      *) echo "compare.sh: unknown size $size" >&2; exit 2;;
    esac
    opts="--model $model --k $k --d $d --per-class $pc $bias"
    # objective check from one shared start (a few steps; the timing below does not use it)
    ours start $opts --seed 1 --scale 0.1 --out "$tmp/start.bin" > /dev/null
    cit=$(( iters < 10 ? iters : 10 ))
    OPENBLAS_NUM_THREADS=$threads "$py" "$here/peers/numpy_peer.py" $opts --start "$tmp/start.bin" --step 0.5 --iters $cit --repeats 1 > "$tmp/np.out"
    ours iterate $opts --seed 1 --scale 0.1 --step 0.5 --iters $cit --repeats 1 --threads $threads > "$tmp/ours.out"
    fo=$(get final < "$tmp/ours.out"); fp=$(get final < "$tmp/np.out")
    check=$("$py" -c "a,b=float('$fo'),float('$fp'); r=abs(a-b)/abs(b); print(('OK' if r<=1e-10 else 'MISMATCH')+' %.1e'%r)")
    case "$check" in MISMATCH*) fail=1;; esac
    o=""; p=""; t=""; fr=""; fl=""
    for r in $(seq "$rounds"); do
      "$py" "$peers/ufm_numpy.py" bench --threads $threads --sizes $size --problems $prob --dtypes float64 \
        --max-foreign $maxforeign --idle-timeout 120 --max-attempts 2 > "$tmp/np.json"
      p="$p $(jget "$tmp/np.json" median_s)"; fr="$fr $(jget "$tmp/np.json" foreign_cpu_share)"
      # the floor, right after the NumPy peer in every round: NumPy's own three GEMMs at this size's shapes and
      # its K N exponentials (jmh/peers/gemm_floor.py), which any implementation of the iteration pays
      "$py" "$here/peers/gemm_floor.py" --k $k --d $d --n $((k*pc)) --threads $threads --no-peak > "$tmp/floor.json"
      fl="$fl $(jget "$tmp/floor.json" floor_s)"
      if [ $has_torch = 1 ]; then
        "$py" "$peers/ufm_torch.py" bench --threads $threads --sizes $size --problems $prob --dtypes float64 \
          --variants manual --max-foreign $maxforeign --idle-timeout 120 --max-attempts 2 > "$tmp/torch.json"
        t="$t $(jget "$tmp/torch.json" median_s)"
      fi
      ours iterate $opts --seed 1 --scale 0.1 --step 0.5 --iters $iters --repeats 3 --threads $threads > "$tmp/ours.out"
      o="$o $(get sec_per_iter < "$tmp/ours.out")"
    done
    kn=$(jget "$tmp/np.json" "blas[0]['architecture']")
    kt=$([ $has_torch = 1 ] && jget "$tmp/torch.json" "[b['architecture'] for b in blas if b['internal_api']=='openblas'][0]" || echo -)
    ko=$(get blas < "$tmp/ours.out" | sed 's/.*kernel \([A-Za-z0-9]*\).*/\1/')
    mo=$(echo $o | median); mp=$(echo $p | median); mt=$([ -n "$t" ] && echo $t | median || echo nan)
    # the goal: issue 16's factor times NumPy's iteration (the floor: the median of the rounds' floors)
    mf=$(echo $fl | median)
    case $size in medium) goal=$(echo "$mp" | awk '{print 0.5*$1}');; large) goal=$(echo "$mp" | awk '{print 0.7*$1}');; *) goal=nan;; esac
    printf '%-7s %-6s %5d %4d %6d | %10.4g %10.4g %10.4g | %8.3f %8s | %10.4g %10.4g | %-22s | %s; %s\n' $model $size $k $d $((k*pc)) \
      "$mo" "$mp" "$mt" "$(echo "$mo $mp" | awk '{print $1/$2}')" "$(echo "$mo $mt" | awk '{print ($2=="nan")?"nan":sprintf("%.3f",$1/$2)}')" \
      "$mf" "$goal" "$ko/$kn/$kt" "$check" "$(echo $fr)"
  done
done
if [ $lbfgs = 1 ]; then
  echo
  echo "time to a certified optimum (relative gap 1e-10), CE, lambda 5e-4: jmh/compare-lbfgs.sh --rounds $rounds"
  "$here/compare-lbfgs.sh" --rounds "$rounds" --size "$lbfgssizes" --jar "$ufmjar"
fi
exit $fail
