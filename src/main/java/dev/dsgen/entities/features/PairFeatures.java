package dev.dsgen.entities.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Cheap, cached pair features for a stage-2 matcher (seed 001 §4.4). Comparison features are
 * null when either side lacks the value, so a model can tell "different" from "unknown".
 * Stateless and thread-safe; usable outside generation (e.g. to featurise real pairs).
 */
public final class PairFeatures {
    /** Feature names in output order; the Parquet columns carry the same names. */
    public static final List<String> DOUBLE_FEATURES = List.of("name_jw", "first_name_jw", "last_name_jw", "email_local_jw");
    public static final List<String> BOOLEAN_FEATURES = List.of("email_local_equal", "email_domain_equal",
            "phone_equal", "zip_equal", "address_number_equal", "last_name_phonetic_equal", "first_name_nickname_equal",
            "city_equal", "state_equal");

    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final DoubleMetaphone METAPHONE = newMetaphone();

    private static DoubleMetaphone newMetaphone() {
        // The default 4-character code makes Eckstein and Oxwood alike; 8 keeps whole surnames.
        DoubleMetaphone m = new DoubleMetaphone();
        m.setMaxCodeLen(8);
        return m;
    }

    /** Tells whether two given names are the same name or nickname and formal name. */
    @FunctionalInterface
    public interface NameEquivalence {
        boolean equivalent(String a, String b);
    }

    private final NameEquivalence nicknames;

    public PairFeatures(NameEquivalence nicknames) {
        this.nicknames = nicknames;
    }

    /** Feature name to value (Double, Boolean or null) for the pair (a, b). */
    public Map<String, Object> compute(Contact a, Contact b) {
        Map<String, Object> f = new LinkedHashMap<>();
        String fa = Normalize.name(a.firstName());
        String fb = Normalize.name(b.firstName());
        String la = Normalize.name(a.lastName());
        String lb = Normalize.name(b.lastName());
        f.put("name_jw", bothPresent(fa + la, fb + lb) ? round(JW.apply(fa + " " + la, fb + " " + lb)) : null);
        f.put("first_name_jw", bothPresent(fa, fb) ? round(JW.apply(fa, fb)) : null);
        f.put("last_name_jw", bothPresent(la, lb) ? round(JW.apply(la, lb)) : null);
        String ea = Normalize.emailLocal(a.email());
        String eb = Normalize.emailLocal(b.email());
        f.put("email_local_jw", bothPresent(ea, eb) ? round(JW.apply(ea, eb)) : null);
        f.put("email_local_equal", bothPresent(ea, eb) ? ea.equals(eb) : null);
        String da = Normalize.emailDomain(a.email());
        String db = Normalize.emailDomain(b.email());
        f.put("email_domain_equal", bothPresent(da, db) ? da.equals(db) : null);
        f.put("phone_equal", equal(Normalize.phoneDigits(a.phone()), Normalize.phoneDigits(b.phone())));
        f.put("zip_equal", equal(Normalize.postal(a.postal()), Normalize.postal(b.postal())));
        f.put("address_number_equal", equal(Normalize.houseNumber(a.address()), Normalize.houseNumber(b.address())));
        f.put("last_name_phonetic_equal", bothPresent(la, lb) ? phonetic(la).equals(phonetic(lb)) : null);
        f.put("first_name_nickname_equal", bothPresent(fa, fb) ? nicknames.equivalent(fa, fb) : null);
        f.put("city_equal", equal(Normalize.name(a.city()), Normalize.name(b.city())));
        f.put("state_equal", equal(Normalize.name(a.state()), Normalize.name(b.state())));
        return f;
    }

    /** Jaro-Winkler similarity of two full names after normalisation. */
    public static double nameSimilarity(Contact a, Contact b) {
        return JW.apply(Normalize.name(a.firstName()) + " " + Normalize.name(a.lastName()),
                Normalize.name(b.firstName()) + " " + Normalize.name(b.lastName()));
    }

    /** Surnames repeat (a few thousand distinct), so each code is computed once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> PHONETIC =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PHONETIC_CACHE_LIMIT = 200_000;

    /** Double Metaphone code of a (normalised) last name. */
    public static String phonetic(String lastName) {
        String code = PHONETIC.get(lastName);
        if (code == null) {
            code = METAPHONE.doubleMetaphone(lastName.replace(" ", ""));
            code = code == null ? "" : code;
            if (PHONETIC.size() < PHONETIC_CACHE_LIMIT) {
                PHONETIC.put(lastName, code);
            }
        }
        return code;
    }

    private static Boolean equal(String x, String y) {
        return bothPresent(x, y) ? x.equals(y) : null;
    }

    private static boolean bothPresent(String x, String y) {
        return !x.isEmpty() && !y.isEmpty();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
