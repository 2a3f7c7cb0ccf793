package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file and stream outputs of an {@link OutputSet}, written as a unit: every file is written to a temp file in its
 * target directory and renamed into place only on {@link #commit()}; {@link #close()} without a
 * commit deletes the temps, and removes the folders {@link #begin} created for the targets if
 * they are still empty ({@link CreatedFolders}). So a failed run never leaves a half-written file
 * under a final name, nor a new empty folder, and {@code --no-overwrite} is checked for all targets
 * before any work starts.
 *
 * <p>While anything is uncommitted the set is registered with {@link ExitCleanup}, so that an
 * interrupted run (SIGINT, SIGTERM) also removes its temps and new empty folders on exit.
 */
final class OutputFiles extends UncommittedOutput {
    /** One declared output and the flag that placed it (named in error messages). */
    record Target(Path path, String flag) {
    }

    /** How a finished temp reaches its output: renamed over a regular file, or copied into a stream. */
    interface Delivery {
        void deliver(Path temp) throws IOException;
    }

    /**
     * Where an output goes: {@code renameTo} is the regular file its temp is renamed to (links
     * resolved), or null for a stream output (stdout, a FIFO, a character device) whose temp lies in
     * the system temp folder and is {@code copyTo}'d into the stream on commit.
     */
    record Place(Path renameTo, Delivery copyTo, String flag) {
        static Place rename(Path to, String flag) {
            return new Place(to, null, flag);
        }
    }

    private final Map<Path, Path> temps = new LinkedHashMap<>();
    private final Map<Path, Place> places;
    private final CreatedFolders folders;

    private OutputFiles(Map<Path, Place> places, CreatedFolders folders) {
        this.places = places;
        this.folders = folders;
    }

    /**
     * Checks every target up front: refuses existing ones when {@code overwrite} is false (exit 6),
     * creates parent directories and proves they are writable (exit 2 naming the flag). When one
     * fails, the folders created for the others are removed again.
     *
     * Also refuses two outputs at one path, and an output path that is a directory (exit 2).
     *
     * @param targets each final path and the flag that chose it, for error messages
     */
    static OutputFiles begin(List<Target> targets, boolean overwrite) {
        Map<Path, String> flags = new LinkedHashMap<>();
        for (Target t : targets) {
            Path p = t.path().toAbsolutePath().normalize();
            String earlier = flags.putIfAbsent(p, t.flag());
            if (earlier != null) {
                throw DsgenException.usage("two outputs would be written to " + p + " (" + earlier + " and " + t.flag()
                        + "; point them at different files)");
            }
            if (Files.isDirectory(p)) {
                throw DsgenException.usage("output " + p + " is a directory (" + t.flag() + "; give a file path)");
            }
        }
        if (!overwrite) {
            List<Path> existing = flags.keySet().stream().filter(Files::exists).toList();
            if (!existing.isEmpty()) {
                Path first = existing.get(0);
                String more = existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "";
                throw DsgenException.conflict("output exists: " + first + more + " (" + flags.get(first)
                        + "; --no-overwrite was given; remove them or drop --no-overwrite)");
            }
        }
        Map<Path, Place> places = new LinkedHashMap<>();
        flags.forEach((p, flag) -> places.put(p, Place.rename(p, flag)));
        return open(places);
    }

    /**
     * Opens a set of outputs already checked by {@link OutputSet}: creates the folders of the
     * renamed ones and proves they are writable (exit 2), removing those folders again on failure.
     */
    static OutputFiles open(Map<Path, Place> places) {
        OutputFiles out = new OutputFiles(places, new CreatedFolders());
        out.begin(() -> {
            for (Place place : places.values()) {
                out.checkNotCleanedOnExit();
                if (place.renameTo() != null) {
                    ensureWritableDirectory(place.renameTo().getParent(), place.flag(), out.folders);
                }
            }
        });
        return out;
    }

    /** Creates {@code dir} if needed (for good) and checks that files can be created in it. */
    static void ensureWritableDirectory(Path dir, String flag) {
        CreatedFolders folders = new CreatedFolders();
        folders.commit();
        ensureWritableDirectory(dir, flag, folders);
    }

    /**
     * Creates {@code dir} if needed, recording the folders made in {@code folders} (also when it
     * fails), and checks that files can be created in it (exit 2 naming {@code flag}).
     */
    static void ensureWritableDirectory(Path dir, String flag, CreatedFolders folders) {
        try {
            folders.create(dir);
            Path probe = Files.createTempFile(dir, ".dsgen-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw OutputErrors.cannotWrite(e, dir, flag);
        }
    }

    /** The temp file to write {@code target}'s content to; {@code target} must have been declared. */
    Path temp(Path target) {
        Path key = target.toAbsolutePath().normalize();
        Place place = places.get(key);
        if (place == null) {
            throw new IllegalStateException("undeclared output " + target);
        }
        lock.lock();
        try {
            checkNotCleanedOnExit();
            Path existing = temps.get(key);
            if (existing != null) {
                return existing;
            }
            if (temps.isEmpty()) {
                ExitCleanup.register(this); // again after a commit: this temp is uncommitted
            }
            Path temp;
            Path beside = place.renameTo() != null ? place.renameTo()
                    : Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve(key.getFileName() == null
                            ? "stdout" : key.getFileName().toString());
            try {
                temp = createTemp(beside);
            } catch (IOException e) {
                throw OutputErrors.cannotWrite(e, beside.getParent(), place.flag());
            }
            temps.put(key, temp);
            return temp;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves every temp written so far into place. May be called again for files written later
     * (a summary written after validating the data it describes). From the first commit on, the
     * folders created for the outputs are kept, whatever happens next.
     */
    void commit() {
        lock.lock();
        try {
            checkNotCleanedOnExit();
            // Streams first: a stream that cannot take the bytes (a full disk behind /dev/stdout)
            // fails the commit before any file was renamed.
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                Place place = places.get(e.getKey());
                if (place.copyTo() != null) {
                    try {
                        place.copyTo().deliver(e.getValue());
                    } catch (IOException ex) {
                        throw OutputErrors.cannotWrite(ex, e.getKey(), place.flag());
                    }
                }
            }
            folders.commit();
            try {
                for (Map.Entry<Path, Path> e : temps.entrySet()) {
                    Place place = places.get(e.getKey());
                    if (place.copyTo() == null) {
                        move(e.getValue(), place.renameTo());
                    } else {
                        Files.deleteIfExists(e.getValue());
                    }
                }
                temps.clear();
                ExitCleanup.unregister(this); // nothing uncommitted left; temp() registers again
            } catch (IOException e) {
                throw new DsgenException(ExitCode.INTERNAL, "cannot move output into place: "
                        + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Final paths of everything declared, in declaration order. */
    List<Path> targets() {
        return new ArrayList<>(places.keySet());
    }

    /** Temps never committed, and before any commit the folders {@link #begin} created that are now empty. */
    @Override
    protected void removeUncommitted() {
        for (Path temp : temps.values()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: a leftover dot-file temp is harmless and never under a final name
            }
        }
        temps.clear();
        folders.close();
    }

    private static final java.util.concurrent.atomic.AtomicLong TEMP_COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new, empty dot-file beside {@code target}, named by {@link OutputPaths#tempName} (short,
     * whatever the length of the target's name). Created with the default permissions (the umask
     * applies), unlike {@code Files.createTempFile}'s owner-only 0600, which the rename would carry
     * over to the final file.
     */
    static Path createTemp(Path target) throws IOException {
        while (true) {
            Path candidate = target.resolveSibling(OutputPaths.tempName(target, TEMP_COUNTER.incrementAndGet()));
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken by another run: try the next number
            }
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
