package dev.dsgen.ranking;

/**
 * Something that happened to a deal after it closed: an exit, a recapitalisation or a refinancing.
 *
 * @param type exit, recap or refinancing
 * @param counterparty the buyer of an exit or the lender of a refinancing (may be null)
 */
public record DealEvent(String id, String dealId, String type, int year, String description, String counterparty,
                        String file) {
    public static final java.util.List<String> TYPES = java.util.List.of("exit", "recap", "refinancing");
}
