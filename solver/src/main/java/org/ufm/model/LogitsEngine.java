package org.ufm.model;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.ufm.kernel.Blocks;
import org.ufm.compute.Chunks;
import org.ufm.compute.Dot;
import org.ufm.compute.Gemm;
import org.ufm.compute.Transpose;

/**
 * The data term g(W, H, b) = (1/N) sum_j L(z_j, y_j) of every UFM, with logits Z = s op(W) H + b 1^T,
 * its gradient and its Hessian-vector product, computed block by block over the samples so that the
 * K x N logits are never stored whole: memory O(C Kd + P K block) beside x and the gradient, for C &lt;= 16
 * chunks and P threads; the block size depends on K and N only ({@link #blockSize}).
 *
 * <p>W is K x d ("rows are classes", Zhu's convention, op(W) = W) or d x K ("columns are classes",
 * the sphere convention, op(W) = W^T); H is d x N; all column-major at given offsets of one flat array.
 * The GEMMs always see op(W) as K x d: a d x K W is transposed into a copy first, and its gradient is summed
 * K x d and transposed back.
 * The blocks are grouped into a number of chunks that depends only on N; chunks run in parallel and
 * their partial sums are reduced in chunk order, so results do not depend on the thread count.
 * Instances keep per-chunk work space and are not safe for concurrent calls.
 */
public final class LogitsEngine {

    /** Smallest number of samples per block. */
    public static final int MIN_BLOCK = 256;
    /** Largest number of samples per block. */
    public static final int MAX_BLOCK = 2048;
    /** Target size K * block of one logit block (512 KiB of doubles; measured 5 % faster than 1 MiB at K=100, N=10^4 on 2 threads). */
    static final int TARGET_BLOCK_ENTRIES = 1 << 16;
    /**
     * Blocks wanted at least, where N allows blocks of {@value #MIN_BLOCK}: with 3 blocks on 2 threads (N = 2000,
     * K = 100) one thread idled a third of each evaluation; in 8 blocks loss + gradient took 12-15 % less time and
     * a Hessian-vector product 10-16 % less (JMH, CE, 2 threads, two interleaved runs).
     */
    static final int SPREAD_BLOCKS = 8;
    /** Blocks are not cut below this many logits to spread them (K = 10, N = 1000: a 10 x 256 block is too little work to hand to a thread). */
    static final int SPREAD_MIN_ENTRIES = 1 << 14;
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
    private final int block;
    private final int blockCount;
    private final int chunkCount;
    private final Partial[] partials;
    /** Scratch of the chunks now running: at most one per thread, reused across calls. */
    private final ArrayDeque<Scratch> idle = new ArrayDeque<>();
    /** op(W) of x and of a direction as K x d copies when W is stored d x K ({@link #classesByFeatures}). */
    private double[] wByClasses;
    private double[] vByClasses;
    /** The chunks' classifier gradients summed (K x d) before they are transposed into a d x K W. */
    private double[] classifierSum;
    /** The gradient and curvature of the last point of {@link #hessianTimes}; the GC may drop it. */
    private SoftReference<Curvature> curvature = new SoftReference<>(null);

    /**
     * What Hessian-vector products at one point x share: G = grad_Z g and the losses' curvature states of all N
     * columns (K x N each, column-major), computed once instead of once per product (Lanczos and truncated CG
     * take many products at one point). Kept with a copy of x, against which every later call is compared.
     */
    private static final class Curvature {
        final double[] x;
        final double[] g;
        final double[] state;

        Curvature(double[] x, int gEntries, int stateEntries) {
            this.x = x.clone();
            this.g = new double[gEntries];
            this.state = new double[stateEntries];
        }
    }

    /** The partial sums of one chunk (kept per chunk so that the reduction order is fixed). */
    private static final class Partial {
        double[] w;
        final double[] b;
        double loss;
        double decay;

        Partial(int k) {
            b = new double[k];
        }
    }

