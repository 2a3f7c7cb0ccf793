package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.SALT;
import static dev.dsgen.entities.EntityTestSupport.bytes;
import static dev.dsgen.entities.EntityTestSupport.csv;
import static dev.dsgen.entities.EntityTestSupport.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.entities.EntityTestSupport.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * For random seeds: plain and hashed runs of the same seed; every identifier cell of the hashed run
 * is sha256(salt + plain cell), and no plain email, phone or address, nor the salt, is in any file.
 */
class PiiHashingPropertiesTest {

    @Property(tries = 3)
    void hashedRunsNeverLeakPlainIdentifiers(@ForAll long seed) {
        Path dir = EntityTestSupport.newDir("pii");
        try {
            Run plain = EntityTestSupport.run(EntityTestSupport.config(dir.resolve("plain"), seed, 300, 200, 200,
                    PiiMode.PLAIN, 1));
            Run hashed = EntityTestSupport.run(EntityTestSupport.config(dir.resolve("hashed"), seed, 300, 200, 200,
                    PiiMode.HASHED, 2));
            Set<String> secrets = new HashSet<>();
            for (Source s : Source.values()) {
                List<Map<String, String>> p = csv(plain.records(s));
                List<Map<String, String>> h = csv(hashed.records(s));
                assertEquals(p.size(), h.size());
                for (int i = 0; i < p.size(); i++) {
                    for (FieldSpec f : EntityTestSupport.sampleFields().get(s)) {
                        String pv = p.get(i).get(f.name());
                        String hv = h.get(i).get(f.name());
                        if (PiiHasher.hashed(f.type()) && !pv.isEmpty()) {
                            assertEquals(sha256Hex(SALT + pv), hv, s + " " + i + " " + f.name());
                            if (f.type() != FieldType.FIRST_NAME && f.type() != FieldType.LAST_NAME) {
                                secrets.add(pv);
                            }
                        } else {
                            assertEquals(pv, hv, s + " " + i + " " + f.name());
                        }
                    }
                }
            }
            List<String> leaks = new ArrayList<>();
            for (Path file : hashed.files()) {
                String text = new String(bytes(file), StandardCharsets.ISO_8859_1);
                if (text.contains(SALT)) {
                    leaks.add("salt in " + file.getFileName());
                }
                for (String secret : EntityTestSupport.occurrences(text, secrets, 6)) {
                    leaks.add(secret + " in " + file.getFileName());
                }
            }
            assertEquals(List.of(), leaks.subList(0, Math.min(10, leaks.size())), leaks.size() + " leaks, seed " + seed);
            assertTrue(secrets.size() > 1000);
        } finally {
            EntityTestSupport.deleteTree(dir);
        }
    }
}
