package dev.dsgen.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

class SideHashingOutputStreamTest {
    @Test
    void hashesExactlyTheBytesWrittenInOrder() throws IOException {
        Random rnd = new Random(7);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SideHashingOutputStream hashed = new SideHashingOutputStream(sink);
        // Far more chunks than may wait at once, of every size, through a buffer and around it.
        try (OutputStream out = new BufferedOutputStream(hashed, 4096)) {
            for (int i = 0; i < 5 * SideHashingOutputStream.MAX_PENDING; i++) {
                byte[] b = new byte[rnd.nextInt(10_000)];
                rnd.nextBytes(b);
                int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
                out.write(b, off, b.length - off);
                expected.write(b, off, b.length - off);
                out.write(i);
                expected.write(i);
            }
        }
        assertArrayEquals(expected.toByteArray(), sink.toByteArray());
        assertEquals(DigestUtils.sha256Hex(expected.toByteArray()), hashed.sha256Hex());
        assertEquals(expected.size(), hashed.bytes());
    }

    @Test
    void anEmptyStreamHasTheEmptyHashAndNoHashBeforeClose() throws IOException {
        SideHashingOutputStream hashed = new SideHashingOutputStream(new ByteArrayOutputStream());
        assertThrows(IllegalStateException.class, hashed::sha256Hex);
        hashed.close();
        hashed.close(); // twice is harmless
        assertEquals(DigestUtils.sha256Hex(new byte[0]), hashed.sha256Hex());
    }
}
