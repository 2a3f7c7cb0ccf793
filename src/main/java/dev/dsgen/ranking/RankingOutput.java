package dev.dsgen.ranking;

import dev.dsgen.core.RunMetadata;
import dev.dsgen.io.JsonListWriter;
import dev.dsgen.io.OutputSet;
import dev.dsgen.io.StdStreams;
import dev.dsgen.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The outputs of a ranking-queries run in an {@link OutputSet}: the data file (one JSON list,
 * streamed; {@code -} is stdout), the summary ({@code -} is stdout) and the sidecar beside the data
 * file. Data on stdout has no sidecar: there is no place beside it.
 */
final class RankingOutput {
    private final RankingConfig cfg;
    private final OutputSet out;

    RankingOutput(RankingConfig cfg, OutputSet out) {
        this.cfg = cfg;
        this.out = out;
    }

    /** Every output of a run, and its input folder (no output may lie in it). */
    static OutputSet.Declaration declare(RankingConfig cfg, StdStreams std) {
        OutputSet.Declaration d = OutputSet.declare(cfg.overwrite(), std).stream(cfg.output(), "--output");
        if (hasSidecar(cfg)) {
            d.file(cfg.sidecar(), "--output");
        }
        return d.stream(cfg.summary(), "--summary").input(cfg.input(), "--input");
    }

    private static boolean hasSidecar(RankingConfig cfg) {
        return !StdStreams.isDash(cfg.output());
    }

    /** The data file as written so far, for the validation of what was written. */
    Path dataTemp() {
        return out.written(cfg.output());
    }

    /** Writes the data file: {@code body} hands its records, in order, to the sink it is given. */
    void writeData(Consumer<Consumer<List<RankingExample>>> body) {
        try (JsonListWriter list = out.jsonList(cfg.output())) {
            body.accept(list::writeAll);
        }
    }

    /**
     * Writes the summary and the sidecar (after {@link #writeData}). {@code llmRun}: requests, cache
     * hits and timing of this run, recorded under "run".
     */
    void writeSummaryAndSidecar(DealGraph graph, Map<String, Object> summary, ValidationReport report,
                                boolean complete, Map<String, Object> clusters, Map<String, Object> llm,
                                Map<String, Object> llmRun, List<String> warnings) {
        out.json(cfg.summary(), summary);
        if (!hasSidecar(cfg)) {
            return;
        }
        RunMetadata meta = new RunMetadata("ranking-queries", cfg.seed());
        for (DealGraph.SourceFile f : graph.sources()) {
            meta.input(f.path(), f.sha256(), f.bytes());
        }
        meta.flags(cfg.flags());
        meta.validation(report.toMap());
        meta.extra("complete", complete);
        meta.extra("graph", graph.counts());
        meta.extra("clusters", clusters);
        meta.extra("quality", summary.get("quality"));
        meta.extra("llm", llm);
        meta.runFact("llm", llmRun);
        meta.extra("warnings", warnings);
        out.sidecar(cfg.sidecar(), meta, cfg.threads());
    }

}
