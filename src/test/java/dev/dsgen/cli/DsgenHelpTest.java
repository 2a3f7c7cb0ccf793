package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.ExitCode;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Help, version and shell completion: exit 0, output on stdout, nothing on stderr. */
class DsgenHelpTest {

    @Test
    void rootHelpListsSubcommandsAndTheExitCodeTable() {
        CliRun run = CliRun.inProcess("--help").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("Usage: dsgen", "synth-entities", "completion", "Exit codes:");
        assertExitCodeTable(run);
    }

    @Test
    void helpSubcommandShowsSynthEntitiesHelp() {
        CliRun.inProcess("help", "synth-entities").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("Usage: dsgen synth-entities", "--n-leads");
    }

    @Test
    void synthEntitiesHelpListsItsFlagsAndTheExitCodeTable() {
        CliRun run = CliRun.inProcess("synth-entities", "--help").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("Usage: dsgen synth-entities", "--schema", "--outdir", "--pairs-out", "--summary",
                        "--n-leads", "--n-sales", "--n-financial", "--dup-rate", "--overlap", "--neg-ratio", "--split",
                        "--pii", "--pii-salt-file", "--locale", "--dev", "--seed", "--reference-time", "--threads",
                        "--[no-]overwrite", "--dry-run", "--quiet", "--verbose", "--config");
        assertExitCodeTable(run);
    }

    @Test
    void rootVersionPrintsTheToolVersion() {
        CliRun run = CliRun.inProcess("--version").assertExit(0).assertStderrEmpty();
        assertTrue(run.out().matches("dsgen \\S+\\R"), () -> "version line" + run.describe());
    }

    @Test
    void synthEntitiesVersionPrintsTheToolVersion() {
        CliRun run = CliRun.inProcess("synth-entities", "--version").assertExit(0).assertStderrEmpty();
        assertTrue(run.out().matches("dsgen \\S+\\R"), () -> "version line" + run.describe());
    }

    @Test
    void completionBashPrintsAScriptThatKnowsTheSubcommands() {
        CliRun.inProcess("completion", "bash").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("#!/usr/bin/env bash", "synth-entities", "completion", "--n-leads", "complete ");
    }

    @Test
    void completionDefaultsToBash() {
        CliRun.inProcess("completion").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("#!/usr/bin/env bash", "synth-entities");
    }

    @Test
    void completionZshPrintsAScriptForZsh() {
        CliRun.inProcess("completion", "zsh").assertExit(0).assertStderrEmpty()
                .assertStdoutContains("bashcompinit", "synth-entities");
    }

    @Test
    void completionForAnUnknownShellIsAUsageError() {
        CliRun.inProcess("completion", "fish").assertFails(2, "fish", "bash", "zsh");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun.inProcess("synth-entitis").assertFails(2, "synth-entitis");
    }

    @Test
    void unknownRootFlagIsAUsageError() {
        CliRun.inProcess("--frobnicate").assertFails(2, "--frobnicate");
    }

    /** One line per code 0..6, each with the meaning from {@link ExitCode}. */
    private static void assertExitCodeTable(CliRun run) {
        String table = run.out().substring(run.out().indexOf("Exit codes:"));
        for (ExitCode c : ExitCode.values()) {
            String firstWords = c.meaning().split(":")[0];
            Pattern line = Pattern.compile("(?m)^\\s+" + c.code() + "\\s+" + Pattern.quote(firstWords));
            assertTrue(line.matcher(table).find(), () -> "exit code " + c.code() + " (" + firstWords
                    + ") missing from the table" + run.describe());
        }
        for (int code = 0; code <= 6; code++) {
            int k = code;
            assertTrue(Pattern.compile("(?m)^\\s+" + k + "\\s+\\S").matcher(table).find(),
                    () -> "exit code " + k + " missing" + run.describe());
        }
    }
}
