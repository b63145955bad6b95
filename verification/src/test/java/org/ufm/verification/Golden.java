package org.ufm.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ufm.closedform.CrossEntropyClosedForm;
import org.ufm.closedform.MseClosedForm;
import org.ufm.closedform.SphereClosedForm;
import org.ufm.compute.Chunks;
import org.ufm.model.CrossEntropyLoss;
import org.ufm.model.EuclideanUfm;
import org.ufm.model.Labels;
import org.ufm.model.SphereUfm;
import org.ufm.model.SquaredLoss;
import org.ufm.model.UfmModel;
import org.ufm.solver.Result;
import org.ufm.solver.StopReason;

/**
 * The golden table {@code golden.csv}, written by {@code verification/golden.py} from the closed forms
 * alone (no solver code). Every row is checked against the solver's closed-form classes (CE, sphere), the
 * model's value at the explicit optimal point, and an Armijo solve (rows with solve = 1). The MSE rows are
 * checked against {@code MseClosedForm} and by solving.
 */
final class Golden {

    private Golden() {
    }

    /** One row of golden.csv. */
    record Row(String model, int k, int n, int d, double lw, double lh, double lb, boolean bias, double tau,
               double fstar, boolean solve) {
        @Override
        public String toString() {
            return String.format("%s K=%d n=%d d=%d lw=%s lh=%s lb=%s bias=%s tau=%s f*=%.17g", model, k, n, d, lw, lh,
                    lb, bias, tau, fstar);
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Golden.class.getResourceAsStream("/golden.csv"), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), "1".equals(f[7]),
                        Double.parseDouble(f[8]), Double.parseDouble(f[9]), "1".equals(f[10])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static void checkAll(ModelFactory f) {
        List<Row> rows = rows();
        if (rows.size() < 20) {
            throw new AssertionError("golden.csv has only " + rows.size() + " rows");
        }
        for (Row row : rows) {
            check(f, row);
        }
    }

    static void check(ModelFactory f, Row row) {
        try (Chunks ch = new Chunks(1)) {
            Labels labels = Labels.balanced(row.k(), row.n());
            switch (row.model()) {
                case "ce": {
                    CrossEntropyClosedForm cf = CrossEntropyClosedForm.of(row.k(), row.n(), row.lw(), row.lh());
                    assertEquals(row.fstar(), cf.fstar, 1e-14 * row.fstar(), row + ": CrossEntropyClosedForm");
                    if (!row.solve()) {
                        return;
                    }
                    EuclideanUfm ref = EuclideanUfm.crossEntropy(labels, row.d(), row.lw(), row.lh(), row.lb(), row.bias(), ch);
                    UfmModel m = f.euclidean("ce", labels, row.d(), row.lw(), row.lh(), row.lb(), row.bias(),
                            CrossEntropyLoss.INSTANCE, ch);
                    double[] x = CrossEntropyClosedForm.optimalPoint(ref, new Random(1));
                    assertEquals(row.fstar(), m.value(x), 1e-13 * row.fstar(), row + ": f(optimalPoint)");
                    assertSolved(m, row, 1e-10, 1e-9);
                    return;
                }
                case "sphere": {
                    assertEquals(row.fstar(), SphereClosedForm.fstar(row.k(), row.tau()), 1e-14 * row.fstar(),
                            row + ": SphereClosedForm");
                    if (!row.solve()) {
                        return;
                    }
                    SphereUfm ref = new SphereUfm(labels, row.d(), row.tau(), ch);
                    UfmModel m = f.sphere(labels, row.d(), row.tau(), ch);
                    double[] x = SphereClosedForm.optimalPoint(ref, new Random(1));
                    assertEquals(row.fstar(), m.value(x), 1e-13 * row.fstar(), row + ": f(optimalPoint)");
                    assertSolved(m, row, Math.min(1e-10, 1e-5 * row.fstar()), 1e-8);
                    return;
                }
                case "mse": {
                    assertEquals(row.fstar(), MseClosedForm.of(row.k(), row.n(), row.lw(), row.lh(), row.bias(), 0.0).fstar,
                            1e-14 * row.fstar(), row + ": MseClosedForm");
                    UfmModel m = f.euclidean("mse", labels, row.d(), row.lw(), row.lh(), 0.0, row.bias(),
                            SquaredLoss.INSTANCE, ch);
                    assertSolved(m, row, 1e-11, 1e-9);
                    return;
                }
                default:
                    throw new AssertionError("unknown model in golden.csv: " + row.model());
            }
        }
    }

    private static void assertSolved(UfmModel m, Row row, double gradTol, double relTol) {
        for (long seed = 1; seed <= 2; seed++) {
            Result r = Checks.solve(m, seed, gradTol, 200_000);
            assertEquals(StopReason.CONVERGED, r.stopReason(), row + ": solve seed " + seed + " after "
                    + r.iterations() + " iterations");
            assertEquals(row.fstar(), r.cost(), relTol * row.fstar(), row + ": solved value, seed " + seed);
        }
    }
}
