# Sourced by compare.sh and compare-lbfgs.sh: same_kernels JAR PYTHON exports OPENBLAS_CORETYPE, when it is
# unset, as the core type ufm.jar chooses from /proc/cpuinfo (read from solve's JSON), so that the peers run the
# kernels ours runs (Debian's OpenBLAS 0.3.21 falls back to generic kernels on CPUs it does not know).
same_kernels() {
  [ -n "${OPENBLAS_CORETYPE:-}" ] && return 0
  local core
  core=$(java -jar "$1" solve --model ce --classes 2 --per-class 1 --dim 2 --no-hessian --json \
    | "$2" -c "import json,sys; b=json.load(sys.stdin)['blas']; print(b.get('kernel') or b.get('coreType') or '')")
  [ -n "$core" ] && export OPENBLAS_CORETYPE="$core"
  return 0
}
