package dev.dsgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowCheckTest {

    @Test
    void noItemsPasses() {
        RuleResult r = new RowCheck("x.rule", "all rows").result();
        assertTrue(r.passed());
        assertEquals(0, r.checked());
        assertEquals(0, r.failures());
        assertEquals(List.of(), r.examples());
        assertEquals("x.rule", r.rule());
        assertEquals("all rows", r.detail());
    }

    @Test
    void countsCheckedAndFailedAndKeepsTheFirstThreeExamples() {
        RowCheck c = new RowCheck("records.email_plausible", "every email has one @");
        String[] emails = {"a@x.org", "bad1", "b@y.org", "bad2", "bad3", "bad4", "bad5", "c@z.org"};
        for (String e : emails) {
            c.check(e.indexOf('@') > 0, e);
        }
        RuleResult r = c.result();
        assertFalse(r.passed());
        assertEquals(8, r.checked());
        assertEquals(5, r.failures());
        assertEquals(List.of("bad1", "bad2", "bad3"), r.examples());
        assertEquals("every email has one @", r.detail());
    }

    @Test
    void allPassingKeepsNoExamples() {
        RowCheck c = new RowCheck("r", "d");
        for (int i = 0; i < 1000; i++) {
            c.check(true, "unused " + i);
        }
        RuleResult r = c.result();
        assertTrue(r.passed());
        assertEquals(1000, r.checked());
        assertEquals(0, r.failures());
        assertTrue(r.examples().isEmpty());
    }

    @Test
    void supplierExamplesAreBuiltOnlyForKeptFailures() {
        RowCheck c = new RowCheck("r", "d");
        int[] built = {0};
        for (int i = 0; i < 100; i++) {
            int k = i;
            c.check(k % 2 == 0, () -> {
                built[0]++;
                return "row " + k;
            });
        }
        RuleResult r = c.result();
        assertEquals(100, r.checked());
        assertEquals(50, r.failures());
        assertEquals(List.of("row 1", "row 3", "row 5"), r.examples());
        assertEquals(3, built[0], "examples past the first three are never built");
    }

    @Test
    void mergingPartsEqualsCheckingTheWholeInOrder() {
        RowCheck whole = new RowCheck("r", "d");
        RowCheck first = new RowCheck("r", "d");
        RowCheck second = new RowCheck("r", "d");
        RowCheck third = new RowCheck("r", "d");
        for (int i = 0; i < 30; i++) {
            boolean ok = i % 4 != 1;
            whole.check(ok, "item " + i);
            (i < 4 ? first : i < 20 ? second : third).check(ok, "item " + i);
        }
        first.merge(second);
        first.merge(third);
        assertEquals(whole.result(), first.result());
        assertEquals(List.of("item 1", "item 5", "item 9"), first.result().examples());
    }

    @Test
    void mergingPassingPartsStaysPassing() {
        RowCheck a = new RowCheck("r", "d");
        RowCheck b = new RowCheck("r", "d");
        a.check(true, "x");
        b.check(true, "y");
        b.check(true, "z");
        a.merge(b);
        RuleResult r = a.result();
        assertTrue(r.passed());
        assertEquals(3, r.checked());
    }

    @Test
    void nullExampleDoesNotBreakTheResult() {
        RowCheck c = new RowCheck("r", "d");
        c.check(false, (String) null); // e.g. check(value != null, value)
        RuleResult r = c.result();
        assertEquals(1, r.failures());
        assertEquals(1, r.examples().size());
    }

    @Test
    void resultIsASnapshot() {
        RowCheck c = new RowCheck("r", "d");
        c.check(false, "first");
        RuleResult early = c.result();
        c.check(false, "second");
        assertEquals(1, early.failures());
        assertEquals(List.of("first"), early.examples());
        assertEquals(List.of("first", "second"), c.result().examples());
    }
}
