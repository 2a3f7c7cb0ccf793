package dev.dsgen.entities;

import dev.dsgen.io.CsvTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled reference tables (see {@code resources/dev/dsgen/entities/SOURCES.md}): name
 * frequencies, places with agreeing city/state/ZIP/area code, streets, USPS suffixes, email
 * domains, company words and nicknames. Loaded once; immutable.
 */
public final class ReferenceData {
    private static final String DIR = "/dev/dsgen/entities/";

    /** A city with the postal codes and area codes that belong to it. */
    public record Place(String city, String region, String country, int zipMin, int zipMax,
                        List<String> fsas, List<String> areaCodes) {
    }

    /** A street suffix: full word and its USPS Publication 28 abbreviation. */
    public record Suffix(String full, String usps) {
    }

    public final WeightedSampler<String> surnames;
    public final WeightedSampler<String> femaleNames;
    public final WeightedSampler<String> maleNames;
    public final WeightedSampler<Place> usPlaces;
    public final WeightedSampler<Place> caPlaces;
    public final WeightedSampler<String> streets;
    public final List<Suffix> suffixes;
    public final WeightedSampler<Integer> suffixIndex;
    public final WeightedSampler<String> usDomains;
    public final WeightedSampler<String> caDomains;
    public final List<String> companyStems;
    public final List<String> companyIndustries;
    public final List<String> companySuffixes;
    public final Nicknames nicknames;
    /** (make, model) weighted by sales. */
    public final WeightedSampler<String[]> vehicles;

    private static volatile ReferenceData instance;

    public static ReferenceData get() {
        ReferenceData r = instance;
        if (r == null) {
            synchronized (ReferenceData.class) {
                r = instance;
                if (r == null) {
                    r = new ReferenceData();
                    instance = r;
                }
            }
        }
        return r;
    }

    private ReferenceData() {
        // Surnames: table weights are per 100k people (2010 Census), so common names keep their real
        // share (Smith ~0.8%, the top ten ~5%). The ~59% of people with rarer names share a long
        // tail of ~5,400 real surnames of the origins common in North America, each rare, instead
        // of inflating the table's own names.
        List<String> names = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        java.util.Set<String> known = new java.util.HashSet<>();
        for (String[] row : rows("surnames.csv")) {
            names.add(row[0]);
            known.add(row[0].toLowerCase(Locale.ROOT));
            weights.add(Double.parseDouble(row[1]));
        }
        double covered = weights.stream().mapToDouble(Double::doubleValue).sum();
        List<String> tail = new ArrayList<>();
        for (String[] row : rows("surnames_tail.csv")) {
            if (!known.contains(row[0].toLowerCase(Locale.ROOT))) {
                tail.add(row[0]);
            }
        }
        double perTail = Math.max(0, 100_000.0 - covered) / tail.size();
        for (String t : tail) {
            names.add(t);
            weights.add(perTail);
        }
        surnames = WeightedSampler.of(names, weights);

        List<String> fNames = new ArrayList<>();
        List<Double> fWeights = new ArrayList<>();
        List<String> mNames = new ArrayList<>();
        List<Double> mWeights = new ArrayList<>();
        for (String[] row : rows("first_names.csv")) {
            if (row[1].equals("F")) {
                fNames.add(row[0]);
                fWeights.add(Double.parseDouble(row[2]));
            } else {
                mNames.add(row[0]);
                mWeights.add(Double.parseDouble(row[2]));
            }
        }
        femaleNames = WeightedSampler.of(fNames, fWeights);
        maleNames = WeightedSampler.of(mNames, mWeights);

        List<Place> us = new ArrayList<>();
        List<Double> usPop = new ArrayList<>();
        for (String[] row : rows("us_places.csv")) {
            us.add(new Place(row[0], row[1], "US", Integer.parseInt(row[2]), Integer.parseInt(row[3]),
                    List.of(), List.of(row[4].split("\\|"))));
            usPop.add(Double.parseDouble(row[5]));
        }
        usPlaces = WeightedSampler.of(us, usPop);
        List<Place> ca = new ArrayList<>();
        List<Double> caPop = new ArrayList<>();
        for (String[] row : rows("ca_places.csv")) {
            ca.add(new Place(row[0], row[1], "CA", 0, 0, List.of(row[2].split("\\|")),
                    List.of(row[3].split("\\|"))));
            caPop.add(Double.parseDouble(row[4]));
        }
        caPlaces = WeightedSampler.of(ca, caPop);

        List<String> streetNames = new ArrayList<>();
        List<Double> streetWeights = new ArrayList<>();
        for (String[] row : rows("streets.csv")) {
            streetNames.add(row[0]);
            streetWeights.add(Double.parseDouble(row[1]));
        }
        streets = WeightedSampler.of(streetNames, streetWeights);

        List<Suffix> sfx = new ArrayList<>();
        List<Integer> sfxIdx = new ArrayList<>();
        List<Double> sfxWeights = new ArrayList<>();
        for (String[] row : rows("street_suffixes.csv")) {
            sfxIdx.add(sfx.size());
            sfx.add(new Suffix(title(row[0]), title(row[1])));
            sfxWeights.add(Double.parseDouble(row[2]));
        }
        suffixes = List.copyOf(sfx);
        suffixIndex = WeightedSampler.of(sfxIdx, sfxWeights);

        List<String> usD = new ArrayList<>();
        List<Double> usW = new ArrayList<>();
        List<String> caD = new ArrayList<>();
        List<Double> caW = new ArrayList<>();
        for (String[] row : rows("email_domains.csv")) {
            double w = Double.parseDouble(row[2]);
            if (!row[1].equals("CA")) {
                usD.add(row[0]);
                usW.add(w);
            }
            if (!row[1].equals("US")) {
                caD.add(row[0]);
                caW.add(w);
            }
        }
        usDomains = WeightedSampler.of(usD, usW);
        caDomains = WeightedSampler.of(caD, caW);

        List<String> stems = new ArrayList<>();
        List<String> industries = new ArrayList<>();
        List<String> csfx = new ArrayList<>();
        for (String[] row : rows("company_words.csv")) {
            switch (row[1]) {
                case "stem" -> stems.add(row[0]);
                case "industry" -> industries.add(row[0]);
                case "suffix" -> csfx.add(row[0]);
                default -> {
                }
            }
        }
        companyStems = List.copyOf(stems);
        companyIndustries = List.copyOf(industries);
        companySuffixes = List.copyOf(csfx);
        nicknames = Nicknames.load(DIR + "nicknames/names.csv");
        List<String[]> cars = new ArrayList<>();
        List<Double> carWeights = new ArrayList<>();
        for (String[] row : rows("vehicles.csv")) {
            cars.add(new String[] {row[0], row[1]});
            carWeights.add(Double.parseDouble(row[2]));
        }
        vehicles = WeightedSampler.of(cars, carWeights);
    }

