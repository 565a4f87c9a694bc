package org.ecslabs.app.cli;

/**
 * One shell command of a lab as written (continuation lines joined, comments left out).
 *
 * @param text the command
 * @param line the 1-based line of the lab file it starts on
 */
public record Command(String text, int line) {
}