    /** Block work space of one running chunk: logits and their derivatives, K x block each. */
    private static final class Scratch {
        final double[] z;
        final double[] g;
        double[] dz;
        double[] dg;
        double[] col;

        Scratch(int k, int block) {
            z = new double[k * block];
            g = new double[k * block];
        }

        void ensureDirectional(int k, int block) {
            if (dz == null) {
                dz = new double[k * block];
                dg = new double[k * block];
                col = new double[k];
            }
        }
    }

    /**
     * Samples per block for K classes and N samples: about {@value #TARGET_BLOCK_ENTRIES} / K and at most
     * N / {@value #SPREAD_BLOCKS} (but not below {@value #SPREAD_MIN_ENTRIES} / K), rounded up to a multiple of 64 in [{@value #MIN_BLOCK}, {@value #MAX_BLOCK}],
     * at most N. It depends on K and N only, so the
     * partition, and with it every partial sum, is the same for any thread count.
     */
    static int blockSize(int k, int n) {
        int kk = Math.max(k, 1);
        int b = Math.min(TARGET_BLOCK_ENTRIES / kk, Math.max((n + SPREAD_BLOCKS - 1) / SPREAD_BLOCKS, SPREAD_MIN_ENTRIES / kk));
        b = (b + 63) / 64 * 64;
        b = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, b));
        return Math.min(b, n);
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
        arrayLength("K d (the classifier)", k, d);
        arrayLength("K x block (one logit block: K = " + k + ", block = " + blockSize(k, n) + " samples)", k,
                blockSize(k, n));
        this.y = labels.toArray();
        this.classifierColumns = classifierColumns;
        this.scale = scale;
        this.loss = loss;
        this.chunks = chunks;
        this.block = blockSize(k, n);
        this.blockCount = Blocks.count(n, block);
        this.chunkCount = Math.min(blockCount, MAX_CHUNKS);
        this.partials = new Partial[chunkCount];
        for (int c = 0; c < chunkCount; c++) {
            partials[c] = new Partial(k);
        }
    }

    /**
     * a b as an array length, or an IllegalArgumentException naming {@code what} when it exceeds the largest
     * Java array (an int product of sizes would wrap around to a negative or a too-small length).
     */
    static int arrayLength(String what, long a, long b) {
        long p = a * b;
        if (p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " needs " + p + " entries; at most " + (Integer.MAX_VALUE - 8)
                    + " fit in one Java array");
        }
        return (int) p;
    }

    /**
     * Doubles of block work space the engine may allocate with {@code threads} threads: 4 K x block arrays
     * (logits, their derivatives, and two more for Hessian-vector products) per running chunk, plus the
     * K d partial gradients of every chunk and three K x d copies of W (transposes when W is stored d x K).
     * For memory checks before building a model.
     */
    public static long workDoubles(int k, int n, int d, int threads) {
        int block = blockSize(k, n);
        long chunks = Math.min(Blocks.count(n, block), MAX_CHUNKS);
        return 4L * k * block * Math.min(threads, chunks) + chunks * ((long) k * d + k) + 3L * k * d;
    }

    /** Samples per block of this engine. */
    public int block() {
        return block;
    }

    /** Number of chunks (independent partial sums, reduced in chunk order). */
    public int chunkCount() {
        return chunkCount;
    }

    private Scratch acquire() {
        synchronized (idle) {
            Scratch s = idle.poll();
            if (s != null) {
                return s;
            }
        }
        return new Scratch(k, block);
    }

    private void release(Scratch s) {
        synchronized (idle) {
            idle.push(s);
        }
    }

    private Partial clearedPartial(int c, boolean wantGrad) {
        Partial p = partials[c];
        p.loss = 0.0;
        p.decay = 0.0;
        if (wantGrad) {
            if (p.w == null) {
                p.w = new double[k * d];
            } else {
                Arrays.fill(p.w, 0.0);
            }
            Arrays.fill(p.b, 0.0);
        }
        return p;
    }

    /** The column loss. */
    public ColumnLoss loss() {
        return loss;
    }

    private int firstBlock(int c) {
        return (int) ((long) c * blockCount / chunkCount);
    }

    /**
     * op(W) as a K x d column-major matrix: src itself at wOff when rows are classes, else W^T copied into the
     * engine's buffer for points or for directions (d x K to K x d). With it the three GEMMs of a block are the
     * same calls for both layouts (logits NN, features TN, classifier NT): at K=1000, d=512 the d x K forms (TN, NN,
     * NT on W) took 7 % longer in OpenBLAS's SkylakeX kernels (12 interleaved runs of each triple, one thread, a
     * 256-sample block).
     */
    private double[] classesByFeatures(double[] src, int wOff, boolean direction) {
        if (!classifierColumns) {
            return src;
        }
        if (direction) {
            vByClasses = vByClasses != null ? vByClasses : new double[k * d];
        } else {
            wByClasses = wByClasses != null ? wByClasses : new double[k * d];
        }
        double[] buf = direction ? vByClasses : wByClasses;
        Transpose.into(src, wOff, d, k, buf, 0);
        return buf;
    }

    /** Offset of op(W) in the array {@link #classesByFeatures} returns. */
    private int classesByFeaturesOffset(int wOff) {
        return classifierColumns ? 0 : wOff;
    }

    /** Z[K x w] = s W H[:, from..from+w) + beta Z, W (K x d) at wOff of wkd. */
    private void logits(double[] wkd, int wOff, double[] hSrc, int hOff, int from, int w, double beta, double[] z) {
        Gemm.dgemm(false, false, k, w, d, scale, wkd, wOff, k, hSrc, hOff + from * d, d, beta, z, 0, k);
    }

    /** out[d x w] = s W^T G + beta out (W K x d at wOff of wkd), written at column {@code from} of out's H block. */
    private void backToFeatures(double[] wkd, int wOff, double[] g, int w, double beta, double[] out, int oOff,
                                int from) {
        backToFeatures(wkd, wOff, g, 0, w, beta, out, oOff, from);
    }

    /** As above with G (K x w) at offset {@code gOff} of g. */
    private void backToFeatures(double[] wkd, int wOff, double[] g, int gOff, int w, double beta, double[] out, int oOff,
                                int from) {
        Gemm.dgemm(true, false, d, w, k, scale, wkd, wOff, k, g, gOff, k, beta, out, oOff + from * d, d);
    }

    /** acc (K x d) += s G H[:, from..from+w)^T. */
    private void backToClassifier(double[] g, double[] hSrc, int hOff, int from, int w, double[] acc) {
        backToClassifier(g, 0, hSrc, hOff, from, w, acc);
    }

    /** As above with G (K x w) at offset {@code gOff} of g. */
    private void backToClassifier(double[] g, int gOff, double[] hSrc, int hOff, int from, int w, double[] acc) {
        Gemm.dgemm(false, true, k, d, w, scale, g, gOff, k, hSrc, hOff + from * d, d, 1.0, acc, 0, k);
    }

    /**
     * Z[K x w] = s W H[:, from..from+w) + b 1^T, with W (K x d) at wOff of wkd, b at bOff of bSrc and H from
     * {@code hSrc} ({@code bOff < 0}: no bias). With a bias the block is seeded with b 1^T and the GEMM adds
     * onto it (beta 1), which saves OpenBLAS's zeroing pass and a separate bias pass; the logits keep one
     * rounding, fl(op(W)H + b).
     */
    private void biasedLogits(double[] wkd, int wOff, double[] bSrc, int bOff, double[] hSrc, int hOff, int from, int w,
                              double[] z) {
        double beta = 0.0;
        if (bOff >= 0) {
            for (int c = 0; c < w; c++) {
                System.arraycopy(bSrc, bOff, z, c * k, k);
            }
            beta = 1.0;
        }
        logits(wkd, wOff, hSrc, hOff, from, w, beta, z);
    }

    /**
     * Returns g(W, H, b) and, when {@code grad} is not null, overwrites its W, H (and b) parts with the
     * gradient of g. {@code bOff < 0} means the model has no bias. Per block: Z = s op(W) H_blk + b 1^T
     * (one GEMM), the loss and G = grad_Z column by column, then grad_H_blk = s op(W)^T G and the chunk's
     * partial grad_W += s G H_blk^T (two GEMMs) while the block is still in cache.
     */
    public double valueAndGradient(double[] x, int wOff, int hOff, int bOff, double[] grad) {
        return valueAndGradient(x, wOff, hOff, bOff, grad, 0.0);
    }

    /**
     * As {@link #valueAndGradient(double[], int, int, int, double[])} for g + (mu/2)||H||_F^2: the feature
     * decay is fused into the blocked pass (its value summed per chunk, mu H_blk added to the H gradient
     * block while it is in cache), which saves two passes over the d x N features.
     */
    public double valueAndGradient(double[] x, int wOff, int hOff, int bOff, double[] grad, double featureDecay) {
        final boolean wantGrad = grad != null;
        final boolean decay = featureDecay != 0.0;
        final double inv = 1.0 / n;
        final double[] wkd = classesByFeatures(x, wOff, false);
        final int wk = classesByFeaturesOffset(wOff);
        chunks.run(chunkCount, c -> {
            Partial part = clearedPartial(c, wantGrad);
            Scratch ws = acquire();
            try {
                for (int blk = firstBlock(c); blk < firstBlock(c + 1); blk++) {
                    int from = Blocks.start(blk, block);
                    int w = Blocks.end(blk, block, n) - from;
                    biasedLogits(wkd, wk, x, bOff, x, hOff, from, w, ws.z);
                    double s = 0.0;
                    if (decay && !wantGrad) {
                        part.decay += Dot.squaredNorm(x, hOff + from * d, w * d);
                    }
                    if (wantGrad) {
                        s = lossesAndGradients(ws.z, from, w, inv, ws.g, 0);
                        if (decay) {
                            part.decay += Dot.squaredNormAndScaledCopy(featureDecay, x, hOff + from * d, grad, hOff + from * d, w * d);
                        }
                        backToFeatures(wkd, wk, ws.g, w, decay ? 1.0 : 0.0, grad, hOff, from);
                        backToClassifier(ws.g, x, hOff, from, w, part.w);
                        if (bOff >= 0) {
                            addColumnSums(ws.g, w, part.b);
                        }
                    } else {
                        for (int col = 0; col < w; col++) {
                            s += loss.value(ws.z, col * k, k, y[from + col], ws.g, col * k);
                        }
                    }
                    part.loss += s;
                }
            } finally {
                release(ws);
            }
        });
        double total = 0.0;
        double norm2 = 0.0;
        for (int c = 0; c < chunkCount; c++) {
            total += partials[c].loss;
            norm2 += partials[c].decay;
        }
        if (wantGrad) {
            reduceInto(grad, wOff, bOff);
        }
        return total / n + 0.5 * featureDecay * norm2;
    }

    /**
     * The losses of a block's w columns of logits z (samples from..from+w), summed, with their gradients times inv
     * into g from gOff. A method of its own, not a loop inside the chunk's lambda: the JIT then compiles the soft-max
     * loop once more on its own and the lambda without it (in the lambda, the loop made it compile the whole lambda
     * twice, on stack replacement and again normally, 0.2 s of compiler time in a 2 s process on 2 cores).
     */
    private double lossesAndGradients(double[] z, int from, int w, double inv, double[] g, int gOff) {
        double s = 0.0;
        for (int col = 0; col < w; col++) {
            s += loss.valueAndGradient(z, col * k, k, y[from + col], inv, g, gOff + col * k);
        }
        return s;
    }

    /**
     * dG of the block's w columns: (1/N) Hess L times the directional logits ws.dz into ws.dg, from the kept curvature
     * states, or from the logits ws.z (their gradient then also into ws.g). A method of its own for the reason
     * {@link #lossesAndGradients} is.
     */
    private void columnHessians(Curvature cached, Scratch ws, int from, int w, double inv, int len) {
        for (int col = 0; col < w; col++) {
            int yy = y[from + col];
            if (cached != null) {
                loss.hessianTimesAt(cached.state, (from + col) * len, k, yy, ws.dz, col * k, inv, ws.dg, col * k);
            } else {
                loss.valueAndGradient(ws.z, col * k, k, yy, inv, ws.g, col * k);
                loss.hessianTimes(ws.z, col * k, k, yy, ws.dz, col * k, inv, ws.dg, col * k, ws.col);
            }
        }
    }

    /** acc[i] += sum over the w columns of g (K x w) of row i. */
    private void addColumnSums(double[] g, int w, double[] acc) {
        for (int col = 0; col < w; col++) {
            int o = col * k;
            for (int i = 0; i < k; i++) {
                acc[i] += g[o + i];
            }
        }
    }

    /**
     * Sums the chunks' partial W (K x d) and b gradients into out in chunk order 0, 1, ..., in parallel over
     * entries; where W is stored d x K the sum is transposed into place.
     */
    private void reduceInto(double[] out, int wOff, int bOff) {
        final int size = k * d;
        final double[] sum;
        final int sumOff;
        if (classifierColumns) {
            classifierSum = classifierSum != null ? classifierSum : new double[size];
            sum = classifierSum;
            sumOff = 0;
        } else {
            sum = out;
            sumOff = wOff;
        }
        final int pieces = Math.min(MAX_CHUNKS, Blocks.count(size, 1 << 14));
        final int piece = Blocks.count(size, pieces);
        chunks.run(pieces, q -> {
            int lo = Math.min(size, q * piece);
            int hi = Math.min(size, lo + piece);
            System.arraycopy(partials[0].w, lo, sum, sumOff + lo, hi - lo);
            for (int c = 1; c < chunkCount; c++) {
                addSlice(partials[c].w, lo, hi, sum, sumOff);
            }
        });
        if (classifierColumns) {
            Transpose.into(sum, 0, k, d, out, wOff);
        }
        if (bOff >= 0) {
            System.arraycopy(partials[0].b, 0, out, bOff, k);
            for (int c = 1; c < chunkCount; c++) {
                for (int i = 0; i < k; i++) {
                    out[bOff + i] += partials[c].b[i];
                }
            }
        }
    }

    /**
     * sum[sumOff + i] += p[i] for i in [lo, hi). A method of its own, not a loop in {@link #reduceInto}'s lambda, so
     * that C2 compiles the loop once rather than the lambda on stack replacement and again normally.
     */
    private static void addSlice(double[] p, int lo, int hi, double[] sum, int sumOff) {
        for (int i = lo; i < hi; i++) {
            sum[sumOff + i] += p[i];
        }
    }

    /**
     * Overwrites the W, H (and b) parts of {@code out} with the Hessian of g at x times the direction v
     * (same layout as x): with dZ = s(op(dW) H + op(W) dH) + db 1^T and dG = (1/N) Hess L dZ column-wise,
     * out_W = s(dG H^T + G dH^T), out_H = s(op(W)^T dG + op(dW)^T G), out_b = dG 1 (SPEC.md 2.1, 2.3).
     * G and the losses' curvature at x are kept for the next product at the same x (see {@link Curvature}):
     * such a product skips the logit GEMM and every exponential, and gives the same doubles.
     */
    public void hessianTimes(double[] x, double[] v, int wOff, int hOff, int bOff, double[] out) {
        final double[] wkd = classesByFeatures(x, wOff, false);
        final double[] vkd = classesByFeatures(v, wOff, true);
        final int wk = classesByFeaturesOffset(wOff);
        final Curvature cached = curvatureAt(x, wkd, wk, hOff, bOff);
        final double inv = 1.0 / n;
        final int len = loss.curvatureLength(k);
        chunks.run(chunkCount, c -> {
            Partial part = clearedPartial(c, true);
            Scratch ws = acquire();
            try {
                ws.ensureDirectional(k, block);
                for (int blk = firstBlock(c); blk < firstBlock(c + 1); blk++) {
                    int from = Blocks.start(blk, block);
                    int w = Blocks.end(blk, block, n) - from;
                    biasedLogits(vkd, wk, v, bOff, x, hOff, from, w, ws.dz);
                    logits(wkd, wk, v, hOff, from, w, 1.0, ws.dz);
                    // G of the block and each column's curvature: kept at x, or recomputed (same doubles)
                    double[] g = cached != null ? cached.g : ws.g;
                    int gOff = cached != null ? from * k : 0;
                    if (cached == null) {
                        biasedLogits(wkd, wk, x, bOff, x, hOff, from, w, ws.z);
                    }
                    columnHessians(cached, ws, from, w, inv, len);
                    backToFeatures(wkd, wk, ws.dg, w, 0.0, out, hOff, from);
                    backToFeatures(vkd, wk, g, gOff, w, 1.0, out, hOff, from);
                    backToClassifier(ws.dg, x, hOff, from, w, part.w);
                    backToClassifier(g, gOff, v, hOff, from, w, part.w);
                    if (bOff >= 0) {
                        addColumnSums(ws.dg, w, part.b);
                    }
                }
            } finally {
                release(ws);
            }
        });
        reduceInto(out, wOff, bOff);
    }

    /**
     * The curvature at x: the kept one when x has not changed since (compared entry by entry, one pass over x),
     * else a new one; null when G and the states would take more than {@value #CURVATURE_HEAP_SHARE_INVERSE}th of
     * the heap (the products then recompute them, as they did before the cache).
     */
    private Curvature curvatureAt(double[] x, double[] wkd, int wk, int hOff, int bOff) {
        if (!cacheCurvature) {
            return null;
        }
        Curvature c = curvature.get();
        if (c != null && Arrays.equals(c.x, x)) {
            return c;
        }
        curvature.clear();
        long stateEntries = (long) loss.curvatureLength(k) * n;
        long bytes = 8L * ((long) k * n + stateEntries + x.length);
        if ((long) k * n > Integer.MAX_VALUE - 8 || stateEntries > Integer.MAX_VALUE - 8
                || bytes > Runtime.getRuntime().maxMemory() / CURVATURE_HEAP_SHARE_INVERSE) {
            return null;
        }
        Curvature fresh;
        try {
            fresh = new Curvature(x, k * n, (int) stateEntries);
        } catch (OutOfMemoryError e) {
            return null; // a cache, not a need: the products recompute G and the soft-max as before
        }
        final double inv = 1.0 / n;
        final int len = loss.curvatureLength(k);
        chunks.run(chunkCount, ch -> {
            Scratch ws = acquire();
            try {
                for (int blk = firstBlock(ch); blk < firstBlock(ch + 1); blk++) {
                    int from = Blocks.start(blk, block);
                    int w = Blocks.end(blk, block, n) - from;
                    biasedLogits(wkd, wk, x, bOff, x, hOff, from, w, ws.z);
                    for (int col = 0; col < w; col++) {
                        int yy = y[from + col];
                        loss.valueAndGradient(ws.z, col * k, k, yy, inv, fresh.g, (from + col) * k);
                        loss.curvature(ws.z, col * k, k, yy, fresh.state, (from + col) * len);
                    }
                }
            } finally {
                release(ws);
            }
        });
        curvature = new SoftReference<>(fresh);
        return fresh;
    }

    /** The curvature cache may take at most 1/8 of the maximal heap. */
    static final int CURVATURE_HEAP_SHARE_INVERSE = 8;

    private boolean cacheCurvature = true;

    /** Whether Hessian-vector products keep G and the curvature states of their point (tests compare both paths). */
    void cacheCurvature(boolean on) {
        cacheCurvature = on;
        curvature.clear();
    }

    /** What is done with one block's logits z (K x w, column-major: samples from..from+w). */
    private interface LogitBlock {
        void accept(double[] z, int from, int w);
    }

    /** Z = s op(W) H + b 1^T at x, one block of samples at a time in block order, each handed to {@code use}. */
    private void eachLogitBlock(double[] x, int wOff, int hOff, int bOff, LogitBlock use) {
        eachLogitBlock(classesByFeatures(x, wOff, false), classesByFeaturesOffset(wOff), x, hOff, bOff, 0, blockCount,
                use);
    }

    /**
     * As above for blocks first..last-1, op(W) already at wk of wkd ({@link #classesByFeatures}, which writes the
     * engine's buffer and so is called once before parts run on several threads), with a logit buffer of its own.
     */
    private void eachLogitBlock(double[] wkd, int wk, double[] x, int hOff, int bOff, int first, int last,
                                LogitBlock use) {
        double[] z = new double[k * block];
        for (int blk = first; blk < last; blk++) {
            int from = Blocks.start(blk, block);
            int w = Blocks.end(blk, block, n) - from;
            biasedLogits(wkd, wk, x, bOff, x, hOff, from, w, z);
            use.accept(z, from, w);
        }
    }

    /**
     * The K x N matrix G = grad_Z g = (1/N)(dL/dz_j)_j at x, column-major (O(KN) memory: for
     * certificates and metrics on problems that fit).
     */
    public double[] logitGradient(double[] x, int wOff, int hOff, int bOff) {
        double[] full = new double[arrayLength("the K x N logits", k, n)];
        eachLogitBlock(x, wOff, hOff, bOff, (z, from, w) -> lossesAndGradients(z, from, w, 1.0 / n, full, from * k));
        return full;
    }

    /** Partial Grams of {@link #logitGradientGram}: a fixed count, so the sum is the same on any number of threads. */
    static final int GRAM_PARTS = 2;

    /**
     * alpha times the lower triangle of G G^T (K x K, column-major; the strict upper triangle zero) for the G of
     * {@link #logitGradient}, one BLAS dsyrk per block of samples: O(K^2 + K block) memory per part where G itself
     * takes K x N (160 MB at K = 1000, N = 20000), the same flops as one dsyrk on G. The blocks are split into
     * {@value #GRAM_PARTS} consecutive parts run on the engine's threads (one after the other where the pool is
     * busy, as beside the metrics), each summed in block order, the parts then added in order.
     */
    public double[] logitGradientGram(double[] x, int wOff, int hOff, int bOff, double alpha) {
        int parts = Math.min(GRAM_PARTS, blockCount);
        double[][] partial = new double[parts][];
        double[] wkd = classesByFeatures(x, wOff, false);
        int wk = classesByFeaturesOffset(wOff);
        Chunks.run(chunks, parts, p -> {
            double[] gram = new double[k * k];
            double[] g = new double[k * block];
            eachLogitBlock(wkd, wk, x, hOff, bOff, p * blockCount / parts, (p + 1) * blockCount / parts,
                    (z, from, w) -> {
                        lossesAndGradients(z, from, w, 1.0 / n, g, 0);
                        Gemm.dsyrkLower(k, w, alpha, g, 0, k, 1.0, gram, 0, k);
                    });
            partial[p] = gram;
        });
        double[] gram = partial[0];
        for (int p = 1; p < parts; p++) {
            for (int i = 0; i < gram.length; i++) {
                gram[i] += partial[p][i];
            }
        }
        return gram;
    }

    /** The logits Z (K x N, column-major) at x. */
    public double[] logitMatrix(double[] x, int wOff, int hOff, int bOff) {
        double[] full = new double[arrayLength("the K x N logits", k, n)];
        eachLogitBlock(x, wOff, hOff, bOff, (z, from, w) -> System.arraycopy(z, 0, full, from * k, w * k));
        return full;
    }
}
