package feedwright.websub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A form as {@code application/x-www-form-urlencoded} writes it. Stateless. */
final class Form {

    private Form() {
    }

    /**
     * The fields of {@code body}, decoded; a field given twice keeps its first value, one without {@code =}
     * is empty.
     *
     * @throws IllegalArgumentException when an escape is broken ({@code %zz})
     */
    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }
}
