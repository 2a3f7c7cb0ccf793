package dev.dsgen.cli;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The effective value of every option of a command, for its metadata sidecar: keyed by long name
 * without dashes, defaults included, values JSON-friendly (numbers and booleans as they are,
 * anything else as the text users write). Help and version options are left out: a run never has
 * them set.
 *
 * <p>A command passes, by key, the values it resolved itself (a count that depends on {@code --dev},
 * "now" from {@code SOURCE_DATE_EPOCH}, the thread count from the machine) and the shown form of
 * URLs (through the sanitisers of the package that owns them). Secrets never come through options:
 * API keys and salts are read from files or the environment, and only their file names are options.
 */
final class EffectiveFlags {
    /** A URL with user info, or a query that names a password: never recorded as given. */
    private static final Pattern CREDENTIALS = Pattern.compile("//[^/?#\\s]*@|[?&;](password|pass|pwd|token|key)=",
            Pattern.CASE_INSENSITIVE);

    private final CommandSpec spec;
    private final Map<String, Object> resolved = new HashMap<>();

    private EffectiveFlags(CommandSpec spec) {
        this.spec = spec;
    }

    static EffectiveFlags of(CommandSpec spec) {
        return new EffectiveFlags(spec);
    }

    /** The value {@code option} (long name with dashes) had in effect, where the command worked it out. */
    EffectiveFlags resolved(String option, Object value) {
        if (spec.findOption(option) == null) {
            throw new IllegalArgumentException("no option " + option + " in " + spec.qualifiedName());
        }
        resolved.put(key(spec.findOption(option)), value);
        return this;
    }

    Map<String, Object> toMap() {
        Map<String, Object> flags = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String key = key(o);
            flags.put(key, shown(resolved.containsKey(key) ? resolved.get(key) : o.getValue()));
        }
        return Collections.unmodifiableMap(flags);
    }

    private static Object shown(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String text = value.toString();
        // A guard for URLs no sanitiser has seen: their credentials never reach a file.
        return CREDENTIALS.matcher(text).find() ? "(hidden: holds credentials)" : text;
    }

    private static String key(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }
}
