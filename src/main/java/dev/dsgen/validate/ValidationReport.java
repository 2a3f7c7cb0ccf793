package dev.dsgen.validate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results of every rule run on a dataset; decides pass/fail (exit 4) for the whole run. */
public final class ValidationReport {
    private final List<RuleResult> results = new ArrayList<>();

    public ValidationReport add(RuleResult result) {
        results.add(result);
        return this;
    }

    public ValidationReport add(RowCheck check) {
        return add(check.result());
    }

    public List<RuleResult> results() {
        return List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(RuleResult::passed);
    }

    public List<RuleResult> failed() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** The report as recorded in summaries and metadata sidecars. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", passed());
        m.put("rules", results.size());
        m.put("failed", failed().stream().map(RuleResult::rule).toList());
        m.put("results", results.stream().map(RuleResult::toMap).toList());
        return m;
    }

    /** A fixed-width table: rule, PASS/FAIL, checked, failures, detail, then examples of failures. */
    public void print(PrintWriter out) {
        int width = results.stream().mapToInt(r -> r.rule().length()).max().orElse(4);
        out.printf("%-" + width + "s  %-6s %10s %9s  %s\n", "rule", "result", "checked", "failures", "detail");
        for (RuleResult r : results) {
            out.printf("%-" + width + "s  %-6s %10d %9d  %s\n", r.rule(), r.passed() ? "PASS" : "FAIL",
                    r.checked(), r.failures(), r.detail());
            if (!r.passed()) {
                for (String e : r.examples()) {
                    out.printf("%" + width + "s    e.g. %s\n", "", e);
                }
            }
        }
        out.printf("validation: %s (%d rules, %d failed)\n", passed() ? "PASSED" : "FAILED",
                results.size(), failed().size());
        out.flush();
    }
}
