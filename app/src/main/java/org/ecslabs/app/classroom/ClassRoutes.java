package org.ecslabs.app.classroom;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.SimulatorControl;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/**
 * Classes for instructors (and admins): create one, see its code, join link and roster, rotate or
 * close the code, reset a student's sandbox, download the grades; and the admin's instructors page.
 * An instructor sees only the classes they own; a class id of someone else's class answers 403,
 * an unknown one 404.
 */
final class ClassRoutes implements Feature {
    private final Classroom classroom;
    private final Templates templates;

    ClassRoutes(Classroom classroom, Templates templates) {
        this.classroom = classroom;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/classes", ctx -> classesPage(ctx, null));
        routes.post("/classes", this::createForm);
        routes.get("/classes/{id}", ctx -> classPage(ctx, message(ctx.queryParam("done"))));
        routes.get("/classes/{id}/students/{username}", this::studentPage);
        routes.post("/classes/{id}/code/rotate", ctx -> {
            classroom.classes().rotateCode(taught(ctx).id());
            ctx.redirect("/classes/" + ctx.pathParam("id") + "?done=rotated", HttpStatus.SEE_OTHER);
        });
        routes.post("/classes/{id}/code/close", ctx -> {
            classroom.classes().closeCode(taught(ctx).id());
            ctx.redirect("/classes/" + ctx.pathParam("id") + "?done=closed", HttpStatus.SEE_OTHER);
        });
        routes.post("/classes/{id}/students/{username}/reset-sandbox", ctx -> {
            resetStudent(ctx);
            ctx.redirect("/classes/" + ctx.pathParam("id") + "?done=reset", HttpStatus.SEE_OTHER);
        });
        routes.get("/admin/instructors", ctx -> instructorsPage(ctx, null, null));
        routes.post("/admin/instructors", this::createInstructorForm);
        routes.post("/api/classes", this::createApi);
        routes.get("/api/classes/{id}/report", ctx -> {
            Classes.ClassInfo info = taught(ctx);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("class", Map.of("id", info.id(), "name", info.name()));
            body.put("students", rows(info));
            ctx.header("Cache-Control", "no-store").json(body);
        });
        routes.get("/api/classes/{id}/report.csv", ctx -> {
            Classes.ClassInfo info = taught(ctx);
            ctx.header("Cache-Control", "no-store")
                    .header("Content-Disposition", "attachment; filename=\"class-report.csv\"")
                    .contentType("text/csv; charset=utf-8")
                    .result(ClassReport.csv(rows(info)));
        });
        routes.post("/api/classes/{id}/students/{username}/reset-sandbox", ctx -> {
            resetStudent(ctx);
            ctx.json(Map.of("reset", true));
        });
        routes.post("/api/instructors", ctx -> {
            SignedIn.admin(ctx);
            JsonBody body = JsonBody.of(ctx);
            User created = classroom.users().create(body.required("username"), body.required("name"), Role.INSTRUCTOR,
                    body.required("password"));
            ctx.status(201).json(Map.of("id", created.id(), "username", created.username(), "role", created.role().id()));
        });
    }

    private void classesPage(Context ctx, String error) {
        User user = SignedIn.required(ctx);
        List<ClassroomPages.ClassLink> links = classroom.classes().of(user).stream().map(info -> link(ctx, info)).toList();
        templates.page(ctx, "classroom/classes.jte", new ClassroomPages.ClassesPage(new Frame("Classes", ""),
                Csrf.token(ctx), user, links, error));
    }

    private void createForm(Context ctx) {
        User teacher = SignedIn.teacher(ctx);
        Classes.ClassInfo created;
        try {
            created = classroom.classes().create(ctx.formParam("name"), teacher);
        } catch (Refusal e) {
            ctx.status(e.getStatus());
            classesPage(ctx, e.getMessage());
            return;
        }
        ctx.redirect("/classes/" + created.id(), HttpStatus.SEE_OTHER);
    }

    private void createApi(Context ctx) {
        User teacher = SignedIn.teacher(ctx);
        Classes.ClassInfo created = classroom.classes().create(JsonBody.of(ctx).required("name"), teacher);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", created.id());
        body.put("code", created.code());
        body.put("joinUrl", classroom.joinUrl(ctx, created.code()));
        ctx.json(body);
    }

