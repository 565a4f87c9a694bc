package org.ecslabs.app.console;

import java.util.List;
import java.util.Optional;
import org.ecslabs.app.aws.SimulatorControl;
import org.ecslabs.app.cli.Command;
import org.ecslabs.app.cli.CommandHelp;
import org.ecslabs.app.cli.CommandRefused;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationException;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.cli.ShellGuard;
import org.ecslabs.app.lab.LabTags;

/**
 * One learner's console: runs what they type against their own sandbox and answers what the AWS
 * CLI would print, with its exit codes (0, 252 for a command it cannot read, 254 for an error from
 * the service, 255 when the service cannot be reached). Shell variables live as long as the session,
 * so {@code TASK=$(aws ... --output text)} in one request and {@code $TASK} in the next work.
 * Thread-safe: one command at a time per learner, as in a terminal.
 */
public final class ConsoleSession {

    /** What the console prints for one submission and its exit code. */
    public record Result(int exitCode, String output) {
    }

    static final int USAGE_ERROR = 252;
    static final int SERVICE_ERROR = 254;
    static final int OTHER_ERROR = 255;
    /** The most a learner may submit at once: a long lab script, not a data file. */
    static final int MAX_SCRIPT = 20_000;
    /** The most commands one submission runs: the longest lab setup has a few dozen. */
    static final int MAX_COMMANDS = 200;
    /** The most one submission prints; what is over is cut, as a terminal's scroll-back would. */
    static final int MAX_OUTPUT = 1024 * 1024;

    private final CommandRunner runner;
    private final SandboxState state;
    private final boolean simulator;

    /** On the learner's own AWS account (whatever its endpoint in tests) the simulator's controls are refused. */
    ConsoleSession(OperationInvoker invoker) {
        this.runner = new CommandRunner(invoker, LabTags::tag);
        this.simulator = invoker.clients().backend().isSimulator();
        this.state = new SandboxState(invoker.clients(), simulator);
    }


    SandboxState state() {
        return state;
    }

    /**
     * Runs every command of {@code script} (several lines, backslash continuations and comments
     * allowed) in order and stops at the first that fails, as a careful script would ({@code set -e}).
     */
    public Result run(String script) {
        return run(script, null);
    }

    /**
     * As {@link #run(String)}, in a lab's context: every create call of this script carries the tag
     * {@code ecslabs:lab=<lab>} ({@link org.ecslabs.app.lab.LabTags}). Null runs it outside any lab.
     */
    public synchronized Result run(String script, String lab) {
        runner.lab(lab);
        try {
            return runScript(script);
        } finally {
            runner.lab(null);
        }
    }

    private Result runScript(String script) {
        if (script == null || script.isBlank()) {
            return new Result(USAGE_ERROR, "Type a command, such as: aws ecs list-clusters\n");
        }
        if (script.length() > MAX_SCRIPT) {
            return new Result(USAGE_ERROR, "That is too long to run at once (over " + MAX_SCRIPT + " characters).\n");
        }
        List<Command> commands;
        try {
            commands = CommandRunner.commands(script);
        } catch (IllegalArgumentException e) {
            return new Result(USAGE_ERROR, "syntax error: " + e.getMessage() + "\n");
        }
        if (commands.size() > MAX_COMMANDS) {
            return new Result(USAGE_ERROR, "That is " + commands.size() + " commands; the console runs at most "
                    + MAX_COMMANDS + " at once. Send them in parts.\n");
        }
        StringBuilder output = new StringBuilder();
        for (Command command : commands) {
            Result result = runOne(command.text());
            output.append(result.output());
            if (output.length() > MAX_OUTPUT) {
                output.setLength(MAX_OUTPUT);
                output.append("\n[output cut at ").append(MAX_OUTPUT).append(" characters; the commands after this one did not run]\n");
                return new Result(OTHER_ERROR, output.toString());
            }
            if (result.exitCode() != 0) {
                return new Result(result.exitCode(), output.toString());
            }
        }
        return new Result(0, output.toString());
    }

    private Result runOne(String command) {
        Optional<ShellGuard.Refusal> refusal = ShellGuard.check(command, simulator);
        if (refusal.isPresent()) {
            return new Result(refusal.get().exitCode(), refusal.get().message() + "\n");
        }
        String operation = CommandHelp.operationName(command).map(name -> name + " ").orElse("");
        try {
            Optional<String> help = CommandHelp.forCommand(command);
            if (help.isPresent()) {
                return new Result(0, help.get());
            }
            boolean jump = command.strip().startsWith("ecslabs clock advance") && simulator;
            if (jump) {
                state.sample();
            }
            String output = runner.run(command);
            if (jump) {
                state.sample();
            }
            return new Result(0, output);
        } catch (OperationException e) {
            return switch (e.kind()) {
                case AWS_ERROR -> new Result(SERVICE_ERROR, serviceError(e.errorCode(), e.getMessage(), operation));
                case UNREACHABLE, TIMEOUT -> new Result(OTHER_ERROR, e.getMessage() + "\n");
                default -> new Result(USAGE_ERROR, "Parameter validation failed:\n" + e.getMessage() + "\n");
            };
        } catch (SimulatorControl.ControlException e) {
            return e.errorCode() == null
                    ? new Result(OTHER_ERROR, e.getMessage() + "\n")
                    : new Result(SERVICE_ERROR, serviceError(e.errorCode(), e.getMessage(), operation));
        } catch (CommandRefused e) {
            return new Result(e.exitCode(), e.getMessage() + "\n");
        } catch (IllegalArgumentException e) {
            return new Result(USAGE_ERROR, usage(command, e.getMessage()));
        }
    }

    /** The CLI's line for an error the service returned. */
    private static String serviceError(String code, String message, String operation) {
        String text = message.startsWith(code + ": ") ? message.substring(code.length() + 2) : message;
        return "\nAn error occurred (" + code + ") when calling the " + operation + "operation: " + text + "\n";
    }

    private static String usage(String command, String problem) {
        String program = command.strip().startsWith("ecslabs") ? "ecslabs" : "aws";
        String hint = program.equals("ecslabs") ? "  ecslabs help\n"
                : "  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";
        return program + ": error: " + problem + "\n\nTo see help text, you can run:\n" + hint;
    }
}
