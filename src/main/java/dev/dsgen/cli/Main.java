package dev.dsgen.cli;

/** Entry point: the only place that calls {@code System.exit}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Dsgen.execute(args, null, null));
    }
}
