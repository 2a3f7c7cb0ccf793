package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Usage errors about one option's value, worded the same way by every command. A value that came
 * from {@code --config} is reported by its file and key, since the user never typed the flag.
 */
final class OptionError {
    private OptionError() {
    }

    /**
     * {@code --n-leads must be at least 1, got 0 (--n-leads)}, or {@code dsgen.json: key "n-leads":
     * must be at least 1, got 0 (--config)} when the value came from the config file.
     */
    static DsgenException of(CommandSpec spec, String option, String reason) {
        if (spec != null && spec.defaultValueProvider() instanceof ConfigDefaults config) {
            OptionSpec o = spec.findOption(option);
            ParseResult parsed = spec.commandLine() == null ? null : spec.commandLine().getParseResult();
            if (o != null && config.has(o) && parsed != null && !parsed.hasMatchedOption(o)) {
                return config.badValue(o, reason);
            }
        }
        return DsgenException.usage(option + " " + reason + " (" + option + ")");
    }
}
