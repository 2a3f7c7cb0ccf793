package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * The event database behind {@code --db}: a JDBC URL ({@code jdbc:duckdb:FILE}, {@code
 * jdbc:postgresql://HOST:PORT/DB}, or another driver on the class path). Credentials come from the
 * URL or from {@code PGUSER}/{@code PGPASSWORD} and never appear in a message: errors name only
 * {@link #where()}, the host, port and database (or the DuckDB file).
 */
final class PlannerDb {
    enum Dialect { DUCKDB, POSTGRES, OTHER }

    /**
     * pgJDBC logs through java.util.logging, whose default handler prints warnings (an invalid
     * port, for one) as two extra lines on stderr; dsgen reports every failure itself in one line.
     * Held here: a logger nobody references may be collected, and its level with it.
     */
    private static final java.util.logging.Logger PGJDBC_LOG = silence("org.postgresql");

    /**
     * PostgreSQL deadlines, as pgJDBC connection properties (a URL parameter of the same name wins):
     * the TCP connect, the whole login (a server that accepts and never answers), and the longest
     * silence while reading, which restarts with every packet: it must outlast a legitimate
     * server-side sort or index build, so it is generous.
     */
    static final java.util.Map<String, String> POSTGRES_DEADLINES = java.util.Map.of(
            "connectTimeout", "10", "loginTimeout", "30", "socketTimeout", "3600", "tcpKeepAlive", "true");
    /** Longest wait for a table lock held by another session, unless the server or URL sets one. */
    static final String LOCK_TIMEOUT = "60s";

    private static java.util.logging.Logger silence(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.OFF);
        return log;
    }

    private final String url;
    private final Dialect dialect;
    private final String where;
    private final boolean readOnly;
    private final java.util.Map<String, String> env;
    /** DuckDB settings from the URL's query ({@code ?threads=1&memory_limit=2GB}); empty otherwise. */
    private java.util.Map<String, String> duckdbOptions = java.util.Map.of();
    private final SqlFailures failures;

    private PlannerDb(String url, boolean readOnly, java.util.Map<String, String> env) {
        this.url = url;
        this.readOnly = readOnly;
        this.env = env;
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:duckdb:")) {
            dialect = Dialect.DUCKDB;
            String file = duckdbFile();
            where = file.isEmpty() || file.startsWith(":memory:") ? "in-memory DuckDB" : "DuckDB file " + file;
            duckdbOptions = duckdbOptions(url);
        } else if (lower.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRES;
            where = "PostgreSQL at " + postgresHostPort();
            checkPorts(where.substring("PostgreSQL at ".length()));
        } else if (lower.startsWith("jdbc:")) {
            dialect = Dialect.OTHER;
            int colon = url.indexOf(':', 5);
            where = "database " + (colon > 0 ? url.substring(0, colon) : "jdbc") + ":...";
        } else {
            throw DsgenException.usage("--db must be a JDBC URL such as jdbc:duckdb:data/planner.duckdb or "
                    + "jdbc:postgresql://127.0.0.1:5432/planner (--db)");
        }
        failures = new SqlFailures(dialect, where, url, env, readOnly, !duckdbOptions.isEmpty());
    }

    /** For {@code simulate} (writes) or {@code build} (reads only; a missing DuckDB file is an input error). */
    static PlannerDb of(String url, boolean readOnly) {
        return of(url, readOnly, System.getenv());
    }

    /** As {@link #of(String, boolean)}, reading PGUSER and PGPASSWORD from {@code env}. */
    static PlannerDb of(String url, boolean readOnly, java.util.Map<String, String> env) {
        return new PlannerDb(url, readOnly, env);
    }

    Dialect dialect() {
        return dialect;
    }

    /** Where the data lives, safe to print: no user name, no password, no query string. */
    String where() {
        return where;
    }

    /**
     * The folder of a DuckDB file database, as {@link #connect} reads the URL; null for in-memory
     * DuckDB, other databases, or a path {@link #connect} will refuse itself.
     */
    Path duckdbFolder() {
        Path file = duckdbPath();
        return file == null ? null : file.getParent();
    }

    /** The file of a DuckDB file database (absolute); null as for {@link #duckdbFolder}. */
    Path duckdbPath() {
        if (dialect != Dialect.DUCKDB) {
            return null;
        }
        String file = duckdbFile();
        if (file.isEmpty() || file.startsWith(":memory:")) {
            return null;
        }
        try {
            return Path.of(file).toAbsolutePath();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /**
     * The query of a DuckDB URL as settings: DuckDB's JDBC driver does not read one, it would open a
     * file whose name ends in "?threads=1", so dsgen passes them as connection properties.
     */
    private static java.util.Map<String, String> duckdbOptions(String url) {
        int q = url.indexOf('?');
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        if (q < 0) {
            return options;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw DsgenException.usage("a DuckDB setting in the URL must read name=value, not '" + pair
                        + "' (--db; e.g. jdbc:duckdb:events.duckdb?threads=2)");
            }
            options.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return options;
    }

    private String duckdbFile() {
        String rest = url.substring("jdbc:duckdb:".length());
        int q = rest.indexOf('?');
        return q >= 0 ? rest.substring(0, q) : rest;
    }

    private String postgresHostPort() {
        // jdbc:postgresql://[user[:pass]@]host[:port][,host2...]/db?params
        String rest = url.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            return "localhost:5432/" + stripQuery(rest);
        }
        rest = rest.substring(2);
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String db = slash >= 0 ? stripQuery(rest.substring(slash + 1)) : "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.isEmpty()) {
            authority = "localhost";
        }
        if (!authority.contains(":") || authority.startsWith("[") && !authority.contains("]:")) {
            authority = authority + ":5432";
        }
        return authority + (db.isEmpty() ? "" : "/" + db);
    }

    /** Each {@code host:port} of {@code hostPortDb} ({@code h1:p1,h2:p2/db}) has a port from 1 to 65535. */
    private static void checkPorts(String hostPortDb) {
        int slash = hostPortDb.indexOf('/');
        for (String hostPort : (slash >= 0 ? hostPortDb.substring(0, slash) : hostPortDb).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String port = colon < 0 || hostPort.endsWith("]") ? "5432" : hostPort.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw DsgenException.usage("--db has port '" + port + "', not a number from 1 to 65535 (--db)");
            }
        }
    }

    private static String stripQuery(String s) {
        int q = s.indexOf('?');
        return q >= 0 ? s.substring(0, q) : s;
    }

    /**
     * A new connection; unreachable servers are exit 5, a missing DuckDB file for reading exit 3.
     * A DuckDB file's folder must exist: {@code simulate} makes it first ({@link #duckdbFolder}), so
     * that a failed run can remove it again.
     */
    Connection connect() {
        Properties props = new Properties();
        String target = url;
        if (dialect == Dialect.DUCKDB) {
            props.putAll(duckdbOptions); // first: a build's read-only setting below wins over the URL's
            String file = duckdbFile();
            boolean memory = file.isEmpty() || file.startsWith(":memory:");
            if (!memory) {
                Path p = Path.of(file);
                if (readOnly && !Files.isRegularFile(p)) {
                    throw DsgenException.input("no database at " + where + " (--db; run 'dsgen planner-dataset simulate' "
                            + "first or point --db at your event database)");
                }
                if (readOnly) {
                    props.setProperty("duckdb.read_only", "true");
                }
            }
            target = "jdbc:duckdb:" + file;
        } else if (dialect == Dialect.POSTGRES) {
            // libpq-style environment, used only when the URL does not say otherwise.
            if (!url.contains("user=") && !authorityHasUser() && env.get("PGUSER") != null) {
                props.setProperty("user", env.get("PGUSER"));
            }
            if (!url.contains("password=") && env.get("PGPASSWORD") != null) {
                props.setProperty("password", env.get("PGPASSWORD"));
            }
            props.putAll(POSTGRES_DEADLINES);
            props.setProperty("ApplicationName", "dsgen");
        }
        try {
            DriverManager.getDriver(target);
        } catch (SQLException e) {
            if (dialect == Dialect.POSTGRES) {
                throw DsgenException.usage("pgJDBC cannot read the URL of " + where + " (--db; e.g. "
                        + "jdbc:postgresql://127.0.0.1:5432/planner?user=me)");
            }
            // No driver accepts the URL: a typo or a driver not on the class path, not a server down.
            throw DsgenException.usage("no JDBC driver on the class path accepts " + where + " (--db; dsgen bundles "
                    + "jdbc:duckdb: and jdbc:postgresql:)");
        }
        SQLException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return withLockTimeout(DriverManager.getConnection(target, props));
            } catch (SQLException e) {
                last = e;
                // Only a server that cannot be reached (08xxx) is worth a retry; one that let a
                // deadline pass would only make the user wait that long again.
                if (dialect != Dialect.POSTGRES || !SqlFailures.sqlState(e).startsWith("08") || SqlFailures.timedOut(e) || attempt == 2) {
                    break;
                }
                try {
                    Thread.sleep(500L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw failures.of("connecting", last, true);
    }

    /**
     * PostgreSQL: a lock wait ends after {@link #LOCK_TIMEOUT} (exit 5 naming the server) unless the
     * server, the role or the URL's {@code options} already set a lock_timeout. No statement_timeout:
     * a long scan of a large table is legitimate.
     */
    private Connection withLockTimeout(Connection c) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT set_config('lock_timeout', '" + LOCK_TIMEOUT + "', false)"
                        + " WHERE current_setting('lock_timeout') = '0'");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    private boolean authorityHasUser() {
        try {
            URI u = URI.create(url.substring(5));
            return u.getRawUserInfo() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }

    /** An expression giving {@code column} (a TIMESTAMP without time zone, read as UTC) as epoch microseconds. */
    String epochMicros(String column) {
        return switch (dialect) {
            case DUCKDB -> "epoch_us(" + column + ")";
            case POSTGRES -> "(extract(epoch from " + column + ") * 1000000)::bigint";
            case OTHER -> column;
        };
    }

    /**
     * An expression giving a JSON column's text; {@link Scan.Fingerprint#json} reads it as UTF-8
     * bytes. DuckDB hands it over as a BLOB: its driver copies a BLOB into a byte array, while a
     * VARCHAR is decoded into a String through a direct buffer one char at a time (2.6x slower for
     * the events' JSON).
     */
    String jsonText(String column) {
        return switch (dialect) {
            case DUCKDB -> "encode(CAST(" + column + " AS VARCHAR))";
            case POSTGRES -> column + "::text";
            case OTHER -> column;
        };
    }

    /** Whether {@link #jsonText} gives a BLOB (read with getBytes) rather than text. */
    boolean jsonAsBytes() {
        return dialect == Dialect.DUCKDB;
    }

    /** {@code ORDER BY} for a text key in byte order, whatever the database collation. */
    String binaryOrder(String column) {
        return dialect == Dialect.POSTGRES ? column + " COLLATE \"C\"" : column;
    }

    /**
     * PostgreSQL: starts a REPEATABLE READ, READ ONLY transaction on {@code c} (autocommit off, no
     * query run in it yet) and exports its snapshot for {@link #importSnapshot}. The snapshot stays
     * importable only while this transaction is open.
     */
    static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                String id = rs.next() ? rs.getString(1) : null;
                // A literal in SET TRANSACTION SNAPSHOT (not a parameter): PostgreSQL's ids are hex and dashes.
                if (id == null || !id.matches("[0-9A-Za-z-]+")) {
                    throw new SQLException("pg_export_snapshot() returned an unexpected snapshot id: " + id, "22023");
                }
                return id;
            }
        }
    }

    /**
     * PostgreSQL: starts a REPEATABLE READ, READ ONLY transaction on {@code c} (autocommit off, no
     * query run in it yet) that reads the snapshot {@code id} of an open exporting transaction.
     */
    static void importSnapshot(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
        }
    }

    /** An SQL failure while {@code what} (e.g. "reading exp.events"), classified by {@link SqlFailures}. */
    DsgenException queryFailure(String what, SQLException e) {
        return failures.of(what, e, false);
    }

    /** {@link SqlFailures#redact}. */
    String redact(String msg) {
        return failures.redact(msg);
    }
}
