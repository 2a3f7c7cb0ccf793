package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The process's stdin and stdout as a run sees them: {@code -} names stdout for an output that is
 * one stream ({@link OutputSet.Declaration#stream}) and stdin for an input that is one file
 * ({@link #read}). Outputs on stdout are UTF-8 text (JSON, JSON Lines). Tests pass their own.
 */
public record StdStreams(Writer out, InputStream in) {
    /** The name of stdin or stdout in place of a path. */
    public static final String DASH = "-";

    /** The real stdin and stdout (UTF-8). */
    public static StdStreams system() {
        return new StdStreams(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), System.in);
    }

    /** True for the path {@code -}. */
    public static boolean isDash(Path p) {
        return p != null && p.toString().equals(DASH);
    }

    /**
     * The bytes of an input that is one file, or of stdin for {@code -}. A missing or unreadable
     * file is exit 3 naming it and {@code flag}.
     */
    public byte[] read(Path file, String flag) {
        try {
            if (isDash(file)) {
                return in.readAllBytes();
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw DsgenException.input("file not found: " + file + " (" + flag + ")");
        } catch (IOException e) {
            throw DsgenException.input("cannot read " + (isDash(file) ? "stdin" : file.toString()) + ": "
                    + OutputErrors.reason(e) + " (" + flag + ")");
        }
    }
}
