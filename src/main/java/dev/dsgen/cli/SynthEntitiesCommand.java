package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.entities.LocaleMix;
import dev.dsgen.entities.PiiMode;
import dev.dsgen.entities.SchemaFile;
import dev.dsgen.entities.Split;
import dev.dsgen.entities.SynthConfig;
import dev.dsgen.entities.SynthEntities;
import dev.dsgen.io.OutputSet;
import dev.dsgen.io.StdStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dsgen synth-entities}: flags to {@link SynthConfig}, then the generator. */
@Command(name = "synth-entities", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class, sortOptions = false,
        description = "Entity-resolution data: leads, sales and financial records with realistic duplicates and "
                + "noise, their ground truth, and labeled pairs (positives, hard negatives) split by entity.")
final class SynthEntitiesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "Entity field schema, - for stdin (default: the " + SchemaFile.BUNDLED_DESCRIPTION
                    + ", read from inside dsgen, so it works from any folder).")
    Path schema;

    @Option(names = "--outdir", defaultValue = "data/synth", paramLabel = "DIR",
            description = "Records and truth.csv (default: ${DEFAULT-VALUE}).")
    Path outdir;

    @Option(names = "--pairs-out", defaultValue = "data/pairs", paramLabel = "DIR",
            description = "Pair Parquet files train/valid/test (default: ${DEFAULT-VALUE}).")
    Path pairsOut;

    @Option(names = "--summary", defaultValue = "reports/synth_summary.json", paramLabel = "FILE",
            description = "Summary report, - for stdout (the summary table then goes to stderr) (default: ${DEFAULT-VALUE}).")
    Path summary;

    @Option(names = "--n-leads", paramLabel = "N", description = "Lead records (default: 30000; 1000 with --dev).")
    Integer nLeads;

    @Option(names = "--n-sales", paramLabel = "N", description = "Sales records (default: 3000; 1000 with --dev).")
    Integer nSales;

    @Option(names = "--n-financial", paramLabel = "N", description = "Financial records (default: 2100; 1000 with --dev).")
    Integer nFinancial;

    @Option(names = "--dup-rate", defaultValue = "0.1", paramLabel = "R",
            description = "Share of each source's records that duplicate another of its records (default: ${DEFAULT-VALUE}).")
    double dupRate;

    @Option(names = "--overlap", defaultValue = "0.4", paramLabel = "R",
            description = "Share of sales and financial originals whose person is in an earlier source (default: ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--neg-ratio", defaultValue = "4", paramLabel = "K",
            description = "Negatives per positive, 3 to 5 (default: ${DEFAULT-VALUE}).")
    int negRatio;

    @Option(names = "--split", defaultValue = "70/15/15", paramLabel = "T/V/T",
            description = "Train/valid/test percentages, by entity (default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--pii", defaultValue = "plain", paramLabel = "MODE",
            description = "How direct identifiers are written, one of ${COMPLETION-CANDIDATES}: hashed writes "
                    + "sha256(salt + value) (default: ${DEFAULT-VALUE}).")
    PiiMode pii;

    @Option(names = "--pii-salt-file", paramLabel = "FILE",
            description = "File holding the PII salt (else the DSGEN_PII_SALT environment variable).")
    Path piiSaltFile;

    @Option(names = "--locale", defaultValue = "US+CA", paramLabel = "L",
            description = "Where people live, one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LocaleMix locale;

    @Option(names = "--dev", description = "Small dev mode: 1000/1000/1000 records; record-count gate 100.")
    boolean dev;

    @Mixin
    SharedOptions.Seed seed;

    @Mixin
    SharedOptions.Now now;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Overwrite overwrite;

    @Mixin
    SharedOptions.DryRun dryRun;

    @Mixin
    SharedOptions.Logging logging;

    @Mixin
    SharedOptions.Config config;

    @Override
    public Integer call() {
        SynthConfig cfg = toConfig();
        List<OutputSet.Input> read = piiSaltFile == null ? List.of() : List.of(new OutputSet.Input(piiSaltFile, "--pii-salt-file"));
        var result = new SynthEntities(cfg, TerminalProgress.forTerminal(spec.commandLine().getErr(), logging.quiet, logging.verbose),
                new StdStreams(spec.commandLine().getOut(), System.in), read).run();
        if (!logging.quiet) {
            // With the summary on stdout (--summary -), stdout carries only that JSON: the table goes to stderr.
            SynthEntities.printSummary(result, StdStreams.isDash(cfg.outputs().summary()) ? spec.commandLine().getErr()
                    : spec.commandLine().getOut());
        }
        return ValidationExit.of(result.report(), cfg.outputs().summary(), spec.commandLine().getErr());
    }

    SynthConfig toConfig() {
        int leads = count(nLeads, dev ? 1000 : 30_000, "--n-leads");
        int sales = count(nSales, dev ? 1000 : 3000, "--n-sales");
        int financial = count(nFinancial, dev ? 1000 : 2100, "--n-financial");
        rate(dupRate, "--dup-rate");
        rate(overlap, "--overlap");
        if (negRatio < 3 || negRatio > 5) {
            throw OptionError.of(spec, "--neg-ratio", "must be 3, 4 or 5, got " + negRatio);
        }
        String salt = pii == PiiMode.HASHED ? salt() : null;
        SynthConfig.Run run = new SynthConfig.Run(seed.seed, now.resolve(), threads.resolve(), overwrite.decide(dryRun.dryRun));
        var flags = EffectiveFlags.of(spec).resolved("--schema", schema == null ? SchemaFile.BUNDLED_DESCRIPTION : schema)
                .resolved("--n-leads", leads).resolved("--n-sales", sales).resolved("--n-financial", financial)
                .resolved("--reference-time", run.referenceTime()).resolved("--threads", run.threads())
                .resolved("--overwrite", run.overwrite()).toMap();
        return new SynthConfig(schema, new SynthConfig.Counts(leads, sales, financial, dev),
                new SynthConfig.Population(dupRate, overlap, locale),
                new SynthConfig.Pairs(negRatio, split), new SynthConfig.Pii(pii, salt),
                new SynthConfig.Outputs(outdir, pairsOut, summary), run, flags);
    }

    private String salt() {
        if (piiSaltFile != null) {
            try {
                String s = Files.readString(piiSaltFile).strip();
                if (s.isEmpty()) {
                    throw DsgenException.input("PII salt file is empty: " + piiSaltFile + " (--pii-salt-file)");
                }
                return s;
            } catch (NoSuchFileException e) {
                throw DsgenException.input("PII salt file not found: " + piiSaltFile + " (--pii-salt-file)");
            } catch (IOException e) {
                throw DsgenException.input("cannot read PII salt file " + piiSaltFile + ": " + e.getMessage()
                        + " (--pii-salt-file)");
            }
        }
        String env = System.getenv("DSGEN_PII_SALT");
        if (env == null || env.isBlank()) {
            throw DsgenException.usage("--pii hashed needs a salt: set DSGEN_PII_SALT or pass --pii-salt-file FILE (--pii)");
        }
        return env;
    }

    private int count(Integer value, int fallback, String flag) {
        int v = value == null ? fallback : value;
        if (v < 1) {
            throw OptionError.of(spec, flag, "must be at least 1, got " + v);
        }
        return v;
    }

    private void rate(double v, String flag) {
        if (!(v >= 0 && v <= 1)) {
            throw OptionError.of(spec, flag, "must be in [0, 1], got " + v);
        }
    }
}
