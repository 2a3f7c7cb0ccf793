package dev.dsgen.io;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.RunMetadata;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Everything one run writes, declared before any work and written as a unit: the run contract
 * every generator follows. A generator
 * <ol>
 * <li>declares its outputs and its inputs ({@link #declare}): {@link Declaration#file files},
 *     {@link Declaration#folder folders} written as a unit, and {@link Declaration#stream streams}
 *     ({@code -} = stdout); {@link Declaration#begin()} checks them all at once, before any work;</li>
 * <li>writes each output through the writer the set hands out ({@link #csv}, {@link #json},
 *     {@link #jsonList}, {@link #jsonLines}, {@link #parquet(Path)}); every writer counts rows and
 *     bytes and hashes what it writes ({@link CountingHashingStream});</li>
 * <li>may read back what it wrote ({@link #written}) to validate it, writes the metadata sidecar
 *     with {@link #sidecar}, which lists every output from what the writers recorded, and calls
 *     {@link #commit()}; closing without a commit (a failed run) leaves every earlier output as it
 *     was and removes what the run created.</li>
 * </ol>
 *
 * <p>What {@link Declaration#begin()} guarantees:
 * <ul>
 * <li>{@code --no-overwrite} (the {@code overwrite} argument): an existing output file or folder is
 *     exit 6, before any work. Streams (stdout, FIFOs, devices) never conflict.</li>
 * <li>Two outputs at one path, or two on stdout: exit 2 naming both flags.</li>
 * <li>No output is, or (a folder) contains, one of the run's inputs, links resolved; no output file
 *     lies inside an input folder: exit 2 naming the output's flag and the input's.</li>
 * <li>Safe paths: an output that is a symbolic link is written through (the temp is written beside
 *     the link's target and renamed over it; the link stays); a dangling link is exit 2. A FIFO or a
 *     character device ({@code /dev/null}, {@code /dev/stdout}, a named pipe), and anything under
 *     {@code /dev} or {@code /proc}, is written into, never replaced. A directory where a file is
 *     expected, a block device or a socket is exit 2. A file name longer than 255 bytes is exit 2.</li>
 * <li>Temps and staging folders that an earlier run of the same outputs left when it was killed
 *     ({@code kill -9}: no cleanup ran) are removed; an earlier version it had swapped out is put back.</li>
 * </ul>
 *
 * <p>Streams (stdout, a FIFO, a character device) are held in a temp file in the system temp folder
 * and copied into the stream on {@link #commit()}, before any file is renamed: what reaches a pipe is
 * complete and validated, and a failed run sends nothing. Write failures are exit 2 naming the output,
 * the operating system's reason and the flag ({@link OutputErrors}).
 */
public final class OutputSet implements AutoCloseable {
    /** A file or folder the run reads, and the flag that named it. */
    public record Input(Path path, String flag) {
    }

    private enum Kind { FILE, STREAM, FOLDER, DATABASE }

    private record Declared(Path path, String flag, Kind kind) {
    }

    /** An output opened through the set: where its bytes are counted and hashed. */
    private record Recorded(int order, Path shown, CountingHashingStream stream, boolean sidecar) {
    }

    /**
     * Starts declaring a run's outputs.
     *
     * @param overwrite false for {@code --no-overwrite}: existing outputs are exit 6
     * @param std where {@code -} writes (stdout) for stream outputs
     */
    public static Declaration declare(boolean overwrite, StdStreams std) {
        return new Declaration(overwrite, std);
    }

    /** The outputs and inputs of one run; {@link #begin()} checks them and opens the set. */
    public static final class Declaration {
        private final boolean overwrite;
        private final StdStreams std;
        private final List<Declared> outputs = new ArrayList<>();
        private final List<Input> inputs = new ArrayList<>();

        private Declaration(boolean overwrite, StdStreams std) {
            this.overwrite = overwrite;
            this.std = std;
        }

        /** A file written whole and renamed into place on commit. */
        public Declaration file(Path path, String flag) {
            outputs.add(new Declared(path, flag, Kind.FILE));
            return this;
        }

        /** An output that is one stream (a summary, a JSON dataset): a file, or stdout for {@code -}. */
        public Declaration stream(Path path, String flag) {
            outputs.add(new Declared(path, flag, Kind.STREAM));
            return this;
        }

        /**
         * A folder written as a unit: files written at {@code path.resolve(name)} go to a hidden
         * staging folder that the commit swaps in.
         */
        public Declaration folder(Path path, String flag) {
            outputs.add(new Declared(path, flag, Kind.FOLDER));
            return this;
        }

        /**
         * A database file that its database writes in place (DuckDB; null for a database server):
         * its path is checked like a file's (it must be a regular file or absent) and its folders
         * are created, but whether existing tables may be replaced is the caller's check, through
         * {@link OutputSet#overwrites()}.
         */
        public Declaration database(Path path, String flag) {
            if (path != null) {
                outputs.add(new Declared(path, flag, Kind.DATABASE));
            }
            return this;
        }

        /** An input of the run (a file or folder; null and {@code -} are ignored): never an output. */
        public Declaration input(Path path, String flag) {
            if (path != null && !StdStreams.isDash(path)) {
                inputs.add(new Input(path, flag));
            }
            return this;
        }

        /** Checks everything declared (see {@link OutputSet}) and opens the set. */
        public OutputSet begin() {
            return new OutputSet(this);
        }
    }

    private final List<Declared> declared;
    private final Map<Path, OutputFiles.Place> places = new LinkedHashMap<>();
    /** Folder outputs by their declared (absolute, normalised) path. */
    private final Map<Path, OutputFolder> folders = new LinkedHashMap<>();
    private final Map<Path, Recorded> recorded = new LinkedHashMap<>();
    private final Set<RunMetadata> described = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Path> committedFolders = new java.util.HashSet<>();
    /** Database files by declared path: written in place by their database, only their folders are made here. */
    private final Map<Path, Path> databases = new LinkedHashMap<>();
    private final CreatedFolders databaseFolders = new CreatedFolders();
    private final boolean overwrite;
    private OutputFiles files;

    private OutputSet(Declaration d) {
        this.declared = List.copyOf(d.outputs);
        this.overwrite = d.overwrite;
        Map<Path, String> seen = new LinkedHashMap<>();
        Map<Path, Path> folderTargets = new LinkedHashMap<>();
        for (Declared o : declared) {
            Path key = key(o.path());
            Path where;
            if (StdStreams.isDash(o.path())) {
                if (o.kind() != Kind.STREAM) {
                    throw DsgenException.usage("'-' (stdout) is only for outputs that are one stream, not for "
                            + o.flag() + " (" + o.flag() + ")");
                }
                where = key;
                places.put(key, new OutputFiles.Place(null, temp -> copyToStdout(temp, d.std), o.flag()));
            } else if (o.kind() == Kind.FOLDER) {
                where = folderTarget(o);
                folderTargets.put(key, where);
            } else if (o.kind() == Kind.DATABASE) {
                where = databaseFile(o);
                databases.put(key, where);
            } else {
                OutputFiles.Place place = filePlace(o);
                places.put(key, place);
                where = place.renameTo() != null ? place.renameTo() : key;
            }
            String earlier = seen.putIfAbsent(where, o.flag());
            if (earlier != null) {
                throw DsgenException.usage("two outputs would be written to "
                        + (StdStreams.isDash(o.path()) ? "stdout" : where.toString()) + " (" + earlier + " and " + o.flag()
                        + "; point them at different files)");
            }
        }
        checkInputs(d.inputs, folderTargets);
        if (!d.overwrite) {
            checkNoOverwrite(folderTargets);
        }
        removeLeftovers(folderTargets);
        try {
            for (Map.Entry<Path, Path> db : databases.entrySet()) {
                try {
                    databaseFolders.create(db.getValue().getParent());
                } catch (IOException e) {
                    throw OutputErrors.cannotWrite(e, db.getValue().getParent(), flagOf(db.getKey()));
                }
            }
            files = OutputFiles.open(places);
            for (Map.Entry<Path, Path> f : folderTargets.entrySet()) {
                folders.put(f.getKey(), OutputFolder.begin(f.getValue(), flagOf(f.getKey()), true));
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private String flagOf(Path key) {
        for (Declared o : declared) {
            if (key(o.path()).equals(key)) {
                return o.flag();
            }
        }
        throw new IllegalStateException("undeclared output " + key);
    }

    /** Where a file or stream output goes (see the class comment for each kind of path). */
    private static OutputFiles.Place filePlace(Declared o) {
        Path p = key(o.path());
        OutputPaths.checkNameLength(p, o.flag());
        if (OutputPaths.systemPath(p)) {
            OutputPaths.Kind k = OutputPaths.kind(p);
            if (k == OutputPaths.Kind.REGULAR || k.stream()) {
                return new OutputFiles.Place(null, temp -> copyInto(temp, p), o.flag());
            }
            throw DsgenException.usage("output " + p + " is " + (k == OutputPaths.Kind.ABSENT ? "not there"
                    : k.described()) + " (" + o.flag() + "; under /dev and /proc dsgen writes only into existing "
                    + "files, FIFOs and character devices)");
        }
        if (OutputPaths.isDanglingLink(p)) {
            throw DsgenException.usage("output " + p + " is a symbolic link to a file that does not exist (" + o.flag()
                    + "; create the target or remove the link)");
        }
        OutputPaths.Kind k = OutputPaths.kind(p);
        return switch (k) {
            case ABSENT, REGULAR -> OutputFiles.Place.rename(OutputPaths.real(p), o.flag());
            case FIFO, CHARACTER_DEVICE -> new OutputFiles.Place(null, temp -> copyInto(temp, p), o.flag());
            case DIRECTORY -> throw DsgenException.usage("output " + p + " is a directory (" + o.flag() + "; give a file path)");
            default -> throw DsgenException.usage("output " + p + " is " + k.described() + " (" + o.flag()
                    + "; dsgen writes regular files, FIFOs and character devices)");
        };
    }

    private static Path databaseFile(Declared o) {
        Path p = key(o.path());
        OutputPaths.checkNameLength(p, o.flag());
        if (OutputPaths.isDanglingLink(p)) {
            throw DsgenException.usage("output " + p + " is a symbolic link to a file that does not exist (" + o.flag()
                    + "; create the target or remove the link)");
        }
        OutputPaths.Kind k = OutputPaths.kind(p);
        if (OutputPaths.systemPath(p) || k != OutputPaths.Kind.ABSENT && k != OutputPaths.Kind.REGULAR) {
            throw DsgenException.usage("output " + p + " is " + k.described() + " (" + o.flag()
                    + "; a database needs a regular file)");
        }
        return OutputPaths.real(p);
    }

    private static Path folderTarget(Declared o) {
        Path p = key(o.path());
        OutputPaths.checkNameLength(p, o.flag());
        if (OutputPaths.isDanglingLink(p)) {
            throw DsgenException.usage("output " + p + " is a symbolic link to a folder that does not exist (" + o.flag()
                    + "; create the target or remove the link)");
        }
        OutputPaths.Kind k = OutputPaths.kind(p);
        if (k != OutputPaths.Kind.ABSENT && k != OutputPaths.Kind.DIRECTORY) {
            throw DsgenException.usage("output " + p + " exists and is not a folder (" + o.flag() + ")");
        }
        return OutputPaths.real(p);
    }

    private void checkInputs(List<Input> inputs, Map<Path, Path> folderTargets) {
        for (Input in : inputs) {
            Path real = OutputPaths.real(in.path());
            boolean inputFolder = Files.isDirectory(real);
            for (Map.Entry<Path, OutputFiles.Place> e : places.entrySet()) {
                Path to = e.getValue().renameTo();
                if (to == null) {
                    continue;
                }
                if (to.equals(real)) {
                    throw DsgenException.usage("output " + e.getKey() + " is the input of " + in.flag() + " ("
                            + e.getValue().flag() + "; an output never replaces an input, choose another path)");
                }
                if (inputFolder && to.startsWith(real)) {
                    throw DsgenException.usage("output " + e.getKey() + " lies in the input folder " + real + " of "
                            + in.flag() + " (" + e.getValue().flag() + "; write outputs outside the inputs)");
                }
            }
            for (Map.Entry<Path, Path> db : databases.entrySet()) {
                if (db.getValue().equals(real) || inputFolder && db.getValue().startsWith(real)) {
                    throw DsgenException.usage("output " + db.getKey() + " is, or lies in, the input " + real + " of " + in.flag()
                            + " (" + flagOf(db.getKey()) + "; an output never replaces an input, choose another path)");
                }
            }
            for (Map.Entry<Path, Path> f : folderTargets.entrySet()) {
                if (real.startsWith(f.getValue()) || f.getValue().startsWith(real) && inputFolder) {
                    throw DsgenException.usage("output folder " + f.getKey() + " and the input " + real + " of " + in.flag()
                            + " overlap (" + flagOf(f.getKey()) + "; an output folder never holds an input, choose another path)");
                }
            }
        }
    }

    private void checkNoOverwrite(Map<Path, Path> folderTargets) {
        List<Path> existing = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        places.forEach((key, place) -> {
            if (place.renameTo() != null && Files.exists(place.renameTo())) {
                existing.add(key);
                flags.add(place.flag());
            }
        });
        folderTargets.forEach((key, target) -> {
            if (Files.exists(target)) {
                existing.add(key);
                flags.add(flagOf(key));
            }
        });
        if (!existing.isEmpty()) {
            String more = existing.size() > 1 ? " and " + (existing.size() - 1) + " more" : "";
            throw DsgenException.conflict("output exists: " + existing.get(0) + more + " (" + flags.get(0)
                    + "; --no-overwrite was given; remove them or drop --no-overwrite)");
        }
    }

    private void removeLeftovers(Map<Path, Path> folderTargets) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        places.forEach((key, place) -> {
            if (place.renameTo() != null) {
                OutputPaths.removeLeftovers(place.renameTo().getParent(), place.renameTo());
            } else if (key.getFileName() != null) {
                OutputPaths.removeLeftovers(tmp, tmp.resolve(key.getFileName().toString()));
            }
        });
        folderTargets.values().forEach(t -> OutputPaths.removeLeftovers(t.getParent(), t));
    }

    private static void copyInto(Path temp, Path stream) throws IOException {
        try (OutputStream out = Files.newOutputStream(stream, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            Files.copy(temp, out);
        }
    }

    private static void copyToStdout(Path temp, StdStreams std) throws IOException {
        try (Reader r = Files.newBufferedReader(temp, StandardCharsets.UTF_8)) {
            r.transferTo(std.out());
        }
        std.out().flush();
    }

    // ---- writers -------------------------------------------------------------------------------

    /**
     * Whether existing outputs may be replaced ({@code --overwrite}, the default, or
     * {@code --no-overwrite}): for outputs the set cannot see itself, such as the tables of a
     * database. Files and folders were checked by {@link Declaration#begin()} already.
     */
    public boolean overwrites() {
        return overwrite;
    }

    /** A CSV output with {@code table}'s header. */
    public CsvTable.Writer csv(Path target, CsvTable table) {
        return new CsvTable.Writer(table, open(target, false));
    }

    /** Writes one pretty JSON document (no rows). */
    public void json(Path target, Object value) {
        writeJson(target, value, false);
    }

    /** Writes a text document (UTF-8; Markdown, a JSON text built elsewhere); no rows. */
    public void text(Path target, String content) {
        CountingHashingStream out = open(target, false);
        try {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException e) {
            throw out.failed(e);
        }
    }

    /** A pretty JSON list written item by item; each item is a row. */
    public JsonListWriter jsonList(Path target) {
        return new JsonListWriter(open(target, false));
    }

    /** A JSON Lines output; each line is a row. */
    public Json.LinesWriter jsonLines(Path target) {
        return new Json.LinesWriter(open(target, false));
    }

    /** A Parquet file for a parquet-mr writer, which reports its rows ({@link ParquetOutputFile#addRows}). */
    public ParquetOutputFile parquet(Path target) {
        return new ParquetOutputFile(open(target, false), key(target).toString());
    }

    /** Writes all {@code records} as a Parquet file (parquet-avro, {@link ParquetTable}); returns the rows. */
    public long parquet(Path target, Schema schema, Iterable<? extends GenericRecord> records) {
        ParquetOutputFile file = parquet(target);
        long n = 0;
        try (ParquetWriter<GenericRecord> writer = ParquetTable.open(file, schema)) {
            for (GenericRecord r : records) {
                writer.write(r);
                n++;
            }
        } catch (IOException e) {
            throw file.failed(e);
        }
        file.addRows(n);
        return n;
    }

    /**
     * Writes the metadata sidecar {@code target}: {@code meta} gets the list of every other output
     * (path relative to the sidecar, SHA-256, bytes, rows) from what the writers recorded. Every
     * other output must be written (closed) by then; the same {@code meta} may be written as several
     * sidecars. No other output may be opened afterwards.
     */
    public void sidecar(Path target, RunMetadata meta, int threads) {
        if (described.add(meta)) {
            recorded.values().stream().filter(r -> !r.sidecar())
                    .sorted(java.util.Comparator.comparingInt(Recorded::order)).forEach(r -> {
                        if (!r.stream().closed()) {
                            throw new IllegalStateException("output " + r.shown() + " is still open: close it before the sidecar");
                        }
                        if (StdStreams.isDash(r.shown())) {
                            meta.output(StdStreams.DASH, r.stream().sha256(), r.stream().bytes(), r.stream().rows());
                        } else {
                            meta.output(r.shown(), r.stream().sha256(), r.stream().bytes(), r.stream().rows());
                        }
                    });
        }
        writeJson(target, meta.toMap(threads, key(target).getParent()), true);
    }

    private void writeJson(Path target, Object value, boolean sidecar) {
        CountingHashingStream out = open(target, sidecar);
        try {
            out.write(Json.pretty(value).getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException e) {
            throw out.failed(e);
        }
    }

    /**
     * The file that holds what was written to {@code target} so far (a temp, or the staged copy in a
     * folder output), to read it back (validation) before the commit. Also for stdout.
     */
    public Path written(Path target) {
        Path key = key(target);
        if (places.containsKey(key)) {
            return files.temp(key);
        }
        OutputFolder folder = folders.get(key.getParent());
        if (folder != null) {
            return folder.staged(key.getFileName().toString());
        }
        throw new IllegalStateException("undeclared output " + target);
    }

    private CountingHashingStream open(Path target, boolean sidecar) {
        Path key = key(target);
        if (recorded.containsKey(key)) {
            throw new IllegalStateException("output " + target + " is written twice");
        }
        if (!sidecar && !described.isEmpty()) {
            throw new IllegalStateException("output " + target + " opened after a sidecar was written: it would be missing from it");
        }
        String flag;
        int order;
        if (places.containsKey(key)) {
            flag = places.get(key).flag();
            order = indexOf(key);
        } else if (folders.containsKey(key.getParent())) {
            flag = flagOf(key.getParent());
            order = indexOf(key.getParent());
        } else {
            throw new IllegalStateException("undeclared output " + target);
        }
        Path file = written(key);
        Path shown = StdStreams.isDash(target) ? Path.of(StdStreams.DASH) : key;
        OutputStream raw;
        try {
            raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw OutputErrors.cannotWrite(e, shown, flag);
        }
        CountingHashingStream stream = new CountingHashingStream(raw, shown.toString(), flag, () -> { });
        recorded.put(key, new Recorded(order, shown, stream, sidecar));
        return stream;
    }

    private int indexOf(Path key) {
        for (int i = 0; i < declared.size(); i++) {
            if (key(declared.get(i).path()).equals(key)) {
                return i;
            }
        }
        return declared.size();
    }

    /**
     * Puts every output written so far in place: streams are copied first, then files renamed and
     * folders swapped in. May be called again for outputs written later; from the first commit on,
     * the folders created for the outputs are kept.
     */
    public void commit() {
        for (Recorded r : recorded.values()) {
            if (!r.stream().closed()) {
                throw new IllegalStateException("output " + r.shown() + " is still open: close it before the commit");
            }
        }
        databaseFolders.commit();
        files.commit();
        for (Map.Entry<Path, OutputFolder> f : folders.entrySet()) {
            if (committedFolders.add(f.getKey())) {
                f.getValue().commit();
            }
        }
    }

    /** Without a commit: removes every temp and staging folder, and the folders the run created. */
    @Override
    public void close() {
        for (Recorded r : recorded.values()) {
            if (!r.stream().closed()) {
                try {
                    r.stream().close(); // release the file before it is deleted
                } catch (IOException | RuntimeException ignored) {
                    // the temp is removed below either way
                }
            }
        }
        for (OutputFolder f : folders.values()) {
            f.close();
        }
        databaseFolders.close();
        if (files != null) {
            files.close();
        }
    }
}
