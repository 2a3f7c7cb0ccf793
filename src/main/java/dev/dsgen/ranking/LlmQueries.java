package dev.dsgen.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.Seeds;
import dev.dsgen.llm.ChatMessage;
import dev.dsgen.llm.ChatParams;
import dev.dsgen.llm.JsonAnswer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The reverse-query prompt for one cluster and the check of the model's answer. */
final class LlmQueries {
    static final double TEMPERATURE = 0.7;
    static final int MAX_TOKENS = 600;
    private static final long STREAM = Seeds.stream("ranking.llm.seed");

    private LlmQueries() {
    }

    static List<ChatMessage> prompt(Cluster c, int queries) {
        String system = "You help build a search engine over private-equity deals. You write the search queries that "
                + "deal professionals (associates, analysts, operating partners) type into it. "
                + "Reply with JSON only, in the form {\"queries\": [\"...\", \"...\"]}.";
        StringBuilder u = new StringBuilder();
        Deal p = c.platform();
        u.append("Deal cluster\n");
        u.append("Platform: ").append(p.name()).append(" (").append(p.sector()).append(", ").append(p.region()).append(", ")
                .append(p.year()).append(", size ").append(p.sizeBand());
        if (p.sponsor() != null) {
            u.append(", sponsor ").append(p.sponsor());
        }
        u.append(")\n").append("Description: ").append(p.description()).append('\n');
        if (!c.addOns().isEmpty()) {
            u.append("Add-ons:\n");
            for (Deal a : c.addOns()) {
                u.append("- ").append(a.name()).append(" (").append(a.region()).append(", ").append(a.year()).append(", ")
                        .append(a.sizeBand()).append("): ").append(a.description()).append('\n');
            }
        }
        if (!c.events().isEmpty()) {
            u.append("Events:\n");
            for (DealEvent e : c.events()) {
                u.append("- ").append(e.year()).append(' ').append(e.type()).append(": ").append(e.description()).append('\n');
            }
        }
        u.append('\n').append("Write ").append(queries).append(" different search queries, 3 to 15 words each, that someone "
                + "would type when this platform and its add-ons are the right results. Vary the angle: sector and region, "
                + "deal type (platform, add-on, exit, recap), vintage year, size, sponsor, add-on activity. Write them the "
                + "way people search (short, no full sentences). Name the platform in at most one query.");
        return List.of(ChatMessage.system(system), ChatMessage.user(u.toString()));
    }

    static ChatParams params(long seed, Cluster c) {
        return new ChatParams(TEMPERATURE, Seeds.mix(seed, STREAM, Seeds.hash(c.id())) & 0x7fffffffL, MAX_TOKENS, true);
    }

    /** The usable queries of an answer, or null when fewer than {@code needed}: the answer is then asked again. */
    static List<String> read(JsonNode answer, int needed) {
        List<String> raw = JsonAnswer.strings(answer, "queries", "query");
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String q : raw) {
            String s = q.replaceAll("\\s+", " ").strip();
            if (s.startsWith("\"") && s.endsWith("\"") && s.length() > 2) {
                s = s.substring(1, s.length() - 1).strip();
            }
            int words = s.isEmpty() ? 0 : s.split(" ").length;
            if (words >= 2 && words <= 30 && s.length() <= 200 && seen.add(FallbackQueries.normalize(s))) {
                out.add(s);
            }
        }
        return out.size() >= needed ? out : null;
    }
}
