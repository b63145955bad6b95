package org.ufm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ufm.model.UfmModel;
import org.ufm.npy.NpyFormatException;
import org.ufm.point.PointFile;

/** The command line's side of {@code --start FILE.npz} and {@code --save FILE.npz}: paths, messages, exit codes. */
final class PointFiles {

    private PointFiles() {
    }

    /** The --save path, refused before any work when its folder does not exist or cannot be written. */
    static Path writableTarget(String name) {
        Path p = Path.of(name).toAbsolutePath();
        Path parent = p.getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UsageException("cannot write --save " + name + ": no writable folder " + parent);
        }
        if (!name.endsWith(".npz")) {
            throw new UsageException("--save needs a file name ending in .npz, got " + name);
        }
        return p;
    }

    /** Loads the start point into x0; returns what the JSON reports about it. */
    static Json start(String name, UfmModel model, double[] x0) {
        PointFile.Loaded p = load(name, model);
        System.arraycopy(p.x, 0, x0, 0, x0.length);
        return describe(name, model, p);
    }

    /** Loads a point file, turning a bad file into a usage error. */
    static PointFile.Loaded load(String name, UfmModel model) {
        try {
            return PointFile.load(Path.of(name), model);
        } catch (NpyFormatException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + name + ": " + e.getMessage());
        }
    }

    /** The JSON description of a loaded point. */
    static Json describe(String name, UfmModel model, PointFile.Loaded p) {
        Json j = new Json().put("file", name).put("labelsFromFile", p.hadLabels).put("permuted", p.permuted);
        if (model.manifold().dimension() < model.manifold().ambientDimension()) { // a constraint (unit rows) applies
            j.put("normalised", p.normalisation > PointFile.UNIT_SLACK).put("maxNormChange", p.normalisation);
        }
        return j;
    }

    /** Saves the point; returns 0, or 2 with one line on stderr when the file cannot be written. */
    static int save(Path path, UfmModel model, double[] x, PrintStream err) {
        try {
            PointFile.save(path, model, x);
            return 0;
        } catch (IOException e) {
            err.println(String.format(Locale.ROOT, "ufm solve: cannot write %s: %s (the result above is complete)", path,
                    e.getMessage()));
            return 2;
        }
    }
}
