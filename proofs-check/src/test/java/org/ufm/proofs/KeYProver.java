package org.ufm.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.init.ProofOblInput;
import de.uka.ilkd.key.rule.IBuiltInRuleApp;
import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.DefaultSMTSettings;
import de.uka.ilkd.key.settings.ProofIndependentSMTSettings;
import de.uka.ilkd.key.settings.ProofIndependentSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.smt.SMTProblem;
import de.uka.ilkd.key.smt.SMTRuleApp;
import de.uka.ilkd.key.smt.SMTSolverResult;
import de.uka.ilkd.key.smt.SolverLauncher;
import de.uka.ilkd.key.smt.solvertypes.SolverType;
import de.uka.ilkd.key.smt.solvertypes.SolverTypes;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.KeYTypeUtil;
import de.uka.ilkd.key.util.MiscTools;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Thin driver of the KeY prover (2.12.3, Java API): loads a directory of Java sources with their JML
 * contracts, and proves one contract at a time by KeY's automatic strategy followed, on the goals it
 * leaves open, by cvc5 and then z3 through KeY's SMT integration (the floating-point goals need them;
 * cvc5 first because it closes the soft-max goals in seconds where z3 often times out, -Dufm.smt.order=
 * changes the order).
 *
 * <p>Proof settings, fixed for every proof: mathematical integers
 * ({@code intRules:arithmeticSemanticsIgnoringOF}; int overflow is excluded by preconditions, not checked
 * by KeY); implicit run-time exceptions as in the JLS ({@code runtimeExceptions:allow}), so a
 * {@code normal_behavior} contract that closes rules out ArrayIndexOutOfBounds and NullPointer
 * exceptions; IEEE-754 double semantics ({@code floatRules:assumeStrictfp}, Java 17 is always strictfp);
 * calls are replaced by the callee's contract (modular proofs).
 */
final class KeYProver implements AutoCloseable {

    /** Outcome of one proof attempt. */
    static final class Outcome {
        final boolean closed;
        final int nodes;
        final int goalsLeftByKeY;
        final int goalsClosedBySmt;
        final int goalsOpen;
        final Set<String> provers;
        final long millis;
        /** For each goal left open: its succedent (what remained to be shown), one line, at most 600 chars. */
        final List<String> openGoals;

        Outcome(boolean closed, int nodes, int goalsLeftByKeY, int goalsClosedBySmt, int goalsOpen,
                Set<String> provers, long millis, List<String> openGoals) {
            this.openGoals = openGoals;
            this.closed = closed;
            this.nodes = nodes;
            this.goalsLeftByKeY = goalsLeftByKeY;
            this.goalsClosedBySmt = goalsClosedBySmt;
            this.goalsOpen = goalsOpen;
            this.provers = provers;
            this.millis = millis;
        }

        @Override
        public String toString() {
            return (closed ? "CLOSED" : "OPEN") + " (" + nodes + " nodes, " + goalsLeftByKeY
                + " goals left by KeY's strategy, " + goalsClosedBySmt + " closed by SMT, " + goalsOpen
                + " open; provers " + provers + "; " + millis + " ms)";
        }
    }

    private static final long SMT_TIMEOUT_MS = Long.getLong("ufm.smt.timeout.ms", 20_000L);

    /** The SMT solvers tried, in order, on the goals KeY's strategy leaves open. */
    private static final String[] SMT_ORDER = System.getProperty("ufm.smt.order", "CVC5,Z3").split(",");

    private final KeYEnvironment<?> env;

    private KeYProver(KeYEnvironment<?> env) {
        this.env = env;
    }

    /** Solvers the proofs need, checked before anything is loaded: a missing solver is an error, not a skip. */
    static Map<String, SolverType> requireSolvers() {
        Map<String, SolverType> found = new HashMap<>();
        for (SolverType t : SolverTypes.getSolverTypes()) {
            if (t.getName().equals("Z3") || t.getName().equals("CVC5")) {
                found.put(t.getName(), t);
            }
        }
        for (String name : new String[] {"Z3", "CVC5"}) {
            SolverType t = found.get(name);
            if (t == null || !t.isInstalled(true)) {
                throw new IllegalStateException("SMT solver " + name + " (command '"
                    + (t == null ? name.toLowerCase() : t.getSolverCommand())
                    + "') is not installed or not on the PATH; the KeY proofs need z3 and cvc5: "
                    + "apt-get install -y z3 cvc5");
            }
        }
        return found;
    }

