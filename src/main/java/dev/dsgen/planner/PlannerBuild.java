package dev.dsgen.planner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Parallel;
import dev.dsgen.core.Progress;
import dev.dsgen.core.RunMetadata;
import dev.dsgen.io.HashingOutputFile;
import dev.dsgen.io.Json;
import dev.dsgen.io.OutputFolder;
import dev.dsgen.io.NestedParquetWriter;
import dev.dsgen.planner.PointInTime.Accepted;
import dev.dsgen.planner.PointInTime.PantryMatch;
import dev.dsgen.planner.PointInTime.Snapshot;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.io.LocalOutputFile;
import org.duckdb.DuckDBConnection;

/**
 * {@code planner-dataset build}: five ordered scans (events, households, constraints, pantry
 * snapshots, plan edits), a merge per household that does the point-in-time join in dsgen (so the
 * result does not depend on the database), nested Parquet, then validation of what was written,
 * schema.json, dataset_summary.md and metadata.json, swapped into {@code out/<date>/} as a unit.
 */
public final class PlannerBuild {
    static final String PARQUET = "training.parquet";
    static final String SCHEMA = "schema.json";
    static final String SUMMARY = "dataset_summary.md";
    static final String METADATA = "metadata.json";
    /** Threads doing the work, reported in the sidecar: scanning and joining, and Parquet encoding. */
    static final int THREADS = 2;

    /** What a run produced. */
    public record Result(ValidationReport report, Path folder, long rows, Map<String, Object> summary) {
    }

    /** {@code context} and {@code payload}: JSON text as UTF-8, null for SQL NULL. */
    record Event(String id, String type, String unit, long time, byte[] context, byte[] payload) {
    }

    record Household(String id, Integer size, byte[] preferences, byte[] restrictions) {
    }

    record Constraints(String householdId, Double budget, Integer maxPrep, byte[] excluded) {
    }

    record Edit(String id, String planId, String householdId, long time, String type, Integer mealDay,
                String oldRecipe, String newRecipe) {
    }

    private final BuildConfig cfg;
    private final PrintWriter log;
    private final Progress progress;
    /**
     * Test hook (PlannerPostgresTest): runs on PostgreSQL after the first connection has exported
     * its snapshot and before the other four import it, so a test can commit rows at the one
     * moment where scans without a shared snapshot would see them. Does nothing otherwise.
     */
    Runnable afterSnapshotExported = () -> { };

    public PlannerBuild(BuildConfig cfg, PrintWriter log, Progress progress) {
        this.cfg = cfg;
        this.log = log;
        this.progress = progress;
    }

    public Result run() {
        PlannerDb db = PlannerDb.of(cfg.dbUrl(), true);
        RunMetadata meta = new RunMetadata("planner-dataset build", cfg.seed());
        Map<String, Scan.Fingerprint> fingerprints = new LinkedHashMap<>();
        long rows;
        try (OutputFolder folder = OutputFolder.begin(cfg.folder(), "--out", cfg.overwrite())) {
            Path parquet = folder.staged(PARQUET);
            progress.start("scan, join and write", 1);
            HashingOutputFile file = new HashingOutputFile(new LocalOutputFile(parquet));
            rows = extract(db, file, fingerprints);
            progress.finish();
            progress.start("validation", 1);
            PlannerValidation.Outcome v = PlannerValidation.check(parquet, cfg);
            progress.finish();
            String schemaJson = SchemaJson.build(parquet, cfg);
            Map<String, Object> facts = PlannerSummary.facts(cfg, db, fingerprints, v);
            String summary = PlannerSummary.markdown(facts, v.report(), cfg);
            try {
                byte[] schemaBytes = schemaJson.getBytes(StandardCharsets.UTF_8);
                byte[] summaryBytes = summary.getBytes(StandardCharsets.UTF_8);
                Files.write(folder.staged(SCHEMA), schemaBytes);
                Files.write(folder.staged(SUMMARY), summaryBytes);
                // Fingerprints of the bytes as written, not read back.
                meta.output(folder.target(PARQUET), file.sha256Hex(), Files.size(parquet), rows);
                meta.output(folder.target(SCHEMA), DigestUtils.sha256Hex(schemaBytes), schemaBytes.length, null);
                meta.output(folder.target(SUMMARY), DigestUtils.sha256Hex(summaryBytes), summaryBytes.length, null);
                meta.flags(cfg.flags());
                meta.extra("inputs_tables", facts.get("inputs"));
                meta.extra("point_in_time_contract", SchemaJson.contract(cfg));
                meta.validation(v.report().toMap());
                // The build runs two threads whatever --threads says: scan and join, and the Parquet writer.
                Json.write(folder.staged(METADATA), meta.toMap(THREADS, folder.target()));
            } catch (IOException e) {
                throw DsgenException.usage("cannot write outputs: " + e.getMessage() + " (--out)");
            }
            folder.commit();
            if (cfg.mlflowUri() != null) {
                new MlflowLogger(cfg, log).log(rows, schemaJson);
            }
            return new Result(v.report(), folder.target(), rows, facts);
        }
    }

