package org.ufm.proofs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.speclang.Contract;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mutation demo: the proofs are not vacuous. A copy of SphereKernels whose normSquared loop runs one
 * element too far ({@code i <= len}, src/test/resources/mutants/offbyone) must make KeY's proof of the
 * very contract that closes on the real source (KernelContractProofTest, SphereKernels::normSquared#0)
 * fail.
 */
class MutantProofTest {

    @Test
    void offByOneLoopBoundBreaksTheProof() throws Exception {
        long t0 = System.nanoTime();
        Map<String, SolverType> solvers = KeYProver.requireSolvers();
        File dir = new File("src/test/resources/mutants/offbyone");
        String mutant = Files.readString(dir.toPath().resolve("SphereKernels.java"), StandardCharsets.UTF_8);
        String original = Files.readString(
            new File(System.getProperty("ufm.kernel.sources", "../solver/src/main/java/org/ufm/kernel"),
                "SphereKernels.java").toPath(), StandardCharsets.UTF_8);
        assertTrue(mutant.contains("for (int i = 0; i <= len; i++) { // MUTANT"), "the mutant is not off by one");
        assertTrue(original.contains("for (int i = 0; i < len; i++) {"), "the original loop shape changed");
        try (KeYProver prover = KeYProver.load(dir, KeYProver.prepareBootClassPath(Path.of("target")))) {
            Contract normSquared = null;
            for (Contract c : prover.contracts()) {
                if (KernelContractProofTest.keyOf(c).equals("SphereKernels::normSquared#0")) {
                    normSquared = c;
                }
            }
            assertNotNull(normSquared, "the mutant lost the normSquared contract");
            // the same strategy budget as the real proof; a short SMT timeout, as the leftover goals of a
            // broken kernel are expected to stay open (they would only burn the full 20 s each)
            KeYProver.Outcome o = prover.prove(normSquared, 20_000, 3_000L, solvers);
            System.out.println("[proofs-check] MUTANT SphereKernels::normSquared#0 (i <= len): " + o
                + String.format("; mutant test %.1f s", (System.nanoTime() - t0) / 1e9));
            assertFalse(o.closed, "KeY closed the contract on an off-by-one mutant: the proof is vacuous");
            assertTrue(o.goalsOpen > 0);
        }
    }
}