    private void classPage(Context ctx, String message) {
        Classes.ClassInfo info = taught(ctx);
        List<Classes.Member> members = classroom.classes().members(info.id());
        List<User> students = members.stream().map(Classes.Member::user).filter(user -> user.role() == Role.STUDENT)
                .toList();
        String query = ctx.queryParam("q");
        String sort = ctx.queryParam("sort");
        boolean descending = "desc".equals(ctx.queryParam("dir"));
        Map<String, User> byUsername = new LinkedHashMap<>();
        students.forEach(student -> byUsername.put(student.username(), student));
        List<Dashboard.Line> lines = Dashboard.view(classroom.report().rows(members), query, sort, descending).stream()
                .map(row -> new Dashboard.Line(row, classroom.activity().lastCheck(byUsername.get(row.username()))))
                .toList();
        templates.page(ctx, "classroom/class.jte", new ClassroomPages.ClassPage(new Frame(info.name(), ""),
                Csrf.token(ctx), link(ctx, info), members, message, query == null ? "" : query,
                Dashboard.columns(info.id(), query, sort, descending), lines,
                classroom.activity().failingChecks(students, 10)));
    }

    private void studentPage(Context ctx) {
        Classes.ClassInfo info = taught(ctx);
        User student = student(ctx, info);
        templates.page(ctx, "classroom/student.jte", new ClassroomPages.StudentPage(
                new Frame(student.name() + " in " + info.name(), ""), info, student, classroom.report().row(student),
                classroom.activity().checkHistory(student), classroom.activity().exams(student)));
    }

    private void resetStudent(Context ctx) {
        Classes.ClassInfo info = taught(ctx);
        User student = student(ctx, info);
        try (AwsClients clients = new AwsClients(classroom.sandboxes().backend(student.learnerId(),
                ctx.req().getLocalPort()))) {
            new SimulatorControl(clients).call("ResetAccount", JsonNodeFactory.instance.objectNode());
        }
    }

    private void instructorsPage(Context ctx, String message, String error) {
        SignedIn.admin(ctx);
        templates.page(ctx, "classroom/instructors.jte", new ClassroomPages.InstructorsPage(new Frame("Instructors", ""),
                Csrf.token(ctx), classroom.users().withRole(Role.INSTRUCTOR), message, error));
    }

    private void createInstructorForm(Context ctx) {
        SignedIn.admin(ctx);
        try {
            User created = classroom.users().create(ctx.formParam("username"), ctx.formParam("name"), Role.INSTRUCTOR,
                    ctx.formParam("password"));
            instructorsPage(ctx, "Instructor " + created.username() + " can now sign in.", null);
        } catch (Refusal e) {
            ctx.status(e.getStatus());
            instructorsPage(ctx, null, e.getMessage());
        }
    }

    /** The class in the path, if the signed-in person teaches it: 404 for no such class, 403 for someone else's. */
    private Classes.ClassInfo taught(Context ctx) {
        User user = SignedIn.teacher(ctx);
        Classes.ClassInfo info = classroom.classes().byId(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("There is no such class."));
        if (!classroom.classes().teaches(user, info)) {
            throw new ForbiddenResponse("This is not one of your classes.");
        }
        return info;
    }

    /** The student in the path, if they are in the class: 404 for anyone else, so no other user is ever shown. */
    private User student(Context ctx, Classes.ClassInfo info) {
        String username = Users.normalized(ctx.pathParam("username"));
        return classroom.classes().members(info.id()).stream().map(Classes.Member::user)
                .filter(member -> member.username().equals(username) && member.role() == Role.STUDENT).findFirst()
                .orElseThrow(() -> new NotFoundResponse("There is no such student in this class."));
    }

    private List<ClassReport.Row> rows(Classes.ClassInfo info) {
        return classroom.report().rows(classroom.classes().members(info.id()));
    }

    private ClassroomPages.ClassLink link(Context ctx, Classes.ClassInfo info) {
        return new ClassroomPages.ClassLink(info, info.code() == null ? null : classroom.joinUrl(ctx, info.code()),
                classroom.classes().members(info.id()).size());
    }

    /** The message after a redirect: only our own words, never text from the query string. */
    private static String message(String code) {
        return code == null ? null : switch (code) {
            case "rotated" -> "A new join code is in place; the old one no longer works.";
            case "closed" -> "Joining is closed. Rotate the code to open it again.";
            case "reset" -> "The student's sandbox was reset: it is empty again.";
            default -> null;
        };
    }
}
