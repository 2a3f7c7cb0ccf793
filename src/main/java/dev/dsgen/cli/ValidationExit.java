package dev.dsgen.cli;

import dev.dsgen.core.ExitCode;
import dev.dsgen.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The one way a command ends after writing: exit 0, or exit 4 with one line naming the failed rules. */
final class ValidationExit {
    private ValidationExit() {
    }

    /** @param report where the full report was written, named in the error line */
    static int of(ValidationReport validation, Path report, PrintWriter err) {
        if (validation.passed()) {
            return ExitCode.OK.code();
        }
        err.println("dsgen: validation failed: " + String.join(", ", validation.failed().stream().map(r -> r.rule()).toList())
                + " (outputs kept for inspection; see " + report + ")");
        err.flush();
        return ExitCode.VALIDATION.code();
    }
}
