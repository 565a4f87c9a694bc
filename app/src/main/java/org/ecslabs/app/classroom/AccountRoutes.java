package org.ecslabs.app.classroom;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/**
 * Signing in and out, joining a class, the one-time set-up of the first admin, the account page
 * (change password), and their JSON twins: {@code POST /api/session}, {@code DELETE /api/session},
 * {@code POST /api/join}, {@code GET /api/me} and {@code GET /api/me/sandbox}.
 */
final class AccountRoutes implements Feature {
    /** The one answer to every failed sign-in, so that it tells a guesser nothing. */
    static final String SIGN_IN_FAILED = "Wrong user name or password, or too many attempts. Check them, or wait "
            + SignInThrottle.LOCK.toMinutes() + " minutes and try again.";

    private final Classroom classroom;
    private final Templates templates;

    AccountRoutes(Classroom classroom, Templates templates) {
        this.classroom = classroom;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/sign-in", ctx -> signInPage(ctx, null, null));
        routes.post("/sign-in", this::signInForm);
        routes.post("/sign-out", this::signOutForm);
        routes.get("/join", ctx -> joinPage(ctx, ctx.queryParam("code"), null, null, null));
        routes.post("/join", this::joinForm);
        routes.get("/setup", ctx -> setupPage(ctx, ctx.queryParam("token"), null));
        routes.post("/setup", this::setupForm);
        routes.get("/account", ctx -> accountPage(ctx, ctx.queryParam("done") == null ? null : "Your password was changed.", null));
        routes.post("/account/password", this::changePasswordForm);
        routes.post("/api/session", this::signInApi);
        routes.delete("/api/session", this::signOutApi);
        routes.post("/api/join", this::joinApi);
        routes.get("/api/me", this::me);
        routes.get("/api/me/sandbox", this::sandbox);
    }

    // Sign-in

    private void signInPage(Context ctx, String username, String error) {
        templates.page(ctx, "classroom/sign-in.jte", new ClassroomPages.SignInPage(new Frame("Sign in", ""),
                Csrf.token(ctx), safeNext(ctx.queryParam("next") == null ? ctx.formParam("next") : ctx.queryParam("next")),
                username, error));
    }

    private void signInForm(Context ctx) {
        String username = ctx.formParam("username");
        try {
            classroom.signIn(ctx, username, ctx.formParam("password"));
        } catch (Refusal e) {
            ctx.status(e.getStatus());
            signInPage(ctx, username, e.getMessage());
            return;
        }
        ctx.redirect(safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void signInApi(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        User user = classroom.signIn(ctx, body.required("username"), body.required("password"));
        ctx.json(identity(user));
    }

    private void signOutForm(Context ctx) {
        classroom.signOut(ctx);
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    private void signOutApi(Context ctx) {
        SignedIn.required(ctx);
        classroom.signOut(ctx);
        ctx.status(204);
    }

    // Join

    private void joinPage(Context ctx, String code, String name, String username, String error) {
        templates.page(ctx, "classroom/join.jte", new ClassroomPages.JoinPage(new Frame("Join a class", ""),
                Csrf.token(ctx), code, name, username, error));
    }

    private void joinForm(Context ctx) {
        try {
            classroom.join(ctx, ctx.formParam("code"), ctx.formParam("name"), ctx.formParam("username"),
                    ctx.formParam("password"));
        } catch (Refusal e) {
            ctx.status(e.getStatus());
            joinPage(ctx, ctx.formParam("code"), ctx.formParam("name"), ctx.formParam("username"), e.getMessage());
            return;
        }
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void joinApi(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        User user = classroom.join(ctx, body.required("code"), body.required("name"), body.required("username"),
                body.required("password"));
        ctx.json(identity(user));
    }

    // Set-up of the first admin

    private void setupPage(Context ctx, String token, String error) {
        if (!classroom.setupOpen(token)) {
            throw new Refusal(404, "This set-up link is not valid: an admin already exists, or the app was restarted "
                    + "(it prints a new link in its log).");
        }
        templates.page(ctx, "classroom/setup.jte", new ClassroomPages.SetupPage(new Frame("Set up ecs-labs", ""),
                Csrf.token(ctx), token, error));
    }

    private void setupForm(Context ctx) {
        String token = ctx.formParam("token");
        try {
            classroom.setUp(ctx, token, ctx.formParam("username"), ctx.formParam("name"), ctx.formParam("password"));
        } catch (Refusal e) {
            if (e.getStatus() == 404) {
                throw e;
            }
            ctx.status(e.getStatus());
            setupPage(ctx, token, e.getMessage());
            return;
        }
        ctx.redirect("/classes", HttpStatus.SEE_OTHER);
    }

    // The account

    private void accountPage(Context ctx, String message, String error) {
        User user = SignedIn.required(ctx);
        templates.page(ctx, "classroom/account.jte", new ClassroomPages.AccountPage(new Frame("Your account", ""),
                Csrf.token(ctx), user, classroom.classes().of(user), message, error));
    }

    private void changePasswordForm(Context ctx) {
        User user = SignedIn.required(ctx);
        if (!Objects.equals(ctx.formParam("password"), ctx.formParam("confirm"))) {
            accountPage(ctx.status(400), null, "The two new passwords are not the same.");
            return;
        }
        try {
            classroom.users().changePassword(user, ctx.formParam("current"), ctx.formParam("password"));
        } catch (Refusal e) {
            accountPage(ctx.status(e.getStatus()), null, e.getMessage());
            return;
        }
        classroom.afterPasswordChange(ctx, user);
        ctx.redirect("/account?done=password", HttpStatus.SEE_OTHER);
    }

    private void me(Context ctx) {
        User user = SignedIn.required(ctx);
        Map<String, Object> body = identity(user);
        List<Map<String, Object>> classes = classroom.classes().of(user).stream().map(info -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", info.id());
            view.put("name", info.name());
            if (classroom.classes().teaches(user, info)) {
                view.put("code", info.code());
                view.put("joinUrl", info.code() == null ? null : classroom.joinUrl(ctx, info.code()));
            }
            return view;
        }).toList();
        body.put("classes", classes);
        ctx.json(body);
    }

    private void sandbox(Context ctx) {
        User user = SignedIn.required(ctx);
        Sandboxes.Keys keys = classroom.sandboxes().keys(user.learnerId())
                .orElseThrow(() -> new Refusal(404, "You have no sandbox; ask your instructor to reset it."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", classroom.baseUrl(ctx) + "/aws");
        body.put("region", Sandboxes.REGION);
        body.put("accessKeyId", keys.accessKeyId());
        body.put("secretAccessKey", keys.secretAccessKey());
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    private static Map<String, Object> identity(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("name", user.name());
        body.put("role", user.role().id());
        return body;
    }

    /** Only a path on this site: never //evil.example or https://..., so the sign-in cannot send people away. */
    static String safeNext(String next) {
        return Optional.ofNullable(next).filter(path -> path.startsWith("/") && !path.startsWith("//")
                && !path.contains("\\") && path.chars().noneMatch(Character::isISOControl)).orElse("/");
    }
}
