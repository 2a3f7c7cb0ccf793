package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cleanup of uncommitted outputs when the JVM exits while a run is still writing them (Ctrl-C =
 * SIGINT, SIGTERM from {@code kill} or a CI timeout), where no {@code close()} or {@code finally}
 * runs. Output sets ({@link OutputFiles}, {@link OutputFolder}) register while they hold anything
 * uncommitted and unregister when committed or closed, so between runs (and in tests that run
 * dsgen in process many times) the registry is empty. One shutdown hook, added on the first
 * registration, calls {@link Pending#cleanUpOnExit()} on each set still registered: the same
 * cleanup a failed run's {@code close()} does (temps, staging folder, created folders still empty).
 *
 * <p>The hook runs concurrently with the interrupted thread. Each set guards commit, close and
 * this cleanup with one lock ({@link #lockForExit}), so an output is either committed or cleaned,
 * never half; a commit after the cleanup fails with {@link #interrupted()} and moves nothing.
 */
final class ExitCleanup {
    /** An output set with uncommitted work. */
    interface Pending {
        /** Removes what a failed run's close() would remove; afterwards commit must refuse. Thread-safe. */
        void cleanUpOnExit();
    }

    /** How long the hook waits for a commit in progress before giving up on that set. */
    static final long LOCK_WAIT_SECONDS = 10;

    private static final Set<Pending> PENDING = new LinkedHashSet<>();
    private static boolean hookAdded;
    private static boolean exiting;

    private ExitCleanup() {
    }

    /**
     * Registers {@code p} (idempotent), adding the shutdown hook on first use. Refuses with
     * {@link #interrupted()} once the JVM is exiting: the hook may already have passed.
     */
    static synchronized void register(Pending p) {
        if (exiting) {
            throw interrupted();
        }
        if (!hookAdded) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::runHook, "dsgen-exit-cleanup"));
            } catch (IllegalStateException e) {
                exiting = true; // shutdown already in progress
                throw interrupted();
            }
            hookAdded = true;
        }
        PENDING.add(p);
    }

    static synchronized void unregister(Pending p) {
        PENDING.remove(p);
    }

    /** How many output sets are registered now (tests: 0 between runs). */
    static synchronized int pendingCount() {
        return PENDING.size();
    }

    /** What the shutdown hook does; package-private so tests can call it without exiting. */
    static void runHook() {
        List<Pending> snapshot;
        synchronized (ExitCleanup.class) {
            exiting = true;
            snapshot = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        for (int i = snapshot.size() - 1; i >= 0; i--) { // newest first, like nested try-with-resources
            try {
                snapshot.get(i).cleanUpOnExit();
            } catch (RuntimeException | Error ignored) {
                // best effort: one set failing must not keep the others from being cleaned
            }
        }
    }

    /** For tests: let registrations in again after {@link #runHook()} was called by hand. */
    static synchronized void resetAfterTest() {
        exiting = false;
        PENDING.clear();
    }

    /** Takes a set's lock for the hook, waiting a bounded time for a commit in progress. */
    static boolean lockForExit(ReentrantLock lock) {
        try {
            return lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The error of a commit (or a new output) after the exit cleanup removed the set's files. */
    static DsgenException interrupted() {
        return new DsgenException(ExitCode.INTERNAL,
                "interrupted: dsgen is exiting and its uncommitted outputs were removed");
    }
}
