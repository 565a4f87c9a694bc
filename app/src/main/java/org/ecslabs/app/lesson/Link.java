package org.ecslabs.app.lesson;

/** A titled link from front matter (a reference or a video). */
public record Link(String title, String url) {
}
