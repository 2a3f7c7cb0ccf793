package dev.dsgen.tools;

import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a seeded, realistic deal graph in the {@code ranking-queries} input format
 * (docs/deal-graph.md): platforms with their add-ons spread over {@code deals-N.json} files and
 * their exits, recaps and refinancings in {@code events.json}. Rebuilds {@code samples/deals/}
 * (120 platforms, seed 7) and makes larger graphs for benchmarks. Not a test; run it with:
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q test-compile && java -cp target/dsgen.jar:target/test-classes dev.dsgen.tools.DealSampleGenerator samples/deals 120 7</pre>
 *
 * Arguments: output directory, number of platforms, seed. Same arguments, same bytes.
 */
public final class DealSampleGenerator {
    /** Sector, then business lines (what the companies do), then name words. */
    private static final String[][][] SECTORS = {
        {{"Healthcare Services"}, {"physical therapy clinics", "dental support services", "outpatient behavioral health",
            "home health and hospice care", "dermatology practices", "veterinary hospitals", "ambulatory surgery centers"},
            {"Health Partners", "Care Group", "Therapy Partners", "Dental Partners", "Medical Group", "Vet Partners"}},
        {{"Industrial Services"}, {"commercial HVAC maintenance", "fire and life safety inspection", "industrial cleaning",
            "crane and rigging services", "elevator maintenance", "electrical contracting"},
            {"Mechanical", "Fire Protection", "Industrial Services", "Service Group", "Electric"}},
        {{"Software"}, {"vertical SaaS for property managers", "payroll software for small businesses",
            "practice management software for clinics", "construction project management software",
            "compliance software for banks", "fleet telematics software"},
            {"Software", "Systems", "Technologies", "Cloud", "Labs"}},
        {{"IT Services"}, {"managed IT services", "cybersecurity managed services", "cloud migration consulting",
            "data center services", "IT staffing"}, {"Technology Partners", "IT Solutions", "Networks", "Digital"}},
        {{"Business Services"}, {"commercial landscaping", "light industrial staffing", "document management outsourcing",
            "facility janitorial services", "background screening", "marketing services for franchises"},
            {"Services", "Solutions", "Outsourcing", "Group", "Facility Services"}},
        {{"Consumer"}, {"express car washes", "boutique fitness studios", "pet grooming and boarding",
            "premium pet food", "outdoor apparel", "collision repair centers"},
            {"Brands", "Car Wash", "Fitness", "Pet Care", "Outfitters"}},
        {{"Food & Beverage"}, {"specialty bakery products", "contract food manufacturing", "foodservice distribution",
            "craft beverages", "frozen prepared meals"}, {"Foods", "Bakery", "Provisions", "Beverage Co.", "Kitchens"}},
        {{"Building Products"}, {"windows and doors", "roofing distribution", "kitchen cabinets", "HVAC equipment distribution",
            "engineered flooring"}, {"Building Products", "Supply", "Windows", "Roofing Supply", "Cabinetry"}},
        {{"Specialty Distribution"}, {"MRO distribution", "electrical supplies distribution", "packaging distribution",
            "industrial gas distribution", "janitorial supplies distribution"},
            {"Distribution", "Supply Co.", "Industrial Supply", "Packaging"}},
        {{"Financial Services"}, {"independent insurance brokerage", "wealth management", "specialty lending",
            "tax and accounting services", "payments processing for merchants"},
            {"Insurance Group", "Wealth Partners", "Financial", "Advisors", "Capital Services"}},
        {{"Education"}, {"early childhood education centers", "K-12 tutoring", "vocational training schools",
            "corporate training", "special education services"}, {"Learning", "Academy", "Education Group", "Schools"}},
        {{"Environmental Services"}, {"solid waste collection", "water and wastewater treatment", "environmental testing labs",
            "remediation services", "industrial recycling"}, {"Environmental", "Waste Services", "Water", "Recycling"}},
        {{"Transportation & Logistics"}, {"last-mile delivery", "cold storage warehousing", "freight brokerage",
            "less-than-truckload trucking", "third-party logistics"}, {"Logistics", "Freight", "Transport", "Cold Storage"}},
        {{"Aerospace & Defense"}, {"precision machining for aerospace", "aircraft MRO services", "defense electronics",
            "composite components"}, {"Aerospace", "Precision", "Defense Systems", "Aero Components"}},
    };

