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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutation demo: the proofs are not vacuous. src/test/resources/mutants/offbyone holds copies of
 * SphereKernels and SoftmaxKernels whose normSquared and logSumExp loops run one element too far
 * ({@code i <= len}); KeY must fail to prove, on the mutants, the very contracts that close on the
 * real sources (KernelContractProofTest, SphereKernels::normSquared#0 and SoftmaxKernels::logSumExp#0).
 * Both mutants are loaded into one KeY environment (one load, about 20 s).
 */
class MutantProofTest {

    private static final File DIR = new File("src/test/resources/mutants/offbyone");
    private static final File SOURCES =
        new File(System.getProperty("ufm.kernel.sources", "../solver/src/main/java/org/ufm/kernel"));

    private static Map<String, SolverType> solvers;
    private static KeYProver prover;

    @BeforeAll
    static void load() throws Exception {
        solvers = KeYProver.requireSolvers();
        prover = KeYProver.load(DIR, KeYProver.prepareBootClassPath(Path.of("target")));
    }

    @AfterAll
    static void close() {
        if (prover != null) {
            prover.close();
        }
    }

    @Test
    void offByOneNormSquaredBreaksTheProof() throws Exception {
        assertMutantFails("SphereKernels.java", "SphereKernels::normSquared#0", MUTANT_LINE, ORIGINAL_LINE);
    }

    @Test
    void offByOneLogSumExpBreaksTheProof() throws Exception {
        assertMutantFails("SoftmaxKernels.java", "SoftmaxKernels::logSumExp#0", TAIL_MUTANT_LINE, TAIL_ORIGINAL_LINE);
    }

    private static final String MUTANT_LINE = "for (int i = 0; i <= len; i++) { // MUTANT: off-by-one loop bound";
    private static final String ORIGINAL_LINE = "for (int i = 0; i < len; i++) {";
    /** logSumExp's tail loop (after the four-way unrolled one). */
    private static final String TAIL_MUTANT_LINE = "for (; i <= len; i++) { // MUTANT: off-by-one loop bound";
    private static final String TAIL_ORIGINAL_LINE = "for (; i < len; i++) {";

    private static void assertMutantFails(String file, String key, String mutantLine, String originalLine)
            throws Exception {
        long t0 = System.nanoTime();
        String mutant = Files.readString(DIR.toPath().resolve(file), StandardCharsets.UTF_8);
        String original = Files.readString(new File(SOURCES, file).toPath(), StandardCharsets.UTF_8);
        assertTrue(mutant.contains(mutantLine), "the mutant " + file + " is not off by one");
        // the mutant is the real source (after its leading // comment lines) with one loop bound changed:
        // if the kernel changes, the mutant must be refreshed, so the demo never tests a stale copy
        String body = mutant.substring(mutant.indexOf("package "));
        assertTrue(body.replace(mutantLine, originalLine).equals(original),
            "the mutant " + file + " must be the current " + SOURCES + "/" + file
                + " with one mutated line; refresh it");
        Contract contract = null;
        for (Contract c : prover.contracts()) {
            if (KernelContractProofTest.keyOf(c).equals(key)) {
                contract = c;
            }
        }
        assertNotNull(contract, "the mutant lost the contract " + key);
        // the same strategy budget as the real proof; a short SMT timeout, as the leftover goals of a
        // broken kernel are expected to stay open (they would only burn the full 20 s each)
        KeYProver.Outcome o = prover.prove(contract, 20_000, 3_000L, solvers);
        System.out.println("[proofs-check] MUTANT " + key + " (i <= len): " + o
            + String.format("; %.1f s", (System.nanoTime() - t0) / 1e9));
        assertFalse(o.closed, "KeY closed " + key + " on an off-by-one mutant: the proof is vacuous");
        assertTrue(o.goalsOpen > 0);
    }
}
