package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import picocli.CommandLine.Model.CommandSpec;

/** Usage errors about one option's value, worded the same way by every command. */
final class OptionError {
    private OptionError() {
    }

    /** {@code --n-leads must be at least 1, got 0 (--n-leads)}. */
    static DsgenException of(CommandSpec spec, String option, String reason) {
        return DsgenException.usage(option + " " + reason + " (" + option + ")");
    }
}
