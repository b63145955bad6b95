package org.ufm.model;

import org.ufm.kernel.Blocks;
import org.ufm.kernel.Chunks;
import org.ufm.kernel.Gemm;

/**
 * The data term g(W, H, b) = (1/N) sum_j L(z_j, y_j) of every UFM, with logits Z = s op(W) H + b 1^T,
 * its gradient and its Hessian-vector product, computed block by block over the samples so that the
 * K x N logits are never stored whole (memory O(Kd + dN + K * block)).
 *
 * <p>W is K x d ("rows are classes", Zhu's convention, op(W) = W) or d x K ("columns are classes",
 * the sphere convention, op(W) = W^T); H is d x N; all column-major at given offsets of one flat array.
 * The blocks are grouped into a number of chunks that depends only on N; chunks run in parallel and
 * their partial sums are reduced in chunk order, so results do not depend on the thread count.
 * Instances keep per-chunk work space and are not safe for concurrent calls.
 */
public final class LogitsEngine {

    /** Samples per block. */
    public static final int BLOCK = 256;
    /** Largest number of chunks (independent partial sums). */
    public static final int MAX_CHUNKS = 16;

    private final int k;
    private final int d;
    private final int n;
    private final int[] y;
    private final boolean classifierColumns;
    private final double scale;
    private final ColumnLoss loss;
    private final Chunks chunks;
    private final int blockCount;
    private final int chunkCount;
    private final Work[] work;

    private static final class Work {
        final double[] z;
        final double[] g;
        final double[] dz;
        final double[] dg;
        final double[] col;
        double[] partW;
        final double[] partB;
        double partLoss;

        Work(int k, int block) {
            z = new double[k * block];
            g = new double[k * block];
            dz = new double[k * block];
            dg = new double[k * block];
            col = new double[k];
            partB = new double[k];
        }
    }

    /**
     * @param labels            the labels y (K classes, N samples)
     * @param d                 feature dimension
     * @param classifierColumns true when W is stored d x K (logits W^T H), false for K x d (logits W H)
     * @param scale             the factor s of the logits (tau for the sphere model, 1 otherwise)
     * @param loss              the column loss
     * @param chunks            the thread pool
     */
    public LogitsEngine(Labels labels, int d, boolean classifierColumns, double scale, ColumnLoss loss,
                        Chunks chunks) {
        this.k = labels.classes();
        this.d = d;
        this.n = labels.samples();
        this.y = labels.toArray();
        this.classifierColumns = classifierColumns;
        this.scale = scale;
        this.loss = loss;
        this.chunks = chunks;
        this.blockCount = Blocks.count(n, BLOCK);
        this.chunkCount = Math.min(blockCount, MAX_CHUNKS);
        this.work = new Work[chunkCount];
        int block = Math.min(BLOCK, n);
        for (int c = 0; c < chunkCount; c++) {
            work[c] = new Work(k, block);
        }
    }

    /** The column loss. */
    public ColumnLoss loss() {
        return loss;
    }

    private int firstBlock(int c) {
        return (int) ((long) c * blockCount / chunkCount);
    }

    /** Z[K x w] = s op(W) H[:, from..from+w) + beta Z. */
    private void logits(double[] wSrc, int wOff, double[] hSrc, int hOff, int from, int w, double beta, double[] z) {
        if (classifierColumns) {
            Gemm.dgemm(true, false, k, w, d, scale, wSrc, wOff, d, hSrc, hOff + from * d, d, beta, z, 0, k);
        } else {
            Gemm.dgemm(false, false, k, w, d, scale, wSrc, wOff, k, hSrc, hOff + from * d, d, beta, z, 0, k);
        }
    }

