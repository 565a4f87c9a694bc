package org.ecslabs.app.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one factory of AWS clients (no other code calls a client builder): every client talks to
 * one {@link Backend} through the URL-connection HTTP client, with a time limit per call.
 * Thread-safe: clients are built once per service and the SDK's clients are thread-safe.
 */
public final class AwsClients implements AutoCloseable {

    /** A service as the AWS CLI names it, with its SDK client type. */
    public record Service(String cliName, Class<? extends SdkClient> clientType, Supplier<AwsClientBuilder<?, ?>> builder) {
    }

    private static final Map<String, Service> SERVICES = services();

    /** The default time limit of one call, retries included. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Backend backend;
    private final Duration callTimeout;
    private final SdkHttpClient httpClient;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(Backend backend) {
        this(backend, DEFAULT_CALL_TIMEOUT);
    }

    public AwsClients(Backend backend, Duration callTimeout) {
        this.backend = backend;
        this.callTimeout = callTimeout;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(callTimeout)
                .build();
    }

    /** The services a lab may call, by their AWS CLI names (ecs, elbv2, application-autoscaling, ...). */
    public static Set<String> serviceNames() {
        return SERVICES.keySet();
    }

    /** The service with this AWS CLI name, if we know it. */
    public static Optional<Service> service(String cliName) {
        return Optional.ofNullable(SERVICES.get(cliName));
    }

    public Backend backend() {
        return backend;
    }

    /** The shared HTTP client, for the simulator's control calls that have no SDK client. */
    public SdkHttpClient httpClient() {
        return httpClient;
    }

    /** The client for a service named as the AWS CLI names it; built on first use. */
    public SdkClient client(String cliName) {
        Service service = service(cliName).orElseThrow(() -> new IllegalArgumentException(
                "unknown service '" + cliName + "' (known: " + String.join(", ", SERVICES.keySet()) + ")"));
        return clients.computeIfAbsent(cliName, name -> build(service));
    }

    public EcsClient ecs() {
        return (EcsClient) client("ecs");
    }

    public Ec2Client ec2() {
        return (Ec2Client) client("ec2");
    }

    private SdkClient build(Service service) {
        AwsClientBuilder<?, ?> builder = service.builder().get();
        builder.region(Region.of(backend.region()))
                .credentialsProvider(StaticCredentialsProvider.create(backend.sessionToken() == null
                        ? AwsBasicCredentials.create(backend.accessKeyId(), backend.secretAccessKey())
                        : AwsSessionCredentials.create(backend.accessKeyId(), backend.secretAccessKey(),
                                backend.sessionToken())))
                // Retries would multiply a check's wait on an unreachable back end; one try and a clear message.
                .overrideConfiguration(config -> {
                    config.apiCallTimeout(callTimeout).retryStrategy(AwsRetryStrategy.doNotRetry());
                    backend.endpoint().map(URI::getRawPath).filter(path -> !path.isEmpty() && !path.equals("/"))
                            .ifPresent(path -> config.addExecutionInterceptor(new KeepEndpointPath(path)));
                    // Some operations (Cloud Map's DiscoverInstances) prefix the host, e.g. data-<host>;
                    // against an endpoint override that host does not exist.
                    if (backend.endpoint().isPresent()) {
                        config.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
                    }
                });
        backend.endpoint().ifPresent(builder::endpointOverride);
        ((AwsSyncClientBuilder<?, ?>) builder).httpClient(httpClient);
        return (SdkClient) builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        httpClient.close();
    }

    /**
     * Puts the endpoint's path back where the SDK drops it: the EC2 client posts to the endpoint's
     * root even when the override has a path, so {@code http://localhost:7070/aws} became
     * {@code http://localhost:7070/}. Runs before signing, so the signature covers the real path.
     */
    private record KeepEndpointPath(String base) implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            String path = request.encodedPath() == null ? "" : request.encodedPath();
            if (path.equals(base) || path.startsWith(base + "/")) {
                return request;
            }
            return request.toBuilder().encodedPath(base + (path.startsWith("/") ? path : "/" + path)).build();
        }
    }

    private static Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        add(services, "ecs", EcsClient.class, EcsClient::builder);
        add(services, "ec2", Ec2Client.class, Ec2Client::builder);
        add(services, "application-autoscaling", ApplicationAutoScalingClient.class, ApplicationAutoScalingClient::builder);
        add(services, "cloudwatch", CloudWatchClient.class, CloudWatchClient::builder);
        add(services, "elbv2", ElasticLoadBalancingV2Client.class, ElasticLoadBalancingV2Client::builder);
        add(services, "deploy", CodeDeployClient.class, CodeDeployClient::builder);
        add(services, "iam", IamClient.class, IamClient::builder);
        add(services, "secretsmanager", SecretsManagerClient.class, SecretsManagerClient::builder);
        add(services, "logs", CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
        add(services, "servicediscovery", ServiceDiscoveryClient.class, ServiceDiscoveryClient::builder);
        add(services, "ecr", EcrClient.class, EcrClient::builder);
        add(services, "ssm", SsmClient.class, SsmClient::builder);
        add(services, "sts", StsClient.class, StsClient::builder);
        add(services, "resourcegroupstaggingapi", ResourceGroupsTaggingApiClient.class, ResourceGroupsTaggingApiClient::builder);
        return Collections.unmodifiableMap(services);
    }

    private static void add(Map<String, Service> services, String cliName, Class<? extends SdkClient> type,
                            Supplier<AwsClientBuilder<?, ?>> builder) {
        services.put(cliName, new Service(cliName, type, builder));
    }
}
