package org.ecslabs.app.lab;

import java.util.List;
import java.util.Optional;
import org.ecslabs.app.cli.Command;

/**
 * One step of a lab: a {@code ##} section.
 *
 * @param number    counted from 1
 * @param title     the heading's text
 * @param markdown  the prose and command blocks, without hints, solution and checks
 * @param hints     the {@code !!! hint} admonitions' Markdown, in order (shown one at a time)
 * @param solution  the {@code !!! solution} admonition's Markdown, if any
 * @param solutionCommands the solution's shell commands, in order
 * @param checks    the step's {@code check} blocks
 * @param line      the line of the heading
 */
public record Step(int number, String title, String markdown, List<String> hints, Optional<String> solution,
                   List<Command> solutionCommands, List<Check> checks, int line) {
}
