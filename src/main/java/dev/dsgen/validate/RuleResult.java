package dev.dsgen.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one rule on written output.
 *
 * @param rule short stable name, e.g. {@code leads.email_plausible}
 * @param passed whether the rule holds
 * @param checked how many items were looked at
 * @param failures how many items broke the rule
 * @param detail one line: the threshold or the measured value
 * @param examples a few failing items, for the report
 */
public record RuleResult(String rule, boolean passed, long checked, long failures, String detail,
                         List<String> examples) {

    public RuleResult {
        examples = List.copyOf(examples);
    }

    public static RuleResult of(String rule, boolean passed, String detail) {
        return new RuleResult(rule, passed, 1, passed ? 0 : 1, detail, List.of());
    }

    /** A threshold rule: {@code actual >= minimum}. */
    public static RuleResult atLeast(String rule, long actual, long minimum) {
        return new RuleResult(rule, actual >= minimum, actual, actual >= minimum ? 0 : 1,
                actual + " >= " + minimum, List.of());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("passed", passed);
        m.put("checked", checked);
        m.put("failures", failures);
        m.put("detail", detail);
        m.put("examples", examples);
        return m;
    }
}
