package dev.dsgen.entities;

import static dev.dsgen.entities.EntityTestSupport.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.entities.EntityTestSupport.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Things a reviewer found that no gate covered: leaks through ids, permissions, clocks, split balance. */
class OutputHygieneTest {
    @TempDir
    Path tmp;

    @Test
    void aPersonsAccountNumbersInTwoSourcesDoNotPredictEachOther() {
        Run run = EntityTestSupport.standard();
        Map<String, String> truth = EntityTestSupport.truth(run);
        Map<String, String> salesAccount = new HashMap<>();
        for (Map<String, String> row : csv(run.records(Source.SALES))) {
            salesAccount.put(truth.get("sales|" + row.get("id")), row.get("account"));
        }
        // One difference per person (duplicates of a person repeat their account).
        Map<String, Long> differenceByPerson = new HashMap<>();
        for (Map<String, String> row : csv(run.records(Source.FINANCIAL))) {
            String entity = truth.get("financial|" + row.get("id"));
            String sales = salesAccount.get(entity);
            if (sales != null) {
                long fa = Long.parseLong(row.get("account").substring(2));
                long c = Long.parseLong(sales.substring(1));
                differenceByPerson.put(entity, Math.floorMod(fa - c, 100_000_000L));
            }
        }
        int shared = differenceByPerson.size();
        Set<Long> differences = new HashSet<>(differenceByPerson.values());
        assertTrue(shared > 20, "people in both sales and financial: " + shared);
        // A linear numbering would give one constant difference: the truth in plain sight.
        assertTrue(differences.size() > shared * 0.9, differences.size() + " distinct differences for " + shared);
    }

    @Test
    void outputFilesGetTheSamePermissionsAsAnyNewFileThere() throws IOException {
        Run run = EntityTestSupport.standard();
        Path probe = Files.createFile(run.outdir().resolve("probe-" + System.nanoTime()));
        try {
            Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
            for (Path p : run.files()) {
                assertEquals(usual, Files.getPosixFilePermissions(p), p.toString());
            }
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void fakerDateAndTimeExpressionsAreRefusedBecauseTheyReadTheClock() throws IOException {
        for (String expression : List.of("#{date.birthday}", "#{Date.past '3650','DAYS'}", "#{time.between}")) {
            Path schema = Files.writeString(tmp.resolve("s.json"), "{\"entities\": {\"leads\": {\"fields\": ["
                    + "{\"name\": \"id\", \"type\": \"id\"}, {\"name\": \"when\", \"type\": \"faker\", \"expression\": \""
                    + expression.replace("'", "'") + "\"}]}}}");
            DsgenException e = assertThrows(DsgenException.class, () -> SchemaFile.load(schema), expression);
            assertEquals(ExitCode.INPUT, e.exitCode());
            assertTrue(e.getMessage().contains("wall clock") && e.getMessage().contains("line"), e.getMessage());
        }
    }

    @Test
    void plantedConfusersReachValidAndTestNotOnlyTrain() {
        Run run = EntityTestSupport.standard();
        Map<String, Integer> planted = new HashMap<>();
        for (Map<String, String> row : EntityTestSupport.pairs(run)) {
            String strategy = row.get("strategy");
            if (strategy.equals("email_local_part") || strategy.equals("similar_name")
                    || strategy.equals("same_address_number")) {
                planted.merge(row.get("file"), 1, Integer::sum);
            }
        }
        for (String split : Split.NAMES) {
            assertTrue(planted.getOrDefault(split, 0) > 0, "spec confusers in " + split + ": " + planted);
        }
    }

    @Test
    void ordersFollowTheirLeadAndInvoicesTheirOrder() {
        Run run = EntityTestSupport.standard();
        Map<String, String> truth = EntityTestSupport.truth(run);
        Map<String, String> firstLead = earliest(run, Source.LEADS, "created_at", truth);
        Map<String, String> firstOrder = earliest(run, Source.SALES, "order_date", truth);
        int checked = 0;
        for (Map<String, String> row : csv(run.records(Source.SALES))) {
            String lead = firstLead.get(truth.get("sales|" + row.get("id")));
            if (lead != null) {
                checked++;
                assertTrue(row.get("order_date").compareTo(lead.substring(0, 10)) >= 0, row + " lead " + lead);
            }
        }
        for (Map<String, String> row : csv(run.records(Source.FINANCIAL))) {
            String order = firstOrder.get(truth.get("financial|" + row.get("id")));
            if (order != null) {
                checked++;
                assertTrue(row.get("invoice_date").compareTo(order) >= 0, row + " order " + order);
            }
        }
        assertTrue(checked > 100, "shared records checked: " + checked);
    }

    private static Map<String, String> earliest(Run run, Source source, String column, Map<String, String> truth) {
        Map<String, String> first = new HashMap<>();
        for (Map<String, String> row : csv(run.records(source))) {
            first.merge(truth.get(source.key() + "|" + row.get("id")), row.get(column),
                    (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return first;
    }
}
