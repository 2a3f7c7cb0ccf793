package dev.dsgen.entities;

import dev.dsgen.core.Digits;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Parallel;
import dev.dsgen.core.Progress;
import dev.dsgen.core.RunMetadata;
import dev.dsgen.core.Seeds;
import dev.dsgen.entities.EntityPlan.SourcePlan;
import dev.dsgen.entities.features.PairFeatures;
import dev.dsgen.io.CsvTable;
import dev.dsgen.io.OutputSet;
import dev.dsgen.io.StdStreams;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * {@code synth-entities}: leads, sales and financial records with duplicates and noise, their
 * ground truth, and labeled pairs split by entity. Output depends only on the config and inputs.
 */
public final class SynthEntities {
    private static final int CHUNK = 4096;
    public static final List<String> TRUTH_COLUMNS = List.of("source", "id", "entity_id", "noise");
    /** The metadata sidecar in each output folder: named with a leading {@code _} so readers of the folder skip it. */
    public static final String SIDECAR = "_metadata.json";

    /** What a run produced: the validation report and the summary (also written to disk). */
    public record Result(ValidationReport report, Map<String, Object> summary) {
    }

    private final SynthConfig cfg;
    private final Progress progress;
    private final StdStreams std;
    private final List<OutputSet.Input> commandInputs;

    public SynthEntities(SynthConfig cfg, Progress progress) {
        this(cfg, progress, StdStreams.system(), List.of());
    }

    /**
     * @param std stdin for {@code --schema -}, stdout for {@code --summary -}
     * @param commandInputs files the command read for the run (the PII salt file): never outputs
     */
    public SynthEntities(SynthConfig cfg, Progress progress, StdStreams std, List<OutputSet.Input> commandInputs) {
        this.cfg = cfg;
        this.progress = progress;
        this.std = std;
        this.commandInputs = List.copyOf(commandInputs);
    }

    /** Every output of a run and every input it reads, each with the flag that names it. */
    private OutputSet.Declaration declare() {
        OutputSet.Declaration d = OutputSet.declare(cfg.run().overwrite(), std);
        for (Source s : Source.values()) {
            d.file(cfg.outputs().outdir().resolve(s.key() + ".csv"), "--outdir");
        }
        d.file(cfg.outputs().outdir().resolve("truth.csv"), "--outdir").file(cfg.outputs().outdir().resolve(SIDECAR), "--outdir");
        for (String split : Split.NAMES) {
            d.file(cfg.outputs().pairsOut().resolve(split + ".parquet"), "--pairs-out");
        }
        d.file(cfg.outputs().pairsOut().resolve(SIDECAR), "--pairs-out").stream(cfg.outputs().summary(), "--summary");
        d.input(cfg.schema(), "--schema");
        commandInputs.forEach(in -> d.input(in.path(), in.flag()));
        return d;
    }