    /** Checks an {@code --mlflow-uri} value's form (exit 2). */
    public static void checkMlflowUri(String uri) {
        MlflowLogger.checkUri(uri);
    }

    /** A TIMESTAMP literal both databases read the same way (whole seconds, UTC). */
    static String ts(long micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
        return "TIMESTAMP '" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(t) + "'";
    }

    /** The scans and the merge; returns the rows written (and hashes the file into {@code hash}). */
    long extract(PlannerDb db, HashingOutputFile parquet, Map<String, Scan.Fingerprint> fingerprints) {
        String start = ts(cfg.startMicros());
        String end = ts(cfg.endMicros());
        List<Connection> connections = new ArrayList<>();
        try {
            Connection first = db.connect();
            connections.add(first);
            PlannerSchema.check(first, db);
            for (int i = 0; i < 4; i++) {
                connections.add(another(db, first));
            }
            if (db.dialect() == PlannerDb.Dialect.POSTGRES) {
                for (Connection c : connections) {
                    c.setAutoCommit(false); // cursors: pgJDBC streams with a fetch size only inside a transaction
                }
                shareSnapshot(db, connections);
            }
            String ts = "\"timestamp\"";
            try (Scan<Event> events = new Scan<>(db, connections.get(0), "exp.events",
                    "SELECT id, event_type, unit_id, " + db.epochMicros(ts) + ", " + db.jsonText("context") + ", "
                            + db.jsonText("payload") + " FROM exp.events WHERE " + ts + " < " + end
                            + " AND (event_type = 'plan_accepted' OR (event_type = 'plan_generated' AND " + ts + " >= "
                            + start + ")) ORDER BY " + db.binaryOrder("unit_id") + ", " + ts + ", " + db.binaryOrder("id"),
                    (rs, fp) -> new Event(fp.str(rs, 1), fp.str(rs, 2), fp.str(rs, 3), fp.lng(rs, 4), fp.json(rs, 5),
                            fp.json(rs, 6)), Event::unit);
                 Scan<Household> households = new Scan<>(db, connections.get(1), "households",
                         "SELECT id, size, " + db.jsonText("preferences") + ", " + db.jsonText("dietary_restrictions")
                                 + " FROM households ORDER BY " + db.binaryOrder("id"),
                         (rs, fp) -> new Household(fp.str(rs, 1), fp.integer(rs, 2), fp.json(rs, 3), fp.json(rs, 4)),
                         Household::id);
                 Scan<Constraints> constraints = new Scan<>(db, connections.get(2), "household_constraints",
                         "SELECT household_id, budget, max_prep_time, " + db.jsonText("excluded")
                                 + " FROM household_constraints ORDER BY " + db.binaryOrder("household_id"),
                         (rs, fp) -> new Constraints(fp.str(rs, 1), fp.dbl(rs, 2), fp.integer(rs, 3), fp.json(rs, 4)),
                         Constraints::householdId);
                 Scan<SnapshotRow> snapshots = new Scan<>(db, connections.get(3), "pantry_snapshots",
                         "SELECT id, household_id, " + db.epochMicros("snapshot_time") + ", " + db.epochMicros("created_at")
                                 + ", " + db.jsonText("items") + " FROM pantry_snapshots WHERE snapshot_time < " + end
                                 + " ORDER BY " + db.binaryOrder("household_id") + ", snapshot_time, " + db.binaryOrder("id"),
                         (rs, fp) -> new SnapshotRow(fp.str(rs, 2), new Snapshot(fp.str(rs, 1), fp.lng(rs, 3),
                                 fp.lng(rs, 4, PointInTime.UNKNOWN), new LazyJson(fp.json(rs, 5)))),
                         SnapshotRow::householdId);
                 Scan<Edit> edits = new Scan<>(db, connections.get(4), "plan_edits",
                         "SELECT id, plan_id, household_id, " + db.epochMicros("edit_time") + ", edit_type, meal_day, "
                                 + "old_recipe, new_recipe FROM plan_edits WHERE edit_time < " + end + " ORDER BY "
                                 + db.binaryOrder("household_id") + ", " + db.binaryOrder("plan_id") + ", edit_time, "
                                 + db.binaryOrder("id"),
                         (rs, fp) -> new Edit(fp.str(rs, 1), fp.str(rs, 2), fp.str(rs, 3), fp.lng(rs, 4), fp.str(rs, 5),
                                 fp.integer(rs, 6), fp.str(rs, 7), fp.str(rs, 8)),
                         Edit::householdId)) {
                long n = merge(db, parquet, events, households, constraints, snapshots, edits);
                for (Scan<?> s : List.of(households, constraints, snapshots, edits)) {
                    s.drain();
                }
                fingerprints.put("exp.events", events.fingerprint);
                fingerprints.put("households", households.fingerprint);
                fingerprints.put("household_constraints", constraints.fingerprint);
                fingerprints.put("pantry_snapshots", snapshots.fingerprint);
                fingerprints.put("plan_edits", edits.fingerprint);
                return n;
            }
        } catch (SQLException e) {
            throw db.queryFailure("opening the scans", e);
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // read-only connections: nothing to roll back
                }
            }
        }
    }

    /**
     * PostgreSQL: the five scans read one snapshot, so rows committed by other clients during the
     * build are in all of them or in none. The first connection's transaction exports its snapshot
     * and stays open (it runs the events scan) while the other four import it before their first
     * query. DuckDB needs nothing: its connections duplicate one read-only instance, which no other
     * process can write meanwhile. Other JDBC databases get no such guarantee: each scan reads
     * what its own connection sees.
     */
    private void shareSnapshot(PlannerDb db, List<Connection> connections) {
        try {
            String snapshot = PlannerDb.exportSnapshot(connections.get(0));
            afterSnapshotExported.run();
            for (Connection c : connections.subList(1, connections.size())) {
                PlannerDb.importSnapshot(c, snapshot);
            }
        } catch (SQLException e) {
            throw db.queryFailure("sharing one snapshot between the scans", e);
        }
    }

    private static Connection another(PlannerDb db, Connection first) throws SQLException {
        if (db.dialect() == PlannerDb.Dialect.DUCKDB) {
            return first.unwrap(DuckDBConnection.class).duplicate();
        }
        return db.connect();
    }

    record SnapshotRow(String householdId, Snapshot snapshot) {
    }

    /** JSON text parsed on first use (a snapshot's items are parsed once, however many events use it). */
    static final class LazyJson {
        final byte[] text;
        GenericData.Record pantry;

        LazyJson(byte[] text) {
            this.text = text;
        }
    }

    private long merge(PlannerDb db, HashingOutputFile parquet, Scan<Event> events, Scan<Household> households,
                       Scan<Constraints> constraints, Scan<SnapshotRow> snapshots, Scan<Edit> edits) {
        PointInTime.Options options = new PointInTime.Options(cfg.asKnownAt(), cfg.maxStalenessMicros());
        Set<String> ids = new HashSet<>();
        long written = 0;
        long startMicros = cfg.startMicros();
        try (RecordSink writer = new RecordSink(parquet)) {
            List<Event> group = new ArrayList<>();
            while (events.peek() != null) {
                String unit = events.peek().unit();
                group.clear();
                while (events.peek() != null && events.peek().unit().equals(unit)) {
                    Event e = events.next();
                    if (e.id() == null) {
                        throw DsgenException.input("exp.events has a row without an id (household " + unit + ") (--db "
                                + db.where() + ")");
                    }
                    if (!ids.add(e.id())) {
                        throw DsgenException.input("duplicate event id '" + e.id() + "' in exp.events (--db "
                                + db.where() + "; event ids must be unique)");
                    }
                    group.add(e);
                }
                group.sort(Comparator.comparingLong(Event::time).thenComparing(Event::id));
                List<Household> hh = households.take(unit);
                List<Constraints> cons = constraints.take(unit);
                List<Snapshot> snaps = new ArrayList<>();
                for (SnapshotRow s : snapshots.take(unit)) {
                    if (s.snapshot().id() == null) {
                        throw DsgenException.input("pantry_snapshots has a row without an id (household " + unit + ") (--db "
                                + db.where() + ")");
                    }
                    snaps.add(s.snapshot());
                }
                snaps.sort(PointInTime.SNAPSHOT_ORDER);
                Map<String, List<Edit>> editsByPlan = new HashMap<>();
                for (Edit e : edits.take(unit)) {
                    if (e.id() == null || e.type() == null) {
                        throw DsgenException.input("plan_edits has a row without an id or edit_type (household " + unit
                                + ") (--db " + db.where() + ")");
                    }
                    editsByPlan.computeIfAbsent(e.planId(), k -> new ArrayList<>()).add(e);
                }
                List<Accepted> accepted = new ArrayList<>();
                for (Event e : group) {
                    if (e.type().equals("plan_accepted")) {
                        accepted.add(new Accepted(e.id(), e.time(), e));
                    }
                }
                UnitContext ctx = new UnitContext(db, hh.isEmpty() ? null : hh.get(0),
                        cons.isEmpty() ? null : cons.get(0), editsByPlan);
                PointInTime.PantryCursor pantry = new PointInTime.PantryCursor(snaps, options);
                PointInTime.PlanCursor plans = new PointInTime.PlanCursor(accepted);
                for (Event e : group) {
                    if (e.time() < startMicros) {
                        continue; // history only: a previous plan for later events
                    }
                    writer.write(example(ctx, e, pantry.match(e.time()), plans.previous(e.time())));
                    written++;
                }
            }
            writer.finish();
        }
        return written;
    }

    /**
     * Parquet encoding on a thread of its own, fed in order through a bounded queue: the file is the
     * same as a single-threaded write, while scanning, parsing and joining go on beside it.
     */
    private static final class RecordSink implements AutoCloseable {
        private static final List<GenericRecord> END = new ArrayList<>();
        private final java.util.concurrent.ArrayBlockingQueue<List<GenericRecord>> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(4);
        private final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        private final Thread thread;
        private List<GenericRecord> batch = new ArrayList<>(BATCH);
        private static final int BATCH = 512;
        private volatile boolean failed;

        RecordSink(HashingOutputFile file) {
            thread = new Thread(() -> {
                try (NestedParquetWriter w = NestedParquetWriter.open(file, ExampleSchema.EXAMPLE, ExampleSchema::tuning)) {
                    while (true) {
                        List<GenericRecord> b = queue.take();
                        if (b == END) {
                            break;
                        }
                        for (GenericRecord r : b) {
                            w.write(r);
                        }
                    }
                } catch (Throwable t) {
                    failed = true;
                    queue.clear();
                    // A full disk or a vanished folder is the environment (exit 2), not a bug.
                    Throwable cause = t instanceof UncheckedIOException u ? u.getCause() : t;
                    done.completeExceptionally(cause instanceof IOException io
                            ? DsgenException.usage("cannot write " + PARQUET + ": " + io.getMessage() + " (--out)") : t);
                    return;
                }
                done.complete(null); // only once the footer is written
            }, "dsgen-parquet-writer");
            thread.setDaemon(true);
            thread.start();
        }

        void write(GenericRecord r) {
            batch.add(r);
            if (batch.size() == BATCH) {
                put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        private void put(List<GenericRecord> b) {
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (failed) {
                        finish();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DsgenException(dev.dsgen.core.ExitCode.INTERNAL, "interrupted while writing Parquet");
            }
        }

        /** Flushes, waits for the writer and rethrows its failure. */
        void finish() {
            if (!failed) {
                if (!batch.isEmpty()) {
                    put(batch);
                    batch = new ArrayList<>();
                }
                put(END);
            }
            Parallel.join(done);
        }

        @Override
        public void close() {
            if (!done.isDone()) {
                thread.interrupt();
                try {
                    // Let the writer close its file before the staging folder is deleted.
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** What all events of one household share, parsed once. */
    private final class UnitContext {
        final PlannerDb db;
        final Map<String, List<Edit>> edits;
        final GenericData.Record householdRecord;
        final GenericData.Record constraintsRecord;
        final Map<String, GenericData.Record> planCache = new HashMap<>();

        UnitContext(PlannerDb db, Household h, Constraints c, Map<String, List<Edit>> edits) {
            this.db = db;
            this.edits = edits;
            if (h != null) {
                householdRecord = new GenericData.Record(ExampleSchema.HOUSEHOLD);
                householdRecord.put("id", h.id());
                householdRecord.put("size", h.size());
                householdRecord.put("preferences", strings(h.preferences(), "households.preferences", "household " + h.id()));
                householdRecord.put("restrictions", strings(h.restrictions(), "households.dietary_restrictions",
                        "household " + h.id()));
            } else {
                householdRecord = null;
            }
            if (c != null) {
                constraintsRecord = new GenericData.Record(ExampleSchema.CONSTRAINTS);
                constraintsRecord.put("budget", c.budget());
                constraintsRecord.put("max_prep_time", c.maxPrep());
                constraintsRecord.put("excluded_ingredients", strings(c.excluded(), "household_constraints.excluded",
                        "household " + c.householdId()));
            } else {
                constraintsRecord = null;
            }
        }

        /** A JSON array's strings; SQL NULL and non-arrays give an empty list. */
        List<CharSequence> strings(byte[] json, String column, String row) {
            return json == null ? new ArrayList<>() : read(json, column, row, PayloadReader::strings);
        }

        /**
         * Reads {@code json} with the streaming parser. Malformed JSON is reported with the line and
         * column the tree parser gives for the decoded text, as before the byte parser (which counts
         * columns in bytes).
         */
        <T> T read(byte[] json, String column, String row, JsonRead<T> reader) {
            try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
                return reader.read(p, p.nextToken());
            } catch (JsonProcessingException ex) {
                checkTree(json, column, row);
                throw malformed(ex, column, row);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex); // an in-memory source: not expected
            }
        }

        /** Parses {@code json} as a tree only for its error, if any (non-object roots, malformed text). */
        void checkTree(byte[] json, String column, String row) {
            try {
                Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw malformed(e, column, row);
            }
        }

        DsgenException malformed(JsonProcessingException e, String column, String row) {
            return DsgenException.input("malformed JSON in " + column + " of " + row + " (--db " + db.where()
                    + "; line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }

        /** The plan object of an accepted event (parsed once per event, as a previous plan may repeat). */
        GenericData.Record planOf(Event e) {
            GenericData.Record cached = planCache.get(e.id());
            if (cached == null && !planCache.containsKey(e.id())) {
                PayloadReader.Payload payload = payload(e);
                cached = payload == null ? null : payload.plan();
                planCache.put(e.id(), cached);
            }
            return cached;
        }

        /** An event's payload: null for SQL NULL. */
        PayloadReader.Payload payload(Event e) {
            return object(e.payload(), "exp.events.payload", e, PayloadReader::payload);
        }

        /** An event's context: null for SQL NULL. */
        PayloadReader.Context context(Event e) {
            return object(e.context(), "exp.events.context", e, PayloadReader::context);
        }

        /**
         * A JSON object column of an event: null for SQL NULL; other valid JSON is an input error
         * wherever the column is read (an earlier accepted plan's payload too, not only the event's own).
         */
        <T> T object(byte[] json, String column, Event e, ObjectRead<T> reader) {
            if (json == null) {
                return null;
            }
            return read(json, column, "event " + e.id(), (p, first) -> {
                if (first == JsonToken.START_OBJECT) {
                    return reader.read(p);
                }
                checkTree(json, column, "event " + e.id()); // the tree parser's error, if malformed
                throw DsgenException.input("malformed JSON in " + column + " of event " + e.id() + " (--db "
                        + db.where() + "; expected an object)");
            });
        }
    }

    /** Reads an object's fields, the parser on its START_OBJECT. */
    interface ObjectRead<T> {
        T read(JsonParser p) throws IOException;
    }

    /** A streaming read of one JSON value, given its first token (null for an empty text). */
    interface JsonRead<T> {
        T read(JsonParser p, JsonToken first) throws IOException;
    }

    private GenericRecord example(UnitContext u, Event e, PantryMatch pantry, Accepted previous) {
        List<String> reasons = new ArrayList<>();
        // Context first: when both are bad, the context is the one reported (as before).
        PayloadReader.Context context = u.context(e);
        PayloadReader.Payload payload = u.payload(e);
        GenericData.Record input = new GenericData.Record(ExampleSchema.INPUT);
        input.put("household", u.householdRecord);
        if (u.householdRecord == null) {
            reasons.add("household:not_found");
        }
        input.put("constraints", u.constraintsRecord);
        if (u.constraintsRecord == null) {
            reasons.add("constraints:not_found");
        }
        GenericData.Record metadata = new GenericData.Record(ExampleSchema.METADATA);
        metadata.put("pantry_status", pantry.status().key);
        if (pantry.snapshot() != null) {
            Snapshot s = pantry.snapshot();
            LazyJson items = (LazyJson) s.payload();
            if (items.pantry == null) {
                items.pantry = items.text == null ? PayloadReader.emptyPantry()
                        : u.read(items.text, "pantry_snapshots.items", "snapshot " + s.id(), PayloadReader::pantry);
            }
            input.put("pantry", items.pantry);
            metadata.put("pantry_snapshot_id", s.id());
            metadata.put("pantry_snapshot_time", s.time());
            metadata.put("pantry_created_at", s.createdAt() == PointInTime.UNKNOWN ? null : s.createdAt());
            metadata.put("pantry_lag_micros", e.time() - s.time());
        } else {
            reasons.add("pantry:" + pantry.status().key);
        }
        input.put("workflow_type", context == null || context.workflowType() == null ? "plan-first"
                : context.workflowType());
        input.put("mode", context == null || context.mode() == null ? "autopilot" : context.mode());
        if (previous != null) {
            Event pe = (Event) previous.payload();
            input.put("previous_plan", u.planOf(pe));
            metadata.put("previous_plan_event_id", pe.id());
            metadata.put("previous_plan_time", pe.time());
        } else {
            reasons.add("previous_plan:none");
        }
        GenericData.Record target = new GenericData.Record(ExampleSchema.TARGET);
        GenericData.Record plan = payload == null ? null : payload.plan();
        if (e.type().equals("plan_accepted")) {
            u.planCache.put(e.id(), plan); // a later event's previous plan: parsed once
        }
        target.put("accepted_plan", plan);
        if (plan == null) {
            reasons.add("accepted_plan:missing");
        }
        String planId = payload == null ? null : payload.planId();
        List<GenericData.Record> userEdits = new ArrayList<>();
        if (planId != null) {
            for (Edit ed : u.edits.getOrDefault(planId, List.of())) {
                GenericData.Record r = new GenericData.Record(ExampleSchema.EDIT);
                r.put("edit_id", ed.id());
                r.put("edit_time", ed.time());
                r.put("edit_type", ed.type());
                r.put("meal_day", ed.mealDay());
                r.put("old_recipe", ed.oldRecipe());
                r.put("new_recipe", ed.newRecipe());
                userEdits.add(r);
            }
        }
        target.put("user_edits", userEdits);
        metadata.put("timestamp", e.time());
        metadata.put("policy_version_id", context == null ? null : context.policyVersionId());
        metadata.put("event_id", e.id());
        metadata.put("event_type", e.type());
        metadata.put("household_id", e.unit());
        metadata.put("unmatched_reasons", reasons);
        GenericData.Record example = new GenericData.Record(ExampleSchema.EXAMPLE);
        example.put("input", input);
        example.put("target", target);
        example.put("metadata", metadata);
        return example;
    }
}
