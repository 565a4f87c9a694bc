package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ecslabs.simulator.elbv2.Elbv2State.Action;
import org.ecslabs.simulator.elbv2.Elbv2State.Listener;
import org.ecslabs.simulator.elbv2.Elbv2State.LoadBalancer;
import org.ecslabs.simulator.elbv2.Elbv2State.Rule;
import org.ecslabs.simulator.engine.Sandbox;

/** Listeners and their default rule. The listener's default actions are the truth; its default rule mirrors them. */
final class ListenerOperations {
    private static final Set<String> APPLICATION_PROTOCOLS = Set.of("HTTP", "HTTPS");
    private static final Set<String> NETWORK_PROTOCOLS = Set.of("TCP", "TLS", "UDP", "TCP_UDP");

    private ListenerOperations() {
    }

    static JsonNode create(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        LoadBalancer balancer = LoadBalancerOperations.find(state, QueryInput.required(input, "LoadBalancerArn"));
        String protocol = QueryInput.text(input, "Protocol");
        Integer port = QueryInput.integer(input, "Port");
        if (balancer.type.equals("application")) {
            protocol = protocol == null ? "HTTP" : protocol;
            port = port == null ? (protocol.equals("HTTPS") ? 443 : 80) : port;
            if (!APPLICATION_PROTOCOLS.contains(protocol)) {
                throw Elbv2Errors.validation("Listener protocol '" + protocol + "' must be one of 'HTTPS, HTTP'");
            }
        } else if (balancer.type.equals("network")) {
            if (protocol == null || port == null) {
                throw Elbv2Errors.validation("A protocol and port must be specified for listeners of network load balancers");
            }
            if (!NETWORK_PROTOCOLS.contains(protocol)) {
                throw Elbv2Errors.validation("Listener protocol '" + protocol + "' must be one of 'TCP_UDP, UDP, TLS, TCP'");
            }
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw Elbv2Errors.validation("Port must be between 1 and 65535");
        }
        List<String> certificates = new ArrayList<>();
        for (JsonNode certificate : QueryInput.list(input, "Certificates")) {
            certificates.add(QueryInput.text(certificate, "CertificateArn"));
        }
        if (("HTTPS".equals(protocol) || "TLS".equals(protocol)) && certificates.isEmpty()) {
            throw Elbv2Errors.validation("A certificate must be specified for " + protocol + " listeners");
        }
        for (Listener existing : state.listeners.values()) {
            if (existing.loadBalancerArn.equals(balancer.arn) && port != null && port == existing.port) {
                throw Elbv2Errors.duplicateListener();
            }
        }
        List<Action> actions = Actions.parse(state, balancer, QueryInput.list(input, "DefaultActions"), null);

        Listener listener = new Listener();
        String balancerPath = balancer.arn.substring(balancer.arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        listener.arn = sandbox.arn("elasticloadbalancing", "listener/" + balancerPath + "/" + QueryInput.shortId(sandbox));
        listener.loadBalancerArn = balancer.arn;
        listener.protocol = protocol;
        listener.port = port == null ? 0 : port;
        listener.certificateArns = certificates;
        if (!certificates.isEmpty()) {
            listener.sslPolicy = valueOr(QueryInput.text(input, "SslPolicy"), "ELBSecurityPolicy-2016-08");
        }
        listener.defaultActions = actions;
        state.listeners.put(listener.arn, listener);

        Rule defaultRule = new Rule();
        String listenerPath = listener.arn.substring(listener.arn.indexOf(":listener/") + ":listener/".length());
        defaultRule.arn = sandbox.arn("elasticloadbalancing", "listener-rule/" + listenerPath + "/" + QueryInput.shortId(sandbox));
        defaultRule.listenerArn = listener.arn;
        defaultRule.priority = "default";
        defaultRule.isDefault = true;
        state.rules.put(defaultRule.arn, defaultRule);
        Elbv2Service.putTags(state, listener.arn, input);

        ObjectNode output = QueryInput.object();
        output.putArray("Listeners").add(render(listener));
        return output;
    }

    static JsonNode describe(Elbv2State state, ObjectNode input) {
        List<String> arns = QueryInput.strings(input, "ListenerArns");
        String balancerArn = QueryInput.text(input, "LoadBalancerArn");
        if (arns.isEmpty() && balancerArn == null) {
            throw Elbv2Errors.validation("You must specify either listener ARNs or a load balancer ARN");
        }
        List<Listener> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(find(state, arn));
            }
        } else {
            LoadBalancerOperations.find(state, balancerArn);
            state.listeners.values().stream().filter(listener -> listener.loadBalancerArn.equals(balancerArn))
                    .forEach(found::add);
        }
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("Listeners");
        Paging.page(found, input, output).forEach(listener -> items.add(render(listener)));
        return output;
    }

    static JsonNode modify(Elbv2State state, ObjectNode input) {
        Listener listener = find(state, QueryInput.required(input, "ListenerArn"));
        LoadBalancer balancer = LoadBalancerOperations.find(state, listener.loadBalancerArn);
        Integer port = QueryInput.integer(input, "Port");
        if (port != null && port != listener.port) {
            for (Listener existing : state.listeners.values()) {
                if (existing != listener && existing.loadBalancerArn.equals(balancer.arn) && existing.port == port) {
                    throw Elbv2Errors.duplicateListener();
                }
            }
            listener.port = port;
        }
        String protocol = QueryInput.text(input, "Protocol");
        if (protocol != null) {
            Set<String> allowed = balancer.type.equals("application") ? APPLICATION_PROTOCOLS : NETWORK_PROTOCOLS;
            if (!allowed.contains(protocol)) {
                throw Elbv2Errors.validation("Listener protocol '" + protocol + "' is not supported by a load balancer of type '" + balancer.type + "'");
            }
            listener.protocol = protocol;
        }
        if (input.has("DefaultActions")) {
            listener.defaultActions = Actions.parse(state, balancer, QueryInput.list(input, "DefaultActions"), listener.arn);
        }
        ObjectNode output = QueryInput.object();
        output.putArray("Listeners").add(render(listener));
        return output;
    }

    static JsonNode delete(Elbv2State state, ObjectNode input) {
        String arn = QueryInput.required(input, "ListenerArn");
        find(state, arn);
        removeListener(state, arn);
        return QueryInput.object();
    }

    static void removeListener(Elbv2State state, String listenerArn) {
        state.rules.values().removeIf(rule -> {
            boolean gone = rule.listenerArn.equals(listenerArn);
            if (gone) {
                state.tags.remove(rule.arn);
            }
            return gone;
        });
        state.listeners.remove(listenerArn);
        state.tags.remove(listenerArn);
    }

    static Listener find(Elbv2State state, String arn) {
        Listener listener = state.listeners.get(arn);
        if (listener == null) {
            throw Elbv2Errors.listenerNotFound();
        }
        return listener;
    }

    static ObjectNode render(Listener listener) {
        ObjectNode node = QueryInput.object();
        node.put("ListenerArn", listener.arn);
        node.put("LoadBalancerArn", listener.loadBalancerArn);
        if (listener.port != 0) {
            node.put("Port", listener.port);
        }
        if (listener.protocol != null) {
            node.put("Protocol", listener.protocol);
        }
        if (!listener.certificateArns.isEmpty()) {
            ArrayNode certificates = node.putArray("Certificates");
            listener.certificateArns.forEach(arn -> certificates.addObject().put("CertificateArn", arn));
            node.put("SslPolicy", listener.sslPolicy);
        }
        node.set("DefaultActions", Actions.render(listener.defaultActions));
        return node;
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
