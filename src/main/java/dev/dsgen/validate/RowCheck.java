package dev.dsgen.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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

    /** Records one item, with {@code example} as the text shown if it failed. */
    public void check(boolean ok, String example) {
        check(ok, () -> example);
    }

    /** Records one item; {@code example} is built only for the first few failures (hot loops). */
    public void check(boolean ok, Supplier<String> example) {
        checked++;
        if (!ok) {
            failures++;
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(String.valueOf(example.get()));
            }
        }
    }

    /** Adds the counts and examples of a check run on a later part of the same data. */
    public void merge(RowCheck later) {
        checked += later.checked;
        failures += later.failures;
        for (String e : later.examples) {
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(e);
            }
        }
    }

    public RuleResult result() {
        return new RuleResult(rule, failures == 0, checked, failures, detail, examples);
    }
}
