package dev.dsgen.core;

/**
 * An expected failure: carries the exit code and a one-line message that names what went wrong
 * and where (file, line, flag). The CLI prints it as {@code dsgen: <message>} without a stack trace.
 */
public class DsgenException extends RuntimeException {
    private final ExitCode exitCode;

    public DsgenException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DsgenException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static DsgenException usage(String message) {
        return new DsgenException(ExitCode.USAGE, message);
    }

    public static DsgenException input(String message) {
        return new DsgenException(ExitCode.INPUT, message);
    }

    public static DsgenException input(String message, Throwable cause) {
        return new DsgenException(ExitCode.INPUT, message, cause);
    }

    public static DsgenException conflict(String message) {
        return new DsgenException(ExitCode.CONFLICT, message);
    }

    public static DsgenException external(String message, Throwable cause) {
        return new DsgenException(ExitCode.EXTERNAL, message, cause);
    }
}
