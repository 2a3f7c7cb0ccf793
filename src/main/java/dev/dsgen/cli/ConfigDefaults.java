package dev.dsgen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dsgen.core.DsgenException;
import dev.dsgen.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from {@code --config FILE}: a JSON object keyed by long option names without
 * dashes ({@code {"seed": 7, "n-leads": 1000, "overwrite": false}}). Flags on the command line win.
 * A key that names no option of the command is a usage error, so typos do not pass silently.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final Path file;
    private final Map<String, String> values;

    private ConfigDefaults(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** Finds {@code --config} in raw arguments (before parsing, since defaults are needed first). */
    static ConfigDefaults fromArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--config") && i + 1 < args.length) {
                return load(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return load(Path.of(args[i].substring("--config=".length())));
            }
        }
        return null;
    }

    static ConfigDefaults load(Path file) {
        JsonNode root;
        try {
            root = Json.INPUT.readTree(Json.utf8(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw DsgenException.input("config file not found: " + file + " (--config)");
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw DsgenException.input("malformed JSON in config " + file + " at line "
                    + (loc == null ? "?" : loc.getLineNr() + ", column " + loc.getColumnNr()) + ": "
                    + Json.reason(e) + " (--config)");
        } catch (IOException e) {
            throw DsgenException.input("cannot read config " + file + ": " + e.getMessage() + " (--config)");
        }
        if (root == null || !root.isObject()) {
            throw DsgenException.input("config " + file + " must hold one JSON object (--config)");
        }
        Map<String, String> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw DsgenException.input("config " + file + ": key '" + e.getKey()
                        + "' must be a string, number or boolean (--config)");
            }
            values.put(e.getKey(), v.isNull() ? null : v.asText());
        }
        return new ConfigDefaults(file, values);
    }

    /** Rejects keys that are not long options of {@code spec}. */
    void checkKeys(CommandSpec spec) {
        Set<String> known = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            known.add(strip(o.longestName()));
        }
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!known.contains(key) || key.equals("config")) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw DsgenException.usage("unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " in config " + file + " for '" + spec.qualifiedName() + "' (--config; keys are long option names without dashes)");
        }
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String key = strip(option.longestName());
            if (values.containsKey(key)) {
                return values.get(key);
            }
        }
        return argSpec.defaultValue();
    }

    private static String strip(String name) {
        return name.replaceFirst("^-+", "");
    }
}
