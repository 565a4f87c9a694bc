package org.ecslabs.app.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.cli.OperationInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean-ups learners started from lab pages, one per learner and lab at a time, each running in
 * the background ({@link LabCleanup} may wait minutes on a real account while tasks drain) and read
 * back as a {@link Status} the page polls. Kept in memory: a clean-up interrupted by a restart is
 * simply started again, and it finds what is left by its tags. Thread-safe.
 */
public final class LabCleanups {

    private static final Logger LOG = LoggerFactory.getLogger(LabCleanups.class);

    /** How many rounds, and how much time between two, on each kind of back end. */
    public record Rounds(int simulator, Duration simulatorPause, int realAccount, Duration realAccountPause) {
        /** On the simulator the clock jumps a minute at a time; on AWS, up to 20 minutes of real waiting. */
        public static final Rounds DEFAULT = new Rounds(40, Duration.ofSeconds(60), 80, Duration.ofSeconds(15));
    }

    /** What the page shows: running or finished (times in ISO-8601), the log so far, and what is left. */
    public record Status(String lab, String state, String startedAt, String finishedAt, List<String> log,
                        int deleted, List<LabCleanup.Leftover> leftovers) {
    }

    private record Key(String learner, String lab) {
    }

    private static final class Job {
        final String lab;
        final Instant startedAt;
        final List<String> log = new ArrayList<>();
        volatile Instant finishedAt;
        volatile LabCleanup.Outcome outcome;

        Job(String lab, Instant startedAt) {
            this.lab = lab;
            this.startedAt = startedAt;
        }

        synchronized void append(String line) {
            log.add(line);
        }

        synchronized Status status() {
            boolean done = finishedAt != null;
            return new Status(lab, done ? "finished" : "running", startedAt.toString(),
                    done ? finishedAt.toString() : null, List.copyOf(log),
                    outcome == null ? 0 : outcome.deleted().size(), outcome == null ? List.of() : outcome.leftovers());
        }
    }

    private final Clock clock;
    private final Rounds rounds;
    private final Map<Key, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lab-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    public LabCleanups(Clock clock, Rounds rounds) {
        this.clock = clock;
        this.rounds = rounds;
    }

    /**
     * Starts cleaning up {@code lab} for {@code learner} with {@code clients} (the learner's back end),
     * unless one is already running, whose status is then returned.
     */
    public Status start(String learner, Lab lab, AwsClients clients) {
        Key key = new Key(learner, lab.id());
        boolean[] created = {false};
        Job job = jobs.compute(key, (k, running) -> {
            if (running != null && running.finishedAt == null) {
                return running;
            }
            created[0] = true;
            return new Job(lab.id(), clock.instant());
        });
        if (created[0]) {
            job.append("Cleaning up " + lab.title() + " on " + (clients.backend().isSimulator()
                    ? "the built-in simulator" : "your AWS account in " + clients.backend().region()));
            executor.submit(() -> run(job, lab, clients));
        }
        return job.status();
    }

    /** The learner's latest clean-up of the lab, if they started one since the app started. */
    public Optional<Status> status(String learner, String lab) {
        return Optional.ofNullable(jobs.get(new Key(learner, lab))).map(Job::status);
    }

    private void run(Job job, Lab lab, AwsClients clients) {
        OperationInvoker invoker = new OperationInvoker(clients);
        boolean simulator = clients.backend().isSimulator();
        LabCleanup cleanup = new LabCleanup(invoker, simulator,
                simulator ? LabCleanup.simulatorClock(invoker) : LabCleanup.realTime(), job::append);
        LabCleanup.Outcome outcome;
        try {
            outcome = simulator
                    ? cleanup.run(lab, rounds.simulator(), rounds.simulatorPause())
                    : cleanup.run(lab, rounds.realAccount(), rounds.realAccountPause());
        } catch (RuntimeException e) {
            LOG.warn("clean-up of lab {} failed", lab.id(), e);
            job.append("✗ The clean-up stopped: " + e.getMessage());
            outcome = new LabCleanup.Outcome(List.of(), List.of(new LabCleanup.Leftover("the clean-up", e.getMessage())));
        }
        synchronized (job) {
            job.outcome = outcome;
            job.finishedAt = clock.instant();
        }
    }
}
