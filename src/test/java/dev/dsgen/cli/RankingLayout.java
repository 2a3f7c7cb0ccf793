package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where one {@code ranking-queries} run writes inside a test's temp dir, and a plain Jackson reader of it. */
final class RankingLayout {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path root;
    final Path output;
    final Path sidecar;
    final Path summary;
    final Path cache;

    RankingLayout(Path root) {
        this(root, root.resolve("cache"));
    }

    /** A layout whose LLM cache is {@code cache} (shared with another run). */
    RankingLayout(Path root, Path cache) {
        this.root = root;
        this.output = root.resolve("processed").resolve("ranking.json");
        this.sidecar = root.resolve("processed").resolve("ranking.metadata.json");
        this.summary = root.resolve("reports").resolve("ranking_summary.json");
        this.cache = cache;
    }

    static Path sampleDeals() {
        return SynthLayout.project().resolve("samples").resolve("deals");
    }

    /** {@code ranking-queries} on the sample deals with every output inside the temp dir, then {@code extra}. */
    String[] args(String... extra) {
        return argsFor(sampleDeals(), extra);
    }

    String[] argsFor(Path input, String... extra) {
        List<String> a = new ArrayList<>(List.of("ranking-queries", "--input", input.toString(), "--output", output.toString(),
                "--summary", summary.toString(), "--llm-cache", cache.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    JsonNode records() {
        return read(output);
    }

    JsonNode summaryJson() {
        return read(summary);
    }

    JsonNode sidecarJson() {
        return read(sidecar);
    }

    byte[] outputBytes() {
        try {
            return Files.readAllBytes(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No output under a final name, and no temp left behind. */
    void assertNoOutputs(CliRun run) {
        for (Path p : List.of(output, sidecar, summary)) {
            assertFalse(Files.exists(p), () -> "unexpected output " + p + run.describe());
        }
        for (Path dir : List.of(output.getParent(), summary.getParent())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    List<Path> left = s.toList();
                    assertFalse(!left.isEmpty() && left.stream().anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                            () -> "temp files left in " + dir + ": " + left + run.describe());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
