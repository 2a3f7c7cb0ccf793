package dev.dsgen.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes Avro records of one nested schema straight into parquet-mr's column writers, for files
 * whose write time matters (the planner's ~130 values a row).
 *
 * <p>parquet-avro's path costs about as much again as the encoding itself: per value it resolves
 * the union branch and the logical-type conversion, walks {@code MessageColumnIO}'s
 * record-consumer state machine (a BitSet cleared and a hash map probed per group) and turns every
 * string into a fresh buffer-backed {@link Binary} whose dictionary lookups hash and compare through
 * a ByteBuffer. Here the schema is compiled once into a tree that computes repetition and definition
 * levels directly; an {@link EncodedText} value is written from the UTF-8 it carries, and each
 * dictionary-encoded string column keeps the {@link Binary} of the other strings it has seen.
 *
 * <p>The file is the one {@link ParquetWriter} with parquet-avro writes for the same properties,
 * byte for byte (a test holds the two together): the same footer metadata (from
 * {@link AvroWriteSupport#init}), the same row-group sizing as parquet-mr's record writer, and
 * nulls of absent groups cached and flushed exactly when {@code MessageColumnIO} flushes them (when
 * the group is next present, before a page is cut, at the end of a row group), since that decides
 * which page a null lands in.
 *
 * <p>Covers records, {@code [null, X]} unions, arrays (3-level lists) given as {@link Collection}s,
 * strings, int, long (with or without a logical type, given as a {@link Long}), double and boolean;
 * other schemas are refused when the writer is built.
 */
public final class NestedParquetWriter implements AutoCloseable {
    private static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;
    /** Strings remembered per column; past this a column's new strings are encoded each time. */
    private static final int BINARY_CACHE = 4096;

    private final ParquetProperties props;
    private final MessageType schema;
    private final Map<String, String> extraMetadata;
    private final CodecFactory codecs;
    private final ParquetFileWriter file;
    private final long rowGroupSize;
    private final Shredder shredder;

    private long nextRowGroupSize;
    private long recordCount;
    /** Rows of the whole file, reported to an {@link OutputSet}'s file on a successful close. */
    private long rows;
    private final OutputFile out;
    private long recordCountForNextMemCheck;
    private int rowGroupOrdinal;
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private boolean closed;
    private boolean aborted;

    /**
     * @param tuning per-column properties on top of parquet-mr's defaults (dictionaries, statistics,
     *     page sizes)
     */
    public static NestedParquetWriter open(OutputFile out, Schema avro, UnaryOperator<ParquetProperties.Builder> tuning)
            throws IOException {
        return new NestedParquetWriter(out, avro, tuning.apply(ParquetProperties.builder()).build(),
                ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    NestedParquetWriter(OutputFile out, Schema avro, ParquetProperties props, long rowGroupSize) throws IOException {
        this.out = out;
        this.props = props;
        this.rowGroupSize = rowGroupSize;
        PlainParquetConfiguration conf = ParquetTable.conf();
        MessageType parquetSchema = new AvroSchemaConverter(conf).convert(avro);
        AvroWriteSupport<GenericRecord> support = new AvroWriteSupport<>(parquetSchema, avro, GenericData.get());
        WriteSupport.WriteContext context = support.init(conf);
        schema = context.getSchema();
        extraMetadata = new HashMap<>(context.getExtraMetaData());
        extraMetadata.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, support.getName());
        extraMetadata.putAll(support.finalizeWrite().getExtraMetaData());
        shredder = new Shredder(schema, avro, props);
        codecs = new CodecFactory(conf, props.getPageSizeThreshold());
        file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.OVERWRITE, rowGroupSize,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, props);
        file.start();
        nextRowGroupSize = rowGroupSize;
        recordCountForNextMemCheck = props.getMinRowCountForPageSizeCheck();
        initStore();
    }

    /** Writes one row; after a failed write the writer only aborts (as parquet-mr's does). */
    public void write(GenericRecord record) throws IOException {
        if (aborted) {
            throw new IOException("the writer was aborted by an earlier failed write");
        }
        try {
            shredder.write(record);
            if (columnStore.isColumnFlushNeeded()) {
                shredder.flush(); // as MessageColumnIO: no cached null may miss the page about to be cut
            }
            columnStore.endRecord();
            recordCount++;
            rows++;
            checkBlockSizeReached();
        } catch (IOException | RuntimeException | Error e) {
            aborted = true; // a half-written record: the file must not get a footer
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (aborted) {
                file.abort();
                return;
            }
            flushRowGroup();
            file.end(extraMetadata);
            if (out instanceof ParquetOutputFile counted) {
                counted.addRows(rows);
            }
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        } finally {
            codecs.release();
        }
    }

    private void initStore() {
        pageStore = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(props.getAllocator())
                .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroupOrdinal)
                .withCompressorProvider(this::compressor)
                .build();
        columnStore = props.newColumnWriteStore(schema, pageStore, pageStore);
        shredder.bind(columnStore);
    }

    private CodecFactory.BytesCompressor compressor(ColumnDescriptor column) {
        CompressionCodecName codec = props.getColumnCodec(column);
        Integer level = props.getColumnCompressionLevel(column);
        codec = codec == null ? CODEC : codec;
        return level == null ? codecs.getCompressor(codec) : codecs.getCompressor(codec, level);
    }

    /** parquet-mr's InternalParquetRecordWriter sizing, so row groups end where its would. */
    private void checkBlockSizeReached() throws IOException {
        if (recordCount >= props.getRowGroupRowCountLimit()) {
            nextGroup();
        } else if (recordCount >= recordCountForNextMemCheck) {
            long memSize = columnStore.getBufferedSize();
            long recordSize = memSize / recordCount;
            if (memSize > (nextRowGroupSize - 2 * recordSize)) {
                nextGroup();
            } else {
                recordCountForNextMemCheck = Math.min(
                        Math.max(props.getMinRowCountForPageSizeCheck(),
                                (recordCount + (long) (nextRowGroupSize / ((float) recordSize))) / 2),
                        recordCount + props.getMaxRowCountForPageSizeCheck());
            }
        }
    }

    private void nextGroup() throws IOException {
        flushRowGroup();
        initStore();
        // parquet-mr computes max(min, recordCount / 2) after the flush has set recordCount to 0.
        recordCountForNextMemCheck = Math.min(props.getMinRowCountForPageSizeCheck(),
                props.getMaxRowCountForPageSizeCheck());
    }

    private void flushRowGroup() throws IOException {
        try {
            shredder.flush();
            if (recordCount > 0) {
                rowGroupOrdinal++;
                file.startBlock(recordCount);
                columnStore.flush();
                pageStore.flushToFileWriter(file);
                recordCount = 0;
                file.endBlock();
                nextRowGroupSize = Math.min(file.getNextRowGroupSize(), rowGroupSize);
            }
        } finally {
            columnStore.close();
            pageStore.close();
        }
    }

    /**
     * The schema compiled into a tree of nodes that write a record's values, with their repetition
     * and definition levels, into the column writers of a {@link ColumnWriteStore}: what
     * {@code MessageColumnIO}'s record consumer does, with the walk over the schema done once.
     */
    static final class Shredder {
        final MessageType schema;
        final ParquetProperties props;
        final List<Leaf> leaves = new ArrayList<>();
        private final Group root;

        Shredder(MessageType schema, Schema avro, ParquetProperties props) {
            this.schema = schema;
            this.props = props;
            root = new Group(schema, avro, new String[0], 0, 0, this);
            root.collectLeaves();
        }

        /** Writes into {@code store}'s column writers from now on (one store per row group). */
        void bind(ColumnWriteStore store) {
            for (Leaf leaf : leaves) {
                leaf.writer = store.getColumnWriter(leaf.column);
            }
        }

        /** Writes one record's values; the caller ends the record in the store. */
        void write(IndexedRecord record) {
            root.fields(record, 0);
        }

        /** Writes the cached nulls of absent groups (before the store's row group is flushed). */
        void flush() {
            root.flushCachedNulls();
        }
    }

    /** Writes one non-null value with repetition level {@code r}. */
    private abstract static class Node {
        /** Definition level of this node when present. */
        final int def;

        Node(int def) {
            this.def = def;
        }

        abstract void write(Object value, int r);

        /** This field absent from a present parent whose definition level is {@code parentDef}. */
        abstract void absent(int r, int parentDef);
    }

    private static final class Leaf extends Node {
        final ColumnDescriptor column;
        final Schema.Type kind;
        final Map<String, Binary> binaries;
        ColumnWriter writer;

        Leaf(ColumnDescriptor column, Schema avro, boolean dictionary) {
            super(column.getMaxDefinitionLevel());
            this.column = column;
            this.kind = avro.getType();
            this.binaries = kind == Schema.Type.STRING && dictionary ? new HashMap<>() : null;
        }

        @Override
        void write(Object v, int r) {
            switch (kind) {
                case STRING -> writer.write(v instanceof EncodedText t ? t.utf8() : binary(v.toString()), r, def);
                case INT -> writer.write(((Number) v).intValue(), r, def);
                case LONG -> {
                    if (!(v instanceof Long l)) {
                        throw new IllegalArgumentException("expected a Long, got " + v.getClass().getName());
                    }
                    writer.write(l, r, def);
                }
                case DOUBLE -> writer.write(((Number) v).doubleValue(), r, def);
                case BOOLEAN -> writer.write((Boolean) v, r, def);
                default -> throw new IllegalStateException(kind.toString());
            }
        }

        private Binary binary(String s) {
            if (binaries == null) {
                return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
            }
            Binary b = binaries.get(s);
            if (b == null) {
                b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
                if (binaries.size() < BINARY_CACHE) {
                    binaries.put(s, b);
                }
            }
            return b;
        }

        @Override
        void absent(int r, int parentDef) {
            writer.writeNull(r, parentDef);
        }
    }

    /**
     * A group (record, list or the list's repeated group). Nulls of an absent group are cached
     * (repetition levels only) and written to its leaves when the group is next present or the row
     * group ends, children first, as {@code MessageColumnIO} does.
     */
    private abstract static class GroupNode extends Node {
        final List<Node> children = new ArrayList<>();
        final List<GroupNode> childGroups = new ArrayList<>();
        final List<Leaf> leavesBelow = new ArrayList<>();
        /** Definition level of the enclosing group: what a cached null is written with. */
        int parentDef;
        private int[] cache = new int[8];
        private int cached;

        GroupNode(int def) {
            super(def);
        }

        final <N extends Node> N child(N node) {
            children.add(node);
            if (node instanceof GroupNode g) {
                g.parentDef = def;
                childGroups.add(g);
            }
            return node;
        }

        /** Fills {@link #leavesBelow} here and below; returns it. */
        final List<Leaf> collectLeaves() {
            for (Node n : children) {
                if (n instanceof Leaf leaf) {
                    leavesBelow.add(leaf);
                } else {
                    leavesBelow.addAll(((GroupNode) n).collectLeaves());
                }
            }
            return leavesBelow;
        }

        @Override
        final void absent(int r, int parentDef) {
            if (cached == cache.length) {
                cache = Arrays.copyOf(cache, cached * 2);
            }
            cache[cached++] = r;
        }

        /** Called when the group is present: its own cached nulls (and those below) go out first. */
        final void start() {
            if (cached > 0) {
                flushCachedNulls();
            }
        }

        final void flushCachedNulls() {
            for (GroupNode g : childGroups) {
                g.flushCachedNulls();
            }
            if (cached > 0) {
                for (Leaf leaf : leavesBelow) {
                    for (int i = 0; i < cached; i++) {
                        leaf.writer.writeNull(cache[i], parentDef);
                    }
                }
                cached = 0;
            }
        }
    }

    /** A record: its fields in Parquet order (Avro fields of type null have no column, as in parquet-avro). */
    private static final class Group extends GroupNode {
        private final int[] avroPos;
        private final boolean[] required;
        private final String[] names;
        private final Node[] fields;

        Group(GroupType type, Schema avro, String[] path, int def, int rep, Shredder w) {
            super(def);
            List<Schema.Field> avroFields = new ArrayList<>();
            for (Schema.Field f : avro.getFields()) {
                if (f.schema().getType() != Schema.Type.NULL) {
                    avroFields.add(f);
                }
            }
            int n = avroFields.size();
            avroPos = new int[n];
            required = new boolean[n];
            names = new String[n];
            fields = new Node[n];
            for (int i = 0; i < n; i++) {
                Schema.Field f = avroFields.get(i);
                Type t = type.getType(i);
                avroPos[i] = f.pos();
                required[i] = t.isRepetition(Type.Repetition.REQUIRED);
                names[i] = f.name();
                fields[i] = child(compile(t, f.schema(), path, def, rep, w));
            }
        }

        @Override
        void write(Object value, int r) {
            start();
            fields((IndexedRecord) value, r);
        }

        /** Present fields first, then the absent ones' nulls, in the order MessageColumnIO makes the calls. */
        void fields(IndexedRecord record, int r) {
            boolean anyAbsent = false;
            for (int i = 0; i < fields.length; i++) {
                Object v = record.get(avroPos[i]);
                if (v != null) {
                    fields[i].write(v, r);
                } else if (required[i]) {
                    throw new RuntimeException("Null-value for required field: " + names[i]);
                } else {
                    anyAbsent = true;
                }
            }
            if (anyAbsent) {
                for (int i = 0; i < fields.length; i++) {
                    if (record.get(avroPos[i]) == null) {
                        fields[i].absent(r, def);
                    }
                }
            }
        }
    }

    /** The 3-level LIST layout: group { repeated group list { element } }; an empty list is an empty group. */
    private static final class ListNode extends GroupNode {
        private final Repeated list;
        private final Node element;
        private final boolean optionalElement;
        private final String name;

        ListNode(GroupType type, Schema avro, String[] path, int def, int rep, Shredder w) {
            super(def);
            GroupType repeated = type.getType(0).asGroupType();
            Type elementType = repeated.getType(0);
            list = child(new Repeated(def + 1, rep + 1));
            element = list.child(compile(elementType, avro.getElementType(), append(path, repeated.getName()),
                    def + 1, rep + 1, w));
            optionalElement = elementType.isRepetition(Type.Repetition.OPTIONAL);
            name = avro.getName();
        }

        @Override
        void write(Object value, int r) {
            start();
            Collection<?> c = (Collection<?>) value;
            if (c.isEmpty()) {
                list.absent(r, def);
                return;
            }
            int rr = r;
            int next = list.repetition;
            // An indexed loop where it can be: an iterator per list was ~8% of the planner's allocation.
            List<?> indexed = c instanceof List<?> l && c instanceof java.util.RandomAccess ? l : new ArrayList<>(c);
            for (int k = 0, n = indexed.size(); k < n; k++) {
                Object e = indexed.get(k);
                list.start();
                if (e != null) {
                    element.write(e, rr);
                } else if (optionalElement) {
                    element.absent(rr, list.def);
                } else {
                    throw new RuntimeException("Null list element for " + name);
                }
                rr = next;
            }
        }
    }

    /** The repeated group of a list; written through its {@link ListNode}. */
    private static final class Repeated extends GroupNode {
        final int repetition;

        Repeated(int def, int repetition) {
            super(def);
            this.repetition = repetition;
        }

        @Override
        void write(Object value, int r) {
            throw new IllegalStateException("written through its list");
        }
    }

    private static Node compile(Type type, Schema avro, String[] path, int parentDef, int parentRep,
            Shredder w) {
        Schema s = nonNull(avro);
        if (s.getLogicalType() != null && s.getType() != Schema.Type.LONG) {
            throw new IllegalArgumentException("no nested writer for logical type " + s.getLogicalType().getName());
        }
        int def = type.isRepetition(Type.Repetition.REQUIRED) ? parentDef : parentDef + 1;
        int rep = type.isRepetition(Type.Repetition.REPEATED) ? parentRep + 1 : parentRep;
        String[] myPath = append(path, type.getName());
        return switch (s.getType()) {
            case BOOLEAN, INT, LONG, DOUBLE, STRING -> {
                if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    throw new IllegalArgumentException("no nested writer for UUID strings");
                }
                ColumnDescriptor column = w.schema.getColumnDescription(myPath);
                if (column.getMaxDefinitionLevel() != def || column.getMaxRepetitionLevel() != rep) {
                    throw new IllegalStateException("levels of " + String.join(".", myPath));
                }
                Leaf leaf = new Leaf(column, s, w.props.isDictionaryEnabled(column));
                w.leaves.add(leaf);
                yield leaf;
            }
            case RECORD -> new Group(type.asGroupType(), s, myPath, def, rep, w);
            case ARRAY -> new ListNode(type.asGroupType(), s, myPath, def, rep, w);
            default -> throw new IllegalArgumentException("no nested writer for Avro " + s);
        };
    }

    private static String[] append(String[] path, String name) {
        String[] p = Arrays.copyOf(path, path.length + 1);
        p[path.length] = name;
        return p;
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        List<Schema> types = s.getTypes();
        if (types.size() == 2 && types.get(0).getType() == Schema.Type.NULL) {
            return types.get(1);
        }
        if (types.size() == 2 && types.get(1).getType() == Schema.Type.NULL) {
            return types.get(0);
        }
        throw new IllegalArgumentException("no nested writer for union " + s);
    }
}
