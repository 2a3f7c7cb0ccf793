package dev.dsgen.ranking;

import dev.dsgen.core.Rng;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.lang3.StringUtils;

/**
 * Deterministic analyst-style queries for a cluster, written from its attributes when no LLM is
 * used ({@code --dry-run}) or its answer was unusable: the ways people search a deal database
 * (sector and region, deal type, vintage, size, sponsor, "add-ons by X-backed platforms", exits and
 * recaps), each with several phrasings. A pure function of (cluster, rng).
 */
final class FallbackQueries {
    private static final Set<String> THE_REGIONS = Set.of("northeast", "southeast", "midwest", "mountain west",
            "west coast", "mid-atlantic", "nordics", "united kingdom", "southwest", "pacific northwest", "gulf coast",
            "great lakes");
    private static final Map<String, List<String>> SECTOR_WORDS = Map.ofEntries(
            Map.entry("healthcare services", List.of("healthcare services", "healthcare", "provider services")),
            Map.entry("industrial services", List.of("industrial services", "commercial services", "field services")),
            Map.entry("software", List.of("software", "SaaS", "vertical software")),
            Map.entry("it services", List.of("IT services", "managed services", "tech-enabled services")),
            Map.entry("business services", List.of("business services", "B2B services", "outsourced services")),
            Map.entry("consumer", List.of("consumer", "consumer services", "multi-unit consumer")),
            Map.entry("food & beverage", List.of("food and beverage", "F&B", "food manufacturing")),
            Map.entry("building products", List.of("building products", "building materials", "construction products")),
            Map.entry("specialty distribution", List.of("specialty distribution", "distribution", "value-added distribution")),
            Map.entry("financial services", List.of("financial services", "fin services", "insurance and wealth")),
            Map.entry("education", List.of("education", "edtech and education services", "education services")),
            Map.entry("environmental services", List.of("environmental services", "environmental", "waste and water")),
            Map.entry("transportation & logistics", List.of("transportation and logistics", "logistics", "T&L")),
            Map.entry("aerospace & defense", List.of("aerospace and defense", "A&D", "aerospace")));
    private static final Pattern LINE = Pattern.compile(
            "(?:provides|provider of|focused on|specializ(?:es|ing) in|offers|operates)\\s+([^.,;]+?)(?:\\s+(?:in|across|to|for|from|with)\\s|[.,;]|$)");

    private static final String[] ROLLUP = {"buy-and-build", "roll-up", "consolidation play", "add-on strategy"};
    private static final String[] ADDON_WORD = {"add-ons", "add-on acquisitions", "bolt-ons", "tuck-ins", "follow-on acquisitions"};
    private static final String[] PLATFORM_WORD = {"platform", "platform investment", "platform deal", "initial platform"};
    private static final String[] FIND = {"", "", "show me ", "find ", "list ", "looking for ", "any "};

    /** The attributes queries are written from. */
    record Facts(String name, String sector, List<String> sectorWords, String region, int year, String sizeBand,
                 String line, String sponsor, int addOns, List<String> addOnNames, List<String> addOnRegions,
                 List<DealEvent> events) {
    }

    private FallbackQueries() {
    }

    static Facts facts(Cluster c) {
        Deal p = c.platform();
        String sector = p.sector();
        List<String> words = SECTOR_WORDS.getOrDefault(sector.toLowerCase(Locale.ROOT), List.of(sector.toLowerCase(Locale.ROOT)));
        List<String> addOnRegions = new ArrayList<>();
        for (Deal a : c.addOns()) {
            if (!a.region().equals(p.region()) && !addOnRegions.contains(a.region())) {
                addOnRegions.add(a.region());
            }
        }
        return new Facts(p.name(), sector, words, p.region(), p.year(), p.sizeBand(), line(p.description()),
                p.sponsor(), c.addOns().size(), c.addOns().stream().map(Deal::name).toList(), addOnRegions, c.events());
    }

    /** The business line named in a description ("provides commercial HVAC maintenance across Ohio"), or null. */
    static String line(String description) {
        Matcher m = LINE.matcher(description);
        if (m.find()) {
            String s = m.group(1).strip();
            if (s.startsWith("a ") || s.startsWith("an ") || s.startsWith("the ")) {
                s = s.substring(s.indexOf(' ') + 1);
            }
            int words = s.split("\\s+").length;
            if (words >= 1 && words <= 7) {
                return s;
            }
        }
        return null;
    }

