package org.ecslabs.app.lab;

import java.util.List;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.lesson.Progress;
import org.ecslabs.app.web.Frame;

/** The page models of the lab index and the lab page (one record per page, as the templates take). */
public final class LabPages {

    private LabPages() {
    }

    /** A lab in the index, with the learner's last whole-lab run (null if none). */
    public record IndexItem(Lab lab, List<ExamDomain> domains, LabResults.StoredRun lastRun) {
    }

    public record IndexPage(Frame frame, List<IndexItem> labs) {
    }

    /** A link to a prerequisite: a lab or a lesson. */
    public record Link(String title, String url) {
    }

    /** One step as the page shows it: sanitized HTML for the prose, each hint and the solution. */
    public record StepView(int number, String title, String html, List<String> hints, String solution,
                           List<Check> checks) {
    }

    /**
     * @param setup   the setup section's HTML, or null
     * @param cleanup the clean-up section's HTML, or null
     * @param lastRun the learner's last whole-lab run, or null
     * @param backend what the checks run against, in words
     * @param realAccount true if the learner's checks run on their own AWS account
     * @param accessKeyId     the key of the learner's own simulator account (test in solo mode)
     * @param secretAccessKey its secret: the learner's own, shown to them for their AWS CLI
     */
    public record LabPage(Frame frame, Lab lab, List<ExamDomain> domains, List<Link> prerequisites,
                          String introduction, String setup, String cleanup, List<StepView> steps,
                          LabResults.StoredRun lastRun, String backend, boolean realAccount,
                          Progress progress, String endpoint, String csrfToken, boolean wasReset,
                          String accessKeyId, String secretAccessKey) {
    }
}
