package dev.dsgen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dsgen.core.RunMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingOutputFileTest {
    @TempDir
    Path dir;

    @Test
    void theDigestIsTheSha256OfTheFileAsWrittenAndTheBytesAreUnchanged() throws IOException {
        Path plain = dir.resolve("plain.parquet");
        Path hashed = dir.resolve("hashed.parquet");
        ParquetTable.write(plain, ParquetTableTest.SCHEMA, ParquetTableTest.sampleRows());
        HashingOutputFile file = new HashingOutputFile(new LocalOutputFile(hashed));
        try (ParquetWriter<GenericRecord> w = ParquetTable.open(file, ParquetTableTest.SCHEMA)) {
            for (GenericRecord r : ParquetTableTest.sampleRows()) {
                w.write(r);
            }
        }
        assertEquals(-1, Files.mismatch(plain, hashed), "hashing changes no byte");
        assertEquals(RunMetadata.sha256(hashed), file.sha256Hex());
    }
}