    /** Region, then the states or areas named in descriptions. */
    private static final String[][] REGIONS = {
        {"Northeast", "New York", "Massachusetts", "Connecticut", "New Jersey", "Pennsylvania"},
        {"Southeast", "Florida", "Georgia", "the Carolinas", "Tennessee", "Alabama"},
        {"Midwest", "Ohio", "Illinois", "Michigan", "Indiana", "Wisconsin", "Minnesota"},
        {"Texas", "Dallas-Fort Worth", "Houston", "Austin", "San Antonio"},
        {"Mountain West", "Colorado", "Utah", "Arizona", "Idaho"},
        {"West Coast", "California", "Oregon", "Washington"},
        {"Mid-Atlantic", "Virginia", "Maryland", "Delaware", "Washington, D.C."},
        {"Canada", "Ontario", "Quebec", "Alberta", "British Columbia"},
        {"United Kingdom", "London", "the Midlands", "Scotland", "the North West"},
        {"DACH", "Germany", "Austria", "Switzerland"},
        {"Nordics", "Sweden", "Norway", "Denmark", "Finland"},
    };

    private static final String[] PLATFORM_SIZES = {"<$25M", "$25-100M", "$100-250M", "$250-500M", "$500M-1B", ">$1B"};
    private static final double[] PLATFORM_SIZE_WEIGHTS = {0.10, 0.30, 0.27, 0.18, 0.10, 0.05};

    private static final String[] NAME_WORDS = {"Summit", "Keystone", "Blue Ridge", "Lakeshore", "Pioneer", "Evergreen",
        "Granite", "Meridian", "Northstar", "Atlas", "Harbor", "Cardinal", "Heritage", "Liberty", "Apex", "Beacon",
        "Crescent", "Frontier", "Ironwood", "Juniper", "Kestrel", "Landmark", "Magnolia", "Oakmont", "Pinnacle",
        "Quarry", "Redwood", "Sterling", "Tidewater", "Union", "Vantage", "Willow", "Bluewater", "Cedar Creek",
        "Copperline", "Driftwood", "Eastbridge", "Fairway", "Goldfield", "Highpoint", "Ironclad", "Jetstream",
        "Keel", "Lighthouse", "Millstone", "Northfield", "Overland", "Prairie", "Ridgeline", "Silverleaf",
        "Trailhead", "Upland", "Valley Forge", "Westgate", "Yellowstone", "Zenith", "Allegiant", "Bayview",
        "Clearwater", "Danforth", "Elmhurst", "Foxhall", "Glenmore", "Hawthorne", "Inverness", "Kingsley"};

    private static final String[] SPONSORS = {"Harbor Ridge Capital", "Ironbridge Partners", "Crestline Equity",
        "Northlight Capital Partners", "Tallgrass Equity", "Bluestem Partners", "Cobalt Hill Capital",
        "Sawtooth Equity Partners", "Granite Bay Capital", "Larkspur Partners", "Meadowbrook Capital",
        "Old Quarry Partners", "Pine Island Equity", "Red Oak Growth Partners", "Stonecrest Capital",
        "Three Rivers Equity", "Westfield Lane Partners", "Halcyon Park Capital", "Copper Canyon Partners",
        "Ashgrove Capital"};

    private static final String[] STRATEGICS = {"a strategic acquirer", "a publicly traded consolidator",
        "a larger industry peer", "a family office", "a pension fund's direct investment arm"};

    private static final String[] LENDERS = {"a unitranche facility from a direct lender", "a syndicated term loan B",
        "an asset-based revolver", "a second-lien term loan", "a private credit club deal"};

