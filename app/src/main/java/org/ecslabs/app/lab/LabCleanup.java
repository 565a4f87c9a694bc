package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.aws.SimulatorControl;
import org.ecslabs.app.cli.Command;
import org.ecslabs.app.cli.CommandRefused;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationException;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.lab.ResourceDeletes.Arn;
import org.ecslabs.app.lab.ResourceDeletes.Attempt;
import org.ecslabs.app.lab.ResourceDeletes.Status;

/**
 * Removes what a learner made for a lab, on the simulator or on a real account, in two passes:
 * <ol>
 * <li>the lab's written clean-up commands, which remove by name what was made from any terminal
 * (on a real account the simulator's own {@code ecslabs} commands are skipped);</li>
 * <li>everything still tagged {@code ecslabs:lab=<id>} ({@link LabTags}), found with
 * {@code tag:GetResources} plus IAM roles through their own tags (GetResources does not list IAM
 * roles), deleted in dependency order.</li>
 * </ol>
 * Deletes that must wait for something else (a cluster for its tasks to stop, a target group for its
 * load balancer, a Cloud Map service for its instances) are tried again round after round, with time
 * passing in between, until nothing is left or the rounds run out; then what is left is reported
 * with AWS's last word on it. Not thread-safe: one clean-up, one thread.
 */
public final class LabCleanup {

    /** How time passes between rounds: the simulator's clock jumps; on AWS the clean-up waits. */
    @FunctionalInterface
    public interface Pause {
        void pass(Duration duration) throws InterruptedException;
    }

    /** Something that could not be deleted, and why. */
    public record Leftover(String resource, String reason) {
    }

