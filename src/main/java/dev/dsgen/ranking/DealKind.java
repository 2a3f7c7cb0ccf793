package dev.dsgen.ranking;

/** What a deal is: a platform (the first acquisition of a buy-and-build) or an add-on to one. */
public enum DealKind {
    PLATFORM("platform"), ADD_ON("add_on");

    private final String key;

    DealKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** {@code platform}, {@code add_on}, or {@code add-on} as people write it; null otherwise. */
    static DealKind parse(String s) {
        if ("add-on".equals(s)) {
            return ADD_ON;
        }
        for (DealKind k : values()) {
            if (k.key.equals(s)) {
                return k;
            }
        }
        return null;
    }
}
