package org.ufm.variant;

/**
 * The margins of an unregularised CE point (SPEC.md 1c): q_min = min_j min_{k != y_j} (w_{y_j} - w_k)^T h_j,
 * its normalisation q_min/(||W||_F^2 + ||H||_F^2), and the limit gamma* = 1/(2(K-1) sqrt n) it tends to.
 *
 * @param minimum    q_min
 * @param normalized q_min/(||W||_F^2 + ||H||_F^2)
 * @param limit      gamma*, or null for imbalanced classes
 */
public record UlpmMargins(double minimum, double normalized, Double limit) {
}
