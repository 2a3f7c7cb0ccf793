package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs that used to give wrong data with exit 0, or exit 1: JSON with more after the value, a key
 * twice in one object, bounds that contradict each other or no number can hold, a reference time
 * whose years do not fit four digits. Each is one line with its exit code, naming file and flag.
 */
class StrictInputCliTest {
    @TempDir
    Path tmp;

    private static String bundled() throws IOException {
        return Files.readString(SynthLayout.bundledSchema());
    }

    /** The bundled schema with {@code field} (a JSON object) added to the sales entity's fields. */
    private Path withSalesField(String field) throws IOException {
        String text = bundled();
        String anchor = "{\"name\": \"vehicle_year\", \"type\": \"vehicle_year\"}";
        assertTrue(text.contains(anchor), "the bundled schema changed");
        return Files.writeString(tmp.resolve("schema.json"), text.replace(anchor, anchor + ",\n        " + field));
    }

    private CliRun synth(Path schema, int code, String... named) {
        SynthLayout out = new SynthLayout(tmp.resolve("out"));
        CliRun run = CliRun.inProcess(out.withSchema(schema, "--dev", "--quiet")).assertFails(code, named);
        out.assertNoOutputs(run);
        return run;
    }

    @Test
    void moreAfterTheJsonValueIsAnInputError() throws IOException {
        Path schema = Files.writeString(tmp.resolve("junk.json"), bundled() + "\n{\"entities\": {}}\n");
        synth(schema, 3, schema.toString(), "more text after the end of the JSON value", "--schema");
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"seed\": 7} {\"seed\": 8}\n");
        CliRun.inProcess("synth-entities", "--config", config.toString()).assertFails(3, config.toString(), "--config");
        Path deals = Files.createDirectories(tmp.resolve("deals"));
        Files.copy(RankingLayout.sampleDeals().resolve(firstDealFile()), deals.resolve("a.json"));
        Files.writeString(deals.resolve("a.json"), "\n]", java.nio.file.StandardOpenOption.APPEND);
        RankingLayout ranking = new RankingLayout(tmp.resolve("ranking"));
        CliRun.inProcess(ranking.argsFor(deals, "--dry-run")).assertFails(3, "a.json", "--input");
    }

    private static String firstDealFile() throws IOException {
        try (var files = Files.list(RankingLayout.sampleDeals())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void anEntityDefinedTwiceNamesBothDefinitions() throws IOException {
        String text = bundled();
        int at = text.indexOf("\"sales\": {");
        Path schema = Files.writeString(tmp.resolve("twice.json"), text.substring(0, at)
                + "\"sales\": {\"fields\": [{\"name\": \"id\", \"type\": \"id\"}]},\n    " + text.substring(at));
        int firstLine = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        int secondLine = firstLine + 1;
        synth(schema, 3, schema.toString(), "'sales' is defined twice", "line " + firstLine, "line " + secondLine, "--schema");
        Path deals = Files.createDirectories(tmp.resolve("deals"));
        Files.writeString(deals.resolve("d.json"), "{\"deals\": [], \"deals\": []}\n");
        RankingLayout ranking = new RankingLayout(tmp.resolve("ranking"));
        CliRun.inProcess(ranking.argsFor(deals, "--dry-run")).assertFails(3, "'deals' is defined twice", "d.json", "--input");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"y\", \"type\": \"vehicle_year\", \"min\": 2020, \"max\": 2010} | min 2020 is above max 2010",
        "{\"name\": \"n\", \"type\": \"integer\", \"min\": 5, \"max\": 1} | min 5 is above max 1",
        "{\"name\": \"d\", \"type\": \"decimal\", \"min\": 9, \"max\": 1.5} | min 9 is above max 1.5",
        "{\"name\": \"d\", \"type\": \"decimal\", \"min\": 1, \"max\": 1e400} | got a number too large for a double",
        "{\"name\": \"n\", \"type\": \"integer\", \"min\": -1e300, \"max\": 0} | 'n': min and max must be numbers",
        "{\"name\": \"e\", \"type\": \"enum\", \"values\": [\"a\", \"b\"], \"weights\": [0, 0]} | all zero",
        "{\"name\": \"t\", \"type\": \"timestamp\", \"days_back\": 2000000000} | days_back must be from 1 to"})
    void contradictoryOrImpossibleBoundsAreInputErrors(String field, String named) throws IOException {
        Path schema = withSalesField(field);
        synth(schema, 3, schema.toString(), named, "--schema");
    }

    /** An integer range of an int's full width is legal: every value is drawn inside it. */
    @Test
    void anIntegerRangeUpToTheLargestIntIsGenerated() throws IOException {
        Path schema = withSalesField("{\"name\": \"n\", \"type\": \"integer\", \"min\": 0, \"max\": 2147483647}");
        SynthLayout out = new SynthLayout(tmp.resolve("out"));
        CliRun.inProcess(out.withSchema(schema, "--dev", "--quiet")).assertExit(0);
        List<String[]> rows = SynthLayout.readCsv(out.outdir.resolve("sales.csv"));
        int col = List.of(rows.get(0)).indexOf("n");
        long distinct = rows.stream().skip(1).map(r -> r[col]).filter(v -> !v.isEmpty()).distinct().count();
        for (String[] r : rows.subList(1, rows.size())) {
            long v = Long.parseLong(r[col]);
            assertTrue(v >= 0 && v <= Integer.MAX_VALUE, "in range: " + v);
        }
        assertTrue(distinct > rows.size() / 2, "spread over the range: " + distinct);
    }

    @Test
    void aSchemaThatIsNotUtf8SaysSoAndWhere() throws IOException {
        Path schema = Files.write(tmp.resolve("utf16.json"), bundled().getBytes(StandardCharsets.UTF_16));
        synth(schema, 3, schema.toString(), "not UTF-8 text", "UTF-16", "byte offset 0 (line 1)", "--schema");
        Path latin1 = Files.write(tmp.resolve("latin1.json"), ("{\n\"entities\": {\"caf\u00e9\": 1}}").getBytes(
                StandardCharsets.ISO_8859_1));
        synth(latin1, 3, latin1.toString(), "not UTF-8 text: byte 0xE9 at byte offset 19 (line 2)", "--schema");
    }

    @ParameterizedTest
    @CsvSource({"-0005-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
    void aReferenceTimeOutsideFourDigitYearsIsAUsageError(String time) {
        SynthLayout out = new SynthLayout(tmp.resolve("out"));
        CliRun run = CliRun.inProcess(out.args("--dev", "--reference-time", time)).assertFails(2, time, "--reference-time");
        out.assertNoOutputs(run);
        assertEquals(1, run.err().lines().count());
    }

    /** A plan payload whose fields have the wrong types is exit 3 naming the event and the field, not an empty target. */
    @Test
    void aPlanPayloadWithWrongTypesNamesTheEvent() throws Exception {
        String db = "jdbc:duckdb:" + tmp.resolve("events.duckdb");
        CliRun.inProcess("planner-dataset", "simulate", "--households", "40", "--days", "10", "--db", db, "-q").assertExit(0);
        String id;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db); java.sql.Statement s = c.createStatement()) {
            try (java.sql.ResultSet rs = s.executeQuery("SELECT max(id) FROM exp.events WHERE event_type = 'plan_accepted' "
                    + "AND \"timestamp\" >= TIMESTAMP '2025-01-05'")) {
                rs.next();
                id = rs.getString(1);
            }
            s.execute("UPDATE exp.events SET payload = '{\"plan_id\": \"P\", \"plan\": {\"meals\": \"soup\"}}' WHERE id = '"
                    + id + "'");
        }
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", db, "--out", tmp.resolve("ds").toString(),
                "--min-rows", "1", "-q").assertFails(3, "wrong type", "event " + id, "/plan/meals must be an array of objects, "
                + "not a string", "--db");
        assertTrue(Files.notExists(tmp.resolve("ds").resolve("date=2025-01-09")), "no dataset");
    }
}