    /**
     * Up to {@code max} distinct queries for the cluster, best first: the first few cover
     * different angles, later ones are spares used when an earlier cluster already took a query.
     */
    static List<String> write(Cluster c, Rng rng, int max) {
        Facts f = facts(c);
        List<BiFunction<Facts, Rng, String>> templates = new ArrayList<>(TEMPLATES);
        // Seeded Fisher-Yates: which angles a cluster gets depends only on its own rng.
        for (int i = templates.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            var t = templates.get(i);
            templates.set(i, templates.get(j));
            templates.set(j, t);
        }
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 3 && out.size() < max; round++) {
            for (BiFunction<Facts, Rng, String> t : templates) {
                if (out.size() >= max) {
                    break;
                }
                String q = t.apply(f, rng);
                if (q != null) {
                    q = StringUtils.normalizeSpace(q);
                    if (seen.add(normalize(q))) {
                        out.add(q);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Case, spacing and end punctuation folded: two queries that differ only so are one query. */
    static String normalize(String q) {
        // After normalizeSpace the only whitespace left is single spaces.
        return StringUtils.stripEnd(StringUtils.normalizeSpace(q.toLowerCase(Locale.ROOT)), "?.! ");
    }

    private static String in(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        if (r.endsWith("coast")) {
            return "on the " + region;
        }
        return THE_REGIONS.contains(r) ? "in the " + region : "in " + region;
    }

    private static String regionAdj(Rng r, String region) {
        return switch (r.nextInt(3)) {
            case 0 -> region;
            case 1 -> region + "-based";
            default -> region.equalsIgnoreCase("midwest") ? "midwestern" : region;
        };
    }

    private static String size(Rng r, String band) {
        String b = band.replace(" ", "");
        List<String> names = switch (b) {
            case "<$25M" -> List.of("sub-$25M", "small-cap", "lower middle market");
            case "$25-100M" -> List.of("$25-100M", "lower middle market", "LMM");
            case "$100-250M" -> List.of("$100-250M", "middle market", "core middle market");
            case "$250-500M" -> List.of("$250-500M", "upper middle market", "UMM");
            case "$500M-1B" -> List.of("$500M-1B", "upper middle market", "large-cap");
            case ">$1B" -> List.of("$1B+", "large-cap", "billion-dollar");
            default -> List.of(band);
        };
        return r.pick(names);
    }

    private static String vintage(Rng r, int year) {
        return switch (r.nextInt(5)) {
            case 0 -> "in " + year;
            case 1 -> (year - 1) + "-" + (year + 1);
            case 2 -> year + " vintage";
            case 3 -> "around " + year;
            default -> "closed " + year;
        };
    }

    private static String sector(Rng r, Facts f) {
        return r.pick(f.sectorWords());
    }

    private static String what(Rng r, Facts f) {
        return f.line() != null && r.chance(0.6) ? f.line() : sector(r, f);
    }

    private static DealEvent event(Facts f, String type) {
        for (DealEvent e : f.events()) {
            if (e.type().equals(type)) {
                return e;
            }
        }
        return null;
    }

    private static final List<BiFunction<Facts, Rng, String>> TEMPLATES = List.of(
        // sector + region
        (f, r) -> r.pick(FIND) + regionAdj(r, f.region()) + " " + what(r, f) + " " + r.pick(ROLLUP),
        (f, r) -> r.pick(FIND) + what(r, f) + " " + r.pick(PLATFORM_WORD) + " " + in(f.region()) + " " + vintage(r, f.year()),
        (f, r) -> "PE-backed " + what(r, f) + " companies " + in(f.region()),
        // deal type + sector
        (f, r) -> f.addOns() == 0 ? null : r.pick(ADDON_WORD) + " in " + what(r, f) + " " + in(f.region()),
        (f, r) -> f.addOns() < 2 ? null : regionAdj(r, f.region()) + " " + sector(r, f) + " platforms with "
                + (f.addOns() >= 4 ? "4+" : f.addOns() >= 3 ? "3+" : "multiple") + " " + r.pick(ADDON_WORD),
        (f, r) -> f.line() == null ? null : "who is rolling up " + f.line() + " " + in(f.region()),
        // sponsor
        (f, r) -> f.sponsor() == null || f.addOns() == 0 ? null
                : r.pick(ADDON_WORD) + " by " + f.sponsor() + "-backed " + sector(r, f) + " platforms",
        (f, r) -> f.sponsor() == null ? null : f.sponsor() + " " + sector(r, f) + " " + r.pick(PLATFORM_WORD) + " " + vintage(r, f.year()),
        (f, r) -> f.sponsor() == null ? null : r.pick(new String[] {"what did ", "deals by ", "portfolio of "}) + f.sponsor()
                + (r.chance(0.5) ? " buy " : " in ") + sector(r, f) + (r.chance(0.5) ? " " + in(f.region()) : ""),
        // size
        (f, r) -> size(r, f.sizeBand()) + " " + what(r, f) + " deals " + in(f.region()),
        (f, r) -> size(r, f.sizeBand()) + " " + sector(r, f) + " " + r.pick(PLATFORM_WORD) + " " + vintage(r, f.year())
                + (f.sponsor() != null && r.chance(0.5) ? " " + f.sponsor() : ""),
        // year
        (f, r) -> sector(r, f) + " " + r.pick(ROLLUP) + " started " + r.pick(new String[] {"in " + f.year(), "around " + f.year(), (f.year() - 1) + "-" + (f.year() + 1)}) + " " + in(f.region()),
        // the platform by name
        (f, r) -> f.addOns() == 0 ? null : r.pick(ADDON_WORD) + " made by " + f.name(),
        (f, r) -> r.pick(new String[] {"", "companies like ", "comps for ", "similar to "}) + f.name()
                + (r.chance(0.5) ? " " + sector(r, f) : ""),
        (f, r) -> f.addOnNames().isEmpty() ? null : "who acquired " + r.pick(f.addOnNames()),
        (f, r) -> f.addOnNames().isEmpty() ? null : r.pick(new String[] {"platform that bought ", "acquirer of ", "parent company of "})
                + r.pick(f.addOnNames()),
        // geographic expansion
        (f, r) -> f.addOnRegions().isEmpty() ? null : regionAdj(r, f.region()) + " " + sector(r, f) + " platform expanding into "
                + in(f.addOnRegions().get(0)).replaceFirst("^(in|on) ", ""),
        // events
        (f, r) -> {
            DealEvent e = event(f, "exit");
            return e == null ? null : r.pick(new String[] {"", "realized ", "exited "}) + sector(r, f) + " platforms sold " + vintage(r, e.year())
                    + (e.counterparty() != null && r.chance(0.6) ? " to " + e.counterparty() : "");
        },
        (f, r) -> {
            DealEvent e = event(f, "exit");
            return e == null || e.counterparty() == null ? null
                    : r.pick(new String[] {"secondary buyouts of ", "sponsor-to-sponsor exits in ", "SBOs in "}) + what(r, f)
                    + (r.chance(0.5) ? " " + in(f.region()) : " " + e.year());
        },
        (f, r) -> {
            DealEvent e = event(f, "recap");
            return e == null ? null : r.pick(new String[] {"dividend recaps of ", "recapitalized ", "recap "}) + sector(r, f)
                    + " " + r.pick(new String[] {"platforms ", "companies ", "businesses "}) + vintage(r, e.year());
        },
        (f, r) -> {
            DealEvent e = event(f, "refinancing");
            return e == null ? null : r.pick(new String[] {"refinancing of ", "debt refi for ", "recent refinancings of "})
                    + (f.sponsor() != null && r.chance(0.5) ? f.sponsor() + "-backed " : "PE-owned ") + what(r, f)
                    + (r.chance(0.5) ? " " + e.year() : " " + in(f.region()));
        },
        (f, r) -> f.events().isEmpty() && f.year() <= 2019 ? "unexited " + sector(r, f) + " " + r.pick(PLATFORM_WORD)
                + "s from " + f.year() + (f.sponsor() != null && r.chance(0.5) ? " held by " + f.sponsor() : "") : null
    );
}
