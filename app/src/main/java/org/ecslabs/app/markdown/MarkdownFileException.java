package org.ecslabs.app.markdown;

/**
 * A Markdown file that cannot be used as written: names the file, the 1-based line and column,
 * and what is wrong, so that an author can go straight to the spot.
 */
public class MarkdownFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public MarkdownFileException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String problem() {
        return problem;
    }
}
