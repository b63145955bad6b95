/**
 * What the library says about a point or a solve: {@link org.ufm.report.PointReport} evaluates every
 * certificate, the NC metrics, the distance to the closed-form minimiser and the variant's extras at a given
 * point without moving it; {@link org.ufm.report.SolveReport} pairs that with a solver's result.
 */
package org.ufm.report;
