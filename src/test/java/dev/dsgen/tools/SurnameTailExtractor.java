package dev.dsgen.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.datafaker.Faker;

/**
 * Rebuilds {@code src/main/resources/dev/dsgen/entities/surnames_tail.csv}: real surnames of the
 * origins common in the US and Canada, taken from Datafaker's locale name lists, transliterated
 * to ASCII as US systems store them (Schröder to Schroder), without names the Census table
 * already has. Not a test; run it by hand after a Datafaker upgrade:
 *
 * <pre>./mvnw -q test-compile && java -cp "target/test-classes:target/classes:$(./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" dev.dsgen.tools.SurnameTailExtractor</pre>
 */
public final class SurnameTailExtractor {
    /** Locale, origin label, and the most names to take from it (big lists are thinned evenly). */
    private static final Object[][] SOURCES = {
        // Not "en": Faker's English list is made-up names (Kshlerin, Runolfsdottir).
        {"de", "german", 1700}, {"es", "spanish", 700}, {"pl", "polish", 700},
        {"sv", "swedish", 700}, {"nl", "dutch", 900}, {"it", "italian", 100}, {"fr", "french", 150},
        {"da-DK", "danish", 320}, {"nb-NO", "norwegian", 100}, {"fi-FI", "finnish", 50}, {"hu", "hungarian", 100},
        {"tr", "turkish", 95}, {"pt", "portuguese", 25}, {"en-IE", "irish", 20},
    };

    private SurnameTailExtractor() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path dir = root.resolve("src/main/resources/dev/dsgen/entities");
        Set<String> census = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("surnames.csv"))) {
            census.add(line.split(",")[0].toLowerCase(Locale.ROOT));
        }
        Map<String, String> tail = new TreeMap<>();
        for (Object[] source : SOURCES) {
            Faker faker = new Faker(Locale.forLanguageTag((String) source[0]), new Random(0));
            Object list = faker.fakeValuesService().fetchObject("name.last_name", faker.getContext());
            List<String> names = new ArrayList<>();
            for (Object o : (List<?>) list) {
                String ascii = ascii(o.toString());
                if (ascii != null && !census.contains(ascii.toLowerCase(Locale.ROOT))) {
                    names.add(ascii);
                }
            }
            int max = (Integer) source[2];
            double step = Math.max(1.0, names.size() / (double) max);
            for (double i = 0; i < names.size(); i += step) {
                tail.putIfAbsent(names.get((int) i), (String) source[1]);
            }
        }
        StringBuilder out = new StringBuilder("name,origin\n");
        tail.forEach((name, origin) -> out.append(name).append(',').append(origin).append('\n'));
        Files.writeString(dir.resolve("surnames_tail.csv"), out.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + tail.size() + " surnames to " + dir.resolve("surnames_tail.csv"));
    }

    /** ASCII transliteration, or null for names that are not a single plain word after it. */
    static String ascii(String name) {
        String s = name.trim().replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae")
                .replace("Æ", "Ae").replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("ı", "i");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        if (!s.matches("(?:[A-Z]'|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?") || s.length() < 3 || s.length() > 18) {
            return null;
        }
        return s;
    }
}
