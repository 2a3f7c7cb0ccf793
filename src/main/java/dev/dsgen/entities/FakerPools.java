package dev.dsgen.entities;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.Rng;
import dev.dsgen.core.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Datafaker values for schema columns of type {@code faker} (any Datafaker expression, e.g.
 * {@code #{Vehicle.color}}). Each column gets a pool drawn once from a Faker seeded by (seed,
 * column); records then pick from the pool with their own RNG. Faker is touched only at start-up
 * (its first use loads its YAML data, ~0.9 s here), which keeps it off the hot path and keeps output
 * independent of thread scheduling. Vehicles come from the bundled sales-weighted table instead.
 */
final class FakerPools {
    private static final int POOL = 1024;
    private final Map<String, List<String>> pools = new LinkedHashMap<>();

    static FakerPools build(long seed, Map<Source, List<FieldSpec>> fields, String schemaFile) {
        FakerPools p = new FakerPools();
        for (Map.Entry<Source, List<FieldSpec>> e : fields.entrySet()) {
            for (FieldSpec f : e.getValue()) {
                if (f.type() == FieldType.FAKER) {
                    String key = e.getKey().key() + "." + f.name();
                    Faker faker = new Faker(Locale.US, new Random(Seeds.mix(seed, Seeds.stream("entities.faker"), Seeds.stream(key))));
                    List<String> values = new ArrayList<>(POOL);
                    try {
                        for (int i = 0; i < POOL; i++) {
                            values.add(faker.expression(f.expression()));
                        }
                    } catch (RuntimeException ex) {
                        throw DsgenException.input("field " + key + " in schema " + schemaFile
                                + ": bad Datafaker expression '" + f.expression() + "' (--schema)");
                    }
                    if (values.stream().allMatch(v -> v == null || v.equals(f.expression()))) {
                        throw DsgenException.input("field " + key + " in schema " + schemaFile
                                + ": Datafaker expression '" + f.expression() + "' resolves to nothing (--schema)");
                    }
                    p.pools.put(key, values);
                }
            }
        }
        return p;
    }

    String value(Source source, FieldSpec field, Rng r) {
        List<String> pool = pools.get(source.key() + "." + field.name());
        return pool.get(r.nextInt(pool.size()));
    }

}
