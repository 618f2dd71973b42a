package feedwright.sink;

import feedwright.config.DeploySettings;
import feedwright.text.Digests;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link Bucket} reached through the AWS SDK for Java v2: AWS S3 itself, or any S3-compatible store at
 * the configured endpoint. Credentials are found the SDK's standard ways only (environment variables,
 * Java system properties, the profile files, a container or instance role); the region from the settings,
 * else the SDK's (AWS_REGION, the profile). Thread-safe; close it when done.
 */
public final class S3Bucket implements Bucket, AutoCloseable {

    /** What a store answers to a header it does not implement, as S3Proxy does to a website redirect. */
    private static final int NOT_IMPLEMENTED = 501;

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    private S3Bucket(S3Client client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** A client for {@code target}'s bucket; fails when the SDK cannot tell which region to use. */
    public static S3Bucket open(DeploySettings target) throws IOException {
        if (target.bucket().isEmpty()) {
            throw new IllegalArgumentException("no bucket");
        }
        S3ClientBuilder builder = S3Client.builder()
                // The JDK's own HTTP client: a deploy makes a few requests at a time (BucketSink), each a small object.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                // Each object is signed whole, never sent in aws-chunked form: some S3-compatible stores
                // (S3Proxy among them) keep "Content-Encoding: aws-chunked" on the object and send it to
                // readers. The bytes are in memory anyway, so hashing them first costs nothing.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false)
                        .pathStyleAccessEnabled(target.pathStyle()).build())
                // Checksums only where the API demands one: many S3-compatible stores refuse the trailing
                // CRC checksums the SDK would otherwise add to every upload. Every upload carries
                // Content-MD5 instead, which every store checks.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        target.endpoint().ifPresent(builder::endpointOverride);
        target.region().map(Region::of).ifPresent(builder::region);
        try {
            return new S3Bucket(builder.build(), target.bucket(), target.prefix());
        } catch (SdkException e) {
            throw new IOException("cannot reach bucket " + target.bucket() + ": " + e.getMessage()
                    + (target.region().isEmpty() ? " (set deploy.region, --region or AWS_REGION)" : ""), e);
        }
    }

    @Override
    public SortedMap<String, Listed> list() throws IOException {
        SortedMap<String, Listed> objects = new TreeMap<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
                    .contents()) {
                objects.put(object.key().substring(prefix.length()), new Listed(object.eTag(), object.size()));
            }
        } catch (SdkException e) {
            throw failure("listing", e);
        }
        return objects;
    }

    @Override
    public Optional<Stored> read(String name) throws IOException {
        try {
            ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(request -> request.bucket(bucket)
                    .key(prefix + name));
            return Optional.of(new Stored(object.asByteArray(), object.response().metadata()));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("reading " + name, e);
        }
    }

    @Override
    public void put(String name, byte[] bytes, ObjectHeaders headers) throws IOException {
        try {
            client.putObject(request -> request.bucket(bucket).key(prefix + name)
                    .contentType(headers.contentType()).cacheControl(headers.cacheControl())
                    .metadata(headers.metadata())
                    .websiteRedirectLocation(headers.websiteRedirect().orElse(null))
                    .contentMD5(Base64.getEncoder().encodeToString(Digests.md5(bytes))),
                    RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_IMPLEMENTED && headers.websiteRedirect().isPresent()) {
                throw new WebsiteRedirectRefused(address() + ": uploading " + name + " with a website redirect was"
                        + " refused: " + e.getMessage(), e);
            }
            throw failure("uploading " + name, e);
        } catch (SdkException e) {
            throw failure("uploading " + name, e);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            client.deleteObject(request -> request.bucket(bucket).key(prefix + name));
        } catch (SdkException e) {
            throw failure("deleting " + name, e);
        }
    }

    @Override
    public String address() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        client.close();
    }

    private IOException failure(String doing, SdkException e) {
        String reason = e instanceof NoSuchBucketException ? "there is no bucket " + bucket : e.getMessage();
        return new IOException(address() + ": " + doing + " failed: " + reason, e);
    }
}
