package feedwright.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket in a real S3-compatible server that a test started (S3Proxy, in memory, on 127.0.0.1 at a free
 * port), and an SDK client of the test's own to read it back with. The deploy under test finds its
 * credentials the SDK's standard way, from the {@code aws.accessKeyId} and {@code aws.secretAccessKey}
 * system properties, which this sets while it is open.
 */
public final class TestBucket implements AutoCloseable {

    public static final String NAME = "feeds";
    public static final String REGION = "us-east-1";

    private static final String ACCESS_KEY = "access";
    private static final String SECRET_KEY = "secret";

    private final S3Client client;
    private final URI endpoint;

    private TestBucket(S3Client client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** The server each test of a class gets, fresh and empty. */
    public static S3ProxyExtension server() {
        return S3ProxyExtension.builder().withBlobStoreProvider("transient").withCredentials(ACCESS_KEY, SECRET_KEY)
                .build();
    }

    /** Creates {@value #NAME} in the server's store. */
    public static TestBucket create(S3ProxyExtension server) {
        System.setProperty("aws.accessKeyId", server.getAccessKey());
        System.setProperty("aws.secretAccessKey", server.getSecretKey());
        S3Client client = S3Client.builder().endpointOverride(server.getUri()).region(Region.of(REGION))
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                // S3Proxy answers 501 to the checksum headers the SDK adds by default, as many stores do.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.getAccessKey(), server.getSecretKey())))
                .build();
        client.createBucket(request -> request.bucket(NAME));
        return new TestBucket(client, server.getUri());
    }

    public S3Client client() {
        return client;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** {@code deploy}'s options that name this bucket, after {@code --site DIR}. */
    public String[] deployArgs(Object siteDir, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "--site", siteDir.toString(), "--bucket", NAME,
                "--endpoint", endpoint.toString(), "--region", REGION, "--path-style"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Every object's key and bytes. */
    public SortedMap<String, byte[]> objects() {
        return objects("");
    }

    /** The key and bytes of every object whose key starts with {@code prefix}. */
    public SortedMap<String, byte[]> objects(String prefix) {
        SortedMap<String, byte[]> objects = new TreeMap<>();
        for (S3Object object : client.listObjectsV2Paginator(request -> request.bucket(NAME).prefix(prefix))
                .contents()) {
            objects.put(object.key(), read(object.key()).asByteArray());
        }
        return objects;
    }

    public ResponseBytes<GetObjectResponse> read(String key) {
        return client.getObjectAsBytes(request -> request.bucket(NAME).key(key));
    }

    public void put(String key, String text) {
        client.putObject(request -> request.bucket(NAME).key(key),
                RequestBody.fromString(text));
    }

    @Override
    public void close() {
        client.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