    /** What a clean-up did: what it deleted, and what is left. */
    public record Outcome(List<String> deleted, List<Leftover> leftovers) {
        public boolean clean() {
            return leftovers.isEmpty();
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ASSIGNED = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=");
    /** AWS error codes that say the thing is already gone or never was. */
    private static final Pattern GONE_CODE = Pattern.compile("(?i).*(NotFound|NoSuch|DoesNotExist|NotActive|NotExist).*");
    private static final Pattern GONE_MESSAGE = Pattern.compile(
            "(?i).*(not found|does not exist|doesn't exist|is inactive|could not be found|already (been )?deleted).*");
    /** Errors that time or another delete will not fix. */
    private static final Pattern REFUSED_CODE = Pattern.compile("(?i).*(AccessDenied|Unauthorized|UnrecognizedClient"
            + "|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|OptInRequired|UnknownOperation|InvalidAction).*");

    private final OperationInvoker invoker;
    private final ResourceDeletes deletes;
    private final CommandRunner runner;
    private final boolean simulator;
    private final Pause pause;
    private final Consumer<String> log;
    private final List<String> deleted = new ArrayList<>();
    private final Map<String, Attempt> refused = new LinkedHashMap<>();
    private final Set<Command> retrying = new HashSet<>();
    /** The lab's tagged IAM roles, found in the first round; deleted ones then read as gone. */
    private List<Arn> roles;

    /**
     * @param simulator whether the back end is the simulator (its clock can jump, {@code ecslabs} runs)
     * @param pause     how time passes between rounds
     * @param log       receives one line per thing done, for the learner to read as it happens
     */
    public LabCleanup(OperationInvoker invoker, boolean simulator, Pause pause, Consumer<String> log) {
        this.invoker = invoker;
        this.deletes = new ResourceDeletes(invoker);
        this.runner = new CommandRunner(invoker, LabTags::tag);
        this.simulator = simulator;
        this.pause = pause;
        this.log = log;
    }

    /** The pause for a simulator: the account's clock jumps forward, ticking on the way. */
    public static Pause simulatorClock(OperationInvoker invoker) {
        SimulatorControl control = new SimulatorControl(invoker.clients());
        return duration -> control.call("AdvanceClock", NODES.objectNode().put("seconds", duration.toSeconds()));
    }

    /** The pause for AWS: real time. */
    public static Pause realTime() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    /**
     * Cleans up {@code lab}: at most {@code rounds} rounds, with {@code between} passing between two.
     * Interrupting the thread stops it between two calls; what is left is then reported.
     */
    public Outcome run(Lab lab, int rounds, Duration between) {
        List<Command> retry = runWrittenCleanup(lab);
        Map<String, Attempt> last = new LinkedHashMap<>();
        for (int round = 1; round <= rounds && !Thread.currentThread().isInterrupted(); round++) {
            if (round > 1) {
                retry = rerun(retry);
            }
            last = sweep(lab.id());
            boolean pending = !retry.isEmpty() || last.values().stream().anyMatch(a -> a.status() == Status.RETRY);
            if (!pending) {
                break;
            }
            if (round < rounds) {
                log.accept("… waiting " + between.toSeconds() + " s" + (simulator ? " (the simulated clock jumps ahead)" : "")
                        + " for " + waitingFor(last, retry));
                try {
                    pause.pass(between);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.accept("! could not let time pass: " + e.getMessage());
                    break;
                }
            }
        }
        List<Leftover> leftovers = new ArrayList<>();
        for (Map.Entry<String, Attempt> entry : last.entrySet()) {
            Status status = entry.getValue().status();
            if (status == Status.RETRY || status == Status.FAILED) {
                leftovers.add(new Leftover(entry.getKey(), entry.getValue().message()));
            }
        }
        for (Map.Entry<String, Attempt> entry : refused.entrySet()) {
            if (!last.containsKey(entry.getKey())) {
                leftovers.add(new Leftover(entry.getKey(), entry.getValue().message()));
            }
        }
        for (Command command : retry) {
            leftovers.add(new Leftover(command.text(), "the command still fails"));
        }
        log.accept(leftovers.isEmpty() ? "✓ Clean: nothing tagged " + LabTags.KEY + "=" + lab.id() + " is left."
                : "✗ " + leftovers.size() + " left: delete " + (leftovers.size() == 1 ? "it" : "them") + " by hand.");
        return new Outcome(List.copyOf(deleted), leftovers);
    }

    private static String waitingFor(Map<String, Attempt> sweep, List<Command> retry) {
        List<String> waiting = new ArrayList<>();
        sweep.forEach((arn, attempt) -> {
            if (attempt.status() == Status.RETRY) {
                waiting.add(Arn.parse(arn).resource());
            }
        });
        retry.forEach(command -> waiting.add(command.text()));
        return String.join(", ", waiting.subList(0, Math.min(3, waiting.size())))
                + (waiting.size() > 3 ? " and " + (waiting.size() - 3) + " more" : "");
    }

    // ---- pass 1: the lab's written clean-up commands ----

    /** Runs the written clean-up once; returns the commands to try again (waiting on something). */
    private List<Command> runWrittenCleanup(Lab lab) {
        List<Command> commands = lab.cleanup().map(Lab.Section::commands).orElse(List.of());
        if (commands.isEmpty()) {
            return List.of();
        }
        log.accept("Running the lab's clean-up commands");
        runner.lab(lab.id());
        Set<String> goneVariables = new HashSet<>();
        List<Command> retry = new ArrayList<>();
        for (Command command : commands) {
            String text = command.text().strip();
            if (text.startsWith("ecslabs ") && !simulator) {
                continue;
            }
            if (usesAny(text, goneVariables)) {
                log.accept("· nothing to delete: " + firstLine(text));
                continue;
            }
            switch (runCommand(command)) {
                case DELETED -> log.accept("✓ " + firstLine(text));
                case GONE -> {
                    log.accept("· nothing to delete: " + firstLine(text));
                    Matcher assigned = ASSIGNED.matcher(text);
                    if (assigned.find()) {
                        goneVariables.add(assigned.group(1));
                    }
                }
                case RETRY -> retry.add(command);
                default -> {
                    // The message is already in the log.
                }
            }
        }
        return retry;
    }

    private List<Command> rerun(List<Command> commands) {
        List<Command> still = new ArrayList<>();
        for (Command command : commands) {
            switch (runCommand(command)) {
                case DELETED -> log.accept("✓ " + firstLine(command.text()));
                case RETRY -> still.add(command);
                default -> {
                }
            }
        }
        return still;
    }

    private Status runCommand(Command command) {
        try {
            runner.run(command.text());
            return Status.DELETED;
        } catch (OperationException e) {
            Status status = classify(e);
            if (status == Status.FAILED) {
                log.accept("✗ " + firstLine(command.text()) + ": " + e.getMessage());
            } else if (status == Status.RETRY && !retrying.contains(command)) {
                retrying.add(command);
                log.accept("… will try again: " + firstLine(command.text()) + " (" + e.getMessage() + ")");
            }
            return status;
        } catch (SimulatorControl.ControlException | CommandRefused | IllegalArgumentException e) {
            log.accept("✗ " + firstLine(command.text()) + ": " + e.getMessage());
            return Status.FAILED;
        }
    }

    private static boolean usesAny(String text, Set<String> variables) {
        for (String name : variables) {
            if (text.contains("$" + name) || text.contains("${" + name + "}")) {
                return true;
            }
        }
        return false;
    }

    // ---- pass 2: everything still tagged with the lab ----

    /** One round: finds what is tagged and tries to delete each, in dependency order. */
    private Map<String, Attempt> sweep(String lab) {
        Map<String, Attempt> attempts = new LinkedHashMap<>();
        List<Arn> found;
        try {
            found = tagged(lab);
        } catch (OperationException e) {
            attempts.put("tag:GetResources", new Attempt(classify(e) == Status.FAILED
                    ? Status.FAILED : Status.RETRY, "cannot list what is tagged: " + e.getMessage()));
            return attempts;
        }
        found.sort(Comparator.comparingInt(ResourceDeletes::phase));
        for (Arn arn : found) {
            if (refused.containsKey(arn.arn())) {
                continue;
            }
            Attempt attempt;
            try {
                attempt = deletes.delete(arn);
            } catch (OperationException e) {
                Status status = classify(e);
                attempt = status == Status.GONE ? Attempt.GONE : new Attempt(status, e.getMessage());
            }
            if (attempt.status() == Status.DELETED) {
                deleted.add(arn.arn());
                log.accept("✓ deleted " + ResourceDeletes.describe(arn));
            } else if (attempt.status() == Status.FAILED) {
                refused.put(arn.arn(), attempt);
                log.accept("✗ " + ResourceDeletes.describe(arn) + ": " + attempt.message());
            }
            attempts.put(arn.arn(), attempt);
        }
        return attempts;
    }

    /** Everything tagged with the lab: what tag:GetResources lists, and IAM roles. */
    private List<Arn> tagged(String lab) {
        List<Arn> found = new ArrayList<>();
        String token = null;
        do {
            ObjectNode input = NODES.objectNode();
            input.putArray("TagFilters").addObject().put("Key", LabTags.KEY).putArray("Values").add(lab);
            if (token != null) {
                input.put("PaginationToken", token);
            }
            JsonNode page = invoker.invoke("resourcegroupstaggingapi", "GetResources", input);
            page.path("ResourceTagMappingList").forEach(item -> found.add(Arn.parse(item.path("ResourceARN").asText())));
            token = page.path("PaginationToken").asText("");
        } while (!token.isEmpty());
        if (roles == null) {
            // Roles are read once: a clean-up makes none, and every role costs a ListRoleTags call.
            roles = taggedRoles(lab);
        }
        found.addAll(roles);
        return found;
    }

    /** IAM roles with the lab's tag: GetResources leaves IAM roles out, so their own tags are read. */
    private List<Arn> taggedRoles(String lab) {
        List<Arn> roles = new ArrayList<>();
        String marker = null;
        do {
            ObjectNode input = NODES.objectNode().put("PathPrefix", "/");
            if (marker != null) {
                input.put("Marker", marker);
            }
            JsonNode page = invoker.invoke("iam", "ListRoles", input);
            for (JsonNode role : page.path("Roles")) {
                // Service-linked and service roles are AWS's, never a lab's.
                if (role.path("Path").asText("/").startsWith("/aws-service-role/")) {
                    continue;
                }
                JsonNode tags = invoker.invoke("iam", "ListRoleTags",
                        NODES.objectNode().put("RoleName", role.path("RoleName").asText()));
                for (JsonNode tag : tags.path("Tags")) {
                    if (LabTags.KEY.equals(tag.path("Key").asText()) && lab.equals(tag.path("Value").asText())) {
                        roles.add(Arn.parse(role.path("Arn").asText()));
                    }
                }
            }
            marker = page.path("IsTruncated").asBoolean(false) ? page.path("Marker").asText(null) : null;
        } while (marker != null);
        return roles;
    }

    private static Status classify(OperationException e) {
        return switch (e.kind()) {
            case AWS_ERROR -> {
                String code = e.errorCode();
                if (REFUSED_CODE.matcher(code).matches()) {
                    yield Status.FAILED;
                }
                yield GONE_CODE.matcher(code).matches() || GONE_MESSAGE.matcher(e.getMessage()).matches()
                        ? Status.GONE : Status.RETRY;
            }
            // No answer this time: worth another round.
            case UNREACHABLE, TIMEOUT -> Status.RETRY;
            default -> Status.FAILED;
        };
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline) + " …";
        return line.length() > 160 ? line.substring(0, 157) + "…" : line;
    }
}
