package org.ecslabs.app.lesson;

import java.time.LocalDate;
import java.util.List;
import org.ecslabs.app.lab.LabDirectory.LabLink;
import org.ecslabs.app.web.Frame;

/**
 * The model of /lessons/{slug}.
 *
 * @param previous    null for the first lesson
 * @param next        null for the last lesson
 * @param labs        the lesson's labs that exist
 * @param completedOn null until the learner marks the lesson complete
 * @param csrfToken   for the "Mark as complete" form
 */
public record LessonPage(Frame frame, Lesson lesson, Lesson previous, Lesson next, List<LabLink> labs,
                         LocalDate completedOn, String csrfToken, Progress progress) {

    public boolean completed() {
        return completedOn != null;
    }
}
