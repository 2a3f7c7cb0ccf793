package dev.dsgen.entities;

import dev.dsgen.core.Progress;
import dev.dsgen.core.ReferenceTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Shared helpers for the synth-entities tests: small configs, a per-JVM cache of generator runs
 * (so several test classes can inspect the same outputs), and independent readers (DuckDB for CSV
 * and Parquet, plain text for the bundled reference tables).
 */
final class EntityTestSupport {
    static final Path SAMPLE_SCHEMA = Path.of("samples/automotive_schemas.json").toAbsolutePath();
    static final String SALT = "s3cret-salt";
    private static final Map<String, Run> CACHE = new ConcurrentHashMap<>();
    private static Path root;

    private EntityTestSupport() {
    }

    /** A finished run: its config, its result, and where it wrote. */
    record Run(SynthConfig cfg, SynthEntities.Result result) {
        Path outdir() {
            return cfg.outputs().outdir();
        }

        Path pairsOut() {
            return cfg.outputs().pairsOut();
        }

        Path summaryFile() {
            return cfg.outputs().summary();
        }

        Path records(Source s) {
            return cfg.outputs().outdir().resolve(s.key() + ".csv");
        }

        Path truth() {
            return cfg.outputs().outdir().resolve("truth.csv");
        }

        Path pairs(String split) {
            return cfg.outputs().pairsOut().resolve(split + ".parquet");
        }

        /** Every file the run wrote. */
        List<Path> files() {
            return outputPaths(cfg);
        }
    }

    /** The documented outputs of a run: four CSVs and metadata, three Parquet files and metadata, the summary. */
    static List<Path> outputPaths(SynthConfig cfg) {
        List<Path> out = new ArrayList<>();
        for (String name : List.of("leads.csv", "sales.csv", "financial.csv", "truth.csv", "_metadata.json")) {
            out.add(cfg.outputs().outdir().resolve(name));
        }
        for (String name : List.of("train.parquet", "valid.parquet", "test.parquet", "_metadata.json")) {
            out.add(cfg.outputs().pairsOut().resolve(name));
        }
        out.add(cfg.outputs().summary());
        return out;
    }

    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("dsgen-entities-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        }
        return root;
    }

