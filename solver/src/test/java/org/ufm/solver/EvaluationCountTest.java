package org.ufm.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ufm.manifold.Euclidean;

/**
 * The trace's evaluation column is counted in one place (the Problem) and equals the number of times the
 * objective was actually called for f, in every solver; a Problem reused for a second solve restarts the count.
 */
class EvaluationCountTest {

    /** A stiff quadratic that counts its own value evaluations. */
    static final class CountingQuadratic implements Objective {
        long calls;

        public int ambientDimension() {
            return 3;
        }

        public double value(double[] x) {
            calls++;
            return 0.5 * (x[0] * x[0] + 10 * x[1] * x[1] + 100 * x[2] * x[2]);
        }

        public double valueAndGradient(double[] x, double[] g) {
            g[0] = x[0];
            g[1] = 10 * x[1];
            g[2] = 100 * x[2];
            return value(x);
        }

        public void hessianTimes(double[] x, double[] v, double[] out) {
            out[0] = v[0];
            out[1] = 10 * v[1];
            out[2] = 100 * v[2];
        }
    }

    @Test
    void traceCountsEveryObjectiveCallOnce() {
        for (String name : Solvers.names()) {
            CountingQuadratic f = new CountingQuadratic();
            Problem p = new Problem(new Euclidean(3), f);
            double step = name.equals("gd") ? 0.01 : Double.NaN;
            for (int solve = 0; solve < 2; solve++) {
                long before = f.calls;
                Result r = Solvers.create(name, step).minimize(p, new double[] {1, 1, 1},
                        StoppingCriterion.standard(1e-10, 500, 0, 60), new Trace(true));
                List<IterationRecord> rows = r.trace().rows();
                long counted = rows.get(rows.size() - 1).evaluations();
                assertTrue(counted > 1, name);
                // every value() call went through Problem.cost or costAndGradient and is counted exactly once
                assertEquals(f.calls - before, counted, name + " solve " + solve);
            }
        }
    }
}
