package org.ufm.proofs;

import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.speclang.Contract;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * Development aid: proves every contract (or those whose name matches the regex args[1]) and prints the
 * outcome; -Dufm.key.maxSteps= sets the strategy budget (20000 as in the build).
 */
public final class Probe {
    public static void main(String[] args) throws Exception {
        Map<String, SolverType> solvers = KeYProver.requireSolvers();
        long t0 = System.nanoTime();
        try (KeYProver p = KeYProver.load(new File(args[0]), KeYProver.prepareBootClassPath(Path.of("target")))) {
            System.out.println("loaded in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            for (Contract c : p.contracts()) {
                if (args.length > 1 && !java.util.regex.Pattern.compile(args[1]).matcher(c.getName()).find()) {
                    System.out.println("skip " + c.getName());
                    continue;
                }
                System.out.println(c.getName() + " -> " + p.prove(c, Integer.getInteger("ufm.key.maxSteps", 20_000), solvers));
            }
        }
    }
}
