package dev.dsgen.ranking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The output a {@code --resume} run extends: its records and the clusters they cover, read only
 * when its sidecar shows the same flags, the same deal files and this very file.
 */
final class ResumedOutput {
    static final ResumedOutput NONE = new ResumedOutput(List.of());
    final List<RankingExample> records;
    final Set<String> clusters = new LinkedHashSet<>();

    ResumedOutput(List<RankingExample> records) {
        this.records = records;
        for (RankingExample r : records) {
            clusters.add(r.clusterId());
        }
    }

    /** Each (cluster id, query) of the file once, in file order. */
    List<Map.Entry<String, String>> queries() {
        Set<String> seen = new HashSet<>();
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (RankingExample r : records) {
            if (seen.add(r.clusterId() + "\u0000" + r.query())) {
                out.add(Map.entry(r.clusterId(), r.query()));
            }
        }
        return out;
    }

    static ResumedOutput read(RankingConfig cfg, DealGraph graph) {
        Path output = cfg.output();
        if (!Files.exists(output)) {
            return NONE;
        }
        Path sidecar = cfg.sidecar();
        JsonNode meta;
        try {
            meta = Json.MAPPER.readTree(Files.readString(sidecar));
        } catch (IOException e) {
            throw DsgenException.input("cannot resume " + output + ": its sidecar " + sidecar
                    + " is missing or unreadable (--resume; drop --resume to start over)");
        }
        JsonNode flags = meta.path("flags");
        check(flags, "seed", cfg.seed());
        check(flags, "queries-per-cluster", cfg.queriesPerCluster());
        check(flags, "negatives-per-query", cfg.negativesPerQuery());
        check(flags, "negative-strategy", cfg.negativeStrategy().key());
        List<String> was = new ArrayList<>();
        for (JsonNode in : meta.path("inputs")) {
            was.add(in.path("sha256").asText());
        }
        List<String> now = new ArrayList<>();
        for (DealGraph.SourceFile f : graph.sources()) {
            now.add(f.sha256());
        }
        was.sort(null);
        now.sort(null);
        if (!was.equals(now)) {
            throw DsgenException.usage("cannot resume " + output + ": the deal files changed since it was written"
                    + " (--resume; drop it to start over)");
        }
        // The file must be the one the sidecar describes: a hand-edited output would be extended silently.
        String recorded = null;
        Path dir = sidecar.toAbsolutePath().getParent();
        for (JsonNode o : meta.path("outputs")) {
            if (dir.resolve(o.path("path").asText()).normalize().equals(output.toAbsolutePath().normalize())) {
                recorded = o.path("sha256").asText(null);
            }
        }
        byte[] bytes; // read once: hashed, then parsed (~50 MB at 10,000 clusters)
        try {
            bytes = Files.readAllBytes(output);
        } catch (IOException e) {
            throw DsgenException.input("cannot resume: cannot read " + output + ": " + e.getMessage() + " (--resume)");
        }
        if (recorded == null || !recorded.equals(DigestUtils.sha256Hex(bytes))) {
            throw DsgenException.input("cannot resume " + output + ": it is not the file its sidecar " + sidecar
                    + " describes (SHA-256 differs; edited or replaced) (--resume; drop it to start over)");
        }
        try {
            List<RankingExample> records = Json.MAPPER.readValue(bytes, new TypeReference<List<RankingExample>>() { });
            return new ResumedOutput(records == null ? List.of() : records);
        } catch (IOException e) {
            throw DsgenException.input("cannot resume: " + output + " is not a ranking-queries output: "
                    + e.getMessage().lines().findFirst().orElse("") + " (--resume)");
        }
    }

    private static void check(JsonNode flags, String name, Object now) {
        JsonNode was = flags.get(name);
        if (was == null || !was.asText().equals(String.valueOf(now))) {
            throw DsgenException.usage("cannot resume: the existing output was made with --" + name + " "
                    + (was == null ? "(unknown)" : was.asText()) + ", this run has " + now
                    + " (--" + name + "; use the same value, or drop --resume to start over)");
        }
    }
}
