package dev.dsgen.entities;

import dev.dsgen.entities.features.Contact;
import java.util.List;

/**
 * One generated record: its plain column values (schema order), the entity it belongs to, the noise
 * operations applied and its identifying fields for pairing.
 */
record GeneratedRecord(Source source, int slot, String id, int entity, String[] values, List<String> noise,
                       Contact contact) {
}
