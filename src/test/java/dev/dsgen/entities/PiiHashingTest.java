package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.SALT;
import static dev.dsgen.entities.EntityTestSupport.bytes;
import static dev.dsgen.entities.EntityTestSupport.csv;
import static dev.dsgen.entities.EntityTestSupport.csvHeader;
import static dev.dsgen.entities.EntityTestSupport.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dsgen.entities.EntityTestSupport.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --pii hashed}: the same seed run plain and hashed; no plain identifier and never the salt
 * may appear in any file of the hashed run, and each hashed cell is sha256(salt + plain cell).
 */
class PiiHashingTest {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** Columns holding direct identifiers in the sample schema (types email, phone, names, address, account). */
    private static final Map<Source, List<String>> IDENTIFIERS = Map.of(
            Source.LEADS, List.of("email", "phone", "first_name", "last_name", "company", "address"),
            Source.SALES, List.of("email", "phone", "first_name", "last_name", "account", "address"),
            Source.FINANCIAL, List.of("email", "phone", "first_name", "last_name", "account", "billing_address"));

    @Test
    void hashedCellsAreSha256OfSaltPlusThePlainCellAndOtherCellsAreUnchanged() {
        Run plain = EntityTestSupport.standard();
        Run hashed = EntityTestSupport.standardHashed();
        for (Source s : Source.values()) {
            List<String> header = csvHeader(plain.records(s));
            assertEquals(header, csvHeader(hashed.records(s)));
            List<Map<String, String>> p = csv(plain.records(s));
            List<Map<String, String>> h = csv(hashed.records(s));
            assertEquals(p.size(), h.size());
            int hashedCells = 0;
            for (int i = 0; i < p.size(); i++) {
                for (String col : header) {
                    String pv = p.get(i).get(col);
                    String hv = h.get(i).get(col);
                    if (IDENTIFIERS.get(s).contains(col)) {
                        if (pv.isEmpty()) {
                            assertEquals("", hv, s + " row " + i + " " + col + ": empty stays empty");
                        } else {
                            assertTrue(HEX64.matcher(hv).matches(), s + " row " + i + " " + col + " = " + hv);
                            assertEquals(sha256Hex(SALT + pv), hv, s + " row " + i + " " + col);
                            hashedCells++;
                        }
                    } else {
                        assertEquals(pv, hv, s + " row " + i + " " + col + " is not an identifier: unchanged");
                    }
                }
            }
            assertTrue(hashedCells > p.size() * 4, "most identifier cells are filled and hashed in " + s);
        }
        // The ground truth and the pairs do not depend on the PII mode.
        assertArrayEquals(bytes(plain.truth()), bytes(hashed.truth()));
        for (String split : Split.NAMES) {
            assertEquals(EntityTestSupport.sha256(plain.pairs(split)), EntityTestSupport.sha256(hashed.pairs(split)),
                    split + ".parquet");
        }
        assertEquals("hashed", hashed.result().summary().get("pii"));
        assertTrue(hashed.result().report().passed(), hashed.result().report().failed().toString());
    }

