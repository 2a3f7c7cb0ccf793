package dev.dsgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleResultTest {

    @Test
    void ofCountsOneItem() {
        RuleResult pass = RuleResult.of("a", true, "ok");
        assertTrue(pass.passed());
        assertEquals(1, pass.checked());
        assertEquals(0, pass.failures());
        RuleResult fail = RuleResult.of("a", false, "bad");
        assertFalse(fail.passed());
        assertEquals(1, fail.failures());
    }

    @Test
    void atLeastIsInclusiveAndDescribesTheThreshold() {
        RuleResult equal = RuleResult.atLeast("rows", 10, 10);
        assertTrue(equal.passed());
        assertEquals("10 >= 10", equal.detail());
        assertEquals(0, equal.failures());
        RuleResult below = RuleResult.atLeast("rows", 9, 10);
        assertFalse(below.passed());
        assertEquals(1, below.failures());
        assertEquals("9 >= 10", below.detail());
    }

    @Test
    void examplesAreCopiedAndImmutable() {
        List<String> examples = new ArrayList<>(List.of("e1"));
        RuleResult r = new RuleResult("r", false, 2, 1, "d", examples);
        examples.add("e2");
        assertEquals(List.of("e1"), r.examples());
        assertThrows(UnsupportedOperationException.class, () -> r.examples().add("x"));
    }

    @Test
    void toMapHasEveryFieldInOrder() {
        RuleResult r = new RuleResult("pairs.balance", false, 100, 3, "ratio 0.2 < 0.3", List.of("p1"));
        Map<String, Object> m = r.toMap();
        assertEquals(List.of("rule", "passed", "checked", "failures", "detail", "examples"), List.copyOf(m.keySet()));
        assertEquals("pairs.balance", m.get("rule"));
        assertEquals(false, m.get("passed"));
        assertEquals(100L, m.get("checked"));
        assertEquals(3L, m.get("failures"));
        assertEquals("ratio 0.2 < 0.3", m.get("detail"));
        assertEquals(List.of("p1"), m.get("examples"));
    }
}
