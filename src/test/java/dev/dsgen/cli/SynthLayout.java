package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where one {@code synth-entities} run writes inside a test's temp dir, and independent readers
 * (Jackson, not dsgen's own io package) for what it wrote.
 */
final class SynthLayout {
    static final List<String> SOURCES = List.of("leads", "sales", "financial");
    static final List<String> SPLITS = List.of("train", "valid", "test");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path outdir;
    final Path pairs;
    final Path summary;

    SynthLayout(Path root) {
        this.root = root;
        this.outdir = root.resolve("synth");
        this.pairs = root.resolve("pairs");
        this.summary = root.resolve("reports").resolve("summary.json");
    }

    /** The project directory: {@code dsgen.project} (failsafe) or the working directory (surefire). */
    static Path project() {
        return Path.of(System.getProperty("dsgen.project", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static Path bundledSchema() {
        return project().resolve("samples").resolve("automotive_schemas.json");
    }

    /** {@code synth-entities} with the bundled schema and every output inside the temp dir, then {@code extra}. */
    String[] args(String... extra) {
        return withSchema(bundledSchema(), extra);
    }

    /** Like {@link #args} but with another schema file. */
    String[] withSchema(Path schema, String... extra) {
        List<String> a = new ArrayList<>(List.of("synth-entities", "--schema", schema.toString(),
                "--outdir", outdir.toString(), "--pairs-out", pairs.toString(), "--summary", summary.toString()));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    /** Every file a run leaves under its final name. */
    List<Path> finalFiles() {
        List<Path> files = new ArrayList<>();
        for (String s : SOURCES) {
            files.add(outdir.resolve(s + ".csv"));
        }
        files.add(outdir.resolve("truth.csv"));
        files.add(outdir.resolve("_metadata.json"));
        for (String s : SPLITS) {
            files.add(pairs.resolve(s + ".parquet"));
        }
        files.add(pairs.resolve("_metadata.json"));
        files.add(summary);
        return files;
    }

    void assertAllOutputsWritten(CliRun run) {
        for (Path p : finalFiles()) {
            assertTrue(Files.isRegularFile(p), () -> "missing output " + p + run.describe());
        }
        assertNoTempFiles(run);
    }

    /** A failed run leaves nothing under a final name, and no temp file either. */
    void assertNoOutputs(CliRun run) {
        for (Path p : finalFiles()) {
            assertTrue(Files.notExists(p), () -> "a failed run left " + p + run.describe());
        }
        assertNoTempFiles(run);
    }

    /** No {@code .name...tmp} leftovers in the output folders. */
    void assertNoTempFiles(CliRun run) {
        for (Path dir : List.of(outdir, pairs, summary.getParent())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> temps = s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
                assertTrue(temps.isEmpty(), () -> "temp files left behind: " + temps + run.describe());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    JsonNode summaryJson() {
        return readJson(summary);
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Header plus data rows of a CSV, parsed with Jackson's CSV reader (quotes, embedded newlines). */
    static List<String[]> readCsv(Path file) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(file.toFile())) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Data rows (without the header) of {@code <outdir>/<name>.csv}. */
    int rows(String name) {
        List<String[]> all = readCsv(outdir.resolve(name + ".csv"));
        assertTrue(!all.isEmpty(), name + ".csv has no header");
        return all.size() - 1;
    }

    void assertRowCounts(int leads, int sales, int financial) {
        assertEquals(leads, rows("leads"), "leads.csv rows");
        assertEquals(sales, rows("sales"), "sales.csv rows");
        assertEquals(financial, rows("financial"), "financial.csv rows");
        assertEquals(leads + sales + financial, rows("truth"), "truth.csv rows");
    }
}
