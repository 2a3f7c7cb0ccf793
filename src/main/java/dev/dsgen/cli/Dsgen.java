package dev.dsgen.cli;

import dev.dsgen.core.DsgenException;
import dev.dsgen.core.ExitCode;
import dev.dsgen.core.Version;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The root command: lists the generators, prints version, help and the exit-code table. */
@Command(name = "dsgen", mixinStandardHelpOptions = true, versionProvider = Dsgen.VersionProvider.class,
        description = "Reproducible, validated training-data generators for machine-learning teams.",
        subcommands = {SynthEntitiesCommand.class, RankingQueriesCommand.class, PlannerDatasetCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Dsgen implements Runnable {
    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code dsgen} alone is a usage error: the usage goes to stderr, the exit code is 2. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw DsgenException.usage("no subcommand given (see 'dsgen --help')");
    }

    /** Builds the command line used by {@code main} and by tests. */
    public static CommandLine createCommandLine() {
        CommandLine cmd = new CommandLine(new Dsgen());
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            codes.put(Integer.toString(c.code()), c.meaning());
        }
        applyExitCodeList(cmd, codes);
        cmd.setExecutionExceptionHandler(Dsgen::handleExecutionException);
        cmd.setParameterExceptionHandler(Dsgen::handleParameterException);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        Converters.register(cmd);
        return cmd;
    }

    /**
     * Runs dsgen on {@code args}, printing to {@code out}/{@code err} (stdout/stderr when null), and
     * returns the exit code. {@code --config} is read before parsing because it supplies defaults.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = createCommandLine();
        // UTF-8 whatever the platform's default: outputs written to stdout (-) are UTF-8 JSON.
        cmd.setOut(out != null ? out : new PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true));
        if (err != null) {
            cmd.setErr(err);
        }
        final ConfigDefaults config;
        try {
            config = ConfigDefaults.fromArgs(args);
        } catch (DsgenException e) {
            return report(cmd.getErr(), e);
        }
        if (config != null) {
            cmd.setDefaultValueProvider(config);
        }
        cmd.setExecutionStrategy(parseResult -> {
            if (config != null) {
                try {
                    config.checkKeys(leaf(parseResult).commandSpec());
                } catch (DsgenException e) {
                    // picocli treats anything thrown here as a bug; an unknown key is a usage error.
                    return report(cmd.getErr(), e);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return cmd.execute(args);
        } catch (DsgenException e) {
            return report(cmd.getErr(), e);
        } catch (OutOfMemoryError e) {
            return outOfMemory(cmd.getErr());
        }
    }

    private static void applyExitCodeList(CommandLine cmd, Map<String, String> codes) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        for (CommandLine sub : cmd.getSubcommands().values()) {
            applyExitCodeList(sub, codes);
        }
    }

    private static ParseResult leaf(ParseResult result) {
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }

    private static int outOfMemory(PrintWriter err) {
        err.println("dsgen: out of memory (give the JVM more heap, e.g. java -Xmx4g -jar dsgen.jar, or lower the counts)");
        err.flush();
        return ExitCode.INTERNAL.code();
    }

    static int report(PrintWriter err, DsgenException e) {
        err.println("dsgen: " + e.getMessage());
        err.flush();
        return e.exitCode().code();
    }

    private static int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable t = ex;
        while (!(t instanceof DsgenException) && t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        if (t instanceof OutOfMemoryError) {
            return outOfMemory(err);
        }
        if (t instanceof DsgenException thrown) {
            DsgenException de = SharedOptions.Overwrite.explain(leaf(parseResult).commandSpec(), thrown);
            if (de.exitCode() == ExitCode.INTERNAL && leaf(parseResult).hasMatchedOption("--verbose")) {
                de.printStackTrace(err);
            }
            return report(err, de);
        }
        if (leaf(parseResult).hasMatchedOption("--verbose")) {
            ex.printStackTrace(err);
        }
        // Not the message: an unexpected exception may quote any value it was given, a secret
        // included. Its type and where it was thrown identify the bug; --verbose shows the rest.
        err.println("dsgen: internal error: " + ex.getClass().getSimpleName() + thrownAt(ex)
                + " (a bug; run with --verbose for the stack trace)");
        err.flush();
        return ExitCode.INTERNAL.code();
    }

    /** " at Class.method" of the innermost dsgen frame that threw, or nothing when there is none. */
    private static String thrownAt(Throwable ex) {
        for (StackTraceElement f : ex.getStackTrace()) {
            if (f.getClassName().startsWith("dev.dsgen.")) {
                String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
                return " in " + cls + "." + f.getMethodName();
            }
        }
        return "";
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (cmd.getCommandSpec().defaultValueProvider() instanceof ConfigDefaults config
                && ex.getArgSpec() instanceof OptionSpec option && config.supplied(option, args)) {
            // The bad value came from the config file: name the file and key, not a flag the user never typed.
            return report(err, config.badValue(option, reason(ex)));
        }
        if (ex.getCause() instanceof DsgenException de) {
            return report(err, de); // a converter that delegates to the domain names the flag itself
        }
        String message = ex.getMessage();
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        if (!first.isEmpty()) {
            first = Character.toLowerCase(first.charAt(0)) + first.substring(1);
        }
        err.println("dsgen: " + first + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** What is wrong with a value, without the option it was given to. */
    private static String reason(CommandLine.ParameterException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof CommandLine.TypeConversionException) {
            return cause.getMessage();
        }
        if (cause instanceof DsgenException de) {
            String m = de.getMessage();
            int where = m.lastIndexOf(" (");
            return where < 0 ? m : m.substring(0, where);
        }
        String m = ex.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Prints the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dsgen " + Version.get()};
        }
    }
}
