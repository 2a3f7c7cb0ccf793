package dev.dsgen.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule checked item by item while output is read back: counts what was checked and what failed,
 * and keeps the first few failures as examples.
 */
public final class RowCheck {
    private static final int MAX_EXAMPLES = 3;
    private final String rule;
    private final String detail;
    private final List<String> examples = new ArrayList<>();
    private long checked;
    private long failures;

    public RowCheck(String rule, String detail) {
        this.rule = rule;
        this.detail = detail;
    }

    /** Records one item; {@code example} is only evaluated text for a failure. */
    public void check(boolean ok, String example) {
        checked++;
        if (!ok) {
            failures++;
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(example);
            }
        }
    }

    public RuleResult result() {
        return new RuleResult(rule, failures == 0, checked, failures, detail, examples);
    }
}
