package org.ecslabs.app.quiz;

import java.util.Arrays;
import java.util.Optional;

/** The exam domains of the AWS Certified Solutions Architect – Associate exam (SAA-C03). */
public enum Domain {
    SECURE("secure", "Design Secure Architectures"),
    RESILIENT("resilient", "Design Resilient Architectures"),
    PERFORMANT("performant", "Design High-Performing Architectures"),
    COST("cost", "Design Cost-Optimized Architectures");

    private final String id;
    private final String title;

    Domain(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static Optional<Domain> byId(String id) {
        return Arrays.stream(values()).filter(domain -> domain.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Domain::id).toList());
    }
}
