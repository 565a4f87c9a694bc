package org.ecslabs.app.content;

import java.util.Arrays;
import java.util.Optional;

/** The SAA-C03 exam domains, the vocabulary of every {@code domain}/{@code domains} field. */
public enum ExamDomain {
    SECURE("secure", "Design Secure Architectures", 30),
    RESILIENT("resilient", "Design Resilient Architectures", 26),
    PERFORMANT("performant", "Design High-Performing Architectures", 24),
    COST("cost", "Design Cost-Optimized Architectures", 20);

    private final String id;
    private final String title;
    private final int weight;

    ExamDomain(String id, String title, int weight) {
        this.id = id;
        this.title = title;
        this.weight = weight;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Share of the exam in percent. */
    public int weight() {
        return weight;
    }

    public static Optional<ExamDomain> byId(String id) {
        return Arrays.stream(values()).filter(domain -> domain.id.equals(id)).findFirst();
    }

    /** The allowed ids, for error messages. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(ExamDomain::id).toList());
    }
}
