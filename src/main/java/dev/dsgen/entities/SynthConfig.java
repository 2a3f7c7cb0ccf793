package dev.dsgen.entities;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything one {@code synth-entities} run depends on. Built by the CLI; the generator never sees
 * picocli. {@code piiSalt} is a secret: it is excluded from {@link #toString()} and never written.
 */
public record SynthConfig(Path schema, Path outdir, Path pairsOut, Path summary, int nLeads, int nSales,
                          int nFinancial, double dupRate, double overlap, int negRatio, Split split, PiiMode pii,
                          String piiSalt, LocaleMix locale, boolean dev, long seed, Instant referenceTime,
                          int threads, boolean overwrite) {

    /** Minimum records per entity for the record-count gate (seed 001 §7); scaled down in --dev. */
    public int minRecordsPerEntity() {
        return dev ? 100 : 1000;
    }

    public int count(Source source) {
        return switch (source) {
            case LEADS -> nLeads;
            case SALES -> nSales;
            case FINANCIAL -> nFinancial;
        };
    }

    @Override
    public String toString() {
        return "SynthConfig[schema=" + schema + ", outdir=" + outdir + ", pairsOut=" + pairsOut + ", n="
                + nLeads + "/" + nSales + "/" + nFinancial + ", seed=" + seed + ", pii=" + pii + "]";
    }
}
