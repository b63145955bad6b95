package org.ufm.report;

/**
 * Wall-clock seconds spent certifying one point, by part and in all (0 for a part that was not computed or was given): the
 * second-order certificate (Lanczos or dense Hessian spectrum), the distance to the closed-form minimiser, the
 * first-order and global certificate, and the NC metrics with the variant's extras. For the issue-16 budget
 * "everything after the solve at most 10 % of the solve" and for users who want to know what a certificate costs.
 *
 * @param secondOrder the second-order certificate
 * @param distance    the Procrustes distance to the closed form
 * @param global      the first-order and global certificate (sigma_max of the logit gradient)
 * @param metrics     NC1-NC4 and the variant's extras
 * @param elapsed     the whole certification, start to end: less than {@link #total} where the distance and the
 *                    metrics ran on their own thread beside the certificates
 */
public record CertificationSeconds(double secondOrder, double distance, double global, double metrics,
                                   double elapsed) {

    /** The sum of the parts. */
    public double total() {
        return secondOrder + distance + global + metrics;
    }

    /** Seconds since {@code startNanos} ({@link System#nanoTime}). */
    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }
}