    private static List<String[]> rows(String file) {
        List<String[]> out = new ArrayList<>();
        for (Iterator<String[]> it = CsvTable.resource(DIR + file); it.hasNext(); ) {
            String[] row = it.next();
            if (row.length > 0 && !(row.length == 1 && row[0].isEmpty())) {
                out.add(row);
            }
        }
        return out;
    }

    static String title(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Given names and their nicknames, both ways (Alexander to Alex and Alex to Alexander). */
    public static final class Nicknames {
        private final Map<String, List<String>> nicknamesOf;
        private final Map<String, List<String>> formalsOf;

        private Nicknames(Map<String, List<String>> nicknamesOf, Map<String, List<String>> formalsOf) {
            this.nicknamesOf = nicknamesOf;
            this.formalsOf = formalsOf;
        }

        static Nicknames load(String resource) {
            Map<String, List<String>> nick = new HashMap<>();
            Map<String, List<String>> formal = new HashMap<>();
            for (Iterator<String[]> it = CsvTable.resource(resource); it.hasNext(); ) {
                String[] row = it.next();
                if (row.length < 3 || !row[1].equals("has_nickname")) {
                    continue;
                }
                String a = row[0].toLowerCase(Locale.ROOT);
                String b = row[2].toLowerCase(Locale.ROOT);
                nick.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                formal.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
                // Also keyed as the name tables spell names (Alexander), which spares a
                // toLowerCase per lookup on the hot path.
                nick.computeIfAbsent(title(a), k -> new ArrayList<>()).add(b);
                formal.computeIfAbsent(title(b), k -> new ArrayList<>()).add(a);
            }
            nick.replaceAll((k, v) -> List.copyOf(v));
            formal.replaceAll((k, v) -> List.copyOf(v));
            return new Nicknames(Collections.unmodifiableMap(nick), Collections.unmodifiableMap(formal));
        }

        /** Nicknames of a given name (lower case), or an empty list. */
        public List<String> nicknamesOf(String name) {
            List<String> direct = nicknamesOf.get(name);
            return direct != null ? direct : nicknamesOf.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** Formal names a nickname stands for (lower case), or an empty list. */
        public List<String> formalsOf(String name) {
            List<String> direct = formalsOf.get(name);
            return direct != null ? direct : formalsOf.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** Whether two given names are equal or one is a nickname of the other. */
        public boolean equivalent(String a, String b) {
            String x = a.toLowerCase(Locale.ROOT).trim();
            String y = b.toLowerCase(Locale.ROOT).trim();
            return x.equals(y) || nicknamesOf(x).contains(y) || nicknamesOf(y).contains(x);
        }
    }
}
