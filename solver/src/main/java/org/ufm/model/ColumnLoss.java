package org.ufm.model;

/** The loss L(z, y) of one logit column z in R^K with label y, its gradient and Hessian-vector product. */
public interface ColumnLoss {

    /** Short name (e.g. "cross-entropy"). */
    String name();

    /** L(z, y) for the column z = {@code z[off..off+k)}; {@code work[woff..woff+k)} is scratch (may be overwritten). */
    double value(double[] z, int off, int k, int y, double[] work, int woff);

    /** Returns L(z, y) and writes {@code scale * grad_z L} into {@code g[goff..goff+k)}. */
    double valueAndGradient(double[] z, int off, int k, int y, double scale, double[] g, int goff);

    /**
     * Writes {@code scale * Hess_z L(z, y) dz} into {@code out[ooff..ooff+k)}; {@code work} has length >= k.
     */
    void hessianTimes(double[] z, int off, int k, int y, double[] dz, int dzoff, double scale,
                      double[] out, int ooff, double[] work);

    /** Entries of the state {@link #curvature} writes per column of K logits (0 when the Hessian is constant). */
    int curvatureLength(int k);

    /**
     * Writes what Hess_z L(z, y) needs of the column z into {@code state[soff..soff+curvatureLength(k))}, so
     * that many Hessian-vector products at one point (Lanczos, truncated CG) compute it once.
     */
    void curvature(double[] z, int off, int k, int y, double[] state, int soff);

    /**
     * {@code scale * Hess_z L(z, y) dz} into {@code out[ooff..ooff+k)} from the state {@link #curvature} wrote:
     * the same doubles as {@link #hessianTimes} at that z.
     */
    void hessianTimesAt(double[] state, int soff, int k, int y, double[] dz, int dzoff, double scale,
                        double[] out, int ooff);
}
