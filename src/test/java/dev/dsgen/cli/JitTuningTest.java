package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
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
}
