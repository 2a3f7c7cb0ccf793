package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder output of an {@link OutputSet}: a whole folder written as a unit (a dataset partition such as {@code datasets/x/<date>/}):
 * files go into a hidden staging folder beside the target, and {@link #commit()} swaps it in by
 * renames, so the final name only ever holds a complete folder (the old one or the new one).
 * {@link #close()} without a commit deletes the staging folder, and the target's ancestors that
 * {@link #begin} created if they are empty again ({@link CreatedFolders}).
 *
 * <p>Until the commit or close it is registered with {@link ExitCleanup}, so that an interrupted
 * run (SIGINT, SIGTERM) also removes the staging folder and the new empty folders on exit.
 */
final class OutputFolder extends UncommittedOutput {
    private final Path target;
    private final Path staging;
    private final CreatedFolders folders;
    private boolean committed;

    private OutputFolder(Path target, Path staging, CreatedFolders folders) {
        this.target = target;
        this.staging = staging;
        this.folders = folders;
    }

    /**
     * Checks the target up front (exit 6 when it exists and {@code overwrite} is false; exit 2 when
     * its parent cannot be written, naming {@code flag}) and creates the staging folder.
     */
    static OutputFolder begin(Path target, String flag, boolean overwrite) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t) && !Files.isDirectory(t)) {
            throw DsgenException.usage("output " + t + " exists and is not a folder (" + flag + ")");
        }
        if (!overwrite && Files.exists(t)) {
            throw DsgenException.conflict("output exists: " + t + " (" + flag
                    + "; --no-overwrite was given; remove it or drop --no-overwrite)");
        }
        Path staging = t.resolveSibling(OutputPaths.folderName(t, "staging"));
        OutputFolder out = new OutputFolder(t, staging, new CreatedFolders());
        out.begin(() -> {
            OutputFiles.ensureWritableDirectory(t.getParent(), flag, out.folders);
            out.checkNotCleanedOnExit();
            try {
                deleteTree(staging);
                Files.createDirectory(staging);
            } catch (IOException e) {
                throw DsgenException.usage("cannot create " + staging + ": " + e.getMessage() + " (" + flag + ")");
            }
        });
        return out;
    }

    /** Where the file {@code name} is written before the commit. */
    Path staged(String name) {
        return staging.resolve(name);
    }

    /** Where the file {@code name} will be after the commit. */
    Path target(String name) {
        return target.resolve(name);
    }

    Path target() {
        return target;
    }

    /** Moves the staged folder into place, replacing an earlier one. */
    void commit() {
        lock.lock();
        try {
            checkNotCleanedOnExit();
            swapIn();
            ExitCleanup.unregister(this);
        } finally {
            lock.unlock();
        }
    }

    private void swapIn() {
        Path old = target.resolveSibling(OutputPaths.folderName(target, "old"));
        boolean had = false;
        try {
            deleteTree(old);
            had = Files.exists(target);
            if (had) {
                OutputFiles.move(target, old);
            }
            OutputFiles.move(staging, target);
            committed = true;
            folders.commit();
            if (had) {
                deleteTree(old);
            }
        } catch (IOException e) {
            if (had && !committed && !Files.exists(target) && Files.exists(old)) {
                try {
                    OutputFiles.move(old, target); // the final name keeps the earlier folder, never nothing
                } catch (IOException ignored) {
                    // the error below names the failure; the earlier folder is still under its hidden name
                }
            }
            throw new DsgenException(ExitCode.INTERNAL, "cannot move output folder into place: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean committed() {
        return committed;
    }

    /** The staging folder, and the folders {@link #begin} created that are now empty. */
    @Override
    protected void removeUncommitted() {
        // A writer of the interrupted thread may still add a file while the tree is walked: retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                deleteTree(staging);
                break;
            } catch (IOException ignored) {
                // best effort: a leftover hidden staging folder is never under the final name
            }
        }
        folders.close();
    }

    /** Deletes a folder and everything under it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
