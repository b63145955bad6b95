/**
 * What runs the kernels: column-major DGEMM through dev.ludovic.netlib ({@link org.ufm.compute.Gemm}) and
 * the fixed chunking over threads whose results do not depend on the thread count
 * ({@link org.ufm.compute.Chunks}). Kept apart from {@code org.ufm.kernel}, whose sources KeY must parse.
 */
package org.ufm.compute;
