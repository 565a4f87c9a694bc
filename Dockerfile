# syntax=docker/dockerfile:1
# The classroom container: builds the jar (templates precompiled, lessons, quizzes and labs
# bundled) and runs it as a non-root user with its database on the /data volume.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Everything the build needs (.dockerignore keeps out build output, data and git history);
# content/, quizzes/ and labs/ are copied too, because the build bundles them into the jar.
COPY . .
# The cache mount keeps downloaded dependencies between builds of the image.
RUN --mount=type=cache,target=/root/.m2 mvn -q -B -DskipTests package

FROM eclipse-temurin:21-jre
RUN groupadd --system ecslabs \
    && useradd --system --gid ecslabs --home-dir /app --shell /usr/sbin/nologin ecslabs \
    && mkdir -p /app /data \
    && chown ecslabs:ecslabs /data
WORKDIR /app
COPY --from=build /src/app/target/ecs-labs.jar /app/ecs-labs.jar
# /app has no content/ folder, so the app serves the course bundled in the jar; mount a folder
# holding content/, quizzes/ and labs/ and set ECSLABS_CONTENT_DIR to serve your own.
# A container is reached through its published port, never over its own loopback: listen on every
# interface (solo mode logs a warning; run a class with ECSLABS_MODE=classroom, see the README).
ENV PORT=7070 \
    ECSLABS_DATA=/data \
    ECSLABS_HOST=0.0.0.0
USER ecslabs
EXPOSE 7070
VOLUME /data
# bash's /dev/tcp speaks HTTP without curl or wget (the JRE image does not promise either)
# and starts in milliseconds, unlike a JVM.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-7070} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ecs-labs.jar"]
