package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

class ShredderTraceTest {
    @Test
    void sameColumnWriterCallsAsMessageColumnIO() {
        List<GenericRecord> rows = NestedParquetWriterTest.rows(6000, new Random(1));
        MessageType schema = new AvroSchemaConverter(ParquetTable.conf()).convert(NestedParquetWriterTest.ROW);
        List<String> generic = new ArrayList<>();
        RecordConsumer rc = new ColumnIOFactory().getColumnIO(schema).getRecordWriter(store(generic));
        AvroWriteSupport<GenericRecord> support = new AvroWriteSupport<>(schema, NestedParquetWriterTest.ROW, GenericData.get());
        support.init(ParquetTable.conf());
        support.prepareForWrite(rc);
        for (GenericRecord r : rows) {
            support.write(r);
        }
        rc.flush();
        List<String> nested = new ArrayList<>();
        ColumnWriteStore store = store(nested);
        NestedParquetWriter.Shredder sh = new NestedParquetWriter.Shredder(schema, NestedParquetWriterTest.ROW,
                ParquetProperties.builder().build());
        sh.bind(store);
        for (GenericRecord r : rows) {
            sh.write(r);
            if (store.isColumnFlushNeeded()) {
                sh.flush();
            }
            store.endRecord();
        }
        sh.flush();
        for (int i = 0; i < Math.min(generic.size(), nested.size()); i++) {
            assertEquals(generic.get(i), nested.get(i), "call " + i + " context " + generic.subList(Math.max(0, i - 8), i + 1));
        }
        assertEquals(generic.size(), nested.size());
    }

    /** A store that logs every column writer call and says a page is due to be cut every 7th record. */
    private static ColumnWriteStore store(List<String> log) {
        int[] records = {0};
        return (ColumnWriteStore) Proxy.newProxyInstance(ColumnWriteStore.class.getClassLoader(),
                new Class<?>[] {ColumnWriteStore.class}, (p, m, args) -> {
                    if (m.getName().equals("isColumnFlushNeeded")) {
                        return records[0] % 7 == 6;
                    }
                    if (m.getName().equals("getColumnWriter")) {
                        String col = String.join(".", ((ColumnDescriptor) args[0]).getPath());
                        return Proxy.newProxyInstance(ColumnWriter.class.getClassLoader(), new Class<?>[] {ColumnWriter.class},
                                (p2, m2, a2) -> {
                                    log.add(col + " " + m2.getName() + " " + Arrays.stream(a2)
                                            .map(a -> a instanceof Binary b ? b.toStringUsingUTF8() : String.valueOf(a)).toList());
                                    return null;
                                });
                    }
                    if (m.getName().equals("endRecord")) {
                        log.add("endRecord");
                        records[0]++;
                    }
                    return m.getReturnType() == boolean.class ? false : m.getReturnType() == long.class ? 0L : null;
                });
    }
}
