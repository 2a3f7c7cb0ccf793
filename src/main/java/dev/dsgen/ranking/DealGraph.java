package dev.dsgen.ranking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Parallel;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The deal graph: deals (platforms and add-ons) and events from every {@code *.json} file of a
 * directory (format: docs/deal-graph.md), checked for missing fields, duplicate ids and dangling
 * links (exit 3 naming the file and the id), grouped into clusters: a platform, its add-ons and
 * their events.
 */
public final class DealGraph {
    private final Map<String, Deal> deals;
    /** The same deals for lookups: hashing beats the sorted map's ~15 string comparisons per id. */
    private final Map<String, Deal> byId;
    private final List<Cluster> clusters;
    private final Map<String, Integer> clusterIndexOfDeal;
    private final List<SourceFile> sources;

    /** An input file as read: its SHA-256 and size come from the very bytes that were parsed. */
    public record SourceFile(Path path, String sha256, long bytes) {
    }

    private DealGraph(Map<String, Deal> deals, List<Cluster> clusters, List<SourceFile> sources) {
        this.deals = deals;
        this.byId = new HashMap<>(deals);
        this.clusters = clusters;
        this.sources = sources;
        this.clusterIndexOfDeal = new HashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            for (Deal d : clusters.get(i).members()) {
                clusterIndexOfDeal.put(d.id(), i);
            }
        }
    }

    /** Every deal by id, sorted by id. */
    public Map<String, Deal> deals() {
        return deals;
    }

    /** Clusters sorted by platform id. */
    public List<Cluster> clusters() {
        return clusters;
    }

    /** The input files read, sorted by name, with their fingerprints (for the metadata sidecar). */
    public List<SourceFile> sources() {
        return sources;
    }

    public Deal deal(String id) {
        return byId.get(id);
    }

    /** The cluster holding deal {@code id}, or null. */
    public Cluster clusterOf(String dealId) {
        Integer i = clusterIndexOfDeal.get(dealId);
        return i == null ? null : clusters.get(i);
    }

    /** Loads every {@code *.json} file of {@code dir} (sorted by name). */
    public static DealGraph load(Path dir) {
        return load(dir, 1);
    }

    /**
     * As {@link #load(Path)}, parsing up to {@code threads} files at once; the graph is the same
     * (files are merged in name order, and the first bad file in that order is the one reported).
     */
    public static DealGraph load(Path dir, int threads) {
        if (!Files.isDirectory(dir)) {
            throw DsgenException.input((Files.exists(dir) ? "input is not a directory: " : "input directory not found: ")
                    + dir + " (--input; the project ships a sample graph: --input samples/deals)");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw DsgenException.input("cannot list " + dir + ": " + e.getMessage() + " (--input)", e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        if (files.isEmpty()) {
            throw DsgenException.input("no *.json deal files in " + dir + " (--input; see docs/deal-graph.md)");
        }
        List<Deal> dealList = new ArrayList<>();
        List<DealEvent> events = new ArrayList<>();
        List<SourceFile> sources = new ArrayList<>(files.size());
        int workers = Math.min(threads, files.size());
        ExecutorService pool = workers <= 1 ? null : Parallel.daemonPool("dsgen-deal-files", workers);
        try {
            Parallel.mapOrdered(pool, workers, files.size(), i -> {
                List<Deal> d = new ArrayList<>();
                List<DealEvent> e = new ArrayList<>();
                SourceFile source = read(files.get(i), d, e);
                return new Parsed(source, d, e);
            }, r -> {
                sources.add(r.source());
                dealList.addAll(r.deals());
                events.addAll(r.events());
            });
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (dealList.isEmpty()) {
            throw DsgenException.input("no deals in the *.json files of " + dir + " (--input; see docs/deal-graph.md)");
        }
        return build(dealList, events, sources);
    }

    private record Parsed(SourceFile source, List<Deal> deals, List<DealEvent> events) {
    }

    /** Builds the graph from parsed deals and events, checking ids and links. */
    static DealGraph build(List<Deal> dealList, List<DealEvent> events, List<SourceFile> sources) {
        Map<String, String> fileOfId = new HashMap<>();
        Map<String, Deal> deals = new TreeMap<>();
        for (Deal d : dealList) {
            String first = fileOfId.putIfAbsent(d.id(), d.file());
            if (first != null) {
                throw DsgenException.input("duplicate id " + d.id() + " in " + d.file() + " (first in " + first + ") (--input)");
            }
            deals.put(d.id(), d);
        }
        for (DealEvent e : events) {
            String first = fileOfId.putIfAbsent(e.id(), e.file());
            if (first != null) {
                throw DsgenException.input("duplicate id " + e.id() + " in " + e.file() + " (first in " + first + ") (--input)");
            }
        }
        Map<String, List<Deal>> addOns = new TreeMap<>();
        for (Deal d : deals.values()) {
            if (d.kind() == DealKind.PLATFORM) {
                if (d.platformId() != null) {
                    throw DsgenException.input("platform " + d.id() + " in " + d.file()
                            + " has a platform_id; only add-ons belong to a platform (--input)");
                }
                addOns.computeIfAbsent(d.id(), k -> new ArrayList<>());
            }
        }
        for (Deal d : deals.values()) {
            if (d.kind() == DealKind.ADD_ON) {
                Deal p = deals.get(d.platformId());
                if (p == null) {
                    throw DsgenException.input("add-on " + d.id() + " in " + d.file() + " links to platform "
                            + d.platformId() + ", which is not in the graph (--input)");
                }
                if (p.kind() != DealKind.PLATFORM) {
                    throw DsgenException.input("add-on " + d.id() + " in " + d.file() + " links to " + p.id()
                            + ", which is an add-on, not a platform (--input)");
                }
                addOns.get(p.id()).add(d);
            }
        }
        Map<String, List<DealEvent>> eventsByPlatform = new HashMap<>();
        for (DealEvent e : events) {
            Deal d = deals.get(e.dealId());
            if (d == null) {
                throw DsgenException.input("event " + e.id() + " in " + e.file() + " links to deal " + e.dealId()
                        + ", which is not in the graph (--input)");
            }
            String platform = d.kind() == DealKind.PLATFORM ? d.id() : d.platformId();
            eventsByPlatform.computeIfAbsent(platform, k -> new ArrayList<>()).add(e);
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Map.Entry<String, List<Deal>> e : addOns.entrySet()) {
            List<DealEvent> evs = new ArrayList<>(eventsByPlatform.getOrDefault(e.getKey(), List.of()));
            evs.sort(Comparator.comparingInt(DealEvent::year).thenComparing(DealEvent::id));
            clusters.add(new Cluster(deals.get(e.getKey()), e.getValue(), evs));
        }
        return new DealGraph(java.util.Collections.unmodifiableMap(deals), List.copyOf(clusters), List.copyOf(sources));
    }

    /** Parses one file into {@code deals} and {@code events}; the file is read once, then hashed and parsed. */
    private static SourceFile read(Path f, List<Deal> deals, List<DealEvent> events) {
        JsonNode root;
        SourceFile source;
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(f);
            source = new SourceFile(f, DigestUtils.sha256Hex(bytes), bytes.length);
            root = Json.INPUT.readTree(bytes);
        } catch (JsonProcessingException e) {
            String duplicate = Json.duplicateKey(e, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            if (duplicate != null) {
                throw DsgenException.input("malformed JSON in " + f + ": " + duplicate + " (--input)");
            }
            var loc = e.getLocation();
            throw DsgenException.input("malformed JSON in " + f + " at line "
                    + (loc == null ? "?" : loc.getLineNr() + ", column " + loc.getColumnNr()) + ": "
                    + Json.reason(e) + " (--input)");
        } catch (IOException e) {
            throw DsgenException.input("cannot read " + f + ": " + e.getMessage() + " (--input)", e);
        }
        String file = f.toString();
        if (root == null || !root.isObject()) {
            throw DsgenException.input(file + " must hold one JSON object with a \"deals\" array (--input; see docs/deal-graph.md)");
        }
        JsonNode ds = root.path("deals");
        JsonNode es = root.path("events");
        if (!ds.isMissingNode() && !ds.isArray() || !es.isMissingNode() && !es.isArray()) {
            throw DsgenException.input(file + ": \"deals\" and \"events\" must be arrays (--input)");
        }
        int i = 0;
        for (JsonNode n : ds) {
            deals.add(deal(n, file, i++));
        }
        i = 0;
        for (JsonNode n : es) {
            events.add(event(n, file, i++));
        }
        return source;
    }

    private static Deal deal(JsonNode n, String file, int index) {
        String where = "deal #" + (index + 1);
        if (!n.isObject()) {
            throw DsgenException.input(where + " in " + file + " is not an object (--input)");
        }
        String id = text(n, "id", where, file, true);
        where = "deal " + id;
        String kindText = text(n, "kind", where, file, true);
        DealKind kind = DealKind.parse(kindText);
        if (kind == null) {
            throw DsgenException.input(where + " in " + file + ": kind must be platform or add_on, got '" + kindText
                    + "' (--input)");
        }
        String platformId = text(n, "platform_id", where, file, kind == DealKind.ADD_ON);
        return new Deal(id, text(n, "name", where, file, true), kind, text(n, "sector", where, file, true),
                text(n, "region", where, file, true), year(n, where, file), text(n, "size_band", where, file, true),
                text(n, "description", where, file, true), platformId, text(n, "sponsor", where, file, false), file);
    }

    private static DealEvent event(JsonNode n, String file, int index) {
        String where = "event #" + (index + 1);
        if (!n.isObject()) {
            throw DsgenException.input(where + " in " + file + " is not an object (--input)");
        }
        String id = text(n, "id", where, file, true);
        where = "event " + id;
        String type = text(n, "type", where, file, true);
        if (!DealEvent.TYPES.contains(type)) {
            throw DsgenException.input(where + " in " + file + ": type must be exit, recap or refinancing, got '"
                    + type + "' (--input)");
        }
        return new DealEvent(id, text(n, "deal_id", where, file, true), type, year(n, where, file),
                text(n, "description", where, file, true), text(n, "counterparty", where, file, false), file);
    }

    private static String text(JsonNode n, String field, String where, String file, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw DsgenException.input(where + " in " + file + ": missing field '" + field + "' (--input)");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw DsgenException.input(where + " in " + file + ": field '" + field + "' must be a non-empty string (--input)");
        }
        return v.asText().strip();
    }

    private static int year(JsonNode n, String where, String file) {
        JsonNode v = n.get("year");
        if (v == null || v.isNull()) {
            throw DsgenException.input(where + " in " + file + ": missing field 'year' (--input)");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1900 || v.asInt() > 2100) {
            throw DsgenException.input(where + " in " + file + ": year must be a whole number from 1900 to 2100, got "
                    + v + " (--input)");
        }
        return v.asInt();
    }

    /** Deal count per kind, for the summary. */
    public Map<String, Object> counts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", sources.size());
        m.put("deals", deals.size());
        m.put("platforms", clusters.size());
        m.put("add_ons", deals.size() - clusters.size());
        m.put("events", clusters.stream().mapToInt(c -> c.events().size()).sum());
        return m;
    }
}
