package dev.dsgen.ranking;

import java.util.List;

/**
 * A platform with its add-ons and the events of any of them: the unit a query is written for.
 * Its id is the platform's id; its members (the positives of its queries) are the platform and
 * its add-ons, add-ons sorted by id.
 */
public record Cluster(Deal platform, List<Deal> addOns, List<DealEvent> events) {
    public Cluster {
        addOns = List.copyOf(addOns);
        events = List.copyOf(events);
    }

    public String id() {
        return platform.id();
    }

    /** Platform first, then add-ons by id. */
    public List<Deal> members() {
        java.util.ArrayList<Deal> m = new java.util.ArrayList<>(addOns.size() + 1);
        m.add(platform);
        m.addAll(addOns);
        return m;
    }

    public boolean contains(String dealId) {
        if (platform.id().equals(dealId)) {
            return true;
        }
        for (Deal d : addOns) {
            if (d.id().equals(dealId)) {
                return true;
            }
        }
        return false;
    }
}
