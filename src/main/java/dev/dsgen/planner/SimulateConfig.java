package dev.dsgen.planner;

import java.time.LocalDate;

/** {@code planner-dataset simulate}: what to generate and where to load it. */
public record SimulateConfig(int households, LocalDate start, int days, String dbUrl, long seed, boolean overwrite) {
}
