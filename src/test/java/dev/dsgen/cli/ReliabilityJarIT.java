package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that only a child process shows, through the built JAR: values that only the
 * environment can give (secrets, SOURCE_DATE_EPOCH) are exit 2 naming the variable, before any
 * work, and a secret's value never reaches stderr; libraries print nothing of their own.
 */
class ReliabilityJarIT {
    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateJar() {
        jar = CliRun.builtJar();
    }

    private CliRun dsgen(Map<String, String> env, String... args) {
        return CliRun.jar(jar, tmp.resolve("work"), env, args);
    }

    @Test
    void anApiKeyWithALineBreakInTheEnvironmentIsNamedNotShown() {
        RankingLayout out = new RankingLayout(tmp);
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "sk-LEAK-1\nsk-LEAK-2");
        env.put("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
        CliRun run = dsgen(env, out.args("--clusters", "2", "-v")).assertFails(2, "OPENAI_API_KEY", "line break");
        assertFalse(run.err().contains("LEAK"), run::describe);
        out.assertNoOutputs(run);
    }

    @Test
    void anMlflowTokenWithALineBreakIsNamedNotShownBeforeTheBuild() {
        Map<String, String> env = new HashMap<>();
        env.put("MLFLOW_TRACKING_TOKEN", "tok-LEAK-1\r\ntok-LEAK-2");
        CliRun run = dsgen(env, "planner-dataset", "build", "--date", "2025-01-09", "--db",
                "jdbc:duckdb:" + tmp.resolve("none.duckdb"), "--out", tmp.resolve("ds").toString(),
                "--mlflow-uri", "http://127.0.0.1:9", "-v").assertFails(2, "MLFLOW_TRACKING_TOKEN", "line break");
        assertFalse(run.err().contains("LEAK"), run::describe);
        env.clear();
        env.put("MLFLOW_TRACKING_USERNAME", "ann:LEAK");
        env.put("MLFLOW_TRACKING_PASSWORD", "pw-LEAK");
        run = dsgen(env, "planner-dataset", "build", "--date", "2025-01-09", "--db",
                "jdbc:duckdb:" + tmp.resolve("none.duckdb"), "--out", tmp.resolve("ds").toString(),
                "--mlflow-uri", "http://127.0.0.1:9").assertFails(2, "MLFLOW_TRACKING_USERNAME", "colon");
        assertFalse(run.err().contains("LEAK"), run::describe);
    }

    /** pgJDBC's own logging (a warning for an invalid port) stays silent: stderr is dsgen's one line. */
    @Test
    void aBadPostgresPortPrintsOnlyDsgensLine() {
        dsgen(Map.of(), "planner-dataset", "build", "--date", "2025-01-09", "--db",
                "jdbc:postgresql://127.0.0.1:5432/x?port=70000", "--out", tmp.resolve("ds").toString())
                .assertFails(2, "PostgreSQL at 127.0.0.1:5432/x", "--db");
    }

    /** SOURCE_DATE_EPOCH beyond year 9999 (up to Long.MAX_VALUE) or before year 1000 is exit 2 naming it. */
    @Test
    void aSourceDateEpochOutsideFourDigitYearsIsAUsageErrorNamingIt() {
        for (String seconds : new String[] {Long.toString(Long.MAX_VALUE), "253402300800", "-62135596801"}) {
            SynthLayout out = new SynthLayout(tmp.resolve("s" + seconds.length()));
            CliRun run = dsgen(Map.of("SOURCE_DATE_EPOCH", seconds), out.args("--dev"))
                    .assertFails(2, "SOURCE_DATE_EPOCH", seconds);
            out.assertNoOutputs(run);
        }
    }
}
