package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one mapping of a failed write to an exit code: the environment (no space left, a read-only
 * file system, no permission, a name too long, a folder that vanished) is a usage error, exit 2,
 * in one line naming the path, the operating system's reason and the flag that chose the path.
 */
public final class OutputErrors {
    private OutputErrors() {
    }

    /** Exit 2: {@code cannot write PATH: REASON (FLAG)}. */
    public static DsgenException cannotWrite(IOException e, Path path, String flag) {
        return DsgenException.usage("cannot write " + path + ": " + reason(e) + " (" + flag + ")");
    }

    /** As {@link #cannotWrite(IOException, Path, String)}, for an I/O failure wrapped by a stream API. */
    public static DsgenException cannotWrite(UncheckedIOException e, Path path, String flag) {
        return cannotWrite(e.getCause(), path, flag);
    }

    /** The operating system's reason, one line, without Java's exception names. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file that is not a folder is in the way";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return "input/output error";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
