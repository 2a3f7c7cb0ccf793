package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * What an SQL failure of {@link PlannerDb} means for the run: its exit code and one line that
 * names where the data lives, never the URL or a password.
 */
final class SqlFailures {
    private final PlannerDb.Dialect dialect;
    private final String where;
    private final String url;
    private final Map<String, String> env;
    private final boolean readOnly;
    private final boolean duckdbOptions;

    /** @param duckdbOptions whether the DuckDB URL carried settings (an unknown one is then a usage error) */
    SqlFailures(PlannerDb.Dialect dialect, String where, String url, Map<String, String> env, boolean readOnly,
                boolean duckdbOptions) {
        this.dialect = dialect;
        this.where = where;
        this.url = url;
        this.env = env;
        this.readOnly = readOnly;
        this.duckdbOptions = duckdbOptions;
    }

    /**
     * Every SQL failure of a run, classified in this one place: a server that cannot be reached, stops
     * answering, drops the connection, is out of resources or keeps a table locked is an external
     * failure (exit 5); a DuckDB file that cannot be written (a full disk) a usage error naming --db
     * (exit 2, as for any output); missing tables, columns or databases and other query failures
     * are input errors (exit 3).
     */
    DsgenException of(String what, SQLException e, boolean connecting) {
        String state = sqlState(e);
        if (dialect == PlannerDb.Dialect.DUCKDB) {
            return duckdbFailure(what, e, connecting);
        }
        if (timedOut(e)) {
            return DsgenException.external(where + " did not answer in time while " + what + " (--db; is the server "
                    + "overloaded or behind a firewall that drops packets?)", null);
        }
        if (state.startsWith("28")) {
            return DsgenException.external("authentication failed for " + where
                    + " (--db; check the user in the URL and PGPASSWORD)", null);
        }
        if (state.equals("3D000")) {
            return DsgenException.input("database does not exist: " + where + " (--db)");
        }
        if (state.equals("55P03")) {
            return DsgenException.external("a table in " + where + " stayed locked by another session while " + what
                    + " (--db; lock_timeout; try again when the other session is done)", null);
        }
        if (state.equals("57014")) {
            return DsgenException.external(where + " cancelled the query while " + what + " (--db; statement_timeout "
                    + "or an administrator)", null);
        }
        if (connecting) {
            return dialect == PlannerDb.Dialect.POSTGRES && (state.startsWith("08") || state.isEmpty())
                    ? DsgenException.external("database unreachable after 3 attempts: " + where + " (--db; is the server "
                    + "running and accepting TCP connections?)", null)
                    : DsgenException.external("cannot connect to " + where + " (--db; SQL state " + state + ")", null);
        }
        // 08: connection exceptions; 57P: the server shut down or dropped the session; 53: out of
        // disk, memory or connections on the server.
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || ioCause(e)) {
            return DsgenException.external("lost the connection to " + where + " while " + what + " (--db)", null);
        }
        return DsgenException.input("query failed on " + where + " while " + what + ": "
                + redact(PlannerDb.firstLine(e.getMessage())) + " (--db)");
    }

    private DsgenException duckdbFailure(String what, SQLException e, boolean connecting) {
        String msg = PlannerDb.firstLine(e.getMessage());
        int unknown = msg.indexOf("not recognized: ");
        if (connecting && duckdbOptions && unknown >= 0) {
            return DsgenException.usage("DuckDB has no setting named " + msg.substring(unknown + 16).strip()
                    + " (in the URL of " + where + "; --db)");
        }
        String lower = msg.toLowerCase(Locale.ROOT);
        if (connecting && lower.contains("lock")) {
            return DsgenException.external("cannot open " + where + ": it is locked by another process (--db)", null);
        }
        if (lower.contains("not a valid duckdb database file")) {
            return DsgenException.input(where + " is not a DuckDB database (--db)");
        }
        String reason = redact(duckdbReason(msg));
        if (!readOnly && DUCKDB_IO.matcher(msg).find()) {
            return DsgenException.usage("cannot write " + where + ": " + reason + " (--db)");
        }
        return DsgenException.input((connecting ? "cannot open " + where : "query failed on " + where + " while " + what)
                + ": " + reason + " (--db)");
    }

    /** A DuckDB failure to read or write its files (as opposed to a failing query). */
    private static final java.util.regex.Pattern DUCKDB_IO = java.util.regex.Pattern.compile(
            "IO Error|Could not (read|write|open|create|truncate|sync|fsync)|No space left|[Dd]isk is full");
    private static final java.util.regex.Pattern DUCKDB_PREFIX = java.util.regex.Pattern.compile(
            "^(?:[A-Za-z]+ )*Error: |^Failed to commit: ");
    private static final java.util.regex.Pattern DUCKDB_FILE_REASON = java.util.regex.Pattern.compile(
            "^[A-Z][a-z]+ not [a-z]+ (?:\\w+ )*(?:from |to )?file \"[^\"]*\": (.+)$");

    /**
     * DuckDB's text without its own prefixes ("IO Error: ", "TransactionContext Error: Failed to
     * commit: "), and for a file it could not read or write only the system's reason, since the
     * message already names the file.
     */
    static String duckdbReason(String msg) {
        String s = msg.strip();
        for (String prev = null; !s.equals(prev); ) {
            prev = s;
            s = DUCKDB_PREFIX.matcher(s).replaceFirst("");
        }
        java.util.regex.Matcher m = DUCKDB_FILE_REASON.matcher(s);
        return m.matches() ? m.group(1) : s;
    }

    static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** Whether a deadline passed: pgJDBC's login timeout, or a socket read or connect that timed out. */
    static boolean timedOut(SQLException e) {
        if (e.getMessage() != null && e.getMessage().contains("Connection attempt timed out")) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Whether an I/O failure (a reset or closed socket, an end of stream) lies under {@code e}. */
    private static boolean ioCause(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A driver's or server's text with the URL replaced by the place (host, port and database, or the DuckDB file) and every password
     * dsgen knows of (PGPASSWORD, the URL's {@code password=} and {@code user:password@}) masked.
     */
    String redact(String msg) {
        String out = msg.replace(url, where);
        for (String secret : passwords()) {
            out = out.replace(secret, "***");
        }
        return out;
    }

    private java.util.List<String> passwords() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String env = this.env.get("PGPASSWORD");
        if (env != null && !env.isEmpty()) {
            out.add(env);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&;]password=([^&;]*)").matcher(url);
        while (m.find()) {
            addEncoded(out, m.group(1));
        }
        int start = url.indexOf("//");
        if (start >= 0) {
            int end = url.indexOf('/', start + 2);
            String authority = url.substring(start + 2, end < 0 ? url.length() : end);
            int at = authority.lastIndexOf('@');
            int colon = authority.indexOf(':');
            if (at > 0 && colon >= 0 && colon + 1 < at) {
                addEncoded(out, authority.substring(colon + 1, at));
            }
        }
        // Longest first, so that a password inside another is not left half masked.
        out.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** A URL's percent-encoded text, as written and decoded. */
    private static void addEncoded(java.util.List<String> out, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        out.add(raw);
        try {
            out.add(java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not valid percent-encoding: the text as written is masked
        }
    }
}
