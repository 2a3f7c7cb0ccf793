package dev.dsgen.planner;

import dev.dsgen.core.Version;
import dev.dsgen.validate.RuleResult;
import dev.dsgen.validate.ValidationReport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code dataset_summary.md}: what the dataset holds and how it was made; no wall-clock facts. */
final class PlannerSummary {
    private PlannerSummary() {
    }

    static Map<String, Object> fingerprintMap(Map<String, Scan.Fingerprint> fps) {
        Map<String, Object> m = new LinkedHashMap<>();
        fps.forEach((table, fp) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("rows_read", fp.rows);
            t.put("content_hash", fp.hex());
            m.put(table, t);
        });
        return m;
    }

    static Map<String, Object> facts(BuildConfig cfg, PlannerDb db, Map<String, Scan.Fingerprint> fps,
                                     PlannerValidation.Outcome v) {
        PlannerValidation.Stats st = v.stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset_version", cfg.date().toString());
        m.put("window", cfg.start() + " .. " + cfg.end() + " (UTC, end date inclusive)");
        m.put("rows", st.rows);
        m.put("by_event_type", st.byEventType);
        m.put("pantry_status", st.pantryStatus);
        m.put("previous_plan_found", st.previousPlanFound);
        Map<String, Object> lag = new LinkedHashMap<>();
        st.lagMicros.forEach((k, micros) -> lag.put(k, duration(micros)));
        m.put("pantry_lag", lag);
        Map<String, Object> nullRates = new LinkedHashMap<>();
        st.nulls.forEach((f, n) -> nullRates.put(f, rate(n, st.rows)));
        m.put("null_rates", nullRates);
        m.put("household_size", st.householdSize);
        m.put("budget", st.budget);
        m.put("max_prep_time", st.maxPrepTime);
        m.put("user_edits", st.userEdits);
        m.put("inputs", fingerprintMap(fps));
        m.put("source", db.where());
        m.put("seed", cfg.seed());
        m.put("version", Version.get());
        return m;
    }

    static String duration(long micros) {
        long s = micros / 1_000_000L;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60.0);
        }
        if (s < 172_800) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86400.0);
    }

    private static String rate(long n, long total) {
        return total == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", (double) n / total);
    }

    /** One table row "| key | value |" per entry of {@code map} (a {@code Map}), in its order. */
    private static void rows(StringBuilder s, Object map) {
        ((Map<?, ?>) map).forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> f, ValidationReport report, BuildConfig cfg) {
        StringBuilder s = new StringBuilder();
        s.append("# Planner training dataset ").append(f.get("dataset_version")).append("\n\n");
        s.append("- window: ").append(f.get("window")).append('\n');
        s.append("- rows: ").append(f.get("rows")).append('\n');
        s.append("- source: ").append(f.get("source")).append('\n');
        s.append("- dsgen ").append(f.get("version")).append(", seed ").append(f.get("seed")).append("\n\n");
        s.append("## Rows by event type\n\n| event_type | rows |\n|---|---:|\n");
        rows(s, f.get("by_event_type"));
        s.append("\n## Point-in-time join\n\n| pantry status | rows |\n|---|---:|\n");
        rows(s, f.get("pantry_status"));
        s.append("\nPrevious plan found: ").append(f.get("previous_plan_found")).append(" of ").append(f.get("rows"))
                .append(" rows.\n\nPantry lag (event time - snapshot time, matched rows):\n\n| percentile | lag |\n|---|---:|\n");
        rows(s, f.get("pantry_lag"));
        s.append("\n## Null rates\n\n| field | null rate |\n|---|---:|\n");
        rows(s, f.get("null_rates"));
        s.append("\n## Distributions (per example)\n\n| household size | rows |\n|---:|---:|\n");
        rows(s, f.get("household_size"));
        s.append("\n| budget | value |\n|---|---:|\n");
        rows(s, f.get("budget"));
        s.append("\n| max prep time (min) | rows |\n|---:|---:|\n");
        rows(s, f.get("max_prep_time"));
        s.append("\nUser edits attached: ").append(f.get("user_edits")).append(".\n");
        s.append("\n## Inputs (rows read by the ordered scans, 64-bit content hash of the values read)\n\n"
                + "| table | rows read | content hash |\n|---|---:|---|\n");
        ((Map<String, Map<String, Object>>) f.get("inputs")).forEach((k, v) -> s.append("| ").append(k).append(" | ")
                .append(v.get("rows_read")).append(" | `").append(v.get("content_hash")).append("` |\n"));
        s.append("\n## Point-in-time contract\n\n");
        SchemaJson.contract(cfg).forEach((k, v) -> s.append("- **").append(k).append("**: ").append(v).append('\n'));
        s.append("\n## Validation: ").append(report.passed() ? "PASSED" : "FAILED").append("\n\n"
                + "| rule | result | checked | failures | detail |\n|---|---|---:|---:|---|\n");
        for (RuleResult r : report.results()) {
            s.append("| ").append(r.rule()).append(" | ").append(r.passed() ? "PASS" : "FAIL").append(" | ")
                    .append(r.checked()).append(" | ").append(r.failures()).append(" | ")
                    .append(r.detail().replace("|", "\\|")).append(" |\n");
            for (String e : r.examples()) {
                s.append("|  | e.g. | | | ").append(e.replace("|", "\\|")).append(" |\n");
            }
        }
        return s.toString();
    }
}
