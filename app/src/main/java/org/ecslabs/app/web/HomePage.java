package org.ecslabs.app.web;

import org.ecslabs.app.lesson.Lesson;
import org.ecslabs.app.lesson.Progress;

/**
 * The model of /.
 *
 * @param nextLesson   the first lesson not yet completed, null when all are done (or none exist)
 * @param dueForReview questions due for review today
 */
public record HomePage(Frame frame, Progress progress, Lesson nextLesson, int topicCount, int dueForReview) {
}
