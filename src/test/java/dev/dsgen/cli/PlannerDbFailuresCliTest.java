package dev.dsgen.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code planner-dataset} against databases that fail: each failure has its exit code and one line naming --db. */
class PlannerDbFailuresCliTest {
    @TempDir
    Path tmp;

    /**
     * A port that accepts connections and never answers (a hung server, a proxy without a backend):
     * the login deadline ends the wait, exit 5 naming the server. The test shortens the deadline
     * with pgJDBC's own URL parameter, as a user may.
     */
    @Test
    void aServerThatAcceptsAndNeverAnswersIsExit5WithinTheLoginTimeout() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String where = "127.0.0.1:" + silent.getLocalPort() + "/events";
            String url = "jdbc:postgresql://" + where + "?loginTimeout=1";
            long t0 = System.nanoTime();
            CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", url,
                    "--out", tmp.resolve("ds").toString()).assertFails(5, "PostgreSQL at " + where, "did not answer", "--db");
            CliRun.inProcess("planner-dataset", "simulate", "--households", "5", "--days", "2", "--db", url)
                    .assertFails(5, "PostgreSQL at " + where, "did not answer", "--db");
            assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "each run ended after about a second");
        } finally {
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
        assertTrue(Files.notExists(tmp.resolve("ds")), "no output folder");
    }

    /** A full disk while simulate writes DuckDB (its log file is /dev/full here) is exit 2 naming --db, as for any output. */
    @Test
    void aFullDiskWhileSimulateWritesIsExit2NamingTheDatabase() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        Path db = tmp.resolve("events.duckdb");
        Files.createSymbolicLink(tmp.resolve("events.duckdb.wal"), full);
        CliRun.inProcess("planner-dataset", "simulate", "--households", "30", "--days", "3", "--db", "jdbc:duckdb:" + db)
                .assertFails(2, "cannot write DuckDB file " + db + ": No space left on device", "--db");
    }

    /** Files DuckDB cannot open are named with what is wrong with them, without DuckDB's own "IO Error:" prefix. */
    @Test
    void filesDuckDbCannotOpenAreNamedWithoutDuckDbsPrefixes() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.duckdb"), "not a database\n");
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", "jdbc:duckdb:" + text,
                "--out", tmp.resolve("ds").toString()).assertFails(3, "DuckDB file " + text + " is not a DuckDB database", "--db");
        CliRun.inProcess("planner-dataset", "simulate", "--households", "5", "--days", "2", "--db", "jdbc:duckdb:" + text)
                .assertFails(3, "DuckDB file " + text + " is not a DuckDB database", "--db");
        Path folder = Files.createDirectory(tmp.resolve("folder.duckdb"));
        CliRun run = CliRun.inProcess("planner-dataset", "simulate", "--households", "5", "--days", "2",
                "--db", "jdbc:duckdb:" + folder).assertFails(2, folder + " is a directory", "--db");
        assertTrue(!run.err().contains("IO Error") && !run.err().contains("\"" + folder), run::describe);
    }

    /** Ports outside 1 to 65535 are a usage error before any connection, with nothing but dsgen's line on stderr. */
    @Test
    void aPortOutOfRangeIsAUsageErrorInOneLine() {
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", "jdbc:postgresql://127.0.0.1:70000/x",
                "--out", tmp.resolve("ds").toString()).assertFails(2, "70000", "--db");
        CliRun.inProcess("planner-dataset", "simulate", "--db", "jdbc:postgresql://127.0.0.1:0/x").assertFails(2, "'0'", "--db");
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db",
                "jdbc:postgresql://127.0.0.1:5432/x?port=70000", "--out", tmp.resolve("ds").toString())
                .assertFails(2, "pgJDBC cannot read the URL of PostgreSQL at 127.0.0.1:5432/x", "--db");
        CliRun.inProcess("planner-dataset", "build", "--date", "2025-01-09", "--db", "jdbc:duckdb:" + tmp.resolve("e.duckdb"),
                "--out", tmp.resolve("ds").toString(), "--mlflow-uri", "http://127.0.0.1:70000")
                .assertFails(2, "70000", "--mlflow-uri");
        RankingLayout out = new RankingLayout(tmp.resolve("ranking"));
        CliRun.inProcess(out.args("--llm-base-url", "http://127.0.0.1:70000/v1")).assertFails(2, "70000", "--llm-base-url");
        assertTrue(Files.notExists(tmp.resolve("ds")), "no output folder");
    }
}
