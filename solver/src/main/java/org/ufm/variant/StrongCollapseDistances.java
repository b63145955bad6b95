package org.ufm.variant;

/**
 * Mixon et al.'s strong neural collapse errors of a point (SPEC.md 1b): ||W W^T - sqrt(n) P_C||_F, the
 * relative feature error, ||b - 1/C|| and the relative distance to the strong-collapse set S.
 *
 * @param gram        ||W W^T - sqrt(n) P_C||_F
 * @param features    the relative H error
 * @param bias        ||b - 1/C 1||
 * @param distanceToS the relative distance to S
 */
public record StrongCollapseDistances(double gram, double features, double bias, double distanceToS) {
}
