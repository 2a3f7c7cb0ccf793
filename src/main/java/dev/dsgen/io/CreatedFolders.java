package dev.dsgen.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The folders one run created for its outputs (missing ancestors of its output files and
 * folders). A run that ends without {@link #commit()} (it failed or was aborted before its outputs
 * were in place) removes them again on {@link #close()}: only the folders this object created,
 * only while they are empty, deepest first. Folders that existed before are never touched, and
 * nothing that is not empty is ever deleted, so another process's files are safe.
 */
public final class CreatedFolders implements AutoCloseable {
    /** In creation order: a folder always comes after its parent. */
    private final Deque<Path> created = new ArrayDeque<>();
    private boolean committed;

    /**
     * Creates {@code dir} and its missing ancestors (like {@link Files#createDirectories}),
     * remembering each folder it made. A folder that appears meanwhile (another process) is used,
     * not remembered. On failure the folders made so far stay remembered, so {@link #close()}
     * removes them.
     */
    public void create(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = d; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Path p = missing.get(i);
            try {
                Files.createDirectory(p);
                created.addLast(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
        if (!Files.isDirectory(d)) {
            throw new FileAlreadyExistsException(d.toString()); // as Files.createDirectories says it
        }
    }

    /** The folders created so far, in creation order (a folder after its parent). */
    public List<Path> created() {
        return List.copyOf(created);
    }

    /** The run's outputs are in place: {@link #close()} keeps every folder. */
    public void commit() {
        committed = true;
    }

    /** Without a commit, removes the created folders that are empty, deepest first. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        while (!created.isEmpty()) {
            Path p = created.removeLast();
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                continue; // gone, or replaced by something this run did not make
            }
            try {
                Files.delete(p); // a folder is deleted only when empty
            } catch (IOException ignored) {
                // not empty (a file this run did not make, or one it could not delete): keep it
            }
        }
    }
}
