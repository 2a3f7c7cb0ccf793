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
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final List<Map<String, Object>> outputs = new ArrayList<>();
    private final Map<String, Object> extra = new TreeMap<>();
    private final Instant startedAt = Instant.now();
    private Map<String, Object> validation = Map.of();

    public RunMetadata(String subcommand, long seed) {
        this.subcommand = subcommand;
        this.seed = seed;
    }

    /** Records an effective flag value; secrets must never be passed here. */
    public RunMetadata flag(String name, Object value) {
        flags.put(name, value == null ? null : value instanceof Number || value instanceof Boolean
                ? value : value.toString());
        return this;
    }

    public RunMetadata input(Path file, Path relativeTo) {
        inputs.add(fileFacts(file, relativeTo, null));
        return this;
    }

    /** An input that is not a file, such as a resource bundled in the JAR. */
    public RunMetadata input(String name, byte[] content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", name);
        m.put("sha256", DigestUtils.sha256Hex(content));
        m.put("bytes", content.length);
        inputs.add(m);
        return this;
    }

    public RunMetadata output(Path file, Path relativeTo, long rows) {
        outputs.add(fileFacts(file, relativeTo, rows));
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

    public RunMetadata validation(Map<String, Object> result) {
        this.validation = result;
        return this;
    }

    /** The sidecar as an ordered map, ready for the JSON writer. */
    public Map<String, Object> toMap(int threads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "dsgen");
        m.put("version", Version.get());
        m.put("subcommand", subcommand);
        m.put("seed", seed);
        m.put("flags", flags);
        m.put("inputs", inputs);
        m.put("outputs", outputs);
        m.putAll(extra);
        m.put("validation", validation);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started_at", startedAt.toString());
        run.put("duration_ms", Duration.between(startedAt, Instant.now()).toMillis());
        run.put("host", hostName());
        run.put("java", System.getProperty("java.version"));
        run.put("threads", threads);
        m.put("run", run);
        return m;
    }

    private static Map<String, Object> fileFacts(Path file, Path relativeTo, Long rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        Path shown = relativeTo == null ? file : relativize(file, relativeTo);
        m.put("path", shown.toString().replace('\\', '/'));
        m.put("sha256", sha256(file));
        try {
            m.put("bytes", Files.size(file));
        } catch (IOException e) {
            m.put("bytes", null);
        }
        if (rows != null) {
            m.put("rows", rows);
        }
        return m;
    }

    private static Path relativize(Path file, Path base) {
        try {
            return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return file;
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
