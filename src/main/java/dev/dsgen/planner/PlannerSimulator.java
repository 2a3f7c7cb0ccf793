package dev.dsgen.planner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dsgen.core.Digits;
import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import dev.dsgen.io.OutputSet;
import dev.dsgen.io.StdStreams;
import dev.dsgen.planner.BulkLoader.Micros;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code planner-dataset simulate}: households of varied size and diet, their constraints, pantry
 * snapshots over time (some arriving late, some sharing a time), plan sessions (generated, then
 * accepted, rejected or ignored; accepted plans sometimes edited), app opens, and policy versions
 * rolled out over the period. Each household's activity comes from its own seeded stream, so the
 * data depends only on (seed, households, start, days). Loaded in bulk.
 */
public final class PlannerSimulator {
    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    private static final String[] CUISINES = {"italian", "mexican", "indian", "japanese", "mediterranean", "thai",
        "american", "chinese", "middle_eastern", "korean"};
    private static final String[] DIETS = {"vegetarian", "vegan", "gluten_free", "dairy_free", "nut_free", "halal",
        "kosher", "low_sodium"};
    private static final String[] INGREDIENTS = {"rice", "pasta", "chicken", "beef", "tofu", "lentils", "chickpeas",
        "eggs", "milk", "cheese", "yogurt", "tomatoes", "onions", "garlic", "spinach", "broccoli", "carrots",
        "potatoes", "peppers", "mushrooms", "salmon", "shrimp", "beans", "quinoa", "oats", "bread", "butter",
        "olive_oil", "peanuts", "almonds", "coconut_milk", "tortillas", "noodles", "zucchini", "cabbage", "apples"};
    private static final String[] UNITS = {"g", "kg", "ml", "l", "pcs"};
    private static final String[] RECIPES = {"lentil curry", "chicken stir fry", "veggie tacos", "pasta primavera",
        "salmon bowl", "tofu ramen", "bean chili", "greek salad", "mushroom risotto", "shakshuka", "pad thai",
        "bibimbap", "falafel wraps", "minestrone", "fried rice", "quinoa salad", "beef stew", "omelette",
        "chickpea masala", "burrito bowl", "teriyaki chicken", "caprese pasta", "miso soup", "stuffed peppers"};
    private static final String[] SLOTS = {"breakfast", "lunch", "dinner"};
    private static final String[] EDIT_TYPES = {"swap_recipe", "remove_meal", "change_servings", "add_meal"};
    private static final JsonFactory JSON = new JsonFactory();

    /** Row counts per table after a run. */
    public record Result(Map<String, Long> rows, String where) {
    }

    private final SimulateConfig cfg;

    public PlannerSimulator(SimulateConfig cfg) {
        this.cfg = cfg;
    }

    public Result run() {
        PlannerDb db = PlannerDb.of(cfg.dbUrl(), false);
        // The DuckDB file is an output: its path is checked and its folder made by the output set,
        // so that a run failing before its data is committed removes the folders it created.
        try (OutputSet out = OutputSet.declare(cfg.overwrite(), StdStreams.system()).database(db.duckdbPath(), "--db").begin()) {
            Result r = fill(db, out.overwrites());
            out.commit();
            return r;
        }
    }

