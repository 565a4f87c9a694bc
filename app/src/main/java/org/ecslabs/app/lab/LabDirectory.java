package org.ecslabs.app.lab;

import java.util.Optional;

/**
 * The labs lessons and questions may link to. The lab feature registers its catalog here
 * (in AppContext); until then no lab exists and pages show no lab links.
 */
@FunctionalInterface
public interface LabDirectory {

    /** The lab with this id, if one exists. */
    Optional<LabLink> find(String id);

    /** No labs at all. */
    static LabDirectory none() {
        return id -> Optional.empty();
    }

    /**
     * Enough to link to a lab.
     *
     * @param id    the lab id
     * @param title the lab's title
     * @param url   where its page is, such as /labs/first-fargate-task
     */
    record LabLink(String id, String title, String url) {
    }
}