    /** out[d x w] = s op(W)^T G + beta out, written at column {@code from} of the H block of out. */
    private void backToFeatures(double[] wSrc, int wOff, double[] g, int w, double beta, double[] out, int oOff, int from) {
        if (classifierColumns) {
            Gemm.dgemm(false, false, d, w, k, scale, wSrc, wOff, d, g, 0, k, beta, out, oOff + from * d, d);
        } else {
            Gemm.dgemm(true, false, d, w, k, scale, wSrc, wOff, k, g, 0, k, beta, out, oOff + from * d, d);
        }
    }

    /** acc (W-shaped) += s G H[:, from..from+w)^T in W's layout. */
    private void backToClassifier(double[] g, double[] hSrc, int hOff, int from, int w, double[] acc) {
        if (classifierColumns) {
            Gemm.dgemm(false, true, d, k, w, scale, hSrc, hOff + from * d, d, g, 0, k, 1.0, acc, 0, d);
        } else {
            Gemm.dgemm(false, true, k, d, w, scale, g, 0, k, hSrc, hOff + from * d, d, 1.0, acc, 0, k);
        }
    }

    private static void addBias(double[] x, int bOff, int k, int w, double[] z) {
        if (bOff < 0) {
            return;
        }
        for (int c = 0; c < w; c++) {
            for (int i = 0; i < k; i++) {
                z[c * k + i] += x[bOff + i];
            }
        }
    }

    /**
     * Returns g(W, H, b) and, when {@code grad} is not null, overwrites its W, H (and b) parts with the
     * gradient of g. {@code bOff < 0} means the model has no bias.
     */
    public double valueAndGradient(double[] x, int wOff, int hOff, int bOff, double[] grad) {
        final boolean wantGrad = grad != null;
        chunks.run(chunkCount, c -> {
            Work ws = work[c];
            ws.partLoss = 0.0;
            if (wantGrad) {
                if (ws.partW == null) {
                    ws.partW = new double[k * d];
                } else {
                    java.util.Arrays.fill(ws.partW, 0.0);
                }
                java.util.Arrays.fill(ws.partB, 0.0);
            }
            double inv = 1.0 / n;
            for (int blk = firstBlock(c); blk < firstBlock(c + 1); blk++) {
                int from = Blocks.start(blk, BLOCK);
                int w = Blocks.end(blk, BLOCK, n) - from;
                logits(x, wOff, x, hOff, from, w, 0.0, ws.z);
                addBias(x, bOff, k, w, ws.z);
                double s = 0.0;
                if (wantGrad) {
                    for (int col = 0; col < w; col++) {
                        s += loss.valueAndGradient(ws.z, col * k, k, y[from + col], inv, ws.g, col * k);
                    }
                    backToFeatures(x, wOff, ws.g, w, 0.0, grad, hOff, from);
                    backToClassifier(ws.g, x, hOff, from, w, ws.partW);
                    if (bOff >= 0) {
                        for (int col = 0; col < w; col++) {
                            for (int i = 0; i < k; i++) {
                                ws.partB[i] += ws.g[col * k + i];
                            }
                        }
                    }
                } else {
                    for (int col = 0; col < w; col++) {
                        s += loss.value(ws.z, col * k, k, y[from + col]);
                    }
                }
                ws.partLoss += s;
            }
        });
        double total = 0.0;
        for (int c = 0; c < chunkCount; c++) {
            total += work[c].partLoss;
        }
        if (wantGrad) {
            reduceInto(grad, wOff, bOff);
        }
        return total / n;
    }

    private void reduceInto(double[] out, int wOff, int bOff) {
        System.arraycopy(work[0].partW, 0, out, wOff, k * d);
        for (int c = 1; c < chunkCount; c++) {
            double[] p = work[c].partW;
            for (int i = 0; i < k * d; i++) {
                out[wOff + i] += p[i];
            }
        }
        if (bOff >= 0) {
            System.arraycopy(work[0].partB, 0, out, bOff, k);
            for (int c = 1; c < chunkCount; c++) {
                for (int i = 0; i < k; i++) {
                    out[bOff + i] += work[c].partB[i];
                }
            }
        }
    }