    /** Creates the tables and loads them in one transaction. */
    private Result fill(PlannerDb db, boolean overwrite) {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = db.connect()) {
            if (!overwrite) {
                // simulate replaces its tables: with --no-overwrite, existing ones are a conflict before any change.
                for (String t : PlannerSchema.TABLES) {
                    if (exists(c, t)) {
                        throw DsgenException.conflict("table " + t + " already exists in " + db.where()
                                + " (--db; --no-overwrite was given; drop --no-overwrite to replace the tables)");
                    }
                }
            }
            // One transaction: a failed run leaves the tables as they were, never half dropped or half loaded.
            c.setAutoCommit(false);
            try {
                load(c, db, rows);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is closed below; the transaction dies with it
                }
                throw e;
            }
        } catch (SQLException e) {
            throw db.queryFailure("loading the simulated data", e);
        }
        return new Result(rows, db.where());
    }

    private void load(Connection c, PlannerDb db, Map<String, Long> rows) {
        for (String sql : PlannerSchema.ddl(db.dialect())) {
            exec(c, db, sql);
        }
        long startMicros = cfg.start().toEpochDay() * DAY;
        // Tables filled side by side: the second one is loaded after the first (deferred), as PostgreSQL
        // runs one COPY at a time per connection and another connection would not see this transaction.
        try (BulkLoader constraints = BulkLoader.deferred(c, db, "household_constraints",
                PlannerSchema.REQUIRED.get("household_constraints"));
             BulkLoader households = table(c, db, "households")) {
            for (int h = 0; h < cfg.households(); h++) {
                household(h, households, constraints);
            }
        }
        rows.put("households", (long) cfg.households());
        rows.put("household_constraints", (long) cfg.households());
        long snaps = 0;
        try (BulkLoader pantry = table(c, db, "pantry_snapshots")) {
            for (int h = 0; h < cfg.households(); h++) {
                snaps += pantry(h, startMicros, pantry);
            }
        }
        rows.put("pantry_snapshots", snaps);
        long[] counts = new long[2];
        try (BulkLoader edits = BulkLoader.deferred(c, db, "plan_edits", PlannerSchema.REQUIRED.get("plan_edits"));
             BulkLoader events = table(c, db, "exp.events")) {
            for (int h = 0; h < cfg.households(); h++) {
                activity(h, startMicros, events, edits, counts);
            }
        }
        rows.put("exp.events", counts[0]);
        rows.put("plan_edits", counts[1]);
        for (String sql : PlannerSchema.indexes(db.dialect())) {
            exec(c, db, sql);
        }
    }

    private static BulkLoader table(Connection c, PlannerDb db, String table) {
        return BulkLoader.open(c, db, table, PlannerSchema.REQUIRED.get(table));
    }

    private static boolean exists(Connection c, String table) {
        // A new statement per probe: after an error DuckDB closes the statement (and PostgreSQL runs in
        // autocommit: the probes come before the load's transaction, which a failed statement would abort).
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1 FROM " + table + " LIMIT 0");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void exec(Connection c, PlannerDb db, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw db.queryFailure("creating the schema", e);
        }
    }

    static String householdId(int h) {
        return "H" + Digits.pad(h, 7);
    }

    private Rng rng(String stream, int h) {
        return Seeds.rng(cfg.seed(), Seeds.stream("planner.sim." + stream), h);
    }

    private void household(int h, BulkLoader households, BulkLoader constraints) {
        Rng r = rng("household", h);
        double u = r.nextDouble();
        int size = u < 0.28 ? 1 : u < 0.62 ? 2 : u < 0.77 ? 3 : u < 0.90 ? 4 : u < 0.96 ? 5 : 6;
        List<String> prefs = distinct(r, CUISINES, 1 + r.nextInt(3));
        List<String> diets = r.chance(0.45) ? distinct(r, DIETS, 1 + r.nextInt(2)) : List.of();
        households.row(householdId(h), size, json(prefs), json(diets));
        double budget = Math.round((35 + size * 28 + (r.nextDouble() - 0.3) * 40) * 2) / 2.0;
        int[] prep = {15, 20, 30, 45, 60, 90};
        int maxPrep = prep[r.nextInt(prep.length)];
        List<String> excluded = r.chance(0.5) ? distinct(r, INGREDIENTS, 1 + r.nextInt(3)) : List.of();
        constraints.row(householdId(h), Math.max(10.0, budget), maxPrep, json(excluded));
    }

    /** Snapshots every 1-5 days from a random first day; a few late arrivals and same-time pairs. */
    private long pantry(int h, long startMicros, BulkLoader out) {
        Rng r = rng("pantry", h);
        long end = startMicros + cfg.days() * DAY;
        long t = startMicros + r.nextInt(3 * 24) * HOUR + r.nextInt(3600) * SECOND;
        int seq = 0;
        while (t < end) {
            if (r.chance(0.1)) {
                t = Math.floorDiv(t, DAY) * DAY + 12 * HOUR; // noon: plan sessions sometimes start exactly then
            }
            int copies = r.chance(0.03) ? 2 : 1;
            for (int k = 0; k < copies; k++) {
                double late = r.nextDouble();
                long lag = late < 0.90 ? r.nextInt(1, 600) * SECOND
                        : late < 0.98 ? r.nextInt(1, 12) * HOUR : r.nextInt(1, 3) * DAY;
                out.row(householdId(h) + "-S" + Digits.pad(seq++, 5), householdId(h), new Micros(t),
                        new Micros(t + lag), pantryItems(r));
            }
            t += r.nextInt(20, 120) * HOUR + r.nextInt(3600) * SECOND;
        }
        return seq;
    }

    private static String pantryItems(Rng r) {
        int n = r.nextInt(3, 10);
        List<String> names = distinct(r, INGREDIENTS, n);
        StringWriter w = new StringWriter(n * 48);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (String name : names) {
                g.writeStartObject();
                g.writeStringField("name", name);
                String unit = UNITS[r.nextInt(UNITS.length)];
                g.writeNumberField("quantity", unit.equals("pcs") ? r.nextInt(1, 12) : r.nextInt(1, 40) * 50);
                g.writeStringField("unit", unit);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Plan sessions and app opens, day by day. */
    private void activity(int h, long startMicros, BulkLoader events, BulkLoader edits, long[] counts) {
        Rng r = rng("activity", h);
        String hid = householdId(h);
        String workflow = r.chance(0.7) ? "plan-first" : "pantry-first";
        String mode = r.chance(0.6) ? "autopilot" : "copilot";
        double sessionRate = 0.3 + r.nextDouble() * 0.6;
        double canary = r.nextDouble();
        int seq = 0;
        int plans = 0;
        for (int d = 0; d < cfg.days(); d++) {
            long day = startMicros + d * DAY;
            if (r.chance(0.35)) {
                long t = day + r.nextInt(6 * 3600, 23 * 3600) * SECOND;
                events.row(eventId(hid, seq++), "app_opened", hid, new Micros(t), context(r, d, canary, workflow, mode),
                        "{}");
                counts[0]++;
            }
            if (!r.chance(sessionRate)) {
                continue;
            }
            long t = day + r.nextInt(6 * 3600, 22 * 3600) * SECOND;
            if (r.chance(0.02)) {
                t = day + 12 * HOUR; // on the hour: sometimes exactly at a snapshot time
            }
            String ctx = context(r, d, canary, workflow, mode);
            String planId = hid + "-P" + Digits.pad(plans++, 5);
            String plan = planJson(r, planId);
            events.row(eventId(hid, seq++), "plan_generated", hid, new Micros(t), ctx, payload(plan, planId));
            counts[0]++;
            double outcome = r.nextDouble();
            if (outcome < 0.72) {
                long at = t + r.nextInt(20, 7200) * SECOND;
                events.row(eventId(hid, seq++), "plan_accepted", hid, new Micros(at), ctx, payload(plan, planId));
                counts[0]++;
                if (r.chance(0.35)) {
                    int n = r.nextInt(1, 3);
                    long et = at;
                    for (int k = 0; k < n; k++) {
                        et += r.nextInt(60, 36 * 3600) * SECOND;
                        String type = EDIT_TYPES[r.nextInt(EDIT_TYPES.length)];
                        edits.row(planId + "-X" + k, planId, hid, new Micros(et), type, r.nextInt(1, 7),
                                type.equals("add_meal") ? null : RECIPES[r.nextInt(RECIPES.length)],
                                type.equals("remove_meal") ? null : RECIPES[r.nextInt(RECIPES.length)]);
                        counts[1]++;
                    }
                }
            } else if (outcome < 0.86) {
                long at = t + r.nextInt(20, 3600) * SECOND;
                events.row(eventId(hid, seq++), "plan_rejected", hid, new Micros(at), ctx,
                        "{\"plan_id\":\"" + planId + "\"}");
                counts[0]++;
            }
        }
    }

    private static String eventId(String hid, int seq) {
        return hid + "-E" + Digits.pad(seq, 5);
    }

    /** Policy versions: a new one every 14 days, rolled out to a growing share over its first 4 days. */
    private static String context(Rng r, int day, double canary, String workflow, String mode) {
        int version = day / 14;
        int into = day % 14;
        if (version > 0 && into < 4 && canary > (into + 1) / 5.0) {
            version--;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy_version_id", "pv-" + Digits.pad(version + 1, 3));
        if (!r.chance(0.03)) {
            m.put("workflow_type", workflow);
        }
        if (!r.chance(0.03)) {
            m.put("mode", r.chance(0.1) ? (mode.equals("autopilot") ? "copilot" : "autopilot") : mode);
        }
        return json(m);
    }

    private static String payload(String plan, String planId) {
        return "{\"plan_id\":\"" + planId + "\",\"plan\":" + plan + "}";
    }

    private static String planJson(Rng r, String planId) {
        int meals = r.nextInt(3, 7);
        StringWriter w = new StringWriter(meals * 120);
        double total = 0;
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("plan_id", planId);
            g.writeArrayFieldStart("meals");
            for (int i = 0; i < meals; i++) {
                g.writeStartObject();
                g.writeNumberField("day", i + 1);
                g.writeStringField("slot", SLOTS[r.nextInt(SLOTS.length)]);
                g.writeStringField("recipe", RECIPES[r.nextInt(RECIPES.length)]);
                g.writeNumberField("prep_minutes", r.nextInt(2, 18) * 5);
                double cost = r.nextInt(300, 2500) / 100.0;
                total += cost;
                g.writeNumberField("cost", cost);
                g.writeArrayFieldStart("ingredients");
                for (String ing : distinct(r, INGREDIENTS, r.nextInt(2, 4))) {
                    g.writeString(ing);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("total_cost", Math.round(total * 100) / 100.0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static List<String> distinct(Rng r, String[] from, int n) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < Math.min(n, from.length)) {
            String v = from[r.nextInt(from.length)];
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        out.sort(null);
        return out;
    }

    private static String json(Object value) {
        try {
            return dev.dsgen.io.Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
