package dev.dsgen.entities.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The normalisations shared by blocking keys and pair features. */
class NormalizeTest {

    @Test
    void emailLocalIsLowerCaseWithoutPlusTag() {
        assertEquals("alex.smith", Normalize.emailLocal("Alex.Smith+cars@Gmail.com"));
        assertEquals("alex.smith", Normalize.emailLocal("alex.smith@gmail.com"));
        assertEquals("a", Normalize.emailLocal("a+b+c@x.org"));
        assertEquals("", Normalize.emailLocal(""));
        assertEquals("", Normalize.emailLocal(null));
        assertEquals("", Normalize.emailLocal("not-an-email"));
    }

    @Test
    void emailDomainIsLowerCase() {
        assertEquals("gmail.com", Normalize.emailDomain("Alex.Smith+cars@GMail.COM"));
        assertEquals("", Normalize.emailDomain("nobody"));
        assertEquals("", Normalize.emailDomain(null));
    }

    @Test
    void phoneDigitsAreTheLastTen() {
        assertEquals("4165550123", Normalize.phoneDigits("(416) 555-0123"));
        assertEquals("4165550123", Normalize.phoneDigits("+1 416 555 0123"));
        assertEquals("4165550123", Normalize.phoneDigits("1-416-555-0123"));
        assertEquals("4165550123", Normalize.phoneDigits("416.555.0123"));
        assertEquals("4165550123", Normalize.phoneDigits("4165550123"));
        assertEquals("", Normalize.phoneDigits("555-0123"));
        assertEquals("", Normalize.phoneDigits(""));
        assertEquals("", Normalize.phoneDigits(null));
    }

    @Test
    void postalIsFirstFiveZipDigitsOrCompactUpperCaseCanadianCode() {
        assertEquals("46210", Normalize.postal("46210"));
        assertEquals("46210", Normalize.postal("46210-1234"));
        assertEquals("07308", Normalize.postal("07308-0001"));
        assertEquals("M5V2T6", Normalize.postal("M5V 2T6"));
        assertEquals("M5V2T6", Normalize.postal("m5v2t6"));
        assertEquals("M5V2T6", Normalize.postal(" m5v 2t6 "));
        assertEquals("", Normalize.postal(""));
        assertEquals("", Normalize.postal(null));
    }

    @Test
    void houseNumberIsTheLeadingNumber() {
        assertEquals("123", Normalize.houseNumber("123 Main St"));
        assertEquals("123", Normalize.houseNumber("  123  MAIN STREET APT 4"));
        assertEquals("", Normalize.houseNumber("Main St 123"));
        assertEquals("", Normalize.houseNumber(""));
        assertEquals("", Normalize.houseNumber(null));
    }

    @Test
    void namesAreLowerCaseTrimmedWithPunctuationDropped() {
        assertEquals("obrien", Normalize.name("O'Brien"));
        assertEquals("smith jones", Normalize.name("  Smith-Jones "));
        assertEquals("mary ann", Normalize.name("MARY   ANN"));
        assertEquals("jr", Normalize.name("Jr."));
        assertEquals("", Normalize.name("   "));
        assertEquals("", Normalize.name(null));
    }
}
