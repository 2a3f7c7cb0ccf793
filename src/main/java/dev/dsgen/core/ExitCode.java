package dev.dsgen.core;

/** Process exit codes; one table for every subcommand (see README and {@code --help}). */
public enum ExitCode {
    OK(0, "success"),
    INTERNAL(1, "internal error (a bug): one line on stderr, stack trace only with --verbose"),
    USAGE(2, "usage error: unknown flag, bad value, out-of-range number, output that cannot be written"),
    INPUT(3, "input error: missing or malformed input file, schema, catalog, database contents"),
    VALIDATION(4, "validation failed: outputs were written with the report so they can be inspected"),
    EXTERNAL(5, "external service failed: LLM endpoint, MCP server or database unreachable after retries"),
    CONFLICT(6, "output conflict: target exists and --no-overwrite was given");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
