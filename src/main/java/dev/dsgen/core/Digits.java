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

    /** {@code value} rounded half-up to two decimals, e.g. {@code 1234.50}. */
    public static String twoDecimals(double value) {
        long cents = Math.round(value * 100);
        String sign = cents < 0 ? "-" : "";
        cents = Math.abs(cents);
        return sign + (cents / 100) + "." + pad(cents % 100, 2);
    }
}
