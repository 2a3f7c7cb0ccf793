package dev.dsgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

    private static ValidationReport mixed() {
        RowCheck emails = new RowCheck("records.email_plausible", "one @ per email");
        emails.check(true, "a@b.c");
        emails.check(false, "no-at-sign");
        return new ValidationReport()
                .add(RuleResult.of("files.present", true, "3 files"))
                .add(emails)
                .add(RuleResult.atLeast("pairs.count", 5, 10));
    }

    @Test
    void emptyReportPasses() {
        ValidationReport r = new ValidationReport();
        assertTrue(r.passed());
        assertEquals(List.of(), r.failed());
        assertEquals(true, r.toMap().get("passed"));
        assertEquals(0, r.toMap().get("rules"));
    }

    @Test
    void passesOnlyWhenEveryRulePasses() {
        ValidationReport r = new ValidationReport().add(RuleResult.of("a", true, "")).add(RuleResult.of("b", true, ""));
        assertTrue(r.passed());
        r.add(RuleResult.of("c", false, ""));
        assertFalse(r.passed());
        assertEquals(List.of("c"), r.failed().stream().map(RuleResult::rule).toList());
    }

    @Test
    void failedListsFailingRulesInOrder() {
        ValidationReport r = mixed();
        assertFalse(r.passed());
        assertEquals(List.of("records.email_plausible", "pairs.count"),
                r.failed().stream().map(RuleResult::rule).toList());
        assertEquals(3, r.results().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void toMapSummarisesAndListsEveryResult() {
        Map<String, Object> m = mixed().toMap();
        assertEquals(List.of("passed", "rules", "failed", "results"), List.copyOf(m.keySet()));
        assertEquals(false, m.get("passed"));
        assertEquals(3, m.get("rules"));
        assertEquals(List.of("records.email_plausible", "pairs.count"), m.get("failed"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) m.get("results");
        assertEquals(3, results.size());
        assertEquals("records.email_plausible", results.get(1).get("rule"));
        assertEquals(List.of("no-at-sign"), results.get(1).get("examples"));
        assertEquals(2L, results.get(1).get("checked"));
    }

    @Test
    void printShowsEveryRuleWithVerdictExamplesAndTheFinalLine() {
        String text = print(mixed());
        String[] lines = text.split("\\R");
        assertTrue(lines[0].startsWith("rule"), "header row first: " + lines[0]);
        assertTrue(lineFor(lines, "files.present").contains("PASS"), text);
        assertTrue(lineFor(lines, "records.email_plausible").contains("FAIL"), text);
        assertTrue(lineFor(lines, "pairs.count").contains("FAIL"), text);
        assertTrue(lineFor(lines, "pairs.count").contains("5 >= 10"), "detail is shown: " + text);
        assertTrue(text.contains("e.g. no-at-sign"), "examples of failures are shown: " + text);
        assertFalse(text.contains("a@b.c"), text);
        assertEquals("validation: FAILED (3 rules, 2 failed)", lines[lines.length - 1]);
    }

    @Test
    void printOfAPassingReport() {
        ValidationReport r = new ValidationReport().add(RuleResult.of("only.rule", true, "fine"));
        String text = print(r);
        String[] lines = text.split("\\R");
        assertTrue(lineFor(lines, "only.rule").contains("PASS"));
        assertEquals("validation: PASSED (1 rules, 0 failed)", lines[lines.length - 1]);
    }

    @Test
    void printAlignsTheVerdictColumn() {
        ValidationReport r = new ValidationReport().add(RuleResult.of("a", true, "x"))
                .add(RuleResult.of("a.much.longer.rule.name", false, "y"));
        String[] lines = print(r).split("\\R");
        int col = lineFor(lines, "a ").indexOf("PASS");
        assertEquals(col, lineFor(lines, "a.much.longer.rule.name").indexOf("FAIL"));
        assertEquals(col, lines[0].indexOf("result"));
    }

    private static String print(ValidationReport r) {
        StringWriter s = new StringWriter();
        r.print(new PrintWriter(s));
        return s.toString();
    }

    private static String lineFor(String[] lines, String rulePrefix) {
        for (String l : lines) {
            if (l.startsWith(rulePrefix)) {
                return l;
            }
        }
        throw new AssertionError("no line for " + rulePrefix + " in " + String.join("\n", lines));
    }
}
