package org.ecslabs.app.lab;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ecslabs.app.cli.Command;

/**
 * A hands-on lab, read from {@code labs/<id>.md} by {@link LabParser}.
 *
 * @param id            the file name without .md
 * @param level         beginner, intermediate or advanced
 * @param domains       exam domain ids (secure, resilient, performant, cost)
 * @param prerequisites lesson slugs or lab ids to do first
 * @param resources     what the lab creates, shown before a learner runs it in a real account
 * @param cost          a note on what it costs in a real account, if anything
 * @param requires      simulator services beyond ecs and ec2 that the lab calls (elbv2, deploy, ...)
 * @param introduction  the Markdown before the first step
 * @param setup         the {@code ## Setup} section, if any
 * @param cleanup       the {@code ## Clean-up} section, if any
 */
public record Lab(String id, String title, String summary, String level, int minutes, List<String> domains,
                  List<String> prerequisites, LocalDate updated, List<Link> references, Optional<Link> video,
                  List<String> resources, Optional<String> cost, List<String> requires, String introduction,
                  Optional<Section> setup, Optional<Section> cleanup, List<Step> steps) {

    /** A titled link (a reference or a video). */
    public record Link(String title, String url) {
    }

    /** A section of commands that is not a step: setup or clean-up. */
    public record Section(String title, String markdown, List<Command> commands) {
    }

    /** Every check of every step, in order. */
    public List<Check> checks() {
        return steps.stream().flatMap(step -> step.checks().stream()).toList();
    }

    /** Step {@code number}, counted from 1. */
    public Optional<Step> step(int number) {
        return number >= 1 && number <= steps.size() ? Optional.of(steps.get(number - 1)) : Optional.empty();
    }
}
