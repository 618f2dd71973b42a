package feedwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fingerprint's text is kept in caches and sent as ETags: it must never change for the same bytes. */
class DigestsTest {

    @Test
    void theFingerprintIsCrc32cThenCrc32ThenTheLengthInLowerCaseHex() {
        // The published check values of both CRCs for "123456789".
        assertThat(Digests.fingerprint("123456789".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("e3069283" + "cbf43926" + "0000000000000009");
        assertThat(Digests.fingerprint(new byte[0])).isEqualTo("00000000" + "00000000" + "0000000000000000");
    }
}
