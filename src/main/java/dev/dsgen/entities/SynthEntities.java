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
import dev.dsgen.io.Json;
import dev.dsgen.io.OutputFiles;
import dev.dsgen.io.ParquetTable;
import dev.dsgen.validate.ValidationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * {@code synth-entities}: leads, sales and financial records with duplicates and noise, their
 * ground truth, and labeled pairs split by entity. Output depends only on the config and inputs.
 */
public final class SynthEntities {
    private static final int CHUNK = 4096;
    public static final List<String> TRUTH_COLUMNS = List.of("source", "id", "entity_id", "noise");

    /** What a run produced: the validation report and the summary (also written to disk). */
    public record Result(ValidationReport report, Map<String, Object> summary) {
    }

    private final SynthConfig cfg;
    private final Progress progress;

    public SynthEntities(SynthConfig cfg, Progress progress) {
        this.cfg = cfg;
        this.progress = progress;
    }

    /** The files a run writes, each with the flag that places it. */
    public static List<OutputFiles.Target> outputs(SynthConfig cfg) {
        List<OutputFiles.Target> t = new ArrayList<>();
        for (Source s : Source.values()) {
            t.add(new OutputFiles.Target(cfg.outputs().outdir().resolve(s.key() + ".csv"), "--outdir"));
        }
        t.add(new OutputFiles.Target(cfg.outputs().outdir().resolve("truth.csv"), "--outdir"));
        t.add(new OutputFiles.Target(cfg.outputs().outdir().resolve("metadata.json"), "--outdir"));
        for (String split : Split.NAMES) {
            t.add(new OutputFiles.Target(cfg.outputs().pairsOut().resolve(split + ".parquet"), "--pairs-out"));
        }
        t.add(new OutputFiles.Target(cfg.outputs().pairsOut().resolve("metadata.json"), "--pairs-out"));
        t.add(new OutputFiles.Target(cfg.outputs().summary(), "--summary"));
        return t;
    }

