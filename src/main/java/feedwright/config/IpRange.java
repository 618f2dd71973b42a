package feedwright.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One address or a block of them, as written in {@code server.trusted_proxies}: {@code 10.0.0.7},
 * {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}. Immutable.
 *
 * @param network      the first address of the block (its host bits are zero)
 * @param prefixLength how many leading bits every address of the block shares with {@code network}
 */
public record IpRange(InetAddress network, int prefixLength) {

    /** Dotted-quad IPv4; anything else without a ':' would reach the name resolver. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public IpRange {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefixLength must be 0.." + bits);
        }
        if (hostBitsSet(network, prefixLength)) {
            throw new IllegalArgumentException(network.getHostAddress() + "/" + prefixLength + " has host bits set");
        }
    }

    /** The address written literally, never looked up: empty for a host name or anything else. */
    public static Optional<InetAddress> literal(String text) {
        String address = text.strip();
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !(address.contains(":") && IPV6.matcher(address).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address)); // a literal: checked, not resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code text} as a range: an address literal, alone (the one address) or with {@code /bits}. Empty when
     * it is none, or when its address has bits set past the prefix ({@code 10.0.0.1/8}), which is more likely
     * a slip than a meaning.
     */
    public static Optional<IpRange> parse(String text) {
        String written = text.strip();
        int slash = written.indexOf('/');
        Optional<InetAddress> address = literal(slash < 0 ? written : written.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = written.substring(slash + 1);
            if (!digits.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
        }
        if (prefix > bits || hostBitsSet(address.get(), prefix)) {
            return Optional.empty();
        }
        return Optional.of(new IpRange(address.get(), prefix));
    }

    /** Whether {@code address} lies in this block (an IPv4 address is never in an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] mine = network.getAddress();
        return candidate.length == mine.length && sameBlock(candidate, mine, prefixLength);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static boolean hostBitsSet(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameBlock(byte[] a, byte[] b, int prefix) {
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[whole] & mask) == (b[whole] & mask);
    }
}