    public Result run() {
        List<String> warnings = new ArrayList<>();
        progress.start("schema", 1);
        byte[] stdinSchema = StdStreams.isDash(cfg.schema()) ? std.read(cfg.schema(), "--schema") : null;
        SchemaFile schema = cfg.schema() == null ? SchemaFile.loadBundled()
                : stdinSchema != null ? SchemaFile.parse(stdinSchema, StdStreams.DASH) : SchemaFile.load(cfg.schema());
        for (String unknown : schema.unknownEntities()) {
            warnings.add("entity '" + unknown + "' in the schema is not one dsgen generates (leads, sales, financial): ignored");
        }
        Map<Source, List<FieldSpec>> fields = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            fields.put(s, schema.fieldsFor(s, warnings));
        }
        long total = cfg.counts().total();
        if (total > BlockingKeys.MAX_RECORDS) {
            throw DsgenException.usage("at most " + BlockingKeys.MAX_RECORDS + " records per run, asked for " + total
                    + " (--n-leads/--n-sales/--n-financial; split the work into several runs with other seeds)");
        }
        progress.finish();
        RunMetadata meta = new RunMetadata("synth-entities", cfg.run().seed());
        if (stdinSchema != null) {
            meta.input(StdStreams.DASH, stdinSchema);
        } else if (cfg.schema() == null) {
            meta.input(SchemaFile.BUNDLED, SchemaFile.bundledBytes());
        } else {
            meta.input(cfg.schema());
        }
        try (OutputSet out = declare().begin()) {
            ExecutorService pool = Parallel.daemonPool("dsgen-worker", cfg.run().threads());
            try {
                return generate(schema, fields, warnings, out, pool, meta);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Result generate(SchemaFile schema, Map<Source, List<FieldSpec>> fields, List<String> warnings,
                            OutputSet out, ExecutorService pool, RunMetadata meta) {
        Map<Source, Integer> counts = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            counts.put(s, cfg.counts().of(s));
        }
        EntityPlan plan = EntityPlan.build(cfg.run().seed(), counts, cfg.population().dupRate(), cfg.population().overlap());
        if (plan.overlapShortfall > 0) {
            warnings.add(plan.overlapShortfall + " records could not be shared with an earlier source (too few entities there)");
        }
        progress.start("reference data", 1);
        ReferenceData ref = ReferenceData.get();
        progress.finish();
        PersonFactory persons = new PersonFactory(cfg.run().seed(), ref, cfg.population().locale(),
                cfg.run().referenceTime().atZone(ZoneOffset.UTC).getYear());
        progress.start("people", plan.entityCount);
        persons.setEmailAttempts(EmailRegistry.resolve(persons, plan.entityCount, pool, cfg.run().threads()));
        progress.finish();
        progress.start("faker pools", 1);
        FakerPools pools = FakerPools.build(cfg.run().seed(), fields,
                cfg.schema() == null ? SchemaFile.BUNDLED : cfg.schema().toString());
        progress.finish();
        RecordFactory factory = new RecordFactory(cfg.run().seed(), cfg.run().referenceTime(), persons, new NoiseModel(ref), plan,
                fields, pools);
        BlockingKeys keys = new BlockingKeys(plan);
        PiiHasher hasher = cfg.pii().hashed() ? new PiiHasher(cfg.pii().salt()) : null;

        NoiseStats noiseStats = new NoiseStats();
        Path truthFile = cfg.outputs().outdir().resolve("truth.csv");
        CsvTable truth = new CsvTable(TRUTH_COLUMNS);
        Map<Source, long[]> recordOffsets = new EnumMap<>(Source.class);
        OffsetLog truthOffsets = new OffsetLog(truth.headerBytes().length);
        try (CsvTable.Writer truthOut = out.csv(truthFile, truth)) {
            progress.start("records", keys.total);
            for (Source s : Source.values()) {
                recordOffsets.put(s, writeSource(s, fields.get(s), plan.sources.get(s), factory, keys, hasher, out,
                        truthOut, truthOffsets, pool, noiseStats));
            }
            progress.finish();
        }

        // Check the record and truth files (still under their temp names) on a thread of their
        // own while pairs are built: pairing is partly sequential and leaves a core free.
        EntityValidation validation = new EntityValidation(cfg, fields,
                new EntityValidation.WrittenFiles(recordOffsets, truthOffsets.toArray()), pool, cfg.run().threads());
        Map<Source, Path> recordTemps = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            recordTemps.put(s, out.written(cfg.outputs().outdir().resolve(s.key() + ".csv")));
        }
        Path truthTemp = out.written(truthFile);
        java.util.concurrent.CompletableFuture<EntityValidation.RecordChecks> recordChecks = new java.util.concurrent.CompletableFuture<>();
        Thread checker = new Thread(() -> {
            try {
                recordChecks.complete(validation.checkRecords(recordTemps, truthTemp));
            } catch (Throwable t) {
                recordChecks.completeExceptionally(t);
            }
        }, "dsgen-record-checks");
        checker.setDaemon(true);
        checker.start();

        progress.start("pairs", 1);
        byte[] splitOfEntity = new byte[plan.entityCount];
        Parallel.forChunks(pool, cfg.run().threads(), plan.entityCount, 16_384, (from, to) -> {
            for (int e = from; e < to; e++) {
                splitOfEntity[e] = (byte) cfg.pairs().split().of(cfg.run().seed(), persons.groupOf(e));
            }
        });
        PairBuilder builder = new PairBuilder(cfg.run().seed(), plan, factory, keys, splitOfEntity, cfg.pairs().negRatio(), pool,
                cfg.run().threads());
        List<PairBuilder.Pair> pairs = builder.build();
        warnings.addAll(builder.warnings);
        progress.finish();
        progress.start("pair files", 1);
        PairFeatures features = new PairFeatures(ref.nicknames::equivalent);
        writePairs(pairs, features, out, pool);
        progress.finish();

        progress.start("validation", 1);
        EntityValidation.RecordChecks records = Parallel.join(recordChecks);
        Map<String, Path> pairTemps = new LinkedHashMap<>();
        for (String split : Split.NAMES) {
            pairTemps.put(split, out.written(cfg.outputs().pairsOut().resolve(split + ".parquet")));
        }
        ValidationReport report = validation.checkPairs(records, pairTemps);
        progress.finish();

        // Everything, summary and sidecars included, is written under temp names first and moved
        // into place by one commit: a run that fails late leaves the previous outputs as they were.
        Map<String, Object> summary = SynthSummary.build(cfg, plan, noiseStats, pairs, validation, warnings, report);
        out.json(cfg.outputs().summary(), summary);
        meta.flags(cfg.flags());
        meta.validation(report.toMap());
        meta.extra("warnings", warnings);
        out.sidecar(cfg.outputs().outdir().resolve(SIDECAR), meta, cfg.run().threads());
        out.sidecar(cfg.outputs().pairsOut().resolve(SIDECAR), meta, cfg.run().threads());
        out.commit();
        return new Result(report, summary);
    }

    /** Per-chunk output: CSV bytes for the source file and for truth, and noise counts. */
    private record Chunk(byte[] records, byte[] truth, NoiseStats stats, int rows) {
    }

    /** Byte offsets of row-aligned chunk ends in a file being written, starting after the header. */
    private static final class OffsetLog {
        private long[] offsets = new long[64];
        private int n;

