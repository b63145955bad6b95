#!/usr/bin/env bash
# Mutation transcript: one deliberately broken kernel per closed contract family, each proved with KeY
# exactly as KernelContractProofTest proves the real source (Probe: 20000 rule applications, 20 s per SMT
# goal). Every line must say OPEN. Run from proofs-check/ after `../mvnw -q test-compile` and
# `../mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt`.
set -uo pipefail
src=../solver/src/main/java/org/ufm/kernel
cp_="target/test-classes:$(cat target/cp.txt)"
mutate() { # name file line-number sed-expression contract-regex
  local dir; dir=$(mktemp -d); cp "$src"/*.java "$dir"/
  sed -i "$3s/$4" "$dir/$2"
  if cmp -s "$src/$2" "$dir/$2"; then echo "$1: MUTATION DID NOT APPLY"; return; fi
  echo "$1: $(sed -n "$3p" "$dir/$2" | sed 's/^ *//')"
  java -Xss8m -cp "$cp_" org.ufm.proofs.Probe "$dir" "$5" 2>/dev/null | grep -E " -> " | sed 's/^.*::/    ::/'
  rm -rf "$dir"
}
k=SoftmaxKernels.java
line() { grep -n -F "$2" "$src/$1" | head -1 | cut -d: -f1; }
mutate "Blocks.end returns one past n" Blocks.java "$(line Blocks.java 'return e < n ? e : n;')" 'e < n ? e : n/e < n ? e : n + 1/' 'Blocks::end\b'
mutate "argMax skips the last entry" $k "$(line $k 'for (int i = 1; i < len; i++) {')" 'i < len/i < len - 1/' '::argMax\b'
mutate "softmax scales one entry too many" $k "$(( $(line $k 'p[poff + j] = p[poff + j] * inv;') - 1 ))" 'j < len/j <= len/' '::scaleProbabilities\b'
mutate "inverseOfOnePlus uses 1/(0.5+s)" $k "$(line $k 'return 1.0 / (1.0 + s);')" '1.0 + s/0.5 + s/' '::inverseOfOnePlus\b'
mutate "expSumExceptMax sets e_m = 2" $k "$(line $k 'e[eoff + m] = 1.0;')" '= 1.0;/= 2.0;/' '::expSumExceptMax\b'
mutate "sumNonNegative tail loop to i <= len" $k "$(grep -n -F 'for (; i < len; i++) {' "$src/$k" | sed -n 2p | cut -d: -f1)" 'i < len/i <= len/' '::sumNonNegative\b'
mutate "crossEntropy loss with z_y - z_m" $k "$(line $k 'return y == m ? l1 : (z[off + m] - z[off + y]) + l1;')" 'z\[off + m\] - z\[off + y\]/z[off + y] - z[off + m]/' '::crossEntropy\b'
mutate "crossEntropyGradient writes g_{j+1}" $k "$(line $k 'g[goff + j] = scaledProbability(scale, g[goff + j] * inv);')" 'g\[goff + j\] = /g[goff + j + 1] = /' '::crossEntropyGradient\b'
mutate "project loop to i <= len" SphereKernels.java "$(( $(line SphereKernels.java 'out[ooff + i] = u[uoff + i] - c * x[xoff + i];') - 1 ))" 'i < len/i <= len/' 'SphereKernels::subtractMultiple\b'
mutate "normalize loop to i <= len" SphereKernels.java "$(( $(line SphereKernels.java 'x[off + i] = x[off + i] * inv;') - 1 ))" 'i < len/i <= len/' 'SphereKernels::scaleInPlace\b'
