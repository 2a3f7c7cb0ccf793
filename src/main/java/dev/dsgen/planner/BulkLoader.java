package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk loading, never row-by-row INSERTs: DuckDB's Appender, PostgreSQL's {@code COPY FROM STDIN}
 * (text format) through pgJDBC's CopyManager. Values are String, Integer, Double, {@link Micros}
 * (a timestamp) or null.
 */
abstract class BulkLoader implements AutoCloseable {
    /** A UTC timestamp in epoch microseconds, for TIMESTAMP columns. */
    record Micros(long value) {
        LocalDateTime local() {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    (int) Math.floorMod(value, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
    }

    abstract void row(Object... values);

    @Override
    public abstract void close();

    static BulkLoader open(Connection c, PlannerDb db, String table, List<String> columns) {
        try {
            return switch (db.dialect()) {
                case DUCKDB -> new Duck(c.unwrap(DuckDBConnection.class), db, table);
                case POSTGRES -> new Copy(c, db, table, columns);
                case OTHER -> throw DsgenException.usage("simulate writes to DuckDB or PostgreSQL only, not "
                        + db.where() + " (--db)");
            };
        } catch (SQLException e) {
            throw db.queryFailure("opening a bulk load into " + table, e);
        }
    }

    /**
     * A loader for a table filled while another load on the same connection is open: DuckDB appends
     * to both at once; for PostgreSQL the rows are kept and copied when this loader is closed (so it
     * must be closed after the other one).
     */
    static BulkLoader deferred(Connection c, PlannerDb db, String table, List<String> columns) {
        if (db.dialect() != PlannerDb.Dialect.POSTGRES) {
            return open(c, db, table, columns);
        }
        return new BulkLoader() {
            private final List<Object[]> rows = new java.util.ArrayList<>();

            @Override
            void row(Object... values) {
                rows.add(values.clone());
            }

            @Override
            public void close() {
                try (BulkLoader copy = open(c, db, table, columns)) {
                    for (Object[] r : rows) {
                        copy.row(r);
                    }
                }
                rows.clear();
            }
        };
    }

    private static final class Duck extends BulkLoader {
        private final DuckDBAppender appender;
        private final PlannerDb db;
        private final String table;

        Duck(DuckDBConnection c, PlannerDb db, String table) throws SQLException {
            this.db = db;
            this.table = table;
            int dot = table.indexOf('.');
            appender = dot < 0 ? c.createAppender("main", table)
                    : c.createAppender(table.substring(0, dot), table.substring(dot + 1));
        }

        @Override
        void row(Object... values) {
            try {
                appender.beginRow();
                for (Object v : values) {
                    if (v == null) {
                        appender.appendNull();
                    } else if (v instanceof String s) {
                        appender.append(s);
                    } else if (v instanceof Integer i) {
                        appender.append(i.intValue());
                    } else if (v instanceof Double d) {
                        appender.append(d.doubleValue());
                    } else if (v instanceof Micros m) {
                        appender.append(m.local());
                    } else {
                        throw new IllegalArgumentException("unsupported value " + v.getClass());
                    }
                }
                appender.endRow();
            } catch (SQLException e) {
                throw db.queryFailure("appending to " + table, e);
            }
        }

        @Override
        public void close() {
            try {
                appender.close();
            } catch (SQLException e) {
                throw db.queryFailure("appending to " + table, e);
            }
        }
    }

    private static final class Copy extends BulkLoader {
        private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        private final CopyIn copy;
        private final PlannerDb db;
        private final String table;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        private final StringBuilder line = new StringBuilder(512);

        Copy(Connection c, PlannerDb db, String table, List<String> columns) throws SQLException {
            this.db = db;
            this.table = table;
            String cols = String.join(", ", columns.stream().map(n -> "\"" + n + "\"").toList());
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + cols + ") FROM STDIN");
        }

        @Override
        void row(Object... values) {
            line.setLength(0);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    line.append('\t');
                }
                Object v = values[i];
                if (v == null) {
                    line.append("\\N");
                } else if (v instanceof Micros m) {
                    line.append(TS.format(m.local()));
                } else if (v instanceof String s) {
                    escape(s);
                } else {
                    line.append(v);
                }
            }
            line.append('\n');
            byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
            buf.write(b, 0, b.length);
            if (buf.size() >= (1 << 20)) {
                flush();
            }
        }

        /** COPY text format: backslash, tab, newline and carriage return are escaped. */
        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(ch);
                }
            }
        }

        private void flush() {
            try {
                byte[] b = buf.toByteArray();
                copy.writeToCopy(b, 0, b.length);
                buf.reset();
            } catch (SQLException e) {
                throw db.queryFailure("copying into " + table, e);
            }
        }

        @Override
        public void close() {
            flush();
            try {
                copy.endCopy();
            } catch (SQLException e) {
                throw db.queryFailure("copying into " + table, e);
            }
        }
    }
}
