package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JitTuningTest {
    @AfterEach
    void reset() throws Exception {
        JitTuning.resetForTest();
    }

    @Test
    void anEmbeddingJvmIsNeverTuned() throws Exception {
        assertFalse(JitTuning.forRun(10, 1_000).join());
        assertFalse(String.valueOf(directives()).contains("Exclude:true"));
    }

    private static Object directives() throws Exception {
        return ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    @Test
    void longRunsKeepC2() {
        JitTuning.ownProcess();
        assertFalse(JitTuning.forRun(1_001, 1_000).join());
    }

    @Test
    void shortRunsOfItsOwnProcessGetTheDirective() throws Exception {
        JitTuning.ownProcess();
        assertTrue(JitTuning.forRun(1_000, 1_000).join());
        // The JVM now lists a directive that excludes C2 for every method (the default one excludes nothing).
        Object printed = directives();
        assertTrue(String.valueOf(printed).contains("Exclude:true"), String.valueOf(printed));
    }

    @Test
    void mediumRunsKeepC2ForTheHotMethodsTheyName() throws Exception {
        JitTuning.ownProcess();
        assertFalse(JitTuning.forRun(5_001, 1_000, 5_000, List.of("dev/dsgen/core/Seeds.*")).join(), "long: defaults");
        assertTrue(JitTuning.forRun(5_000, 1_000, 5_000, List.of("dev/dsgen/core/Seeds.*")).join());
        String printed = String.valueOf(directives());
        assertTrue(printed.contains("dev/dsgen/core/Seeds.*"), printed);
        assertTrue(printed.contains("Exclude:true"), printed);
    }

    @Test
    void theDirectiveListsTheDigestsThenTheKeptPatternsThenExcludesTheRest() {
        assertEquals("[{match: \"sun/security/provider/*.*\", c2: {Exclude: false}}, "
                + "{match: \"a/B.*\", c2: {Exclude: false}}, {match: \"*.*\", c2: {Exclude: true}}]",
                JitTuning.directive(List.of("a/B.*")));
        assertFalse(JitTuning.directive(List.of()).contains("a/B"));
    }
}
