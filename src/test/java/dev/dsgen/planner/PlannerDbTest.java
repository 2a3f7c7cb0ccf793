package dev.dsgen.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link PlannerDb} lets through into a message. */
class PlannerDbTest {
    @Test
    void redactMasksEveryPasswordItKnowsAndReplacesTheUrl() {
        String url = "jdbc:postgresql://ann:url%2Dpw@db.example:5433/events?password=q-pw&ssl=true";
        PlannerDb db = PlannerDb.of(url, true, Map.of("PGPASSWORD", "env-pw"));
        assertEquals("PostgreSQL at db.example:5433/events", db.where());
        String shown = db.redact("failed: " + url + " env-pw q-pw url%2Dpw url-pw");
        assertFalse(shown.contains("pw"), shown);
        assertEquals("failed: PostgreSQL at db.example:5433/events *** *** *** ***", shown);
    }
}
