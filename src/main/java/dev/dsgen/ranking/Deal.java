package dev.dsgen.ranking;

/**
 * One deal of the graph: a platform acquisition or an add-on to a platform.
 *
 * @param platformId the platform an add-on belongs to; null for platforms
 * @param sponsor the private-equity firm backing the platform (may be null)
 * @param file the input file it came from (for error messages), relative as given
 */
public record Deal(String id, String name, DealKind kind, String sector, String region, int year, String sizeBand,
                   String description, String platformId, String sponsor, String file) {
}
