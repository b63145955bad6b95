/**
 * NumPy's {@code .npy} and {@code .npz} files (format versions 1.0-3.0; float64, float32, int64, int32 in
 * either byte order; C and Fortran order; archives stored or deflated), read whole ({@link org.ufm.npy.NpyArray},
 * {@link org.ufm.npy.Npz}) or as row blocks of a file larger than the heap ({@link org.ufm.npy.NpyRows}),
 * and written atomically ({@link org.ufm.npy.NpyWriter}). Written here rather than taken from Maven Central:
 * org.openlca:npy 0.0.3 (2022, "needs more tests") indexes elements with int, so it cannot address the
 * 2.048e9 entries of an N = 10^6, d = 2048 feature file, and org.jetbrains.bio:npy 0.3.5 (2021) brings the
 * Kotlin runtime and reads arrays whole. Every malformed input is a one-line {@link org.ufm.npy.NpyFormatException}.
 */
package org.ufm.npy;
