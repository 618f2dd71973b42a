package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint's text is kept in caches and sent as ETags: it must never change for the same bytes. */
class DigestsTest {

    @Test
    void theFingerprintIsCrc32cThenCrc32ThenTheLengthInLowerCaseHex() {
        // The published check values of both CRCs for "123456789".
        assertThat(Digests.fingerprint("123456789".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("e3069283" + "cbf43926" + "0000000000000009");
        assertThat(Digests.fingerprint(new byte[0])).isEqualTo("00000000" + "00000000" + "0000000000000000");
    }

    @Test
    void aFileReadAPieceAtATimeHasTheFingerprintOfItsBytes(@TempDir Path folder) throws IOException {
        Path nine = Files.writeString(folder.resolve("nine"), "123456789", StandardCharsets.US_ASCII);
        assertThat(Digests.fingerprint(nine)).isEqualTo("e3069283" + "cbf43926" + "0000000000000009");
        assertThat(Digests.fingerprint(Files.write(folder.resolve("empty"), new byte[0])))
                .isEqualTo(Digests.fingerprint(new byte[0]));
        // Longer than one piece read, and not a whole number of them.
        byte[] large = new byte[(1 << 16) * 3 + 17];
        new Random(7).nextBytes(large);
        assertThat(Digests.fingerprint(Files.write(folder.resolve("large"), large)))
                .isEqualTo(Digests.fingerprint(large)).endsWith(Long.toHexString(large.length));
    }
}
