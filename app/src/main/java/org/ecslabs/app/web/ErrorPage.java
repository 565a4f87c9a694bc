package org.ecslabs.app.web;

/** The model of an error page: what went wrong, in words a learner can act on. */
public record ErrorPage(Frame frame, int status, String heading, String message) {
}
