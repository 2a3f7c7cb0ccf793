package dev.dsgen.io;

import static dev.dsgen.io.OutputFilesTest.listNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void commitSwapsTheStagedFolderInAndKeepsTheFoldersItCreated() throws IOException {
        Path target = dir.resolve("datasets/planner/2025-01-09");
        try (OutputFolder folder = OutputFolder.begin(target, "--out", true)) {
            Files.writeString(folder.staged("a.txt"), "new");
            folder.commit();
        }
        assertEquals(List.of("a.txt"), listNames(target));
        assertEquals(List.of("2025-01-09"), listNames(dir.resolve("datasets/planner")), "no staging folder left");
    }

    @Test
    void aFailedRunRemovesTheStagingFolderAndTheFoldersItCreated() throws IOException {
        Path target = dir.resolve("datasets/planner/2025-01-09");
        assertThrows(IllegalStateException.class, () -> {
            try (OutputFolder folder = OutputFolder.begin(target, "--out", true)) {
                Files.writeString(folder.staged("half.parquet"), "half");
                throw new IllegalStateException("scan failed");
            }
        });
        assertEquals(List.of(), listNames(dir), "no datasets/ or datasets/planner/ left behind");
    }

    @Test
    void aFailedRunKeepsTheRootThatExistedAndItsEarlierFolders() throws IOException {
        Path root = Files.createDirectories(dir.resolve("datasets"));
        Path earlier = Files.createDirectories(root.resolve("2025-01-08"));
        Files.writeString(earlier.resolve("training.parquet"), "earlier");
        try (OutputFolder folder = OutputFolder.begin(root.resolve("2025-01-09"), "--out", true)) {
            Files.writeString(folder.staged("half.parquet"), "half");
        }
        assertEquals(List.of("2025-01-08"), listNames(root));
        assertEquals("earlier", Files.readString(earlier.resolve("training.parquet")));

        Path emptyRoot = Files.createDirectories(dir.resolve("empty-root"));
        try (OutputFolder folder = OutputFolder.begin(emptyRoot.resolve("2025-01-09"), "--out", true)) {
            Files.writeString(folder.staged("half.parquet"), "half");
        }
        assertTrue(Files.isDirectory(emptyRoot), "an empty root that existed before stays");
        assertEquals(List.of(), listNames(emptyRoot));
    }

    @Test
    void aFailedRerunKeepsTheEarlierVersionOfTheSameFolder() throws IOException {
        Path target = Files.createDirectories(dir.resolve("ds/2025-01-09"));
        Files.writeString(target.resolve("training.parquet"), "earlier");
        try (OutputFolder folder = OutputFolder.begin(target, "--out", true)) {
            Files.writeString(folder.staged("training.parquet"), "half");
        }
        assertEquals(List.of("2025-01-09"), listNames(dir.resolve("ds")));
        assertEquals("earlier", Files.readString(target.resolve("training.parquet")));
    }

    @Test
    void noOverwriteOverAnExistingFolderIsAConflictBeforeAnythingIsCreated() throws IOException {
        Path target = Files.createDirectories(dir.resolve("ds/2025-01-09"));
        DsgenException e = assertThrows(DsgenException.class, () -> OutputFolder.begin(target, "--out", false));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertEquals(List.of("2025-01-09"), listNames(dir.resolve("ds")));
    }

    @Test
    void aParentUnderARegularFileIsAUsageErrorNamingTheFlagAndLeavesNoFolder() throws IOException {
        Files.writeString(dir.resolve("plain-file"), "x");
        DsgenException e = assertThrows(DsgenException.class,
                () -> OutputFolder.begin(dir.resolve("plain-file/ds/2025-01-09"), "--out", true));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
        assertEquals(List.of("plain-file"), listNames(dir));
    }
}