    public Result run() {
        List<String> warnings = new ArrayList<>();
        progress.start("schema", 1);
        SchemaFile schema = cfg.schema() == null ? SchemaFile.loadBundled() : SchemaFile.load(cfg.schema());
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
        try (OutputFiles out = OutputFiles.begin(outputs(cfg), cfg.run().overwrite())) {
            ExecutorService pool = Parallel.daemonPool("dsgen-worker", cfg.run().threads());
            try {
                return generate(schema, fields, warnings, out, pool, meta);
            } catch (UncheckedIOException e) {
                // A full disk or a vanished directory is the environment, not a bug.
                throw DsgenException.usage("cannot write outputs: " + e.getCause().getMessage()
                        + " (--outdir, --pairs-out, --summary)");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Result generate(SchemaFile schema, Map<Source, List<FieldSpec>> fields, List<String> warnings,
                            OutputFiles out, ExecutorService pool, RunMetadata meta) {
        Map<Source, Integer> counts = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            counts.put(s, cfg.counts().of(s));
        }
        EntityPlan plan = EntityPlan.build(cfg.run().seed(), counts, cfg.population().dupRate(),
                cfg.population().overlap());
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
        // SHA-256 of each CSV as it is written: reading ~200 MB back at 1M leads only to hash it
        // cost a second of CPU at the end of the run.
        Map<Source, MessageDigest> recordDigests = new EnumMap<>(Source.class);
        MessageDigest truthDigest = DigestUtils.getSha256Digest();
        OffsetLog truthOffsets = new OffsetLog(truth.headerBytes().length);
        try (OutputStream truthOut = truth.open(out.temp(truthFile), truthDigest)) {
            progress.start("records", keys.total);
            for (Source s : Source.values()) {
                MessageDigest digest = DigestUtils.getSha256Digest();
                recordDigests.put(s, digest);
                recordOffsets.put(s, writeSource(s, fields.get(s), plan.sources.get(s), factory, keys, hasher, out,
                        digest, truthOut, truthOffsets, pool, noiseStats));
            }
            progress.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // Check the record and truth files (still under their temp names) on a thread of their
        // own while pairs are built: pairing is partly sequential and leaves a core free.
        EntityValidation validation = new EntityValidation(cfg, fields,
                new EntityValidation.WrittenFiles(recordOffsets, truthOffsets.toArray()), pool, cfg.run().threads());
        Map<Source, Path> recordTemps = new EnumMap<>(Source.class);
        for (Source s : Source.values()) {
            recordTemps.put(s, out.temp(cfg.outputs().outdir().resolve(s.key() + ".csv")));
        }
        Path truthTemp = out.temp(truthFile);
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
        Map<Path, Long> pairRows = writePairs(pairs, features, out, pool);
        progress.finish();

        progress.start("validation", 1);
        EntityValidation.RecordChecks records = Parallel.join(recordChecks);
        Map<String, Path> pairTemps = new LinkedHashMap<>();
        for (String split : Split.NAMES) {
            pairTemps.put(split, out.temp(cfg.outputs().pairsOut().resolve(split + ".parquet")));
        }
        ValidationReport report = validation.checkPairs(records, pairTemps);
        progress.finish();

        // Everything, summary and sidecars included, is written under temp names first and moved
        // into place by one commit: a run that fails late leaves the previous outputs as they were.
        Map<String, Object> summary = SynthSummary.build(cfg, plan, noiseStats, pairs, validation, warnings, report);
        try {
            Path summaryTemp = out.temp(cfg.outputs().summary());
            Json.write(summaryTemp, summary);
            for (Source s : Source.values()) {
                long[] offsets = recordOffsets.get(s);
                meta.output(cfg.outputs().outdir().resolve(s.key() + ".csv"), Hex.encodeHexString(recordDigests.get(s).digest()),
                        offsets[offsets.length - 1], (long) plan.sources.get(s).size());
            }
            long[] truthEnds = truthOffsets.toArray();
            meta.output(truthFile, Hex.encodeHexString(truthDigest.digest()), truthEnds[truthEnds.length - 1],
                    (long) keys.total);
            pairRows.forEach((p, n) -> meta.output(p, out.temp(p), n));
            meta.output(cfg.outputs().summary(), summaryTemp, null);
            if (cfg.schema() == null) {
                meta.input(SchemaFile.BUNDLED, SchemaFile.bundledBytes());
            } else {
                meta.input(cfg.schema());
            }
            meta.flags(cfg.flags());
            meta.validation(report.toMap());
            meta.extra("warnings", warnings);
            for (Path dir : List.of(cfg.outputs().outdir(), cfg.outputs().pairsOut())) {
                Json.write(out.temp(dir.resolve("metadata.json")), meta.toMap(cfg.run().threads(), dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                               PiiHasher hasher, OutputFiles out, MessageDigest digest, OutputStream truthOut,
                               OffsetLog truthOffsets,
                               ExecutorService pool, NoiseStats noiseStats) throws IOException {
        CsvTable table = new CsvTable(fs.stream().map(FieldSpec::name).toList());
        CsvTable truthTable = new CsvTable(TRUTH_COLUMNS);
        boolean[] hash = new boolean[fs.size()];
        for (int i = 0; i < fs.size(); i++) {
            hash[i] = hasher != null && PiiHasher.hashed(fs.get(i).type());
        }
        int n = sp.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        OffsetLog offsets = new OffsetLog(table.headerBytes().length);
        try (OutputStream recordsOut = table.open(out.temp(cfg.outputs().outdir().resolve(s.key() + ".csv")), digest)) {
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
                try {
                    recordsOut.write(chunk.records());
                    truthOut.write(chunk.truth());
                    offsets.append(chunk.records().length);
                    truthOffsets.append(chunk.truth().length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
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

    private Map<Path, Long> writePairs(List<PairBuilder.Pair> pairs, PairFeatures features, OutputFiles out,
                                       ExecutorService pool) {
        Schema schema = pairSchema();
        long salt = Seeds.stream("entities.pairs.shuffle");
        Map<Path, Long> rows = new TreeMap<>();
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
            Path target = cfg.outputs().pairsOut().resolve(Split.NAMES[split] + ".parquet");
            try {
                rows.put(target, ParquetTable.write(out.temp(target), schema, java.util.Arrays.asList(records)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }
}
