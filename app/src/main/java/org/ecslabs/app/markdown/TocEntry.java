package org.ecslabs.app.markdown;

/**
 * One line of a table of contents.
 *
 * @param level 2 or 3 (the heading's level)
 * @param id    the heading's anchor id
 * @param text  the heading's plain text
 */
public record TocEntry(int level, String id, String text) {
}
