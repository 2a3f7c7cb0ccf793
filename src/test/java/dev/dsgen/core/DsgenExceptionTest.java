package dev.dsgen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DsgenExceptionTest {

    /** The exit-code table of DESIGN.md; scripts depend on these numbers. */
    @Test
    void exitCodesMatchTheDesignTable() {
        assertEquals(0, ExitCode.OK.code());
        assertEquals(1, ExitCode.INTERNAL.code());
        assertEquals(2, ExitCode.USAGE.code());
        assertEquals(3, ExitCode.INPUT.code());
        assertEquals(4, ExitCode.VALIDATION.code());
        assertEquals(5, ExitCode.EXTERNAL.code());
        assertEquals(6, ExitCode.CONFLICT.code());
        assertEquals(7, ExitCode.values().length);
        for (ExitCode c : ExitCode.values()) {
            assertFalse(c.meaning().isBlank(), c.name());
        }
    }

    @Test
    void factoriesCarryCodeMessageAndCause() {
        IOException cause = new IOException("disk");
        assertEquals(ExitCode.USAGE, DsgenException.usage("u").exitCode());
        assertEquals(ExitCode.INPUT, DsgenException.input("i").exitCode());
        assertEquals(ExitCode.CONFLICT, DsgenException.conflict("c").exitCode());
        DsgenException in = DsgenException.input("bad file", cause);
        assertEquals(ExitCode.INPUT, in.exitCode());
        assertEquals("bad file", in.getMessage());
        assertSame(cause, in.getCause());
        DsgenException ext = DsgenException.external("down", cause);
        assertEquals(ExitCode.EXTERNAL, ext.exitCode());
        assertSame(cause, ext.getCause());
        DsgenException v = new DsgenException(ExitCode.VALIDATION, "v");
        assertEquals(ExitCode.VALIDATION, v.exitCode());
        assertEquals("v", v.getMessage());
    }
}
