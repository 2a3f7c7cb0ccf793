package dev.dsgen.ranking;

/** How negatives are drawn for a query (never from the query's own cluster). */
public enum NegativeStrategy {
    /** Any deal outside the cluster. */
    RANDOM,
    /** A deal of the platform's sector outside the cluster (random when the sector has none left). */
    SECTOR,
    /** The deals BM25 ranks highest for the query that are outside the cluster: hard negatives. */
    BM25,
    /** Negative slots cycle bm25, sector, random. */
    MIX;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** As users write it: the {@link #key()}. */
    @Override
    public String toString() {
        return key();
    }

    /** The strategy of negative slot {@code i} of a query. */
    NegativeStrategy slot(int i) {
        if (this != MIX) {
            return this;
        }
        return switch (i % 3) {
            case 0 -> BM25;
            case 1 -> SECTOR;
            default -> RANDOM;
        };
    }
}
