package org.ufm.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.speclang.Contract;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Mutation in the build: the proofs are not vacuous. Each mutant is the CURRENT kernel source with
 * exactly one line changed (generated here from solver/src/main/java/org/ufm/kernel, so a mutant can
 * never go stale: the original line must occur exactly once, and the mutated file must differ from the
 * original in that one line). KeY must fail to prove, on the mutant, the very contract that closes on
 * the real source (KernelContractProofTest). The mutations sit in different methods and KeY proves
 * modularly (a call is replaced by the callee's contract, never its body), so all mutants share one
 * temporary copy of the sources and one KeY load (a batch); a second mutant of a method that already
 * has one goes to another batch, so each mutant only affects the proof of its own method.
 *
 * <p>Wrong arithmetic (a wrong constant, a dropped term, a missing normalisation, a wrong comparison)
 * for every contract family, the five mutants of issue 14 (softmax's p = 0 * inv, logSumExp returning
 * zm + 1.0, crossEntropyGradient writing g_y = +7 * scale, project without - c x, retract without
 * normalisation), and the two off-by-one loop bounds that were here before.
 */
class MutantProofTest {

    /** One broken line: in {@code file}, the unique line {@code original} becomes {@code mutated}. */
    static final class Mutant {
        final String name;
        final String file;
        final String original;
        final String mutated;
        final String contract;
        /** Mutants of the same batch are applied together to one copy of the sources (one KeY load). */
        final int batch;

        Mutant(String name, String file, String original, String mutated, String contract) {
            this(name, file, original, mutated, contract, 0);
        }

        Mutant(String name, String file, String original, String mutated, String contract, int batch) {
            this.name = name;
            this.file = file;
            this.original = original;
            this.mutated = mutated;
            this.contract = contract;
            this.batch = batch;
        }
    }

    private static final String SOFTMAX = "SoftmaxKernels.java";
    private static final String SPHERE = "SphereKernels.java";

    // Constants are double literals: with an int literal (0 * inv) KeY's strategy stops at the int-to-double
    // promotion and the goal stays open without the contract being tested at all.
    static final List<Mutant> MUTANTS = List.of(
        new Mutant("softmax writes p = 0 * inv (issue 14)", SOFTMAX,
            "            p[poff + j] = p[poff + j] * inv;",
            "            p[poff + j] = 0.0 * inv; // MUTANT", "SoftmaxKernels::scaleProbabilities#0"),
        new Mutant("project returns u unchanged, no - c x (issue 14)", SPHERE,
            "            out[ooff + i] = u[uoff + i] - c * x[xoff + i];",
            "            out[ooff + i] = u[uoff + i]; // MUTANT", "SphereKernels::subtractMultiple#1"),
        new Mutant("retract without the normalisation (issue 14)", SPHERE,
            "            out[ooff + q] = (x[xoff + q] + t * xi[xioff + q]) * inv;",
            "            out[ooff + q] = x[xoff + q] + t * xi[xioff + q]; // MUTANT", "SphereKernels::scaleStep#1"),
        new Mutant("inverseOfOnePlus computes 1/(2+s) (wrong constant, still in [0,1])", SOFTMAX,
            "        return 1.0 / (1.0 + s);",
            "        return 1.0 / (2.0 + s); // MUTANT", "SoftmaxKernels::inverseOfOnePlus#0"),
        new Mutant("argMax keeps the last of tied maxima (>= for >)", SOFTMAX,
            "            if (z[off + i] > m) {",
            "            if (z[off + i] >= m) { // MUTANT", "SoftmaxKernels::argMax#0"),
        new Mutant("Blocks.end one short of the next block (wrong constant)", "Blocks.java",
            "        int e = i * size + size;",
            "        int e = i * size + size - 1; // MUTANT", "Blocks::end#0"),
        new Mutant("normSquared loop one past the column (off by one)", SPHERE,
            "        for (int i = 0; i < len; i++) {\n            s += a[aoff + i] * a[aoff + i];",
            "        for (int i = 0; i <= len; i++) { // MUTANT\n            s += a[aoff + i] * a[aoff + i];",
            "SphereKernels::normSquared#0"),
        new Mutant("logSumExp tail loop one past the column (off by one)", SOFTMAX,
            "        for (; i < len; i++) {\n            s0 += expTerm(z, off, i, m, zm);",
            "        for (; i <= len; i++) { // MUTANT\n            s0 += expTerm(z, off, i, m, zm);",
            "SoftmaxKernels::logSumExp#0"),
        new Mutant("crossEntropyGradient writes g_y = +7 * scale (issue 14)", SOFTMAX,
            "        g[goff + y] = (0.0 - 1.0) * scale * rest;",
            "        g[goff + y] = 7.0 * scale; // MUTANT", "SoftmaxKernels::gradientEntries#0"),
        new Mutant("restOfProbabilities drops the 1 of 1 + (s - e_y) (dropped term)", SOFTMAX,
            "        return (1.0 + (s - ey)) * inv;",
            "        return (s - ey) * inv; // MUTANT", "SoftmaxKernels::restOfProbabilities#0"),
        // logSumExp already carries the off-by-one mutant of batch 0: a second copy of the sources
        new Mutant("logSumExp returns zm + 1.0 (issue 14)", SOFTMAX,
            "        return zm + log1pNonNegative((s0 + s1) + (s2 + s3));",
            "        return zm + 1.0; // MUTANT", "SoftmaxKernels::logSumExp#0", 1)
    );

    private static final File SOURCES =
        new File(System.getProperty("ufm.kernel.sources", "../solver/src/main/java/org/ufm/kernel"));

    private static Map<String, SolverType> solvers;
    /** One KeY load per batch of mutants (mutants of one method go to different batches). */
    private static final Map<Integer, KeYProver> PROVERS = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        solvers = KeYProver.requireSolvers();
        Map<String, String> originals = new LinkedHashMap<>();
        for (File f : SOURCES.listFiles((d, n) -> n.endsWith(".java"))) {
            originals.put(f.getName(), Files.readString(f.toPath(), StandardCharsets.UTF_8));
        }
        TreeSet<Integer> batches = new TreeSet<>();
        for (Mutant m : MUTANTS) {
            batches.add(m.batch);
        }
        for (int batch : batches) {
            PROVERS.put(batch, KeYProver.load(writeBatch(originals, batch).toFile(),
                KeYProver.prepareBootClassPath(Path.of("target"))));
        }
    }

    /** A temporary copy of the sources with every mutant of the batch applied; checks each is one line. */
    private static Path writeBatch(Map<String, String> originals, int batch) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "mutants");
        Map<String, String> files = new LinkedHashMap<>(originals);
        Map<String, Integer> perFile = new LinkedHashMap<>();
        for (Mutant m : MUTANTS) {
            if (m.batch != batch) {
                continue;
            }
            String src = files.get(m.file);
            assertNotNull(src, "no kernel source " + m.file);
            int at = src.indexOf(m.original);
            assertTrue(at >= 0, m.name + ": the line to mutate is not in the current " + m.file
                + " (the kernel changed: update the mutant)\n" + m.original);
            assertEquals(-1, src.indexOf(m.original, at + 1), m.name + ": the line to mutate is not unique");
            files.put(m.file, src.substring(0, at) + m.mutated + src.substring(at + m.original.length()));
            perFile.merge(m.file, 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : perFile.entrySet()) {
            assertEquals((int) e.getValue(), changedLines(originals.get(e.getKey()), files.get(e.getKey())),
                e.getKey() + ": every mutant must change exactly one line of the current source");
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static int changedLines(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        assertEquals(x.length, y.length, "a mutant must not add or remove lines");
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!x[i].equals(y[i])) {
                n++;
            }
        }
        return n;
    }

    /** One row per mutant for target/mutant-report.md. */
    private static final List<String> ROWS = new ArrayList<>();

    @AfterAll
    static void close() throws Exception {
        for (KeYProver p : PROVERS.values()) {
            p.close();
        }
        StringBuilder md = new StringBuilder("# Mutants (MutantProofTest)\n\nRun of ")
            .append(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0))
            .append(". Each mutant is one line of the current kernel source; its contract closes on the real")
            .append(" source and must stay OPEN here. The last column is the succedent of each goal left open")
            .append(" (what KeY and the SMT solvers could not show), as KeY prints it.\n\n")
            .append("| mutant | mutated line | contract | status | goals open | time | open goal(s) |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (String r : ROWS) {
            md.append(r).append('\n');
        }
        File out = new File(System.getProperty("ufm.mutant.report", "target/mutant-report.md"));
        Files.writeString(out.toPath(), md.toString(), StandardCharsets.UTF_8);
        System.out.println("[proofs-check] mutant report " + out);
    }

    @TestFactory
    List<DynamicTest> everyMutantLeavesItsContractOpen() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Mutant m : MUTANTS) {
            tests.add(DynamicTest.dynamicTest(m.name, () -> {
                long t0 = System.nanoTime();
                Contract contract = null;
                for (Contract c : PROVERS.get(m.batch).contracts()) {
                    if (KernelContractProofTest.keyOf(c).equals(m.contract)) {
                        contract = c;
                    }
                }
                assertNotNull(contract, "the mutant lost the contract " + m.contract);
                assertTrue(KernelContractProofTest.EXPECTED.stream()
                        .anyMatch(e -> e.key().equals(m.contract) && e.mustClose),
                    m.contract + " must be a contract that closes on the real source");
                // the same strategy budget as the real proof; a short SMT timeout, as the goals a broken
                // kernel leaves are expected to stay open (they would only burn the full 20 s each)
                KeYProver.Outcome o = PROVERS.get(m.batch).prove(contract, 20_000, 3_000L, solvers);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.println("[proofs-check] MUTANT " + m.contract + " (" + m.name + "): " + o
                    + String.format("; %.1f s", secs));
                for (String g : o.openGoals) {
                    System.out.println("[proofs-check]   open goal of " + m.contract + ": ==> " + g);
                }
                ROWS.add("| " + m.name + " | `" + m.mutated.trim().replace("|", "\\|") + "` | `" + m.contract + "` | "
                    + (o.closed ? "CLOSED" : "OPEN") + " | " + o.goalsOpen + " of " + o.nodes + " nodes | "
                    + String.format("%.1f s", secs) + " | "
                    + String.join("<br>", o.openGoals.stream().map(g -> "`==> " + g.replace("|", "\\|") + "`").toList())
                    + " |");
                assertFalse(o.closed, "KeY closed " + m.contract + " on the mutant '" + m.name
                    + "': the contract does not pin down the arithmetic");
                assertTrue(o.goalsOpen > 0);
            }));
        }
        return tests;
    }
}
