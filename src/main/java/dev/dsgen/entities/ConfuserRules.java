package dev.dsgen.entities;

import dev.dsgen.entities.features.Contact;
import dev.dsgen.entities.features.Normalize;
import dev.dsgen.entities.features.PairFeatures;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/** The test a hard-negative candidate must pass: blocks only propose, these rules decide. */
final class ConfuserRules {
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();

    private ConfuserRules() {
    }

    /** Whether the pair really is the kind of confuser the strategy names (blocks only propose). */
    static boolean holds(PairStrategy strategy, Contact a, Contact b) {
        return switch (strategy) {
            case EMAIL_LOCAL_PART -> {
                String la = Normalize.emailLocal(a.email());
                yield !la.isEmpty() && la.equals(Normalize.emailLocal(b.email()))
                        && !Normalize.emailDomain(a.email()).equals(Normalize.emailDomain(b.email()));
            }
            case SIMILAR_NAME -> PairFeatures.nameSimilarity(a, b) > 0.9
                    && !Normalize.emailLocal(a.email()).equals(Normalize.emailLocal(b.email()))
                    && !Normalize.phoneDigits(a.phone()).equals(Normalize.phoneDigits(b.phone()));
            case SAME_ADDRESS_NUMBER -> {
                String pa = Normalize.postal(a.postal());
                String ha = Normalize.houseNumber(a.address());
                yield !pa.isEmpty() && !ha.isEmpty() && pa.equals(Normalize.postal(b.postal()))
                        && ha.equals(Normalize.houseNumber(b.address()))
                        && !fullName(a).equals(fullName(b));
            }
            case SAME_LAST_NAME -> {
                String la = Normalize.name(a.lastName());
                String lb = Normalize.name(b.lastName());
                yield !la.isEmpty() && PairFeatures.phonetic(la).equals(PairFeatures.phonetic(lb))
                        && JW.apply(la, lb) >= 0.8 && !fullName(a).equals(fullName(b));
            }
            default -> false;
        };
    }

    private static String fullName(Contact c) {
        return Normalize.name(c.firstName()) + " " + Normalize.name(c.lastName());
    }
}
