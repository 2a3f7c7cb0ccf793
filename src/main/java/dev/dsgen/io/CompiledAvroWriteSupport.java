package dev.dsgen.io;

import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * {@link AvroWriteSupport} with its per-value work done once per schema: the generic writer looks
 * up the non-null branch of every union, the logical-type conversion of every value (an identity
 * map lookup) and the Parquet field of every Avro field, on every row, which cost about as much as
 * the Parquet encoding itself for large nested rows. Here each record schema is compiled into a
 * list of field writers that make exactly the {@link RecordConsumer} calls the generic writer
 * makes (3-level lists), so the file bytes are the same; {@code init} (the Parquet schema and the
 * {@code parquet.avro.schema} footer entry) is inherited unchanged.
 *
 * <p>Covers records, {@code [null, X]} unions, arrays given as {@link Collection}s, strings (as
 * {@link CharSequence}), int, long (with or without a logical type whose value is a {@link Long}),
 * double and boolean; other schemas are refused when the writer is built.
 */
public final class CompiledAvroWriteSupport extends AvroWriteSupport<GenericRecord> {
    private final RecordWriter root;
    private RecordConsumer out;

    public CompiledAvroWriteSupport(MessageType parquetSchema, Schema avroSchema) {
        super(parquetSchema, avroSchema, GenericData.get());
        root = new RecordWriter(parquetSchema, avroSchema);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        super.prepareForWrite(recordConsumer);
        out = recordConsumer;
    }

    @Override
    public void write(GenericRecord record) {
        out.startMessage();
        root.fields(out, record);
        out.endMessage();
    }

    /** Writes one non-null value. */
    private interface ValueWriter {
        void write(RecordConsumer out, Object value);
    }

    private static ValueWriter compile(Type type, Schema avro) {
        Schema s = nonNull(avro);
        if (s.getLogicalType() != null && s.getType() != Schema.Type.LONG) {
            throw new IllegalArgumentException("no compiled writer for logical type " + s.getLogicalType().getName());
        }
        switch (s.getType()) {
            case BOOLEAN:
                return (out, v) -> out.addBoolean((Boolean) v);
            case INT:
                return (out, v) -> out.addInteger(((Number) v).intValue());
            case LONG:
                // A long logical type (timestamp-micros) given as a Long has no conversion in the
                // generic writer either: the value is written as it is.
                return (out, v) -> {
                    if (!(v instanceof Long)) {
                        throw new IllegalArgumentException("expected a Long, got " + v.getClass().getName());
                    }
                    out.addLong((Long) v);
                };
            case DOUBLE:
                return (out, v) -> out.addDouble(((Number) v).doubleValue());
            case STRING:
                if (type.asPrimitiveType().getLogicalTypeAnnotation()
                        instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    throw new IllegalArgumentException("no compiled writer for UUID strings");
                }
                return (out, v) -> out.addBinary(v instanceof String str ? Binary.fromString(str)
                        : Binary.fromCharSequence((CharSequence) v));
            case RECORD: {
                RecordWriter r = new RecordWriter(type.asGroupType(), s);
                return (out, v) -> {
                    out.startGroup();
                    r.fields(out, (IndexedRecord) v);
                    out.endGroup();
                };
            }
            case ARRAY:
                return list(type.asGroupType(), s);
            default:
                throw new IllegalArgumentException("no compiled writer for Avro " + s);
        }
    }

    /** The 3-level LIST layout: group { repeated group list { element } }, empty lists as an empty group. */
    private static ValueWriter list(GroupType type, Schema s) {
        GroupType repeated = type.getType(0).asGroupType();
        Type elementType = repeated.getType(0);
        boolean optional = elementType.isRepetition(Type.Repetition.OPTIONAL);
        ValueWriter element = compile(elementType, s.getElementType());
        String name = s.getName();
        return (out, v) -> {
            Collection<?> c = (Collection<?>) v;
            out.startGroup();
            if (!c.isEmpty()) {
                out.startField("list", 0);
                for (Object e : c) {
                    out.startGroup();
                    if (e != null) {
                        out.startField("element", 0);
                        element.write(out, e);
                        out.endField("element", 0);
                    } else if (!optional) {
                        throw new RuntimeException("Null list element for " + name);
                    }
                    out.endGroup();
                }
                out.endField("list", 0);
            }
            out.endGroup();
        };
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
        throw new IllegalArgumentException("no compiled writer for union " + s);
    }

    private static final class RecordWriter {
        private final int[] avroPos;
        private final String[] names;
        private final boolean[] required;
        private final String[] avroNames;
        private final ValueWriter[] writers;

        RecordWriter(GroupType group, Schema avro) {
            List<Schema.Field> fields = avro.getFields();
            int n = 0;
            for (Schema.Field f : fields) {
                if (f.schema().getType() != Schema.Type.NULL) {
                    n++;
                }
            }
            avroPos = new int[n];
            names = new String[n];
            required = new boolean[n];
            avroNames = new String[n];
            writers = new ValueWriter[n];
            int index = 0; // as in the generic writer: Avro null fields have no Parquet column
            for (Schema.Field f : fields) {
                if (f.schema().getType() == Schema.Type.NULL) {
                    continue;
                }
                Type t = group.getType(index);
                avroPos[index] = f.pos();
                names[index] = t.getName();
                required[index] = t.isRepetition(Type.Repetition.REQUIRED);
                avroNames[index] = f.name();
                writers[index] = compile(t, f.schema());
                index++;
            }
        }

        void fields(RecordConsumer out, IndexedRecord record) {
            for (int i = 0; i < writers.length; i++) {
                Object v = record.get(avroPos[i]);
                if (v != null) {
                    out.startField(names[i], i);
                    writers[i].write(out, v);
                    out.endField(names[i], i);
                } else if (required[i]) {
                    throw new RuntimeException("Null-value for required field: " + avroNames[i]);
                }
            }
        }
    }
}
