package org.ufm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ufm.report.PointReport;
import org.ufm.report.SolveReport;

/** The fluent entry point: a certified solve, the certification of a given point, refused settings. */
class UfmTest {

    @Test
    void certifyAtTheSolvedPointAgreesWithTheSolve() {
        Ufm sphere = Ufm.model("sphere").classes(3).perClass(2).dim(4).set("tau", 2.0).threads(1);
        SolveReport r = sphere.solve();
        assertTrue(r.certifiedGlobal(), "relative gap " + r.point().certificate().relativeGap);
        PointReport p = sphere.certify(r.result().x());
        assertEquals(r.cost(), p.cost(), 0.0, "f re-evaluated at the solve's point: same bits");
        assertTrue(p.global());
        assertEquals(r.point().distance(), p.distance(), 0.0);
    }

    @Test
    void resultsAreTheSameForAnyThreadCount() {
        SolveReport one = Ufm.model("ce").classes(4).perClass(3).dim(5).threads(1).secondOrder(false).solve();
        SolveReport two = Ufm.model("ce").classes(4).perClass(3).dim(5).threads(2).secondOrder(false).solve();
        assertEquals(one.cost(), two.cost(), 0.0);
        assertEquals(one.result().iterations(), two.result().iterations());
    }

    /** Without the metrics the solve and its certificate are the same; the metrics are absent. */
    @Test
    void metricsCanBeLeftOut() {
        Ufm ce = Ufm.model("ce").classes(4).perClass(3).dim(5).threads(1).secondOrder(false);
        SolveReport with = ce.solve();
        SolveReport without = ce.metrics(false).solve();
        assertTrue(with.point().metrics() != null);
        assertTrue(without.point().metrics() == null);
        assertFalse(without.point().metricsUndefinedAtOrigin() || without.point().metricsNotFinite());
        assertEquals(with.cost(), without.cost(), 0.0);
        assertEquals(with.certifiedGlobal(), without.certifiedGlobal());
        assertTrue(without.certifiedGlobal());
        assertEquals(with.point().distance(), without.point().distance(), 0.0);
    }

    @Test
    void settingsThatDoNotApplyAreRefusedWithOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ufm.model("ulpm").set("lambda-w", 1e-3).spec());
        assertEquals("--lambda-w does not apply to --model ulpm (it has no weight decay)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ufm.model("sphere").set("tau", -1).spec());
        assertEquals("--tau must be > 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ufm.model("nope"));
        assertThrows(IllegalArgumentException.class, () -> Ufm.model("ce").certify(new double[3]));
        assertFalse(Ufm.model("ce").flag("no-bias").spec().numbers().isEmpty());
        e = assertThrows(IllegalArgumentException.class, () -> Ufm.model("ce").set("gap-stop", 1e-10).spec());
        assertTrue(e.getMessage().startsWith("unknown model option --gap-stop (--model ce takes "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ufm.model("ce").gapStop(-1));
        assertThrows(IllegalArgumentException.class, () -> Ufm.model("ce").gapStop(Double.NaN));
        // the sphere with d < K - 1 has no closed form to stop at
        e = assertThrows(IllegalArgumentException.class,
                () -> Ufm.model("sphere").classes(5).perClass(2).dim(2).gapStop(1e-6).solve());
        assertTrue(e.getMessage().contains("closed-form optimum"), e.getMessage());
    }

    /** gapStop ends the solve at the first iterate within the gap, before the gradient tolerance would. */
    @Test
    void gapStopEndsTheSolveAtTheGap() {
        Ufm ce = Ufm.model("ce").classes(4).perClass(3).dim(5).threads(1).secondOrder(false).metrics(false);
        SolveReport full = ce.solve();
        SolveReport stopped = ce.gapStop(1e-6).solve();
        assertEquals(org.ufm.solver.StopReason.OPTIMUM_REACHED, stopped.result().stopReason());
        double gap = stopped.point().certificate().relativeGap;
        assertTrue(gap <= 1e-6 && gap >= 0, "relative gap " + gap);
        assertTrue(stopped.result().iterations() < full.result().iterations(),
                stopped.result().iterations() + " vs " + full.result().iterations());
    }
}
