package dev.dsgen.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The metadata sidecar of one dataset: what made it (version, subcommand, effective flags, seed),
 * fingerprints of every input and output, and the validation result. Facts that cannot be
 * reproducible (start time, duration, host) live only under {@code run}.
 */
public final class RunMetadata {
    private final String subcommand;
    private final long seed;
    private final Map<String, Object> flags = new TreeMap<>();
    /** Files by absolute path, shown relative to the sidecar that lists them (see {@link #toMap}). */
    private final List<FileFacts> inputs = new ArrayList<>();
    private final List<FileFacts> outputs = new ArrayList<>();
    private final Map<String, Object> extra = new TreeMap<>();
    private final Instant startedAt = Instant.now();
    private Map<String, Object> validation = Map.of();
    private final Map<String, Object> runFacts = new LinkedHashMap<>();

    public RunMetadata(String subcommand, long seed) {
        this.subcommand = subcommand;
        this.seed = seed;
    }

    /**
     * The run's effective flags, keyed by long option name without dashes; numbers and booleans
     * stay as they are, anything else becomes its text. The caller leaves secrets out.
     */
    public RunMetadata flags(Map<String, ?> effective) {
        effective.forEach((name, value) -> flags.put(name, value == null ? null
                : value instanceof Number || value instanceof Boolean ? value : value.toString()));
        return this;
    }

    /** A file the run read; paths in the sidecar are relative to the sidecar's folder. */
    public RunMetadata input(Path file) {
        inputs.add(FileFacts.of(file, file, null));
        return this;
    }

    /**
     * A file the run read, with a SHA-256 and size the caller already computed from the same bytes
     * it parsed (so a large input is not read a second time only to be fingerprinted).
     */
    public RunMetadata input(Path file, String sha256, long bytes) {
        inputs.add(new FileFacts(file.toAbsolutePath().normalize(), null, sha256, bytes, null));
        return this;
    }

    /** An input that is not a file, such as a resource bundled in the JAR. */
    public RunMetadata input(String name, byte[] content) {
        inputs.add(new FileFacts(null, name, DigestUtils.sha256Hex(content), content.length, null));
        return this;
    }

    /**
     * An output at {@code target}, fingerprinted from {@code content} (the same bytes, e.g. a file
     * written before this run).
     */
    public RunMetadata output(Path target, Path content, Long rows) {
        outputs.add(FileFacts.of(target, content, rows));
        return this;
    }

    /**
     * An output at {@code target} whose SHA-256, size and rows were recorded while it was written.
     * Called by {@code io.OutputSet} when it writes the sidecar, for every output its writers wrote;
     * a generator does not list its outputs itself.
     */
    public RunMetadata output(Path target, String sha256, long bytes, Long rows) {
        outputs.add(new FileFacts(target.toAbsolutePath().normalize(), null, sha256, bytes, rows));
        return this;
    }

    /** As {@link #output(Path, String, long, Long)} for an output that is not a file ({@code -}: stdout). */
    public RunMetadata output(String name, String sha256, long bytes, Long rows) {
        outputs.add(new FileFacts(null, name, sha256, bytes, rows));
        return this;
    }

    /** Adds a top-level entry; the sidecar's own keys cannot be replaced this way. */
    public RunMetadata extra(String key, Object value) {
        if (java.util.Set.of("tool", "version", "subcommand", "seed", "flags", "inputs", "outputs", "validation", "run")
                .contains(key)) {
            throw new IllegalArgumentException("reserved metadata key: " + key);
        }
        extra.put(key, value);
        return this;
    }

    /** A fact about this run that a rerun need not repeat (e.g. LLM requests sent): goes under {@code run}. */
    public RunMetadata runFact(String key, Object value) {
        runFacts.put(key, value);
        return this;
    }

    public RunMetadata validation(Map<String, Object> result) {
        this.validation = result;
        return this;
    }

    /**
     * The sidecar as an ordered map, ready for the JSON writer, with file paths relative to
     * {@code sidecarDir} (so the sidecar does not depend on the directory dsgen ran from).
     */
    public Map<String, Object> toMap(int threads, Path sidecarDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "dsgen");
        m.put("version", Version.get());
        m.put("subcommand", subcommand);
        m.put("seed", seed);
        m.put("flags", flags);
        m.put("inputs", inputs.stream().map(f -> f.toMap(sidecarDir)).toList());
        m.put("outputs", outputs.stream().map(f -> f.toMap(sidecarDir)).toList());
        m.putAll(extra);
        m.put("validation", validation);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started_at", startedAt.toString());
        run.put("duration_ms", Duration.between(startedAt, Instant.now()).toMillis());
        run.put("host", hostName());
        run.put("java", System.getProperty("java.version"));
        run.put("threads", threads);
        run.putAll(runFacts);
        m.put("run", run);
        return m;
    }

    /** Path (absolute, or a name for non-files), SHA-256, size and rows of one input or output. */
    private record FileFacts(Path path, String name, String sha256, long bytes, Long rows) {
        static FileFacts of(Path path, Path content, Long rows) {
            long bytes;
            try {
                bytes = Files.size(content);
            } catch (IOException e) {
                throw DsgenException.input("cannot read " + content + ": " + e.getMessage(), e);
            }
            return new FileFacts(path.toAbsolutePath().normalize(), null, RunMetadata.sha256(content), bytes, rows);
        }

        Map<String, Object> toMap(Path sidecarDir) {
            Map<String, Object> m = new LinkedHashMap<>();
            String shown = name;
            if (path != null) {
                Path base = sidecarDir.toAbsolutePath().normalize();
                shown = (path.getRoot() != null && path.getRoot().equals(base.getRoot()) ? base.relativize(path) : path)
                        .toString().replace('\\', '/');
            }
            m.put("path", shown);
            m.put("sha256", sha256);
            m.put("bytes", bytes);
            if (rows != null) {
                m.put("rows", rows);
            }
            return m;
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in);
        } catch (IOException e) {
            throw DsgenException.input("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
