package dev.dsgen.planner;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Seeds;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * One ordered scan of a source table, streamed: rows are read on demand, grouped by a text key
 * (the household id) that must arrive in byte order, and fingerprinted (row count and a 64-bit
 * content hash of the values read, in scan order).
 */
final class Scan<T> implements AutoCloseable {
    /** Maps the current result row; must not advance the result set. */
    interface Mapper<T> {
        T map(ResultSet rs, Fingerprint fp) throws SQLException;
    }

    interface Key<T> {
        String of(T row);
    }

    /** A 64-bit rolling hash of every value read, and the row count. */
    static final class Fingerprint {
        private final boolean jsonAsBytes;
        long hash = 0x5D5EEDL;
        long rows;

        /** {@code jsonAsBytes}: JSON columns arrive as UTF-8 bytes ({@link PlannerDb#jsonAsBytes}). */
        Fingerprint(boolean jsonAsBytes) {
            this.jsonAsBytes = jsonAsBytes;
        }

        /**
         * A JSON column ({@link PlannerDb#jsonText}) as UTF-8 bytes, hashed as bytes whichever way the
         * driver hands the text over, so DuckDB and PostgreSQL give the same fingerprint. MurmurHash3
         * rather than the FNV of the other columns: the JSON is ~590 MB at 1M events, and FNV's one
         * multiply per byte was ~15% of the build's main thread.
         */
        byte[] json(ResultSet rs, int col) throws SQLException {
            byte[] b;
            if (jsonAsBytes) {
                b = rs.getBytes(col);
            } else {
                String s = rs.getString(col);
                b = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
            }
            mixIn(b == null ? 0x6E756C6CL : MurmurHash3.hash128x64(b)[0]);
            return b;
        }

        String str(ResultSet rs, int col) throws SQLException {
            String s = rs.getString(col);
            mixIn(s == null ? 0x6E756C6CL : Seeds.hash(s));
            return s;
        }

        long lng(ResultSet rs, int col) throws SQLException {
            long v = rs.getLong(col);
            mixIn(rs.wasNull() ? 0x6E756C6CL : v);
            return v;
        }

        /** A long that may be null (returned as {@code ifNull}). */
        long lng(ResultSet rs, int col, long ifNull) throws SQLException {
            long v = rs.getLong(col);
            boolean nul = rs.wasNull();
            mixIn(nul ? 0x6E756C6CL : v);
            return nul ? ifNull : v;
        }

        Double dbl(ResultSet rs, int col) throws SQLException {
            double v = rs.getDouble(col);
            boolean nul = rs.wasNull();
            mixIn(nul ? 0x6E756C6CL : Double.doubleToLongBits(v));
            return nul ? null : v;
        }

        Integer integer(ResultSet rs, int col) throws SQLException {
            int v = rs.getInt(col);
            boolean nul = rs.wasNull();
            mixIn(nul ? 0x6E756C6CL : v);
            return nul ? null : v;
        }

        private void mixIn(long v) {
            hash = Seeds.mix64(hash ^ v) + 0x9E3779B97F4A7C15L;
        }

        String hex() {
            return String.format("%016x", hash);
        }
    }

    private final PlannerDb db;
    private final String table;
    private final Statement statement;
    private final ResultSet rs;
    private final Mapper<T> mapper;
    private final Key<T> key;
    final Fingerprint fingerprint;
    private T pending;
    private boolean done;
    private String lastKey;

    Scan(PlannerDb db, Connection c, String table, String sql, Mapper<T> mapper, Key<T> key) {
        this.db = db;
        this.table = table;
        this.mapper = mapper;
        this.key = key;
        this.fingerprint = new Fingerprint(db.jsonAsBytes());
        try {
            statement = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(4096);
            rs = statement.executeQuery(sql);
        } catch (SQLException e) {
            throw db.queryFailure("reading " + table, e);
        }
        advance();
    }

    private void advance() {
        try {
            if (!done && rs.next()) {
                pending = mapper.map(rs, fingerprint);
                fingerprint.rows++;
                String k = key.of(pending);
                if (k == null) {
                    throw DsgenException.input(table + " has a row without a household id (row " + fingerprint.rows
                            + " of the scan) (--db " + db.where() + ")");
                }
                if (lastKey != null && k.compareTo(lastKey) < 0) {
                    throw DsgenException.input(table + " rows did not arrive in byte order of household id ('"
                            + k + "' after '" + lastKey + "') (--db " + db.where() + ")");
                }
                lastKey = k;
            } else {
                pending = null;
                done = true;
            }
        } catch (SQLException e) {
            throw db.queryFailure("reading " + table, e);
        }
    }

    /** The rows whose key equals {@code k}, skipping (but fingerprinting) rows with smaller keys. */
    List<T> take(String k) {
        List<T> out = new ArrayList<>();
        while (pending != null) {
            int cmp = key.of(pending).compareTo(k);
            if (cmp > 0) {
                break;
            }
            if (cmp == 0) {
                out.add(pending);
            }
            advance();
        }
        return out;
    }

    T peek() {
        return pending;
    }

    T next() {
        T r = pending;
        advance();
        return r;
    }

    /** Reads the rest (so the fingerprint covers the whole scan). */
    void drain() {
        while (pending != null) {
            advance();
        }
    }

    @Override
    public void close() {
        try {
            rs.close();
            statement.close();
        } catch (SQLException ignored) {
            // closing a read-only scan: nothing to recover
        }
    }
}
