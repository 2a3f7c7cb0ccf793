package dev.dsgen.entities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code sha256(salt + value)} for direct identifiers in {@code --pii hashed} mode; other columns
 * and empty values pass through. The salt stays in memory only.
 */
final class PiiHasher {
    /**
     * Column types that identify a person directly. Company is among them: small-business names
     * ("Cunningham & Sons Plumbing") carry the owner's last name.
     */
    static final Set<FieldType> DIRECT_IDENTIFIERS = EnumSet.of(FieldType.EMAIL, FieldType.PHONE,
            FieldType.FIRST_NAME, FieldType.LAST_NAME, FieldType.ADDRESS, FieldType.ACCOUNT, FieldType.COMPANY);

    private final byte[] salt;
    private final ThreadLocal<MessageDigest> digest = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    PiiHasher(String salt) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    String hash(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        MessageDigest d = digest.get();
        d.reset();
        d.update(salt);
        return HexFormat.of().formatHex(d.digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    static boolean hashed(FieldType type) {
        return DIRECT_IDENTIFIERS.contains(type);
    }
}
