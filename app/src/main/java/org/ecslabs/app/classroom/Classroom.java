package org.ecslabs.app.classroom;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.ConfigException;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.SoloSandbox;
import org.ecslabs.app.lab.LabResults;
import org.ecslabs.app.lesson.ProgressStore;
import org.ecslabs.app.quiz.QuizStore;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classroom mode, wired: people, sessions, classes and a simulator account per learner, the gate
 * in front of every route, and the pages and API that sign people in and manage classes. In solo
 * mode it is inactive: no routes, an open gate, and every learner on the solo sandbox.
 * Thread-safe: its parts are; the set-up token is written once at start-up and cleared once.
 */
public final class Classroom implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(Classroom.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppConfig config;
    private final Templates templates;
    private final Users users;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final Classes classes;
    private final Sandboxes sandboxes;
    private final ClassReport report;
    private final ClassActivity activity;
    private final SessionCookie cookie;
    private final Gate gate;
    private volatile String setupToken;

    private Classroom(AppContext context) {
        this.config = context.config();
        this.templates = context.templates();
        Sql sql = new Sql(context.database().dataSource());
        this.sandboxes = new Sandboxes(sql, context.simulator().accounts());
        this.users = new Users(sql, sandboxes, context.clock());
        this.sessions = new Sessions(sql, users, context.clock());
        this.throttle = new SignInThrottle(sql, context.clock());
        this.classes = new Classes(sql, context.clock());
        LabResults labResults = new LabResults(context.database().dataSource());
        QuizStore quizStore = new QuizStore(context.database().dataSource());
        this.report = new ClassReport(new ProgressStore(context.database().dataSource(), context.clock()),
                labResults, quizStore, context.quizzes());
        this.activity = new ClassActivity(labResults, quizStore);
        this.cookie = new SessionCookie(config.secureCookies());
        this.gate = new Gate(sessions);
    }

    /** The classroom of this context: active in classroom mode, where it also makes sure an admin can exist. */
    public static Classroom create(AppContext context) {
        Classroom classroom = new Classroom(context);
        if (context.config().classroom()) {
            classroom.firstAdmin();
        }
        return classroom;
    }

    public boolean active() {
        return config.classroom();
    }

    /** The before-handler of classroom mode (solo mode: nothing to check). */
    public void gate(Context ctx) {
        if (active()) {
            gate.check(ctx);
        }
    }

    @Override
    public void routes(RoutesConfig routes) {
        if (active()) {
            new AccountRoutes(this, templates).routes(routes);
            new ClassRoutes(this, templates).routes(routes);
        }
    }

    /** Where a request's simulator calls go: the solo sandbox, or the signed-in learner's own account. */
    public Function<Context, Backend> sandbox() {
        if (!active()) {
            return SoloSandbox::of;
        }
        return ctx -> sandboxes.backend(SignedIn.required(ctx).learnerId(), ctx.req().getLocalPort());
    }

    public Users users() {
        return users;
    }

    public Classes classes() {
        return classes;
    }

    public Sandboxes sandboxes() {
        return sandboxes;
    }

    ClassReport report() {
        return report;
    }

    ClassActivity activity() {
        return activity;
    }

    // What the routes share

    User signIn(Context ctx, String username, String password) {
        String account = SignInThrottle.account(username);
        String address = SignInThrottle.address(ctx.ip());
        if (throttle.locked(account, address)) {
            throw new Refusal(401, AccountRoutes.SIGN_IN_FAILED);
        }
        Optional<User> user = users.authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(account, address);
            throw new Refusal(401, AccountRoutes.SIGN_IN_FAILED);
        }
        throttle.succeeded(account);
        startSession(ctx, user.get());
        return user.get();
    }

    User join(Context ctx, String code, String name, String username, String password) {
        String address = SignInThrottle.address(ctx.ip());
        if (throttle.locked(address)) {
            throw new Refusal(429, "Too many attempts from your address. Wait " + SignInThrottle.LOCK.toMinutes()
                    + " minutes and try again.");
        }
        Optional<Classes.ClassInfo> found = classes.byCode(code);
        if (found.isEmpty()) {
            // Wrong codes count like wrong passwords, so that codes cannot be guessed either.
            throttle.failed(address);
            throw Refusal.badRequest("That class code is not open. Check it with your instructor.");
        }
        User student = users.create(username, name, Role.STUDENT, password);
        classes.join(found.get().id(), student);
        startSession(ctx, student);
        return student;
    }

    void signOut(Context ctx) {
        sessions.end(SessionCookie.read(ctx));
        cookie.clear(ctx);
    }

    /** After a password change: every other browser signed in as this person is signed out. */
    void afterPasswordChange(Context ctx, User user) {
        sessions.endOthers(user, SessionCookie.read(ctx));
    }

    boolean setupOpen(String token) {
        String expected = setupToken;
        return expected != null && token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)) && !users.anyAdmin();
    }

    synchronized void setUp(Context ctx, String token, String username, String name, String password) {
        if (!setupOpen(token)) {
            throw new Refusal(404, "This set-up link is not valid any more: an admin already exists.");
        }
        User admin = users.create(username, name, Role.ADMIN, password);
        setupToken = null;
        LOG.info("The first admin, {}, was created with the set-up link", admin.username());
        startSession(ctx, admin);
    }

    /** A fresh session id at every sign-in: whatever session cookie the browser had is ended first. */
    private void startSession(Context ctx, User user) {
        sessions.end(SessionCookie.read(ctx));
        cookie.set(ctx, sessions.start(user));
    }

    /** The address people use: ECSLABS_PUBLIC_URL, or the one this request came in on. */
    String baseUrl(Context ctx) {
        return config.publicUrl() != null ? config.publicUrl().toString() : ctx.scheme() + "://" + ctx.host();
    }

    String joinUrl(Context ctx, String code) {
        return baseUrl(ctx) + "/join?code=" + code;
    }

    private void firstAdmin() {
        if (users.anyAdmin()) {
            return;
        }
        if (config.adminEmail() != null) {
            String password;
            try {
                password = Files.readString(config.adminPasswordFile(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException("ECSLABS_ADMIN_PASSWORD_FILE", "cannot read '" + config.adminPasswordFile()
                        + "' (" + e.getMessage() + "); set it to a readable file holding the first admin's password");
            }
            String problem = Passwords.problem(password);
            if (problem != null) {
                throw new ConfigException("ECSLABS_ADMIN_PASSWORD_FILE", "the password in '" + config.adminPasswordFile()
                        + "' will not do: " + problem);
            }
            try {
                String email = config.adminEmail();
                users.create(email, email.contains("@") ? email.substring(0, email.indexOf('@')) : email, Role.ADMIN,
                        password);
            } catch (Refusal e) {
                throw new ConfigException("ECSLABS_ADMIN_EMAIL", "'" + config.adminEmail() + "' cannot be the admin's "
                        + "user name: " + e.getMessage());
            }
            LOG.info("Created the first admin, {}, from ECSLABS_ADMIN_EMAIL", Users.normalized(config.adminEmail()));
            return;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        setupToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String base = config.publicUrl() != null ? config.publicUrl().toString() : "http://localhost:" + config.port();
        // The one place a secret goes to the log, on purpose: it is how the operator creates the first admin.
        LOG.warn("No admin yet. Open this one-time link to create one (it works until an admin exists or the app "
                + "restarts): {}/setup?token={}", base, setupToken);
    }

    /** Tests: the set-up token printed in the log. */
    String setupToken() {
        return setupToken;
    }
}
