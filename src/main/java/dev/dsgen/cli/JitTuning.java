package dev.dsgen.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimising compiler (C2) out of short runs. On a 2-core machine a run of a few
 * seconds spends more CPU compiling with C2 than C2's code gives back: the default synth-entities
 * run used 9.3 s of CPU with it and 5.5 s without, the sample ranking-queries run 3.1 s and 1.7 s
 * (docs/benchmarks.md). Each command says how much work its run is; long runs keep C2.
 *
 * <p>It adds a compiler directive through the JVM's own diagnostic command (what {@code jcmd
 * Compiler.directives_add} does), so a plain {@code java -jar} gets it; {@code DSGEN_JIT=default}
 * turns it off, and any JVM without that command simply runs with its defaults.
 */
final class JitTuning {
    private static final String COMMAND = "com.sun.management:type=DiagnosticCommand";
    /**
     * C2 always for the JDK's message digests: SHA-256 (every input and output is fingerprinted as
     * it is read or written) runs as the CPU's SHA instructions only in C2-compiled code, and ~6x
     * slower as a plain Java loop under C1 (50 MB: 79 ms against 464 ms here).
     */
    private static final String DIGESTS = "sun/security/provider/*.*";

    /**
     * The directive: C2 for the digests and {@code keepC2}, for no other method (the first pattern
     * that matches a method applies; a method C2 compiles still inlines what it calls).
     */
    static String directive(List<String> keepC2) {
        StringBuilder b = new StringBuilder("[");
        for (String pattern : concat(DIGESTS, keepC2)) {
            b.append("{match: \"").append(pattern).append("\", c2: {Exclude: false}}, ");
        }
        return b.append("{match: \"*.*\", c2: {Exclude: true}}]").toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Only a dsgen process of its own is tuned (Main), never a JVM that embeds dsgen, such as a test run. */
    private static volatile boolean ownProcess;

    private JitTuning() {
    }

    static void ownProcess() {
        ownProcess = true;
    }

    /** Tests: back to an embedded JVM, and the directive this class added (if any) removed. */
    static void resetForTest() throws Exception {
        ownProcess = false;
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(COMMAND), "compilerDirectivesRemove",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /**
     * Called before a run of roughly {@code work} records/rows; below {@code shortRun} C2 is
     * excluded. The directive is added on a thread of its own: the platform MBean server it goes
     * through takes ~0.2 s to start, which the run's first steps (interpreted and C1 code, before
     * any method is hot enough for C2) need not wait for. The future says whether it was added.
     */
    static CompletableFuture<Boolean> forRun(long work, long shortRun) {
        return forRun(work, shortRun, shortRun, List.of());
    }

    /**
     * As {@link #forRun(long, long)}, with a middle tier: up to {@code mediumRun}, C2 compiles only
     * the methods {@code keepC2} matches (small hot code that C1 runs several times slower, such as
     * CSV encoding), while the large methods whose C2 compiles (and recompiles) cost the most stay
     * with C1; longer runs get the JVM's defaults.
     */
    static CompletableFuture<Boolean> forRun(long work, long shortRun, long mediumRun, List<String> keepC2) {
        if (!ownProcess || work > Math.max(shortRun, mediumRun) || "default".equals(System.getenv("DSGEN_JIT"))) {
            return CompletableFuture.completedFuture(false);
        }
        String directive = directive(work <= shortRun ? List.of() : keepC2);
        CompletableFuture<Boolean> added = new CompletableFuture<>();
        Thread t = new Thread(() -> added.complete(addDirective(directive)), "dsgen-jit-tuning");
        t.setDaemon(true);
        t.start();
        return added;
    }

    private static boolean addDirective(String directive) {
        try {
            Path f = Files.createTempFile("dsgen-jit", ".json");
            try {
                Files.writeString(f, directive);
                Object added = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName(COMMAND), "compilerDirectivesAdd",
                        new Object[] {new String[] {f.toString()}}, new String[] {String[].class.getName()});
                return String.valueOf(added).contains("added");
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (Exception | LinkageError e) {
            // Tuning only: without the command the JVM runs with its defaults.
            return false;
        }
    }
}