    @Test
    void noPlainEmailPhoneOrAddressAndNeverTheSaltAppearsInAnyFileOfTheHashedRun() {
        Run plain = EntityTestSupport.standard();
        Run hashed = EntityTestSupport.standardHashed();
        Set<String> secrets = new LinkedHashSet<>();
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(plain.records(s))) {
                for (String col : IDENTIFIERS.get(s)) {
                    String v = row.get(col);
                    if (v.isEmpty() || col.endsWith("_name")) {
                        continue;
                    }
                    secrets.add(v);
                    if (col.equals("email")) {
                        secrets.add(v.toLowerCase(Locale.ROOT));
                        secrets.add(EntityTestSupport.local(v) + "@");
                    }
                    if (col.equals("phone")) {
                        String d = EntityTestSupport.digits(v);
                        secrets.add(d.substring(d.length() - 10));
                    }
                }
            }
        }
        assertTrue(secrets.size() > 3000, "collected " + secrets.size() + " plain values");
        List<String> leaks = new ArrayList<>();
        for (Path file : hashed.files()) {
            String text = new String(bytes(file), StandardCharsets.ISO_8859_1);
            if (text.contains(SALT)) {
                leaks.add("salt in " + file);
            }
            boolean parquet = file.getFileName().toString().endsWith(".parquet");
            if (!parquet && text.indexOf('@') >= 0) {
                leaks.add("an email address (@) in " + file.getFileName());
            }
            for (String secret : EntityTestSupport.occurrences(text, secrets, 6)) {
                leaks.add(secret + " in " + file.getFileName());
            }
        }
        // The decoded pair files (not just their bytes) hold no email either.
        for (String split : Split.NAMES) {
            assertEquals(0, EntityTestSupport.count("SELECT count(*) FROM read_parquet("
                    + EntityTestSupport.sqlPath(hashed.pairs(split)) + ") WHERE concat_ws('|', src_a, id_a, src_b, id_b,"
                    + " strategy, split) LIKE '%@%'"));
        }
        assertEquals(List.of(), leaks.subList(0, Math.min(20, leaks.size())), leaks.size() + " leaks");
        // The plain run itself does contain them (the check can fail).
        String plainLeads = new String(bytes(plain.records(Source.LEADS)), StandardCharsets.ISO_8859_1);
        assertTrue(EntityTestSupport.occurrences(plainLeads, secrets, 6).size() > 1000);
    }

    @Test
    void noPlainNameAppearsInTheTruthMetadataSummaryOrPairsOfTheHashedRun() {
        Run plain = EntityTestSupport.standard();
        Run hashed = EntityTestSupport.standardHashed();
        Set<String> names = plainNames(plain);
        List<String> leaks = new ArrayList<>();
        List<Path> files = new ArrayList<>(hashed.files());
        for (Source s : Source.values()) {
            files.remove(hashed.records(s));
        }
        for (Path file : files) {
            String text = new String(bytes(file), StandardCharsets.ISO_8859_1);
            // Whole words only: "mary" inside "summary" or "white" inside "whitespace" is not a name.
            for (String n : EntityTestSupport.occurrences(text, names, 4, true)) {
                leaks.add(n + " in " + file.getFileName());
            }
        }
        assertEquals(List.of(), leaks.subList(0, Math.min(20, leaks.size())), leaks.size() + " leaks");
    }

    @Test
    void noRowOfTheHashedRunHasAPlainNameInAnIdentifierColumn() {
        Run plain = EntityTestSupport.standard();
        Run hashed = EntityTestSupport.standardHashed();
        Set<String> names = plainNames(plain);
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(hashed.records(s))) {
                for (String col : IDENTIFIERS.get(s)) {
                    String v = row.get(col);
                    List<String> found = EntityTestSupport.occurrences(v, names, 4);
                    assertEquals(List.of(), found, s + " " + row.get("id") + " " + col + " = " + v);
                }
            }
        }
    }

    /**
     * A fifth of company names are built from the person's own last name ("Cunningham & Sons
     * Travel"), so hashed mode must hash the company column too, or it would reveal the last name.
     */
    @Test
    void hashedLeadsDoNotRevealTheirOwnLastNameInOtherColumns() {
        Run plain = EntityTestSupport.standard();
        Run hashed = EntityTestSupport.standardHashed();
        List<Map<String, String>> p = csv(plain.records(Source.LEADS));
        List<Map<String, String>> h = csv(hashed.records(Source.LEADS));
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            String last = p.get(i).get("last_name").trim();
            if (last.length() < 4) {
                continue;
            }
            for (Map.Entry<String, String> cell : h.get(i).entrySet()) {
                // city and vehicle make can coincide with a surname (Ford) without being derived from it
                if (cell.getValue().toLowerCase(Locale.ROOT).contains(last.toLowerCase(Locale.ROOT))
                        && !cell.getKey().equals("city") && !cell.getKey().startsWith("vehicle_")) {
                    leaks.add(h.get(i).get("id") + " " + cell.getKey() + "=" + cell.getValue() + " reveals " + last);
                }
            }
        }
        assertEquals(List.of(), leaks.subList(0, Math.min(10, leaks.size())), leaks.size() + " rows");
    }

    @Test
    void theSaltIsNotInTheConfigToStringNorTheSummaryMap() {
        Run hashed = EntityTestSupport.standardHashed();
        assertFalse(hashed.cfg().toString().contains(SALT));
        assertFalse(hashed.result().summary().toString().contains(SALT));
    }

    /**
     * Every distinct plain first and last name as written (Proper, UPPER or lower case), trimmed, at
     * least 4 characters long; searched case-sensitively.
     */
    private static Set<String> plainNames(Run plain) {
        Set<String> names = new LinkedHashSet<>();
        for (Source s : Source.values()) {
            for (Map<String, String> row : csv(plain.records(s))) {
                for (String col : List.of("first_name", "last_name")) {
                    String v = row.get(col).trim();
                    if (v.length() >= 4) {
                        names.add(v);
                    }
                }
            }
        }
        return names;
    }
}
