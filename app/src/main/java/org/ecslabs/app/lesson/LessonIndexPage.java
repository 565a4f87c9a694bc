package org.ecslabs.app.lesson;

import java.util.List;
import org.ecslabs.app.web.Frame;

/** The model of /lessons: lessons grouped by topic, each marked when completed. */
public record LessonIndexPage(Frame frame, List<Topic> topics, Progress progress) {

    public record Topic(String name, List<Item> lessons, Progress progress) {
    }

    public record Item(Lesson lesson, boolean completed) {
    }
}