    /**
     * Loads every .java file under {@code sources} (the kernel package of the solver module, read in
     * place). {@code bootDir} is KeY's model of the JDK (see {@link #prepareBootClassPath}).
     */
    static KeYProver load(File sources, File bootDir) throws Exception {
        ChoiceSettings choices = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings();
        Map<String, String> c = new HashMap<>(choices.getDefaultChoices());
        c.putAll(MiscTools.getDefaultTacletOptions());
        c.put("intRules", "intRules:arithmeticSemanticsIgnoringOF");
        c.put("runtimeExceptions", "runtimeExceptions:allow");
        c.put("floatRules", "floatRules:assumeStrictfp");
        choices.setDefaultChoices(c);
        KeYEnvironment<?> env = KeYEnvironment.load(sources, null, bootDir, null);
        return new KeYProver(env);
    }

    /**
     * KeY ships a reduced model of the JDK ("JavaRedux"). It has no declaration of Math.log1p, which
     * the soft-max kernels call, nor of Double.isInfinite, which the retraction calls. We extract the
     * model from the KeY jar and add: log1p with the one contract "returns normally and has no side
     * effects" (true of every java.lang.Math method; nothing about its value is assumed: the kernels wrap
     * the call in a helper whose contract is listed as expected-open and checked at run time);
     * Double.doubleToRawLongBits and longBitsToDouble (the kernels' own exp sets the exponent bits with
     * them) with the same contract and nothing else; and isInfinite with the contract of its
     * Javadoc, "true iff the argument is positive or negative infinity" (a trusted library spec, like
     * every contract of KeY's JDK model).
     */
    static File prepareBootClassPath(Path target) throws IOException {
        Path root = target.resolve("key-boot");
        String prefix = "de/uka/ilkd/key/java/JavaRedux/";
        File jar;
        try {
            jar = new File(KeYEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IOException("cannot locate the KeY jar", e);
        }
        try (JarFile jf = new JarFile(jar)) {
            Enumeration<JarEntry> en = jf.entries();
            while (en.hasMoreElements()) {
                JarEntry e = en.nextElement();
                if (!e.getName().startsWith(prefix) || e.isDirectory()) {
                    continue;
                }
                Path out = root.resolve(e.getName().substring(prefix.length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = jf.getInputStream(e)) {
                    Files.write(out, in.readAllBytes());
                }
            }
        }
        appendMember(root.resolve("java/lang/Math.java"), "log1p", RETURNS_NORMALLY
            + "    public static double log1p(double x);\n");
        appendMember(root.resolve("java/lang/Double.java"), "isInfinite",
            "    /*@ public normal_behaviour\n"
            + "      @ ensures \\result == \\fp_infinite(val);\n"
            + "      @ assignable \\strictly_nothing;\n"
            + "      @ accessible \\nothing;\n"
            + "      @*/\n"
            + "    public static boolean isInfinite(double val);\n");
        appendMember(root.resolve("java/lang/Double.java"), "doubleToRawLongBits", RETURNS_NORMALLY
            + "    public static long doubleToRawLongBits(double value);\n");
        appendMember(root.resolve("java/lang/Double.java"), "longBitsToDouble", RETURNS_NORMALLY
            + "    public static double longBitsToDouble(long bits);\n");
        return root.toFile();
    }

    /** The only contract given to the added log1p and bit conversions: they return and change nothing. */
    private static final String RETURNS_NORMALLY = "    /*@ public normal_behaviour\n"
        + "      @ ensures true;\n"
        + "      @ assignable \\strictly_nothing;\n"
        + "      @ accessible \\nothing;\n"
        + "      @*/\n";

    private static void appendMember(Path file, String name, String member) throws IOException {
        String src = Files.readString(file, StandardCharsets.UTF_8);
        if (!src.contains(" " + name + "(")) {
            int last = src.lastIndexOf('}');
            Files.writeString(file, src.substring(0, last) + member + "}\n", StandardCharsets.UTF_8);
        }
    }

    /** Every JML contract of the loaded (non-library) classes. */
    List<Contract> contracts() {
        List<Contract> result = new ArrayList<>();
        for (KeYJavaType type : env.getJavaInfo().getAllKeYJavaTypes()) {
            if (KeYTypeUtil.isLibraryClass(type)) {
                continue;
            }
            for (IObserverFunction target : env.getSpecificationRepository().getContractTargets(type)) {
                for (Contract contract : env.getSpecificationRepository().getContracts(type, target)) {
                    result.add(contract);
                }
            }
        }
        return result;
    }

    /** Proves one contract: KeY's strategy (at most maxSteps rule applications), then cvc5, then z3. */
    Outcome prove(Contract contract, int maxSteps, Map<String, SolverType> solvers) throws Exception {
        return prove(contract, maxSteps, SMT_TIMEOUT_MS, solvers);
    }

    /** As {@link #prove(Contract, int, Map)} with an explicit SMT timeout per goal and solver. */
    Outcome prove(Contract contract, int maxSteps, long smtTimeoutMs, Map<String, SolverType> solvers)
            throws Exception {
        long t0 = System.nanoTime();
        ProofOblInput po = contract.createProofObl(env.getInitConfig(), contract);
        Proof proof = env.createProof(po);
        try {
            StrategyProperties sp = proof.getSettings().getStrategySettings().getActiveStrategyProperties();
            sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
            sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
            sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
            sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_OFF);
            sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
            sp.setProperty(StrategyProperties.STOPMODE_OPTIONS_KEY, StrategyProperties.STOPMODE_DEFAULT);
            proof.getSettings().getStrategySettings().setActiveStrategyProperties(sp);
            proof.getSettings().getStrategySettings().setMaxSteps(maxSteps);
            env.getProofControl().startAndWaitForAutoMode(proof);
            long tStrategy = System.nanoTime();

            int left = proof.openGoals().size();
            int bySmt = 0;
            Set<String> provers = new LinkedHashSet<>();
            provers.add("KeY");
            for (String name : SMT_ORDER) {
                if (proof.closed()) {
                    break;
                }
                long ts = System.nanoTime();
                int goals = proof.openGoals().size();
                int n = runSmt(proof, solvers.get(name), smtTimeoutMs);
                if (System.getProperty("ufm.timing") != null) {
                    System.out.printf("[timing] %s: %d of %d goals in %d ms (strategy took %d ms)%n", name, n, goals,
                        (System.nanoTime() - ts) / 1_000_000L, (tStrategy - t0) / 1_000_000L);
                }
                if (n > 0) {
                    provers.add(name.equals("Z3") ? "z3" : "cvc5");
                    bySmt += n;
                }
            }
            List<String> open = new ArrayList<>();
            for (Goal g : proof.openGoals()) {
                String seq = de.uka.ilkd.key.pp.LogicPrinter.quickPrintSequent(g.sequent(), proof.getServices());
                if (System.getProperty("ufm.dump.open") != null) {
                    System.out.println("---- open goal " + g.node().serialNr() + ":\n" + seq);
                }
                open.add(succedentOf(seq));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000L;
            return new Outcome(proof.closed(), proof.countNodes(), left, bySmt, proof.openGoals().size(),
                provers, ms, open);
        } finally {
            proof.dispose();
        }
    }

    /** The part of a printed sequent after "==>", whitespace collapsed, cut at 600 characters. */
    static String succedentOf(String sequent) {
        int at = sequent.indexOf("==>");
        String succ = (at < 0 ? sequent : sequent.substring(at + 3)).replaceAll("\\s+", " ").trim();
        return succ.length() <= 600 ? succ : succ.substring(0, 600) + " ...";
    }

    private static int runSmt(Proof proof, SolverType type, long timeoutMs) {
        List<SMTProblem> problems = new ArrayList<>();
        for (Goal g : proof.openGoals()) {
            problems.add(new SMTProblem(g));
        }
        if (problems.isEmpty()) {
            return 0;
        }
        ProofIndependentSMTSettings pi = ProofIndependentSettings.DEFAULT_INSTANCE.getSMTSettings().clone();
        pi.setTimeout(timeoutMs);
        pi.setMaxConcurrentProcesses(Math.max(1, Runtime.getRuntime().availableProcessors()));
        DefaultSMTSettings settings = new DefaultSMTSettings(proof.getSettings().getSMTSettings(), pi,
            proof.getSettings().getNewSMTSettings(), proof);
        SolverLauncher launcher = new SolverLauncher(settings);
        try {
            launcher.launch(List.of(type), problems, proof.getServices());
        } catch (RuntimeException e) {
            // A solver that fails on a goal (e.g. KeY 2.12.3 emits an undeclared constant "exDouble" for
            // goals with Math.exp) closes nothing; the goal simply stays open. Goals it did prove count.
            String msg = String.valueOf(e.getMessage());
            System.out.println("[proofs-check] " + type.getName() + " failed on some goals: "
                + msg.replace('\n', ' ').substring(0, Math.min(200, msg.length())));
        }
        int closed = 0;
        for (SMTProblem p : problems) {
            SMTSolverResult r = p.getFinalResult();
            if (r != null && r.isValid() == SMTSolverResult.ThreeValuedTruth.VALID && !p.getGoal().node().isClosed()) {
                IBuiltInRuleApp app = SMTRuleApp.RULE.createApp(type.getName());
                app = app.tryToInstantiate(p.getGoal());
                p.getGoal().apply(app);
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void close() {
        env.dispose();
    }
}
