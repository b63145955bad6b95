# Sourced by the comparison scripts (bash): timed NAME COMMAND... runs COMMAND with its standard output in
# $TMP/NAME.out and writes its whole-process start and end (date +%s.%N) to $TMP/NAME.time, the seconds every
# script's summary reads back. $TMP must be set by the caller.
timed() {
  local name=$1; shift
  local s e
  s=$(date +%s.%N); "$@" > "$TMP/$name.out"; e=$(date +%s.%N)
  echo "$s $e" > "$TMP/$name.time"
}
