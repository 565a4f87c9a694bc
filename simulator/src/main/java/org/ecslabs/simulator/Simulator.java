package org.ecslabs.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import org.ecslabs.simulator.control.ControlOperations;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.engine.Accounts;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Engine;
import org.ecslabs.simulator.engine.StateStore;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.CrossAccount;
import org.ecslabs.simulator.protocol.InputShapes;
import org.ecslabs.simulator.protocol.JsonBody;
import org.ecslabs.simulator.protocol.Protocol;
import org.ecslabs.simulator.protocol.QueryParameters;
import org.ecslabs.simulator.protocol.RequestLimits;
import org.ecslabs.simulator.protocol.SigV4Verifier;
import org.ecslabs.simulator.protocol.WireFormat;
import org.ecslabs.simulator.protocol.WireRequest;
import org.ecslabs.simulator.protocol.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as a whole: give it an HTTP request, get the HTTP response AWS would send.
 * It verifies the signature, routes by X-Amz-Target (JSON) or by signing name and Action (query),
 * runs the operation on the caller's account and writes the result, all before returning.
 * Thread-safe: calls on different accounts run in parallel, calls on one account one at a time.
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final StateStore store;
    private final Accounts accounts;
    private final Engine engine;
    private final List<AwsService> services;
    private final ControlOperations control;
    private final SigV4Verifier verifier = new SigV4Verifier();

    private Simulator(StateStore store, Accounts accounts, Engine engine, List<AwsService> services) {
        this.store = store;
        this.accounts = accounts;
        this.engine = engine;
        this.services = services;
        this.control = new ControlOperations(services);
    }

    /** Builds a simulator with every {@link AwsService} on the class path and starts its ticker. */
    public static Simulator create(SimulatorConfig config) {
        StateStore store = config.dataSource() != null
                ? StateStore.open(config.dataSource()) : StateStore.open(config.jdbcUrl());
        List<AwsService> services = new ArrayList<>();
        ServiceLoader.load(AwsService.class, AwsService.class.getClassLoader()).forEach(services::add);
        checkUniqueRoutes(services);
        Accounts accounts = new Accounts(store, config.mode(), config.wallClock());
        Engine engine = new Engine(services, store, config.wallClock(), config.initialSpeed());
        if (config.tickEvery() != null) {
            engine.startTicker(config.tickEvery());
        }
        return new Simulator(store, accounts, engine, List.copyOf(services));
    }

    /** Two services answering the same target prefix or query signing name would shadow each other. */
    private static void checkUniqueRoutes(List<AwsService> services) {
        Map<String, AwsService> routes = new HashMap<>();
        for (AwsService service : services) {
            List<String> keys = new ArrayList<>();
            if (service.targetPrefix() != null) {
                keys.add("X-Amz-Target prefix " + service.targetPrefix());
            }
            if (service.protocol() == Protocol.QUERY || service.protocol() == Protocol.EC2) {
                keys.add("query signing name " + service.signingName());
            }
            for (String key : keys) {
                AwsService other = routes.putIfAbsent(key, service);
                if (other != null) {
                    throw new IllegalStateException("Two simulator services claim the " + key + ": "
                            + other.getClass().getName() + " and " + service.getClass().getName());
                }
            }
        }
        if (routes.containsKey("X-Amz-Target prefix " + ControlOperations.TARGET_PREFIX)) {
            throw new IllegalStateException("The X-Amz-Target prefix " + ControlOperations.TARGET_PREFIX
                    + " belongs to the simulator's control API");
        }
    }

    public Accounts accounts() {
        return accounts;
    }

    /** The services found on the class path. */
    public List<AwsService> services() {
        return services;
    }

    public WireResponse handle(WireRequest request) {
        String requestId = UUID.randomUUID().toString();
        WireFormat format = WireFormat.of(request);
        if (!format.isJson() && format != WireFormat.RPC_V2_CBOR) {
            format = SigV4Verifier.claimedService(request).map(this::queryFormat).orElse(WireFormat.QUERY);
        }
        try {
            SigV4Verifier.Scope scope;
            try {
                RequestLimits.check(request);
                scope = verifier.verify(request, key -> accounts.byAccessKey(key).map(Account::secretAccessKey));
            } catch (AwsException e) {
                throw new FormattedError(e, format);
            }
            // The signature covers the compressed bytes; the operation reads the plain ones.
            request = RequestLimits.inflated(request);
            if (format == WireFormat.RPC_V2_CBOR) {
                return handleCbor(request, scope, requestId);
            }
            return format.isJson() ? handleJson(request, format, scope, requestId) : handleQuery(request, scope, requestId);
        } catch (FormattedError e) {
            return e.format.error(e.error, requestId);
        } catch (AwsException e) {
            return format.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.error("Internal error on request {}", requestId, e);
            return format.error(new AwsException("InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.", 500), requestId);
        }
    }

    private WireResponse handleJson(WireRequest request, WireFormat format, SigV4Verifier.Scope scope, String requestId) {
        String target = request.header("X-Amz-Target");
        int dot = target.lastIndexOf('.');
        String prefix = dot < 0 ? "" : target.substring(0, dot);
        String operation = target.substring(dot + 1);
        ObjectNode input = JsonBody.read(request);
        InputShapes.bundled().checkJson(prefix, operation, input);
        Account account = accounts.byAccessKey(scope.accessKeyId()).orElseThrow();
        CrossAccount.check(scope.service(), operation, input, account.accountId(), false);
        JsonNode output;
        if (ControlOperations.TARGET_PREFIX.equals(prefix)) {
            output = engine.execute(account.accountId(), scope.region(), session -> control.call(session, operation, input));
        } else {
            AwsService service = services.stream()
                    .filter(s -> prefix.equals(s.targetPrefix()))
                    .findFirst()
                    .orElseThrow(() -> AwsException.unknownOperation(target));
            output = engine.execute(account.accountId(), scope.region(),
                    session -> service.call(session.sandbox(), operation, input));
        }
        return format.success(operation, null, requestId, output);
    }

    /**
     * Smithy RPC v2 CBOR: {@code POST <endpoint path>/service/<ServiceName>/operation/<Operation>}, the
     * service named as its JSON target prefix is (CloudWatch: GraniteServiceVersion20100801).
     */
    private WireResponse handleCbor(WireRequest request, SigV4Verifier.Scope scope, String requestId) {
        String path = request.path();
        int service = path.lastIndexOf("/service/");
        int operationAt = path.lastIndexOf("/operation/");
        if (service < 0 || operationAt < service) {
            throw new AwsException("UnknownOperationException", "An RPC v2 request path ends in /service/<name>/operation/<name>.", 404);
        }
        String serviceName = path.substring(service + "/service/".length(), operationAt);
        String operation = path.substring(operationAt + "/operation/".length());
        AwsService target = services.stream()
                .filter(s -> serviceName.equals(s.targetPrefix()))
                .findFirst()
                .orElseThrow(() -> AwsException.unknownOperation(serviceName + "." + operation));
        ObjectNode input = org.ecslabs.simulator.protocol.Cbor.read(request.body());
        InputShapes.bundled().checkJson(serviceName, operation, input);
        Account account = accounts.byAccessKey(scope.accessKeyId()).orElseThrow();
        CrossAccount.check(scope.service(), operation, input, account.accountId(), false);
        JsonNode output = engine.execute(account.accountId(), scope.region(),
                session -> target.call(session.sandbox(), operation, input));
        return WireFormat.RPC_V2_CBOR.success(operation, null, requestId, output);
    }

    private Optional<AwsService> queryService(String signingName) {
        return services.stream()
                .filter(s -> s.protocol() == Protocol.QUERY || s.protocol() == Protocol.EC2)
                .filter(s -> s.signingName().equals(signingName))
                .findFirst();
    }

    /** EC2 and its SDK read their own error shape; every other query service the common one. */
    private WireFormat queryFormat(String signingName) {
        return queryService(signingName).map(s -> s.protocol() == Protocol.EC2 ? WireFormat.EC2 : WireFormat.QUERY)
                .orElse("ec2".equals(signingName) ? WireFormat.EC2 : WireFormat.QUERY);
    }

    private WireResponse handleQuery(WireRequest request, SigV4Verifier.Scope scope, String requestId) {
        Optional<AwsService> found = queryService(scope.service());
        WireFormat format = queryFormat(scope.service());
        try {
            Map<String, String> parameters = QueryParameters.of(request);
            String action = parameters.get("Action");
            if (action == null || action.isEmpty()) {
                throw new AwsException("MissingAction", "The request must contain the parameter Action.");
            }
            AwsService service = found.orElseThrow(() ->
                    new AwsException("InvalidAction", "The action " + action + " is not valid for this web service."));
            ObjectNode input = QueryParameters.fold(parameters);
            InputShapes.bundled().checkQuery(scope.service(), action, input,
                    format == WireFormat.EC2 ? "InvalidParameterValue" : "ValidationError");
            Account account = accounts.byAccessKey(scope.accessKeyId()).orElseThrow();
            CrossAccount.check(scope.service(), action, input, account.accountId(), true);
            JsonNode output = engine.execute(account.accountId(), scope.region(),
                    session -> service.call(session.sandbox(), action, input));
            return format.success(action, service.xmlNamespace(), requestId, output);
        } catch (AwsException e) {
            throw new FormattedError(e, format);
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }

    /** An AWS error already bound to the flavour it must be written in. */
    private static final class FormattedError extends RuntimeException {
        final AwsException error;
        final WireFormat format;

        FormattedError(AwsException error, WireFormat format) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.format = format;
        }
    }
}
