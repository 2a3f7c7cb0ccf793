package dev.dsgen.entities;

/** Which countries people live in: {@code US}, {@code CA}, or the default blend {@code US+CA}. */
public enum LocaleMix {
    US(1.0), CA(0.0), US_CA(0.8);

    private final double usShare;

    LocaleMix(double usShare) {
        this.usShare = usShare;
    }

    public double usShare() {
        return usShare;
    }

    public String label() {
        return this == US_CA ? "US+CA" : name();
    }

    /** As users write it: {@code US}, {@code CA} or {@code US+CA}. */
    @Override
    public String toString() {
        return label();
    }
}
