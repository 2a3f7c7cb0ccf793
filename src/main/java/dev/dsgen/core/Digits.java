package dev.dsgen.core;

/** Zero-padded numbers without {@code String.format}, which costs microseconds on hot paths. */
public final class Digits {
    private Digits() {
    }

    /** {@code value} (>= 0) left-padded with zeros to {@code width} digits. */
    public static String pad(long value, int width) {
        String s = Long.toString(value);
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }

    /**
     * {@code value} rounded half-up to two decimals from its shortest decimal form, e.g.
     * {@code 1234.50}; agrees with {@code String.format("%.2f")} (70.615 gives 70.62).
     */
    public static String twoDecimals(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
