package dev.dsgen.io;

import static dev.dsgen.io.OutputFilesTest.listNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreatedFoldersTest {
    @TempDir
    Path dir;

    @Test
    void createsMissingAncestorsAndRemembersOnlyThose() throws IOException {
        Files.createDirectories(dir.resolve("old"));
        try (CreatedFolders folders = new CreatedFolders()) {
            folders.create(dir.resolve("old/a/b/c"));
            assertTrue(Files.isDirectory(dir.resolve("old/a/b/c")));
            assertEquals(List.of(dir.resolve("old/a"), dir.resolve("old/a/b"), dir.resolve("old/a/b/c")),
                    folders.created());
            folders.create(dir.resolve("old/a/b/c")); // already there: nothing new
            folders.create(dir.resolve("old"));
            assertEquals(3, folders.created().size());
        }
    }

    @Test
    void closeWithoutCommitRemovesTheCreatedFoldersDeepestFirstAndNothingElse() throws IOException {
        Path old = Files.createDirectories(dir.resolve("old"));
        Files.writeString(old.resolve("keep.txt"), "previous");
        Path emptyOld = Files.createDirectories(dir.resolve("empty-old"));
        try (CreatedFolders folders = new CreatedFolders()) {
            folders.create(old.resolve("a/b/c"));
            folders.create(old.resolve("a/d"));
            folders.create(emptyOld.resolve("x"));
        }
        assertEquals(List.of("keep.txt"), listNames(old), "the created tree is gone, the old folder and file stay");
        assertTrue(Files.isDirectory(emptyOld), "a folder that existed before stays, even empty");
        assertEquals(List.of(), listNames(emptyOld));
        assertEquals(List.of("empty-old", "old"), listNames(dir));
    }

    @Test
    void aCreatedFolderThatIsNoLongerEmptyStaysWithItsAncestors() throws IOException {
        try (CreatedFolders folders = new CreatedFolders()) {
            folders.create(dir.resolve("a/b/full"));
            folders.create(dir.resolve("a/b/empty"));
            Files.writeString(dir.resolve("a/b/full/someone-elses.txt"), "x");
        }
        assertEquals(List.of("full"), listNames(dir.resolve("a/b")), "the empty sibling goes, the rest stays");
        assertEquals(List.of("someone-elses.txt"), listNames(dir.resolve("a/b/full")));
    }

    @Test
    void commitKeepsEveryFolderEvenEmptyOnes() throws IOException {
        try (CreatedFolders folders = new CreatedFolders()) {
            folders.create(dir.resolve("a/b"));
            folders.commit();
        }
        assertTrue(Files.isDirectory(dir.resolve("a/b")));
    }

    @Test
    void aFolderReplacedByAFileIsNotDeleted() throws IOException {
        try (CreatedFolders folders = new CreatedFolders()) {
            folders.create(dir.resolve("a/b"));
            Files.delete(dir.resolve("a/b"));
            Files.writeString(dir.resolve("a/b"), "not ours");
        }
        assertEquals("not ours", Files.readString(dir.resolve("a/b")));
    }

    @Test
    void aFolderUnderARegularFileFailsAndWhatWasMadeIsRemovedOnClose() throws IOException {
        Files.writeString(dir.resolve("plain"), "x");
        assertThrows(FileSystemException.class, () -> new CreatedFolders().create(dir.resolve("plain/sub")));
        try (CreatedFolders folders = new CreatedFolders()) {
            folders.create(dir.resolve("new/one"));
            Files.writeString(dir.resolve("new/file"), "x");
            assertThrows(FileSystemException.class, () -> folders.create(dir.resolve("new/file/two")));
            Files.delete(dir.resolve("new/file"));
        }
        assertEquals(List.of("plain"), listNames(dir));
    }

    @Test
    void aPathThatIsARegularFileIsRefusedLikeCreateDirectories() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        try (CreatedFolders folders = new CreatedFolders()) {
            assertThrows(FileAlreadyExistsException.class, () -> folders.create(file));
            assertEquals(List.of(), folders.created());
        }
        assertEquals("x", Files.readString(file));
        assertFalse(Files.isDirectory(file));
    }
}
