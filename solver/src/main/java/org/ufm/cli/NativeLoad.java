package org.ufm.cli;

import org.ufm.compute.SymmetricEigenLapack;

/**
 * Loads the native BLAS and LAPACK (netlib's JNI libraries and the system OpenBLAS: about 60 ms for BLAS and 70 ms for
 * LAPACK on a 2-core machine) on a thread of its own at the start of a command that calls them, while the main thread
 * parses the options, builds the model and draws the start. It runs after {@link Relaunch} has put OpenBLAS's
 * variables into the environment, so OpenBLAS reads them as before; whichever thread touches the BLAS first waits
 * for the class initialisation the other started (the JVM's class-initialisation lock), so nothing changes but when
 * the loading happens.
 */
final class NativeLoad {

    private NativeLoad() {
    }

    /** Starts the loading where the command calls BLAS ({@link Relaunch#callsBlas}); returns at once. */
    static void inBackground(String[] args) {
        if (!Relaunch.callsBlas(args)) {
            return;
        }
        Thread t = new Thread(NativeLoad::load, "ufm-load-native");
        t.setDaemon(true);
        t.start();
    }

    /** BLAS, then LAPACK ({@link SymmetricEigenLapack} initialises {@code Gemm} first); failures surface where used. */
    private static void load() {
        try {
            SymmetricEigenLapack.available();
        } catch (LinkageError | RuntimeException e) {
            // the command's own first call meets the same failure and reports it
        }
    }
}
