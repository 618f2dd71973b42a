package feedwright.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Our JSON Schema of JSON Feed 1.1 ({@code src/test/resources/jsonfeed-1.1.schema.json}), checked with
 * networknt's json-schema-validator. Draft 2020-12 treats {@code format} as a mere annotation; here it is
 * an assertion, so a date that is not RFC 3339 or a URL that is not absolute fails. Thread-safe.
 */
public final class JsonFeedSchema {

    private static final Schema SCHEMA = load();

    private JsonFeedSchema() {
    }

    /**
     * Every way {@code json} breaks the schema, each as "where: message" with where a JSON Pointer as a URI
     * fragment ({@code #} is the whole feed, {@code #/items/0/id} the first item's id); empty when it is a
     * valid feed.
     */
    public static List<String> problems(byte[] json) {
        return problems(new String(json, StandardCharsets.UTF_8));
    }

    public static List<String> problems(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(JsonFeedSchema::describe).toList();
    }

    private static String describe(Error error) {
        return "#" + error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static Schema load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = JsonFeedSchema.class.getResourceAsStream("/jsonfeed-1.1.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("jsonfeed-1.1.schema.json is not on the test class path");
            }
            return registry.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
