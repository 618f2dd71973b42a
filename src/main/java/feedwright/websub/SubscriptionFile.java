package feedwright.websub;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The built-in hub's subscriptions on disk, so that they survive a restart: {@value #FILE_NAME} under the
 * site folder, beside {@code serve}'s validators. It holds the subscribers' secrets, so it is written
 * readable by its owner only (0600), and replaced in one rename: a crash leaves the old list or the new
 * one. Layout: {@code {"feedwrightWebSub": 1, "subscriptions": [{"topic", "callback", "secret"?, "expires"}]}}.
 * Stateless.
 */
final class SubscriptionFile {

    static final String FILE_NAME = ".feedwright/websub-subscriptions.json";

    private static final int VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();

    /** Why the file cannot be used; it is then replaced by the next change. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason);
        }
    }

    private SubscriptionFile() {
    }

    /** The subscriptions in {@code file}, in the order written; empty when there is no file. */
    static List<Subscription> read(Path file) throws IOException, Invalid {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new Invalid("not a regular file");
        }
        try {
            return parse(Files.readAllBytes(file));
        } catch (NoSuchFileException goneMeanwhile) {
            return List.of();
        }
    }

    static List<Subscription> parse(byte[] bytes) throws Invalid {
        try (JsonParser json = JSON.createParser(bytes)) {
            expect(json.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            Integer version = null;
            List<Subscription> subscriptions = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("feedwrightWebSub")) {
                    expect(value == JsonToken.VALUE_NUMBER_INT, "feedwrightWebSub is not a number");
                    version = json.getIntValue();
                } else if (field.equals("subscriptions")) {
                    expect(value == JsonToken.START_ARRAY, "subscriptions is not a list");
                    subscriptions = subscriptions(json);
                } else {
                    json.skipChildren();
                }
            }
            expect(json.nextToken() == null, "text after the JSON object");
            expect(version != null && subscriptions != null, "not a list of subscriptions (no feedwrightWebSub)");
            expect(version == VERSION, "layout version " + version + ", this version reads " + VERSION);
            return subscriptions;
        } catch (JsonProcessingException e) {
            throw new Invalid("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory cannot fail", e);
        }
    }

    private static List<Subscription> subscriptions(JsonParser json) throws IOException, Invalid {
        List<Subscription> subscriptions = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String topic = null;
            String callback = null;
            String secret = null;
            String expires = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "topic" -> topic = text(json, value, field);
                    case "callback" -> callback = text(json, value, field);
                    case "secret" -> secret = text(json, value, field);
                    case "expires" -> expires = text(json, value, field);
                    default -> json.skipChildren();
                }
            }
            expect(topic != null && callback != null && expires != null,
                    "subscription " + (subscriptions.size() + 1) + ": no topic, callback or expires");
            subscriptions.add(subscription(topic, callback, secret, expires));
        }
        return subscriptions;
    }

    /** One entry, checked as a subscription request is: a feed path, an http(s) callback. */
    private static Subscription subscription(String topic, String callback, String secret, String expires)
            throws Invalid {
        expect(topic.startsWith("/"), "'" + topic + "' is not a feed path");
        try {
            URI uri = new URI(callback);
            expect(Topics.isCallback(uri), "'" + callback + "' is not an http(s) callback");
            return new Subscription(topic, uri, Optional.ofNullable(secret), Instant.parse(expires));
        } catch (URISyntaxException e) {
            throw new Invalid("'" + callback + "' is not a URL");
        } catch (DateTimeException e) {
            throw new Invalid("'" + expires + "' is not an instant");
        }
    }

    private static String text(JsonParser json, JsonToken value, String field) throws IOException, Invalid {
        expect(value == JsonToken.VALUE_STRING, field + " is not a string");
        return json.getText();
    }

    /** Replaces {@code file} with {@code subscriptions} in one rename, readable by the owner only. */
    static void write(Path file, Collection<Subscription> subscriptions) throws IOException {
        Files.createDirectories(file.getParent());
        // createTempFile makes the file 0600 where files have POSIX permissions: the secrets stay the owner's.
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, json(subscriptions));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static byte[] json(Collection<Subscription> subscriptions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 200 * subscriptions.size());
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("feedwrightWebSub", VERSION);
            json.writeArrayFieldStart("subscriptions");
            for (Subscription subscription : subscriptions) {
                json.writeStartObject();
                json.writeStringField("topic", subscription.topic());
                json.writeStringField("callback", subscription.callback().toString());
                if (subscription.secret().isPresent()) {
                    json.writeStringField("secret", subscription.secret().get());
                }
                json.writeStringField("expires", subscription.expires().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void expect(boolean condition, String reason) throws Invalid {
        if (!condition) {
            throw new Invalid(reason);
        }
    }
}