    /**
     * Overwrites the W, H (and b) parts of {@code out} with the Hessian of g at x times the direction v
     * (same layout as x): with dZ = s(op(dW) H + op(W) dH) + db 1^T and dG = (1/N) Hess L dZ column-wise,
     * out_W = s(dG H^T + G dH^T), out_H = s(op(W)^T dG + op(dW)^T G), out_b = dG 1 (SPEC.md 2.1, 2.3).
     */
    public void hessianTimes(double[] x, double[] v, int wOff, int hOff, int bOff, double[] out) {
        chunks.run(chunkCount, c -> {
            Work ws = work[c];
            if (ws.partW == null) {
                ws.partW = new double[k * d];
            } else {
                java.util.Arrays.fill(ws.partW, 0.0);
            }
            java.util.Arrays.fill(ws.partB, 0.0);
            double inv = 1.0 / n;
            for (int blk = firstBlock(c); blk < firstBlock(c + 1); blk++) {
                int from = Blocks.start(blk, BLOCK);
                int w = Blocks.end(blk, BLOCK, n) - from;
                logits(x, wOff, x, hOff, from, w, 0.0, ws.z);
                addBias(x, bOff, k, w, ws.z);
                logits(v, wOff, x, hOff, from, w, 0.0, ws.dz);
                logits(x, wOff, v, hOff, from, w, 1.0, ws.dz);
                addBias(v, bOff, k, w, ws.dz);
                for (int col = 0; col < w; col++) {
                    int yy = y[from + col];
                    loss.valueAndGradient(ws.z, col * k, k, yy, inv, ws.g, col * k);
                    loss.hessianTimes(ws.z, col * k, k, yy, ws.dz, col * k, inv, ws.dg, col * k, ws.col);
                }
                backToFeatures(x, wOff, ws.dg, w, 0.0, out, hOff, from);
                backToFeatures(v, wOff, ws.g, w, 1.0, out, hOff, from);
                backToClassifier(ws.dg, x, hOff, from, w, ws.partW);
                backToClassifier(ws.g, v, hOff, from, w, ws.partW);
                if (bOff >= 0) {
                    for (int col = 0; col < w; col++) {
                        for (int i = 0; i < k; i++) {
                            ws.partB[i] += ws.dg[col * k + i];
                        }
                    }
                }
            }
        });
        reduceInto(out, wOff, bOff);
    }

    /**
     * The K x N matrix G = grad_Z g = (1/N)(dL/dz_j)_j at x, column-major (O(KN) memory: for
     * certificates and metrics on problems that fit).
     */
    public double[] logitGradient(double[] x, int wOff, int hOff, int bOff) {
        double[] full = new double[k * n];
        double[] z = new double[k * Math.min(BLOCK, n)];
        for (int blk = 0; blk < blockCount; blk++) {
            int from = Blocks.start(blk, BLOCK);
            int w = Blocks.end(blk, BLOCK, n) - from;
            logits(x, wOff, x, hOff, from, w, 0.0, z);
            addBias(x, bOff, k, w, z);
            for (int col = 0; col < w; col++) {
                loss.valueAndGradient(z, col * k, k, y[from + col], 1.0 / n, full, (from + col) * k);
            }
        }
        return full;
    }

    /** The logits Z (K x N, column-major) at x. */
    public double[] logitMatrix(double[] x, int wOff, int hOff, int bOff) {
        double[] full = new double[k * n];
        double[] z = new double[k * Math.min(BLOCK, n)];
        for (int blk = 0; blk < blockCount; blk++) {
            int from = Blocks.start(blk, BLOCK);
            int w = Blocks.end(blk, BLOCK, n) - from;
            logits(x, wOff, x, hOff, from, w, 0.0, z);
            addBias(x, bOff, k, w, z);
            System.arraycopy(z, 0, full, from * k, w * k);
        }
        return full;
    }
}
