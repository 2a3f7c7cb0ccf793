package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit cleanup registry: output sets are registered only while something is uncommitted (so it
 * is empty between in-process runs), the hook's cleanup equals a failed run's close(), and commit
 * and the hook exclude each other: after a commit the hook does nothing, after the hook a commit
 * fails and moves nothing.
 */
class ExitCleanupTest {
    @TempDir
    Path dir;

    @BeforeEach
    @AfterEach
    void registryIsEmptyBetweenTests() {
        assertEquals(0, ExitCleanup.pendingCount(), "a test left an output set registered");
    }

    @Test
    void outputFilesAreRegisteredOnlyWhileSomethingIsUncommitted() throws IOException {
        Path target = dir.resolve("new/out.txt");
        try (OutputFiles out = OutputFiles.begin(one(target), true)) {
            assertEquals(1, ExitCleanup.pendingCount(), "created folders are uncommitted");
            Files.writeString(out.temp(target), "a");
            out.commit();
            assertEquals(0, ExitCleanup.pendingCount(), "after the commit");
            Files.writeString(out.temp(target), "b");
            assertEquals(1, ExitCleanup.pendingCount(), "a temp written after the commit");
        }
        assertEquals(0, ExitCleanup.pendingCount(), "after close");
        assertEquals("a", Files.readString(target));

        try (OutputFiles out = OutputFiles.begin(one(dir.resolve("other.txt")), true)) {
            assertEquals(1, ExitCleanup.pendingCount());
        }
        Path existing = Files.writeString(dir.resolve("exists.txt"), "x");
        assertThrows(DsgenException.class, () -> OutputFiles.begin(one(existing), false));
    }

    @Test
    void outputFolderIsRegisteredUntilCommitOrClose() throws IOException {
        try (OutputFolder f = OutputFolder.begin(dir.resolve("ds/a"), "--out", true)) {
            assertEquals(1, ExitCleanup.pendingCount());
            Files.writeString(f.staged("x.txt"), "x");
            f.commit();
            assertEquals(0, ExitCleanup.pendingCount());
        }
        try (OutputFolder f = OutputFolder.begin(dir.resolve("ds/b"), "--out", true)) {
            assertEquals(1, ExitCleanup.pendingCount());
        }
    }

    @Test
    void afterCommitTheHookLeavesEverything() throws IOException {
        Path target = dir.resolve("new/sub/out.txt");
        try (OutputFiles out = OutputFiles.begin(one(target), true)) {
            Files.writeString(out.temp(target), "done");
            out.commit();
            out.cleanUpOnExit();
        }
        assertEquals("done", Files.readString(target));
        assertEquals(List.of("out.txt"), names(target.getParent()));

        Path folder = dir.resolve("ds/2024-01-01");
        try (OutputFolder f = OutputFolder.begin(folder, "--out", true)) {
            Files.writeString(f.staged("data.txt"), "done");
            f.commit();
            f.cleanUpOnExit();
        }
        assertEquals("done", Files.readString(folder.resolve("data.txt")));
        assertEquals(List.of("2024-01-01"), names(dir.resolve("ds")));
    }

    @Test
    void theHookRemovesTempsAndNewFoldersThenCommitFailsAndMovesNothing() throws IOException {
        Path old = Files.writeString(dir.resolve("kept.txt"), "old");
        Path target = dir.resolve("new/sub/out.txt");
        OutputFiles out = OutputFiles.begin(List.of(new OutputFiles.Target(old, "--a"),
                new OutputFiles.Target(target, "--b")), true);
        try (out) {
            Files.writeString(out.temp(old), "new");
            Path temp = out.temp(target);
            Files.writeString(temp, "new");
            out.cleanUpOnExit();
            assertFalse(Files.exists(temp));
            assertThrows(DsgenException.class, out::commit);
            assertThrows(DsgenException.class, () -> out.temp(target));
        }
        assertEquals(List.of("kept.txt"), names(dir), "temps and the folders the run made are gone");
        assertEquals("old", Files.readString(old));
    }

    @Test
    void theHookRemovesTheStagingFolderAndKeepsTheEarlierVersion() throws IOException {
        Path earlier = Files.createDirectories(dir.resolve("ds/2024-01-01"));
        Files.writeString(earlier.resolve("data.txt"), "earlier");
        try (OutputFolder f = OutputFolder.begin(earlier, "--out", true)) {
            Files.writeString(f.staged("data.txt"), "new");
            f.cleanUpOnExit();
            assertThrows(DsgenException.class, f::commit);
        }
        assertEquals(List.of("2024-01-01"), names(dir.resolve("ds")));
        assertEquals("earlier", Files.readString(earlier.resolve("data.txt")));

        try (OutputFolder f = OutputFolder.begin(dir.resolve("fresh/a/b"), "--out", true)) {
            Files.writeString(f.staged("data.txt"), "new");
            f.cleanUpOnExit();
        }
        assertFalse(Files.exists(dir.resolve("fresh")), "the folders the run created are gone");
    }

    /** Commit and the hook on two threads, many times: each ends fully committed or fully cleaned. */
    @Test
    void commitRacingTheHookIsAllOrNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 200; i++) {
                Path target = dir.resolve("r" + i + "/a/out.txt");
                Path second = dir.resolve("r" + i + "/a/second.txt");
                OutputFiles out = OutputFiles.begin(List.of(new OutputFiles.Target(target, "--a"),
                        new OutputFiles.Target(second, "--b")), true);
                Files.writeString(out.temp(target), "x");
                Files.writeString(out.temp(second), "y");
                CountDownLatch go = new CountDownLatch(1);
                Future<Boolean> commit = pool.submit(() -> {
                    go.await();
                    try {
                        out.commit();
                        return true;
                    } catch (DsgenException e) {
                        return false;
                    }
                });
                Future<?> hook = pool.submit(() -> {
                    go.await();
                    out.cleanUpOnExit();
                    return null;
                });
                go.countDown();
                boolean committed = commit.get();
                hook.get();
                out.close();
                if (committed) {
                    assertEquals(List.of("out.txt", "second.txt"), names(target.getParent()), "run " + i);
                } else {
                    assertFalse(Files.exists(dir.resolve("r" + i)), "run " + i + ": " + names(dir));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The hook itself: cleans every registered set, then refuses new ones (the JVM is exiting). */
    @Test
    void theHookCleansEveryRegisteredSetAndRefusesNewOnes() throws IOException {
        Path target = dir.resolve("new/out.txt");
        OutputFiles out = OutputFiles.begin(one(target), true);
        OutputFolder folder = OutputFolder.begin(dir.resolve("ds/x"), "--out", true);
        Files.writeString(out.temp(target), "x");
        try {
            ExitCleanup.runHook();
            assertEquals(0, ExitCleanup.pendingCount());
            assertEquals(List.of(), names(dir));
            assertThrows(DsgenException.class, () -> OutputFiles.begin(one(dir.resolve("late.txt")), true));
            assertEquals(List.of(), names(dir));
        } finally {
            out.close();
            folder.close();
            ExitCleanup.resetAfterTest();
        }
    }

    private static List<OutputFiles.Target> one(Path p) {
        return List.of(new OutputFiles.Target(p, "--out"));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
