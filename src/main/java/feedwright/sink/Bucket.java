package feedwright.sink;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The objects under one key prefix of one bucket, as {@code deploy} sees them: every name is relative to
 * the prefix ({@code tags/投資/rss.xml}), as a file name is relative to {@code build}'s output folder.
 * {@link S3Bucket} is the real one; a test may wrap it to stop a deploy part-way. Implementations turn the
 * store's failures into {@link IOException}s whose message names the bucket.
 */
public interface Bucket {

    /** Every object under the prefix, by name, with what a listing says about it. */
    SortedMap<String, Listed> list() throws IOException;

    /** An object's bytes and user metadata; empty when there is no such object. */
    Optional<Stored> read(String name) throws IOException;

    /** Creates or replaces an object. */
    void put(String name, byte[] bytes, ObjectHeaders headers) throws IOException;

    /** Deletes an object; deleting one that is not there is no error. */
    void delete(String name) throws IOException;

    /**
     * The store refused an upload for the website redirect it carries ({@code x-amz-website-redirect-location}
     * is not implemented by every S3-compatible store): the upload may be made again without it.
     */
    final class WebsiteRedirectRefused extends IOException {
        public WebsiteRedirectRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Where the objects are, for messages: {@code s3://bucket/prefix/}. */
    String address();

    /**
     * One object as a listing shows it.
     *
     * @param etag the store's own ETag: for an object uploaded in one part, the quoted hex MD5 of its bytes
     */
    record Listed(String etag, long size) {
        public Listed {
            Objects.requireNonNull(etag, "etag");
        }
    }

    /** One object read back; {@code metadata} is its user metadata, names in lower case, without x-amz-meta-. */
    record Stored(byte[] bytes, Map<String, String> metadata) {
        public Stored {
            Objects.requireNonNull(bytes, "bytes");
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * The headers an object is stored with, which the store sends with it.
     *
     * @param metadata        user metadata ({@code x-amz-meta-NAME}), names in lower case
     * @param websiteRedirect the absolute URL a bucket's website endpoint redirects a request for the object
     *                        to ({@code x-amz-website-redirect-location}), for an old feed address
     */
    record ObjectHeaders(String contentType, String cacheControl, Map<String, String> metadata,
                         Optional<String> websiteRedirect) {
        public ObjectHeaders {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(cacheControl, "cacheControl");
            metadata = Map.copyOf(metadata);
            Objects.requireNonNull(websiteRedirect, "websiteRedirect");
        }

        /** The headers of an object that is no redirect. */
        public ObjectHeaders(String contentType, String cacheControl, Map<String, String> metadata) {
            this(contentType, cacheControl, metadata, Optional.empty());
        }
    }
}
