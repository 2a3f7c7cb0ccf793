package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void noOverwriteWithExistingTargetIsAConflictBeforeAnythingIsCreated() throws IOException {
        Path fresh = dir.resolve("new-sub/records.csv");
        Path existing = Files.writeString(dir.resolve("pairs.parquet"), "old");
        List<OutputFiles.Target> targets = List.of(new OutputFiles.Target(fresh, "--outdir"),
                new OutputFiles.Target(existing, "--pairs"));

        DsgenException e = assertThrows(DsgenException.class, () -> OutputFiles.begin(targets, false));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("pairs.parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("--pairs"), e.getMessage());
        assertTrue(e.getMessage().contains("--no-overwrite"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("new-sub")), "no directory may be created before the conflict check");
        assertEquals("old", Files.readString(existing));
        assertEquals(List.of("pairs.parquet"), listNames(dir));
    }

    @Test
    void overwriteReplacesExistingTargetOnCommit() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        try (OutputFiles out = OutputFiles.begin(one(target, "--out"), true)) {
            Files.writeString(out.temp(target), "new");
            assertEquals("old", Files.readString(target), "final file untouched until commit");
            out.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("out.txt"), listNames(dir));
    }

    @Test
    void tempFilesLiveInTheTargetDirectoryUnderAnotherName() throws IOException {
        Path target = dir.resolve("a/b/data.csv");
        try (OutputFiles out = OutputFiles.begin(one(target, "--outdir"), true)) {
            assertTrue(Files.isDirectory(dir.resolve("a/b")), "begin creates parent directories");
            assertEquals(List.of(), listNames(dir.resolve("a/b")), "the writability probe leaves nothing behind");
            Path temp = out.temp(target);
            assertEquals(target.toAbsolutePath().getParent(), temp.toAbsolutePath().getParent());
            assertNotEquals(target.getFileName(), temp.getFileName());
            assertTrue(Files.exists(temp));
            assertFalse(Files.exists(target));
            assertEquals(temp, out.temp(target), "the same target keeps one temp");
            Files.writeString(temp, "x");
            out.commit();
            assertTrue(Files.exists(target));
            assertFalse(Files.exists(temp));
        }
        assertEquals("x", Files.readString(target));
    }

    @Test
    void closeWithoutCommitLeavesNoFiles() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        List<OutputFiles.Target> targets = List.of(new OutputFiles.Target(a, "--a"), new OutputFiles.Target(b, "--b"));
        assertThrows(IllegalStateException.class, () -> {
            try (OutputFiles out = OutputFiles.begin(targets, true)) {
                Files.writeString(out.temp(a), "half of a");
                Files.writeString(out.temp(b), "half of b");
                throw new IllegalStateException("generator failed mid-run");
            }
        });
        assertEquals(List.of(), listNames(dir), "no temp and no half-written final file");
    }

    @Test
    void failedRunKeepsThePreviousOutput() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.csv"), "previous");
        try (OutputFiles out = OutputFiles.begin(one(target, "--out"), true)) {
            Files.writeString(out.temp(target), "partial");
        }
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of("keep.csv"), listNames(dir));
    }

    @Test
    void commitCanBeCalledAgainForFilesWrittenLater() throws IOException {
        Path data = dir.resolve("data.csv");
        Path summary = dir.resolve("summary.json");
        List<OutputFiles.Target> targets = List.of(new OutputFiles.Target(data, "--outdir"),
                new OutputFiles.Target(summary, "--outdir"));
        try (OutputFiles out = OutputFiles.begin(targets, true)) {
            Files.writeString(out.temp(data), "rows");
            out.commit();
            assertEquals("rows", Files.readString(data));
            assertFalse(Files.exists(summary));
            Files.writeString(out.temp(summary), "{}");
            out.commit();
            out.commit(); // nothing pending: harmless
        }
        assertEquals("rows", Files.readString(data), "a later close must not delete committed files");
        assertEquals("{}", Files.readString(summary));
        assertEquals(List.of("data.csv", "summary.json"), listNames(dir));
    }

    @Test
    void targetsAreAbsoluteNormalisedAndInDeclarationOrder() {
        List<OutputFiles.Target> targets = List.of(new OutputFiles.Target(dir.resolve("z.csv"), "--z"),
                new OutputFiles.Target(dir.resolve("sub/../a.csv"), "--a"));
        try (OutputFiles out = OutputFiles.begin(targets, true)) {
            assertEquals(List.of(dir.resolve("z.csv").toAbsolutePath().normalize(),
                    dir.resolve("a.csv").toAbsolutePath().normalize()), out.targets());
            // The un-normalised spelling names the same declared target.
            assertEquals(out.temp(dir.resolve("a.csv")), out.temp(dir.resolve("sub/../a.csv")));
        }
    }

    @Test
    void undeclaredTargetIsRejected() {
        try (OutputFiles out = OutputFiles.begin(one(dir.resolve("a.csv"), "--a"), true)) {
            assertThrows(IllegalStateException.class, () -> out.temp(dir.resolve("other.csv")));
        }
    }

    @Test
    void directoryUnderARegularFileIsAUsageErrorNamingTheFlag() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path target = file.resolve("sub/out.csv");
        DsgenException e = assertThrows(DsgenException.class,
                () -> OutputFiles.begin(one(target, "--outdir"), true));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--outdir"), e.getMessage());
        assertTrue(e.getMessage().contains("plain-file"), e.getMessage());
    }

    @Test
    void ensureWritableDirectoryCreatesTheDirectory() {
        Path d = dir.resolve("x/y/z");
        OutputFiles.ensureWritableDirectory(d, "--outdir");
        assertTrue(Files.isDirectory(d));
        assertEquals(List.of(), listNames(d));
    }

    @Test
    void noOverwriteWithFreshTargetsProceeds() throws IOException {
        Path target = dir.resolve("fresh.csv");
        try (OutputFiles out = OutputFiles.begin(one(target, "--out"), false)) {
            Files.writeString(out.temp(target), "ok");
            out.commit();
        }
        assertEquals("ok", Files.readString(target));
    }

    @Test
    void twoOutputsAtOnePathAreAUsageErrorNamingBothFlags() {
        DsgenException e = assertThrows(DsgenException.class, () -> OutputFiles.begin(List.of(
                new OutputFiles.Target(dir.resolve("same.csv"), "--outdir"),
                new OutputFiles.Target(dir.resolve("x/../same.csv"), "--pairs-out")), true));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--outdir") && e.getMessage().contains("--pairs-out"), e.getMessage());
        assertTrue(e.getMessage().contains("same.csv"), e.getMessage());
        assertEquals(List.of(), listNames(dir));
    }

    @Test
    void outputThatIsADirectoryIsAUsageErrorNamingTheFlag() throws IOException {
        Path d = Files.createDirectories(dir.resolve("records.csv"));
        for (boolean overwrite : new boolean[] {true, false}) {
            DsgenException e = assertThrows(DsgenException.class,
                    () -> OutputFiles.begin(List.of(new OutputFiles.Target(d, "--outdir")), overwrite));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains("--outdir"), e.getMessage());
            assertTrue(e.getMessage().contains("records.csv"), e.getMessage());
        }
    }

    @Test
    void conflictMessageCountsTheOtherExistingOutputs() throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "");
        Path b = Files.writeString(dir.resolve("b.csv"), "");
        Path c = Files.writeString(dir.resolve("c.csv"), "");
        DsgenException e = assertThrows(DsgenException.class, () -> OutputFiles.begin(List.of(
                new OutputFiles.Target(a, "--outdir"), new OutputFiles.Target(b, "--outdir"),
                new OutputFiles.Target(c, "--outdir")), false));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("a.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("2 more"), e.getMessage());
    }

    @Test
    void failedRunRemovesTheFoldersItCreatedForItsOutputs() throws IOException {
        Path a = dir.resolve("new/data/a.csv");
        Path b = dir.resolve("new/reports/deep/b.json");
        List<OutputFiles.Target> targets = List.of(new OutputFiles.Target(a, "--outdir"), new OutputFiles.Target(b, "--summary"));
        assertThrows(IllegalStateException.class, () -> {
            try (OutputFiles out = OutputFiles.begin(targets, true)) {
                assertTrue(Files.isDirectory(dir.resolve("new/reports/deep")));
                Files.writeString(out.temp(a), "half");
                throw new IllegalStateException("generator failed mid-run");
            }
        });
        assertEquals(List.of(), listNames(dir), "no new folder, no temp");
    }

    @Test
    void failedRunKeepsFoldersThatExistedBeforeWithTheirContents() throws IOException {
        Path old = Files.createDirectories(dir.resolve("data"));
        Files.writeString(old.resolve("previous.csv"), "kept");
        Path emptyOld = Files.createDirectories(dir.resolve("reports"));
        Path a = old.resolve("sub/a.csv");
        Path b = emptyOld.resolve("b.json");
        try (OutputFiles out = OutputFiles.begin(List.of(new OutputFiles.Target(a, "--outdir"),
                new OutputFiles.Target(b, "--summary")), true)) {
            Files.writeString(out.temp(a), "half");
            Files.writeString(out.temp(b), "half");
        }
        assertEquals(List.of("data", "reports"), listNames(dir));
        assertEquals(List.of("previous.csv"), listNames(old), "only the folder this run made (sub) is gone");
        assertEquals("kept", Files.readString(old.resolve("previous.csv")));
        assertEquals(List.of(), listNames(emptyOld), "an empty folder that existed before stays");
    }

    @Test
    void aRunThatCommittedKeepsItsFoldersEvenIfItFailsLater() throws IOException {
        Path data = dir.resolve("new/data/a.csv");
        Path summary = dir.resolve("new/reports/summary.json");
        assertThrows(IllegalStateException.class, () -> {
            try (OutputFiles out = OutputFiles.begin(List.of(new OutputFiles.Target(data, "--outdir"),
                    new OutputFiles.Target(summary, "--summary")), true)) {
                Files.writeString(out.temp(data), "rows");
                out.commit();
                throw new IllegalStateException("failed after the data was committed");
            }
        });
        assertEquals("rows", Files.readString(data));
        assertTrue(Files.isDirectory(dir.resolve("new/reports")), "committed runs keep every folder they made");
    }

    @Test
    void aSuccessfulRunKeepsTheFoldersItCreated() throws IOException {
        Path target = dir.resolve("x/y/out.csv");
        try (OutputFiles out = OutputFiles.begin(one(target, "--out"), true)) {
            Files.writeString(out.temp(target), "ok");
            out.commit();
        }
        assertEquals("ok", Files.readString(target));
    }

    @Test
    void anUnusableLaterOutputDirectoryRemovesTheFoldersMadeForEarlierOnes() throws IOException {
        Files.writeString(dir.resolve("plain-file"), "x");
        DsgenException e = assertThrows(DsgenException.class, () -> OutputFiles.begin(List.of(
                new OutputFiles.Target(dir.resolve("new/data/a.csv"), "--outdir"),
                new OutputFiles.Target(dir.resolve("new/pairs/b.parquet"), "--pairs-out"),
                new OutputFiles.Target(dir.resolve("plain-file/sub/summary.json"), "--summary")), true));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--summary"), e.getMessage());
        assertEquals(List.of("plain-file"), listNames(dir));
    }

    static List<OutputFiles.Target> one(Path path, String flag) {
        return List.of(new OutputFiles.Target(path, flag));
    }

    static List<String> listNames(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
