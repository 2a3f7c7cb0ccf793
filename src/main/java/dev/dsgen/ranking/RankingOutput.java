package dev.dsgen.ranking;

import com.fasterxml.jackson.databind.SequenceWriter;
import dev.dsgen.core.RunMetadata;
import dev.dsgen.io.Json;
import dev.dsgen.io.OutputFiles;
import dev.dsgen.validate.ValidationReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The files of a ranking-queries run, staged in {@link OutputFiles}: the data file (one JSON list,
 * streamed and hashed on the way out), the summary and the sidecar.
 */
final class RankingOutput {
    private final RankingConfig cfg;
    private final OutputFiles out;
    private final Path dataTemp;
    private final MessageDigest sha = DigestUtils.getSha256Digest();

    RankingOutput(RankingConfig cfg, OutputFiles out) {
        this.cfg = cfg;
        this.out = out;
        this.dataTemp = out.temp(cfg.output());
    }

    static List<OutputFiles.Target> targets(RankingConfig cfg) {
        return List.of(new OutputFiles.Target(cfg.output(), "--output"), new OutputFiles.Target(cfg.sidecar(), "--output"),
                new OutputFiles.Target(cfg.summary(), "--summary"));
    }

    /** The staged data file, for the validation of what was written. */
    Path dataTemp() {
        return dataTemp;
    }

    /**
     * Writes the data file: {@code body} hands its records, in order, to the sink it is given.
     * They are hashed on the way out, so the sidecar's SHA-256 needs no second read of the file.
     */
    void writeData(Consumer<Consumer<List<RankingExample>>> body) throws IOException {
        try (OutputStream buffered = new BufferedOutputStream(
                new DigestOutputStream(Files.newOutputStream(dataTemp), sha), 1 << 16)) {
            try (SequenceWriter seq = Json.listWriter(buffered)) {
                body.accept(records -> write(seq, records));
            }
            buffered.write('\n');
        }
    }

    private static void write(SequenceWriter seq, List<RankingExample> records) {
        try {
            for (RankingExample r : records) {
                seq.write(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the summary and the sidecar (after {@link #writeData}). {@code llmRun}: requests, cache
     * hits and timing of this run, recorded under "run".
     */
    void writeSummaryAndSidecar(DealGraph graph, long rows, Map<String, Object> summary, ValidationReport report,
                                boolean complete, Map<String, Object> clusters, Map<String, Object> llm,
                                Map<String, Object> llmRun, List<String> warnings) throws IOException {
        String dataSha = Hex.encodeHexString(sha.digest());
        Path summaryTemp = out.temp(cfg.summary());
        Json.write(summaryTemp, summary);
        RunMetadata meta = new RunMetadata("ranking-queries", cfg.seed());
        for (DealGraph.SourceFile f : graph.sources()) {
            meta.input(f.path(), f.sha256(), f.bytes());
        }
        meta.output(cfg.output(), dataSha, Files.size(dataTemp), rows);
        meta.output(cfg.summary(), summaryTemp, null);
        flags(meta);
        meta.validation(report.toMap());
        meta.extra("complete", complete);
        meta.extra("graph", graph.counts());
        meta.extra("clusters", clusters);
        meta.extra("quality", summary.get("quality"));
        meta.extra("llm", llm);
        meta.runFact("llm", llmRun);
        meta.extra("warnings", warnings);
        Json.write(out.temp(cfg.sidecar()), meta.toMap(cfg.threads(), cfg.sidecar().toAbsolutePath().getParent()));
    }

    private void flags(RunMetadata meta) {
        meta.flag("input", cfg.input()).flag("output", cfg.output()).flag("summary", cfg.summary())
                .flag("clusters", cfg.clusters()).flag("queries-per-cluster", cfg.queriesPerCluster())
                .flag("negatives-per-query", cfg.negativesPerQuery()).flag("negative-strategy", cfg.negativeStrategy().key())
                .flag("resume", cfg.resume()).flag("seed", cfg.seed()).flag("overwrite", cfg.overwrite())
                .flag("dry-run", cfg.dryRun()).flag("llm-base-url", cfg.llm().safeBaseUrl()).flag("llm-model", cfg.llm().model())
                .flag("llm-concurrency", cfg.llm().concurrency()).flag("llm-cache", cfg.llm().cacheDir());
    }
}
