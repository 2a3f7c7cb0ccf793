package dev.dsgen.entities;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything one {@code synth-entities} run depends on, in groups a reader can tell apart by type.
 * Built by the CLI; the generator never sees picocli.
 *
 * @param schema the entity field schema, or null for the schema bundled in the JAR
 */
public record SynthConfig(Path schema, Counts counts, Population population, Pairs pairs, Pii pii, Outputs outputs,
                          Run run) {

    /** How many records each source gets; {@code dev} lowers the record-count gate for small runs. */
    public record Counts(int leads, int sales, int financial, boolean dev) {
        /** The fewest records per source the record-count gate accepts (seed 001 §7). */
        public int minRecords() {
            return dev ? 100 : 1000;
        }

        public int of(Source source) {
            return switch (source) {
                case LEADS -> leads;
                case SALES -> sales;
                case FINANCIAL -> financial;
            };
        }

        public long total() {
            return (long) leads + sales + financial;
        }
    }

    /**
     * Who is in the data: the share of each source's records that duplicate another of its
     * records, the share of later sources' originals whose person is in an earlier source, and
     * the countries people come from.
     */
    public record Population(double dupRate, double overlap, LocaleMix locale) {
    }

    /** Labeled pairs: negatives per positive and the train/valid/test split by entity. */
    public record Pairs(int negRatio, Split split) {
    }

    /**
     * How direct identifiers are written. {@code salt} is a secret (null unless hashed): it is
     * left out of {@link #toString()} and never written.
     */
    public record Pii(PiiMode mode, String salt) {
        public static final Pii PLAIN = new Pii(PiiMode.PLAIN, null);

        public boolean hashed() {
            return mode == PiiMode.HASHED;
        }

        @Override
        public String toString() {
            return mode.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where the records and truth, the pair files, and the summary go. */
    public record Outputs(Path outdir, Path pairsOut, Path summary) {
    }

    /** The run's seed, "now" for dates inside the data, worker threads, and whether outputs may be replaced. */
    public record Run(long seed, Instant referenceTime, int threads, boolean overwrite) {
    }
}
