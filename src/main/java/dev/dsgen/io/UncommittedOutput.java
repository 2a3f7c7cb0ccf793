package dev.dsgen.io;

import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@link OutputFiles} and {@link OutputFolder} share: a set of outputs that holds uncommitted
 * work until its commit, removed by {@link #close()} after a failed run or by the exit cleanup
 * ({@link ExitCleanup}) after an interrupt, whichever comes first, never both and never after the
 * commit. One lock makes the commit, the close and the exit cleanup exclusive.
 */
abstract class UncommittedOutput implements AutoCloseable, ExitCleanup.Pending {
    /** Guards the subclass's files and folders and the state below against the exit cleanup thread. */
    protected final ReentrantLock lock = new ReentrantLock();
    /** The exit cleanup removed the uncommitted work: nothing may be committed any more. */
    private boolean cleanedOnExit;
    private boolean closed;

    /** Removes the uncommitted files and the folders made for them (called under the lock, once). */
    protected abstract void removeUncommitted();

    /** True once everything is committed for good and nothing is left to remove. */
    protected boolean committed() {
        return false;
    }

    /**
     * Registers for the exit cleanup (before the first folder is made, so an interrupt removes it),
     * then runs {@code setUp} under the lock; on any failure the set is closed (its folders removed).
     */
    protected final void begin(Runnable setUp) {
        try {
            ExitCleanup.register(this);
            lock.lock();
            try {
                checkNotCleanedOnExit();
                setUp.run();
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Refuses further work once the exit cleanup has removed this set's files. */
    protected final void checkNotCleanedOnExit() {
        if (cleanedOnExit) {
            throw ExitCleanup.interrupted();
        }
    }

    /** Removes what was not committed: a failed run leaves no partial file behind. */
    @Override
    public final void close() {
        lock.lock();
        try {
            if (!closed && !cleanedOnExit && !committed()) {
                removeUncommitted();
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        ExitCleanup.unregister(this);
    }

    /**
     * The exit cleanup: what {@link #close()} does, unless the set was closed or committed already;
     * afterwards commits refuse. Waits for a commit in progress.
     */
    @Override
    public final void cleanUpOnExit() {
        if (!ExitCleanup.lockForExit(lock)) {
            return; // a commit that does not end: leave it rather than race it
        }
        try {
            if (!closed && !cleanedOnExit && !committed()) {
                cleanedOnExit = true;
                removeUncommitted();
            }
        } finally {
            lock.unlock();
        }
    }
}