    static Path newDir(String name) {
        try {
            return Files.createTempDirectory(root(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A --dev-like config writing under {@code dir}. */
    static SynthConfig config(Path dir, long seed, int leads, int sales, int financial, PiiMode pii, int threads) {
        return new SynthConfig(SAMPLE_SCHEMA, new SynthConfig.Counts(leads, sales, financial, true),
                new SynthConfig.Population(0.1, 0.4, LocaleMix.US_CA), new SynthConfig.Pairs(4, new Split(70, 15, 15)),
                pii == PiiMode.HASHED ? new SynthConfig.Pii(pii, SALT) : SynthConfig.Pii.PLAIN,
                new SynthConfig.Outputs(dir.resolve("synth"), dir.resolve("pairs"), dir.resolve("reports/synth_summary.json")),
                new SynthConfig.Run(seed, ReferenceTime.DEFAULT, threads, true), Map.of());
    }

    static SynthConfig withSchema(SynthConfig c, Path schema) {
        return new SynthConfig(schema, c.counts(), c.population(), c.pairs(), c.pii(), c.outputs(), c.run(), c.flags());
    }

    static SynthConfig withThreads(SynthConfig c, int threads) {
        SynthConfig.Run r = c.run();
        return new SynthConfig(c.schema(), c.counts(), c.population(), c.pairs(), c.pii(), c.outputs(),
                new SynthConfig.Run(r.seed(), r.referenceTime(), threads, r.overwrite()), c.flags());
    }

    static Run run(SynthConfig cfg) {
        return new Run(cfg, new SynthEntities(cfg, Progress.NONE).run());
    }

    /** The standard small run (1000/600/500, seed 42, plain), shared by every test class. */
    static Run standard() {
        return cached("standard-plain", d -> config(d, 42, 1000, 600, 500, PiiMode.PLAIN, 2));
    }

    /** The same run as {@link #standard()} in hashed mode. */
    static Run standardHashed() {
        return cached("standard-hashed", d -> config(d, 42, 1000, 600, 500, PiiMode.HASHED, 2));
    }

    static Run cached(String key, java.util.function.Function<Path, SynthConfig> cfg) {
        return CACHE.computeIfAbsent(key, k -> run(cfg.apply(newDir(k))));
    }

    // ---------------------------------------------------------------- in-memory generation

    /** Plan, people and record factory for one seed, without writing anything. */
    record Fixture(long seed, EntityPlan plan, PersonFactory persons, RecordFactory factory,
                   Map<Source, List<FieldSpec>> fields) {
        GeneratedRecord record(Source s, int slot) {
            return factory.record(s, slot);
        }
    }

    private static volatile Map<Source, List<FieldSpec>> sampleFields;

    static Map<Source, List<FieldSpec>> sampleFields() {
        if (sampleFields == null) {
            SchemaFile schema = SchemaFile.load(SAMPLE_SCHEMA);
            Map<Source, List<FieldSpec>> f = new java.util.EnumMap<>(Source.class);
            for (Source s : Source.values()) {
                f.put(s, schema.fieldsFor(s, new ArrayList<>()));
            }
            sampleFields = f;
        }
        return sampleFields;
    }

    static Fixture fixture(long seed, int perSource, double dupRate, double overlap, LocaleMix locale) {
        Map<Source, Integer> counts = new java.util.EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            counts.put(s, perSource);
        }
        EntityPlan plan = EntityPlan.build(seed, counts, dupRate, overlap);
        ReferenceData ref = ReferenceData.get();
        PersonFactory persons = new PersonFactory(seed, ref, locale, 2025);
        persons.setEmailAttempts(EmailRegistry.resolve(persons, plan.entityCount, null, 1));
        Map<Source, List<FieldSpec>> fields = sampleFields();
        RecordFactory factory = new RecordFactory(seed, ReferenceTime.DEFAULT, persons, new NoiseModel(ref), plan,
                fields, FakerPools.build(seed, fields, SAMPLE_SCHEMA.toString()));
        return new Fixture(seed, plan, persons, factory, fields);
    }

    // ---------------------------------------------------------------- readers (DuckDB)

    static Connection duck() {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sqlPath(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** All rows of a query, as column name to value (strings; SQL NULL becomes ""). */
    static List<Map<String, String>> query(String sql) {
        try (Connection c = duck(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, String>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.put(md.getColumnLabel(i), v == null ? "" : v.toString());
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String sql) {
        return Long.parseLong(query(sql).get(0).values().iterator().next());
    }

    /** A CSV written by dsgen, read by DuckDB as text (empty cells become ""). */
    static List<Map<String, String>> csv(Path file) {
        return query("SELECT * FROM read_csv(" + sqlPath(file)
                + ", header=true, all_varchar=true, delim=',', quote='\"', escape='\"', strict_mode=true)");
    }

    /** The column names of a dsgen CSV in file order. */
    static List<String> csvHeader(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return List.of(lines.findFirst().orElseThrow().split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of all three pair files (with a {@code file} column naming the split file). */
    static List<Map<String, String>> pairs(Run run) {
        List<Map<String, String>> all = new ArrayList<>();
        for (String split : Split.NAMES) {
            for (Map<String, String> row : query("SELECT * FROM read_parquet(" + sqlPath(run.pairs(split)) + ")")) {
                row.put("file", split);
                all.add(row);
            }
        }
        return all;
    }

    /** source|id to entity id, from truth.csv. */
    static Map<String, String> truth(Run run) {
        Map<String, String> m = new HashMap<>();
        for (Map<String, String> row : csv(run.truth())) {
            m.put(row.get("source") + "|" + row.get("id"), row.get("entity_id"));
        }
        return m;
    }

    /** source|id to record row, for all three sources. */
    static Map<String, Map<String, String>> recordsById(Run run) {
        Map<String, Map<String, String>> m = new HashMap<>();
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(run.records(s))) {
                m.put(s.key() + "|" + row.get("id"), row);
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- reference tables (plain text)

    /** A bundled resource table as rows of cells (header skipped; these files hold no quoted commas). */
    static List<String[]> resourceTable(String name) {
        try (var in = EntityTestSupport.class.getResourceAsStream("/dev/dsgen/entities/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].strip().split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row of us_places.csv or ca_places.csv, read as plain text. */
    record PlaceRow(String city, String region, String country, int zipMin, int zipMax, List<String> fsas,
                    List<String> areaCodes) {
    }

    private static volatile List<PlaceRow> places;

    static List<PlaceRow> places() {
        if (places == null) {
            List<PlaceRow> p = new ArrayList<>();
            for (String[] r : resourceTable("us_places.csv")) {
                p.add(new PlaceRow(r[0], r[1], "US", Integer.parseInt(r[2]), Integer.parseInt(r[3]), List.of(),
                        List.of(r[4].split("\\|"))));
            }
            for (String[] r : resourceTable("ca_places.csv")) {
                p.add(new PlaceRow(r[0], r[1], "CA", 0, 0, List.of(r[2].split("\\|")), List.of(r[3].split("\\|"))));
            }
            places = List.copyOf(p);
        }
        return places;
    }

    /**
     * The reference-table rows a record's city, region and postal code agree with: same city (any
     * case) and region, and the ZIP within [zip_min, zip_max] (US) or the FSA in the city's list (CA).
     */
    static List<PlaceRow> agreeingPlaces(String country, String city, String region, String postal) {
        List<PlaceRow> out = new ArrayList<>();
        String p = postal.replace(" ", "").toUpperCase(Locale.ROOT);
        for (PlaceRow row : places()) {
            if (!row.country().equals(country) || !row.city().equalsIgnoreCase(city) || !row.region().equals(region)) {
                continue;
            }
            if (country.equals("US")) {
                if (p.length() >= 5 && p.substring(0, 5).chars().allMatch(Character::isDigit)) {
                    int zip = Integer.parseInt(p.substring(0, 5));
                    if (zip >= row.zipMin() && zip <= row.zipMax()) {
                        out.add(row);
                    }
                }
            } else if (p.length() >= 3 && row.fsas().contains(p.substring(0, 3))) {
                out.add(row);
            }
        }
        return out;
    }

    static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}");
    static final java.util.regex.Pattern US_ZIP = java.util.regex.Pattern.compile("\\d{5}(-\\d{4})?");
    static final java.util.regex.Pattern CA_POSTAL =
            java.util.regex.Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d", java.util.regex.Pattern.CASE_INSENSITIVE);

    static boolean validPhone(String phone) {
        String d = digits(phone);
        return d.length() == 10 || (d.length() == 11 && d.charAt(0) == '1');
    }

    // ---------------------------------------------------------------- small utilities

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(Path file) {
        try {
            return sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unrestricted Damerau-Levenshtein distance (insert, delete, substitute, transpose adjacent;
     * a transposed pair may be edited again), by the Lowrance-Wagner algorithm.
     */
    static int damerauLevenshtein(String a, String b) {
        int inf = a.length() + b.length();
        int[][] d = new int[a.length() + 2][b.length() + 2];
        d[0][0] = inf;
        for (int i = 0; i <= a.length(); i++) {
            d[i + 1][0] = inf;
            d[i + 1][1] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j + 1] = inf;
            d[1][j + 1] = j;
        }
        Map<Character, Integer> lastRow = new HashMap<>();
        for (int i = 1; i <= a.length(); i++) {
            int lastMatchCol = 0;
            for (int j = 1; j <= b.length(); j++) {
                int i1 = lastRow.getOrDefault(b.charAt(j - 1), 0);
                int j1 = lastMatchCol;
                int cost = 1;
                if (a.charAt(i - 1) == b.charAt(j - 1)) {
                    cost = 0;
                    lastMatchCol = j;
                }
                d[i + 1][j + 1] = Math.min(Math.min(d[i][j] + cost, d[i + 1][j] + 1),
                        Math.min(d[i][j + 1] + 1, d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1)));
            }
            lastRow.put(a.charAt(i - 1), i);
        }
        return d[a.length() + 1][b.length() + 1];
    }

    /** Lower case, apostrophes and periods dropped, hyphens and whitespace runs to one space, trimmed. */
    static String normName(String s) {
        return s.toLowerCase(Locale.ROOT).replace("'", "").replace(".", "").replaceAll("[\\s-]+", " ").trim();
    }

    static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    /** Email local part, lower case, without +tag. */
    static String local(String email) {
        int at = email.indexOf('@');
        if (at < 0) {
            return "";
        }
        String l = email.substring(0, at).toLowerCase(Locale.ROOT);
        int plus = l.indexOf('+');
        return plus < 0 ? l : l.substring(0, plus);
    }

    static String domain(String email) {
        int at = email.indexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Which of {@code needles} occur in {@code text}: a k-gram index of the needles, then one pass
     * over the text (needles shorter than {@code k} are searched directly).
     */
    static List<String> occurrences(String text, java.util.Collection<String> needles, int k) {
        return occurrences(text, needles, k, false);
    }

    /** As above; with {@code wholeWords}, a match must not be preceded or followed by a letter. */
    static List<String> occurrences(String text, java.util.Collection<String> needles, int k, boolean wholeWords) {
        Map<String, List<String>> byPrefix = new HashMap<>();
        List<String> found = new ArrayList<>();
        for (String n : needles) {
            if (n.length() < k) {
                for (int i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) {
                    if (!wholeWords || isWordAt(text, i, n.length())) {
                        found.add(n);
                        break;
                    }
                }
            } else {
                byPrefix.computeIfAbsent(n.substring(0, k), x -> new ArrayList<>()).add(n);
            }
        }
        java.util.Set<String> seen = new java.util.HashSet<>(found);
        for (int i = 0; i + k <= text.length(); i++) {
            List<String> candidates = byPrefix.get(text.substring(i, i + k));
            if (candidates != null) {
                for (String n : candidates) {
                    if (text.startsWith(n, i) && (!wholeWords || isWordAt(text, i, n.length())) && seen.add(n)) {
                        found.add(n);
                    }
                }
            }
        }
        return found;
    }

    private static boolean isWordAt(String text, int i, int len) {
        boolean before = i > 0 && Character.isLetter(text.charAt(i - 1));
        boolean after = i + len < text.length() && Character.isLetter(text.charAt(i + len));
        return !before && !after;
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            if (java.nio.file.Files.exists(dir)) {
                try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(p);
                    }
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: temp folders of tests
        }
    }
}
