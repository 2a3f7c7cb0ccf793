package dev.dsgen.core;

/** Progress of long work, reported by generators; the CLI decides whether anything is shown. */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void finish() {
        }
    };

    void start(String task, long total);

    void advance(long units);

    void finish();
}