        OffsetLog(long headerLength) {
            offsets[n++] = headerLength;
        }

        void append(int chunkLength) {
            if (n == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, n * 2);
            }
            offsets[n] = offsets[n - 1] + chunkLength;
            n++;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(offsets, n);
        }
    }

    /** Writes one source's CSV and its truth rows; returns the row-aligned chunk offsets of the CSV. */
    private long[] writeSource(Source s, List<FieldSpec> fs, SourcePlan sp, RecordFactory factory, BlockingKeys keys,
                               PiiHasher hasher, OutputSet out, CsvTable.Writer truthOut, OffsetLog truthOffsets,
                               ExecutorService pool, NoiseStats noiseStats) {
        CsvTable table = new CsvTable(fs.stream().map(FieldSpec::name).toList());
        CsvTable truthTable = new CsvTable(TRUTH_COLUMNS);
        boolean[] hash = new boolean[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            hash[i] = hasher != null && PiiHasher.hashed(fs.get(i).type());
        }
        int n = sp.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        OffsetLog offsets = new OffsetLog(table.headerBytes().length);
        try (CsvTable.Writer recordsOut = out.csv(cfg.outputs().outdir().resolve(s.key() + ".csv"), table)) {
            Parallel.mapOrdered(pool, cfg.run().threads(), chunks, c -> {
                int from = c * CHUNK;
                int to = Math.min(n, from + CHUNK);
                List<String[]> rows = new ArrayList<>(to - from);
                List<String[]> truthRows = new ArrayList<>(to - from);
                NoiseStats stats = new NoiseStats();
                for (int slot = from; slot < to; slot++) {
                    GeneratedRecord rec = factory.record(s, slot);
                    keys.fill(keys.global(s, slot), rec.contact());
                    String[] values = rec.values();
                    if (hasher != null) {
                        values = values.clone();
                        for (int i = 0; i < values.length; i++) {
                            if (hash[i]) {
                                values[i] = hasher.hash(values[i]);
                            }
                        }
                    }
                    rows.add(values);
                    truthRows.add(new String[] {s.key(), rec.id(), entityId(rec.entity()), String.join(";", rec.noise())});
                    stats.count(s, sp.kind[slot], rec.noise());
                }
                return new Chunk(table.encode(rows), truthTable.encode(truthRows), stats, to - from);
            }, chunk -> {
                recordsOut.writeEncoded(chunk.records(), chunk.rows());
                truthOut.writeEncoded(chunk.truth(), chunk.rows());
                offsets.append(chunk.records().length);
                truthOffsets.append(chunk.truth().length);
                noiseStats.add(chunk.stats());
                progress.advance(chunk.rows());
            });
        }
        return offsets.toArray();
    }

    /** Prints the summary table and the validation report. */
    public static void printSummary(Result result, java.io.PrintWriter out) {
        SynthSummary.print(result.summary(), result.report(), out);
    }

    static String entityId(int entity) {
        return "E" + Digits.pad(entity, 8);
    }

    static Schema pairSchema() {
        SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record("pair").namespace("dev.dsgen.entities").fields()
                .requiredString("src_a").requiredString("id_a").requiredString("src_b").requiredString("id_b")
                .requiredInt("y").requiredString("strategy").requiredString("split");
        for (String name : PairFeatures.DOUBLE_FEATURES) {
            f = f.optionalDouble(name);
        }
        for (String name : PairFeatures.BOOLEAN_FEATURES) {
            f = f.optionalBoolean(name);
        }
        return f.endRecord();
    }

    private void writePairs(List<PairBuilder.Pair> pairs, PairFeatures features, OutputSet out, ExecutorService pool) {
        Schema schema = pairSchema();
        long salt = Seeds.stream("entities.pairs.shuffle");
        for (int s = 0; s < 3; s++) {
            int split = s;
            // Seeded shuffle: neither label nor strategy can be read off the row order.
            List<PairBuilder.Pair> mine = pairs.stream().filter(p -> p.split() == split)
                    .sorted(Comparator.comparingLong((PairBuilder.Pair p) -> Seeds.mix(cfg.run().seed(), salt, p.key())))
                    .toList();
            GenericRecord[] records = new GenericRecord[mine.size()];
            // Features (Jaro-Winkler, Double Metaphone) are the costly part: compute them in parallel.
            Parallel.forChunks(pool, cfg.run().threads(), mine.size(), 2048, (from, to) -> {
                for (int i = from; i < to; i++) {
                    PairBuilder.Pair p = mine.get(i);
                    GenericRecord r = new GenericData.Record(schema);
                    r.put("src_a", p.a().source().key());
                    r.put("id_a", p.a().id());
                    r.put("src_b", p.b().source().key());
                    r.put("id_b", p.b().id());
                    r.put("y", p.strategy().label());
                    r.put("strategy", p.strategy().key());
                    r.put("split", Split.NAMES[split]);
                    features.compute(p.a().contact(), p.b().contact()).forEach(r::put);
                    records[i] = r;
                }
            });
            out.parquet(cfg.outputs().pairsOut().resolve(Split.NAMES[split] + ".parquet"), schema, java.util.Arrays.asList(records));
        }
    }
}
