package dev.dsgen.entities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The default synth-entities run reads the schema bundled in the JAR, which help and the sidecar
 * call the "same as samples/automotive_schemas.json": the two must never drift apart.
 */
class BundledSchemaTest {
    @Test
    void bundledSchemaIsByteIdenticalToTheSample() throws IOException {
        Path project = Path.of(System.getProperty("dsgen.project", System.getProperty("user.dir")));
        byte[] sample = Files.readAllBytes(project.resolve("samples/automotive_schemas.json"));
        assertArrayEquals(sample, SchemaFile.bundledBytes(),
                "the schema inside dsgen differs from samples/automotive_schemas.json; rebuild, or copy one onto the other");
    }
}