    private DealSampleGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples/deals");
        int platforms = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        write(dir, platforms, seed);
    }

    /** Writes the graph; files are {@code deals-1.json} ... and {@code events.json}. */
    public static void write(Path dir, int platforms, long seed) throws IOException {
        Files.createDirectories(dir);
        int files = Math.max(1, Math.min(8, platforms / 40));
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            deals.add(new ArrayList<>());
        }
        List<Map<String, Object>> events = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int dealNo = 0;
        int eventNo = 0;
        long stream = Seeds.stream("tools.deals");
        for (int p = 0; p < platforms; p++) {
            Rng rng = Seeds.rng(seed, stream, p);
            String[][] sector = SECTORS[rng.nextInt(SECTORS.length)];
            String[] region = REGIONS[rng.nextInt(REGIONS.length)];
            String sponsor = SPONSORS[rng.nextInt(SPONSORS.length)];
            int year = rng.nextInt(2008, 2023);
            int sizeIdx = weighted(rng, PLATFORM_SIZE_WEIGHTS);
            String line = rng.pick(sector[1]);
            String name = uniqueName(rng, sector, names);
            String platformId = id("D", ++dealNo);
            List<Map<String, Object>> file = deals.get(p % files);
            file.add(deal(platformId, name, "platform", sector[0][0], region[0], year, PLATFORM_SIZES[sizeIdx],
                    platformDescription(rng, name, line, region), null, sponsor));
            int addOns = Math.min(7, (int) Math.floor(-Math.log(1 - rng.nextDouble()) * 2.2));
            for (int a = 0; a < addOns; a++) {
                boolean otherRegion = rng.chance(0.25);
                String[] aRegion = otherRegion ? REGIONS[rng.nextInt(REGIONS.length)] : region;
                String aLine = rng.chance(0.6) ? line : rng.pick(sector[1]);
                String aName = uniqueName(rng, sector, names);
                int aYear = Math.min(2024, year + rng.nextInt(0, 5));
                String aSize = PLATFORM_SIZES[Math.max(0, sizeIdx - rng.nextInt(1, 3))];
                String aDesc = aName + " provides " + aLine + " in " + rng.pick(java.util.Arrays.copyOfRange(aRegion, 1, aRegion.length))
                        + "; acquired as an add-on to " + name + (otherRegion && aRegion != region ? ", extending it into the " + aRegion[0] + "." : ".");
                // Some add-ons live in another file than their platform: links cross files.
                deals.get((p + (rng.chance(0.2) ? 1 : 0)) % files).add(deal(id("D", ++dealNo), aName, "add_on", sector[0][0],
                        aRegion[0], aYear, aSize, aDesc, platformId, null));
            }
            int last = year;
            if (rng.chance(0.3)) {
                int y = Math.min(2024, year + rng.nextInt(2, 5));
                events.add(event(id("E", ++eventNo), platformId, "refinancing", y,
                        name + " refinanced its debt with " + rng.pick(LENDERS) + " to fund further add-ons.", null));
                last = y;
            }
            if (rng.chance(0.2)) {
                int y = Math.min(2024, last + rng.nextInt(1, 3));
                events.add(event(id("E", ++eventNo), platformId, "recap", y,
                        sponsor + " completed a dividend recapitalization of " + name + ".", null));
                last = y;
            }
            if (year <= 2020 && rng.chance(0.45)) {
                int y = Math.min(2024, Math.max(last + 1, year + rng.nextInt(3, 7)));
                boolean secondary = rng.chance(0.55);
                String buyer = secondary ? pickOther(rng, sponsor) : rng.pick(STRATEGICS);
                events.add(event(id("E", ++eventNo), platformId, "exit", y, sponsor + " sold " + name + " to " + buyer
                        + (secondary ? " in a secondary buyout." : "."), secondary ? buyer : null));
            }
        }
        for (int f = 0; f < files; f++) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("deals", deals.get(f));
            Files.writeString(dir.resolve("deals-" + (f + 1) + ".json"), Json.pretty(root));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("events", events);
        Files.writeString(dir.resolve("events.json"), Json.pretty(root));
    }

    private static String platformDescription(Rng rng, String name, String line, String[] region) {
        String where = region[1 + rng.nextInt(region.length - 1)];
        String where2 = region[1 + rng.nextInt(region.length - 1)];
        String places = where.equals(where2) ? where : where + " and " + where2;
        int founded = rng.nextInt(1965, 2012);
        int sites = rng.nextInt(3, 60);
        return switch (rng.nextInt(3)) {
            case 0 -> name + " provides " + line + " across " + places + ". Founded in " + founded + ", it operates "
                    + sites + " locations.";
            case 1 -> "Founded in " + founded + ", " + name + " is a leading provider of " + line + " in " + places
                    + " with " + sites + " sites.";
            default -> name + " is a " + places + "-based business focused on " + line + ", serving customers from "
                    + sites + " locations.";
        };
    }

    private static String uniqueName(Rng rng, String[][] sector, Set<String> names) {
        for (int attempt = 0; ; attempt++) {
            String base = rng.pick(NAME_WORDS) + " " + rng.pick(sector[2]);
            String n = attempt < 8 ? base : base + " " + (attempt - 6);
            if (names.add(n)) {
                return n;
            }
        }
    }

    private static String pickOther(Rng rng, String sponsor) {
        String s;
        do {
            s = rng.pick(SPONSORS);
        } while (s.equals(sponsor));
        return s;
    }

    private static int weighted(Rng rng, double[] weights) {
        double u = rng.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static String id(String prefix, int n) {
        return prefix + String.format("%06d", n);
    }

    private static Map<String, Object> deal(String id, String name, String kind, String sector, String region, int year,
                                            String size, String description, String platformId, String sponsor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("kind", kind);
        m.put("sector", sector);
        m.put("region", region);
        m.put("year", year);
        m.put("size_band", size);
        m.put("description", description);
        if (platformId != null) {
            m.put("platform_id", platformId);
        }
        if (sponsor != null) {
            m.put("sponsor", sponsor);
        }
        return m;
    }

    private static Map<String, Object> event(String id, String dealId, String type, int year, String description,
                                             String counterparty) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("deal_id", dealId);
        m.put("type", type);
        m.put("year", year);
        m.put("description", description);
        if (counterparty != null) {
            m.put("counterparty", counterparty);
        }
        return m;
    }
}
