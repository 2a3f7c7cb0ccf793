package dev.dsgen.cli;

import dev.dsgen.core.Progress;
import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private String task = "";
    private long total;
    private long done;
    private long lastDraw;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /**
     * A bar only when stderr is a terminal and the user did not ask for quiet; with --verbose, one
     * line per finished phase with its wall time instead.
     */
    static Progress forTerminal(PrintWriter err, boolean quiet, boolean verbose) {
        if (verbose) {
            return new PhaseTimes(err);
        }
        return quiet || System.console() == null ? Progress.NONE : new TerminalProgress(err);
    }

    /** Prints "phase: N ms" as each phase finishes (for --verbose and profiling). */
    private static final class PhaseTimes implements Progress {
        private final PrintWriter err;
        private String task;
        private long started;

        PhaseTimes(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void start(String task, long total) {
            this.task = task;
            this.started = System.nanoTime();
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public synchronized void finish() {
            err.printf("dsgen: %s took %d ms%n", task, (System.nanoTime() - started) / 1_000_000);
            err.flush();
        }
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = Math.max(1, total);
        this.done = 0;
        draw(true);
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        draw(false);
    }

    @Override
    public synchronized void finish() {
        done = total;
        draw(true);
        err.print("\r" + " ".repeat(WIDTH + task.length() + 12) + "\r");
        err.flush();
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        err.printf("\r[%s%s] %3d%% %s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.min(100, done * 100 / total), task);
        err.flush();
    }
}
