package org.ufm.compute;

import java.util.Random;

/**
 * {@link java.util.Random}'s generator without its thread safety: the 48-bit linear congruence and the polar-method
 * Gaussians that Random's javadoc specifies, so every seed gives the numbers {@code new Random(seed)} gives, bit for
 * bit (SeededRandomTest), which the seeded starts that users cite rely on. Random advances its seed by
 * compare-and-set and draws Gaussians under a lock; one thread drawing a start pays for both: 10.75 M Gaussians (the
 * start at K=1000, n=20, d=512) took 266-298 ms from Random and take 150-166 ms from this class (a scratch
 * measurement in one JVM, three rounds). Not safe for use by several threads at once.
 */
public final class SeededRandom extends Random {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    /*
     * No field initialisers: Random's constructor calls setSeed before this class's initialisers would run, and an
     * initialiser would then overwrite what setSeed stored.
     */
    private long state;
    private double nextNextGaussian;
    private boolean haveNextNextGaussian;

    /** The generator of {@code new Random(seed)}. */
    public SeededRandom(long seed) {
        super(seed);
    }

    /** As {@link Random#setSeed}: the scrambled seed, and no Gaussian held back. */
    @Override
    public void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
        haveNextNextGaussian = false;
    }

    /** As {@link Random#next}: seed = (seed * 0x5DEECE66D + 0xB) mod 2^48, its top {@code bits} bits. */
    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /**
     * As {@link Random#nextGaussian}: Marsaglia's polar method (Knuth, TAOCP vol. 2, 3.4.1, algorithm C) with
     * StrictMath's log and sqrt, the second Gaussian of each pair held for the next call.
     */
    @Override
    public double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }
}
