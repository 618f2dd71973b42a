package feedwright.snapshot;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What readers were last told about one resource: its content type, strong ETag and Last-Modified. A
 * served snapshot has them in memory; a build's manifest and {@code serve}'s state file keep them across
 * processes, so that the next build or the next start can carry them forward ({@link LastModified}).
 */
public record Validators(String contentType, String etag, Optional<Instant> lastModified) {

    public Validators {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(etag, "etag");
        lastModified = lastModified.map(LastModified::toSecond);
    }

    /** Whether {@code resource} has the bytes and type these validators were given for. */
    boolean describe(Representation resource) {
        return etag.equals(resource.etag()) && contentType.equals(resource.contentType());
    }
}
