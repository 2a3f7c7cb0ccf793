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
 * Datafaker values for schema fields dsgen has no table for (vehicle make and model, any
 * {@code faker} expression). Each field gets a pool drawn once from a Faker seeded by (seed, field);
 * records then pick from the pool with their own RNG. Faker is only touched at start-up, which
 * keeps it off the hot path and keeps output independent of thread scheduling.
 */
final class FakerPools {
    private static final int POOL = 1024;
    private final Map<String, List<String>> pools = new LinkedHashMap<>();
    private List<String[]> vehicles = List.of();

    static FakerPools build(long seed, Map<Source, List<FieldSpec>> fields, String schemaFile) {
        FakerPools p = new FakerPools();
        boolean needVehicles = false;
        for (Map.Entry<Source, List<FieldSpec>> e : fields.entrySet()) {
            for (FieldSpec f : e.getValue()) {
                if (f.type() == FieldType.VEHICLE_MAKE || f.type() == FieldType.VEHICLE_MODEL) {
                    needVehicles = true;
                } else if (f.type() == FieldType.FAKER) {
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
        if (needVehicles) {
            Faker faker = new Faker(Locale.US, new Random(Seeds.mix(seed, Seeds.stream("entities.vehicles"), 0)));
            List<String[]> v = new ArrayList<>(POOL);
            for (int i = 0; i < POOL; i++) {
                String make = faker.vehicle().make();
                v.add(new String[] {make, faker.vehicle().model(make)});
            }
            p.vehicles = v;
        }
        return p;
    }

    String value(Source source, FieldSpec field, Rng r) {
        List<String> pool = pools.get(source.key() + "." + field.name());
        return pool.get(r.nextInt(pool.size()));
    }

    /** A (make, model) pair; the same draw serves both columns of one record. */
    String[] vehicle(Rng r) {
        return vehicles.get(r.nextInt(vehicles.size()));
    }
}
