package org.ufm.cli;

import org.ufm.certificate.Certificate;
import org.ufm.model.UfmModel;
import org.ufm.report.PointReport;

/** The certificate level {@code certify --require} asks for, weakest first, and whether a report meets it. */
enum CertificateLevel {
    /** ||grad f|| <= tol. */
    FIRST_ORDER("first-order"),
    /** First order and lambda_min(Hess f) >= -1e-8 on the tangent space with the symmetries deflated. */
    SECOND_ORDER("second-order"),
    /** {@link Certificate#global}: first order, the closed-form gap and, with weight decay, sigma_max. */
    GLOBAL("global");

    private final String option;

    CertificateLevel(String option) {
        this.option = option;
    }

    /** The command-line spelling. */
    String option() {
        return option;
    }

    /** Parses the command-line spelling, or returns null. */
    static CertificateLevel parse(String s) {
        for (CertificateLevel l : values()) {
            if (l.option.equals(s)) {
                return l;
            }
        }
        return null;
    }

    /** The level required by default: global where a closed form exists, else second order. */
    static CertificateLevel defaultFor(UfmModel model) {
        return Certificate.optimum(model) != null ? GLOBAL : SECOND_ORDER;
    }

    /** True when the report meets this level (a part that was not computed does not hold). */
    boolean heldBy(PointReport p) {
        switch (this) {
            case FIRST_ORDER:
                return p.firstOrder();
            case SECOND_ORDER:
                return p.firstOrder() && p.secondOrder() != null && p.secondOrder().secondOrder;
            default:
                return p.global();
        }
    }
}
