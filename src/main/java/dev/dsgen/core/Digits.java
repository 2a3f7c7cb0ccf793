package dev.dsgen.core;

/** Zero-padded numbers without {@code String.format}, which costs microseconds on hot paths. */
public final class Digits {
    private Digits() {
    }

    /** {@code value} (>= 0) left-padded with zeros to {@code width} digits. */
    public static String pad(long value, int width) {
        if (value < 0) {
            String s = Long.toString(value);
            return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
        }
        // One array, filled from the right: this runs several times per generated record.
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int length = Math.max(width, digits);
        byte[] b = new byte[length];
        long v = value;
        for (int i = length - 1; i >= 0; i--) {
            b[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code value} rounded half-up to two decimals from its shortest decimal form, e.g.
     * {@code 1234.50}; agrees with {@code String.format("%.2f")} (70.615 gives 70.62).
     */
    public static String twoDecimals(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
