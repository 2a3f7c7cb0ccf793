package dev.dsgen.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code Authorization} header values made from secrets (API keys, bearer tokens, user name and
 * password). Every secret is checked before it is used: one that an HTTP header cannot carry (a
 * line break, a control character; for a token also a space or a non-ASCII character) is a usage
 * error that names where the secret came from and never its value. Without the check the HTTP
 * client throws an exception whose message holds the whole header, key included.
 */
public final class HttpAuth {
    private HttpAuth() {
    }

    /**
     * {@code Bearer <token>}, the token checked by {@link #checkToken}.
     *
     * @param what names the secret and where it came from, e.g. "the API key in key.txt"
     * @param where the flag or environment variable, for the error's "(where)"
     */
    public static String bearer(String token, String what, String where) {
        return "Bearer " + checkToken(token, what, where);
    }

    /**
     * A token or API key as given, if it is one or more visible ASCII characters; else exit 2
     * naming {@code what} and {@code where} and the position of the first character that is not.
     */
    public static String checkToken(String token, String what, String where) {
        if (token == null || token.isEmpty()) {
            throw DsgenException.usage(what + " is empty (" + where + ")");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw DsgenException.usage(what + " holds " + describe(c) + " at character " + (i + 1)
                        + "; a key or token is one line of visible ASCII characters (" + where + ")");
            }
        }
        return token;
    }

    /**
     * {@code Basic base64(user:password)} (RFC 7617): the user name must not hold a colon, and
     * neither may hold a line break or another control character.
     */
    public static String basic(String user, String password, String userWhere, String passwordWhere) {
        checkText(user, "the user name", userWhere);
        if (user.indexOf(':') >= 0) {
            throw DsgenException.usage("the user name holds a colon, which basic authentication cannot carry ("
                    + userWhere + ")");
        }
        checkText(password, "the password", passwordWhere);
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void checkText(String value, String what, String where) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw DsgenException.usage(what + " holds " + describe(c) + " at character " + (i + 1) + " (" + where + ")");
            }
        }
    }

    /** The kind of a character, never the character: it is part of a secret. */
    private static String describe(char c) {
        if (c == '\n' || c == '\r') {
            return "a line break";
        }
        if (c == ' ' || c == '\t') {
            return "a space or tab";
        }
        if (Character.isISOControl(c)) {
            return "a control character";
        }
        return "a non-ASCII character";
    }
}
