package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What an output path is on disk, and the names of the hidden temps and staging folders written
 * beside it. Those names are short (a long legal file name must still leave room for them) and
 * carry a tag of the output's name and the writing process's id, so that a later run of the same
 * outputs recognises, and removes, what a run killed with {@code kill -9} left behind.
 */
final class OutputPaths {
    /** Longest file name (in bytes) that Linux, macOS and Windows file systems accept. */
    static final int NAME_MAX = 255;
    private static final Pattern LEFTOVER = Pattern.compile("\\.dsgen-([0-9a-f]{8})\\.(\\d+)(?:-\\d+\\.tmp|\\.staging|\\.old)");

    private OutputPaths() {
    }

    /** What is at an output path, links followed. */
    enum Kind {
        ABSENT, REGULAR, DIRECTORY, FIFO, CHARACTER_DEVICE, BLOCK_DEVICE, SOCKET, OTHER;

        boolean stream() {
            return this == FIFO || this == CHARACTER_DEVICE;
        }

        String described() {
            return switch (this) {
                case BLOCK_DEVICE -> "a block device";
                case SOCKET -> "a socket";
                case DIRECTORY -> "a directory";
                default -> "not a regular file";
            };
        }
    }

    /** Follows links; ABSENT for nothing (or a dangling link: see {@link #isDanglingLink}). */
    static Kind kind(Path p) {
        if (!Files.exists(p)) {
            return Kind.ABSENT;
        }
        if (Files.isRegularFile(p)) {
            return Kind.REGULAR;
        }
        if (Files.isDirectory(p)) {
            return Kind.DIRECTORY;
        }
        try {
            int type = ((Integer) Files.getAttribute(p, "unix:mode")) & 0170000;
            return switch (type) {
                case 0010000 -> Kind.FIFO;
                case 0020000 -> Kind.CHARACTER_DEVICE;
                case 0060000 -> Kind.BLOCK_DEVICE;
                case 0140000 -> Kind.SOCKET;
                default -> Kind.OTHER;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Kind.OTHER; // no unix view: refused as anything non-regular
        }
    }

    static boolean isDanglingLink(Path p) {
        return Files.isSymbolicLink(p) && !Files.exists(p);
    }

    /**
     * True for a path that must be written through, never replaced: anything under {@code /dev} or
     * {@code /proc}, or a link whose chain passes through them ({@code /dev/stdout} ->
     * {@code /proc/self/fd/1}, which may name a regular file that the shell opened).
     */
    static boolean systemPath(Path p) {
        Path cur = p.toAbsolutePath().normalize();
        for (int hop = 0; hop < 40; hop++) {
            if (cur.startsWith("/dev") || cur.startsWith("/proc")) {
                return true;
            }
            if (!Files.isSymbolicLink(cur)) {
                return false;
            }
            try {
                Path parent = cur.getParent();
                cur = (parent == null ? cur : parent).resolve(Files.readSymbolicLink(cur)).normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The real path of a file that exists (links resolved), else the absolute normalised path. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            // not there (yet): resolve the part that exists, so a linked folder compares equal
            Path parent = abs.getParent();
            if (parent != null && !parent.equals(abs) && abs.getFileName() != null) {
                Path rp = real(parent);
                return rp.resolve(abs.getFileName());
            }
            return abs;
        }
    }

    static void checkNameLength(Path target, String flag) {
        Path name = target.getFileName();
        if (name != null && name.toString().getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw DsgenException.usage("output file name is longer than " + NAME_MAX + " bytes: " + target + " (" + flag + ")");
        }
    }

    /** The tag of an output in its hidden names: 8 hex digits of its name's SHA-256. */
    static String tag(Path target) {
        Path name = target.getFileName();
        return DigestUtils.sha256Hex(name == null ? target.toString() : name.toString()).substring(0, 8);
    }

    /** A temp's name: {@code .dsgen-TAG.PID-N.tmp}. */
    static String tempName(Path target, long n) {
        return ".dsgen-" + tag(target) + "." + ProcessHandle.current().pid() + "-" + n + ".tmp";
    }

    /** A staging folder's name ({@code .dsgen-TAG.PID.staging}), or an earlier version's while it is swapped out ({@code .old}). */
    static String folderName(Path target, String suffix) {
        return ".dsgen-" + tag(target) + "." + ProcessHandle.current().pid() + "." + suffix;
    }

    /**
     * Removes the temps and staging folders of {@code target} that a process no longer alive left
     * in {@code dir}. An earlier version swapped out by a run killed mid-swap is moved back when the
     * final name is empty, so a crash never loses the previous output.
     */
    static void removeLeftovers(Path dir, Path target) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String tag = tag(target);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".dsgen-" + tag + ".*")) {
            for (Path p : entries) {
                Matcher m = LEFTOVER.matcher(p.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(tag) || alive(Long.parseLong(m.group(2)))) {
                    continue;
                }
                if (p.getFileName().toString().endsWith(".old") && target != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    OutputFiles.move(p, target);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    OutputFolder.deleteTree(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: debris is hidden and never under a final name
        }
    }

    private static boolean alive(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean exists(Path p) {
        try {
            return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        } catch (SecurityException e) {
            return false;
        }
    }

}
