package org.ecslabs.simulator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for tests, run from the installed binaries (Debian's
 * {@code postgresql} package): initdb into a folder under the build directory, a server on a free
 * loopback port with password authentication, a fresh empty database per {@link #createDatabase}
 * call, stopped and deleted when the JVM exits. Nothing is downloaded.
 *
 * <p>A "database" here is a schema of its own in the cluster's one test database, named in the
 * URL's {@code currentSchema}: unqualified names (all our SQL, Flyway's history table) resolve
 * only there, and creating one costs a catalog row instead of copying a 7 MB template, which for
 * the hundred-odd databases of a test pass took minutes and left a folder too big to delete within
 * surefire's exit timeout.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root the cluster's folder is given
 * to the {@code postgres} user and every binary runs through {@code runuser -u postgres}.
 *
 * <p>Durability settings are off (fsync, synchronous commit): the cluster dies with the test run,
 * and what the tests check is the application's SQL, not the disk. Thread-safe: one cluster per
 * JVM, started once under the class lock; database names come from an atomic counter.
 */
public final class PostgresCluster {
    private static final String USER = "ecslabs";
    private static final String DATABASE = "ecslabs_tests";
    private static final String OS_USER = "postgres";
    private static PostgresCluster shared;

    private final Path dir;
    private final Path binDir;
    private final int port;
    private final String password;
    private final boolean asRoot;
    private final FileChannel lockChannel;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path dir, Path binDir, int port, String password, boolean asRoot, FileChannel lockChannel) {
        this.dir = dir;
        this.binDir = binDir;
        this.port = port;
        this.password = password;
        this.asRoot = asRoot;
        this.lockChannel = lockChannel;
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            shared = start(baseDir());
            PostgresCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "postgres-test-cluster-stop"));
        }
        return shared;
    }

    /** A new empty database (schema), owned by the test user: its JDBC URL with user and password. */
    public String createDatabase() {
        String schema = "test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url(""));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test schema on PostgreSQL port " + port + ": " + e.getMessage(), e);
        }
        return url(schema);
    }

    public int port() {
        return port;
    }

    private String url(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER + "&password=" + password
                + (schema.isEmpty() ? "" : "&currentSchema=" + schema);
    }

    private static Path baseDir() {
        String target = System.getProperty("ecslabs.test.target", "target");
        return Path.of(target).toAbsolutePath().resolve("postgres");
    }

    private static PostgresCluster start(Path base) {
        try {
            Files.createDirectories(base);
            removeAbandoned(base);
            Path dir = Files.createTempDirectory(base, "cluster-");
            // Held while this JVM lives: a later run deletes only folders whose lock is free.
            FileChannel lock = FileChannel.open(dir.resolve("owner.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock.lock();
            boolean asRoot = isRoot();
            Path data = dir.resolve("data");
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            if (asRoot) {
                giveToPostgres(dir, data, passwordFile);
            }
            Path binDir = binDir();
            int port = freePort();
            PostgresCluster cluster = new PostgresCluster(dir, binDir, port, password, asRoot, lock);
            cluster.run(List.of("initdb", "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
            Files.delete(passwordFile);
            cluster.run(List.of("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
                    "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=''"
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"));
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER + "&password=" + password);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            } catch (SQLException e) {
                cluster.stop();
                throw new IllegalStateException("Cannot create the test database: " + e.getMessage(), e);
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a test PostgreSQL cluster under " + base, e);
        }
    }

    /** Stops the server at once and deletes its folder. */
    public synchronized void stop() {
        try {
            run(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            System.err.println("Stopping the test PostgreSQL cluster in " + dir + " failed: " + e.getMessage());
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            // Released by the JVM's exit anyway.
        }
        deleteTree(dir);
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.add(binDir.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed with exit code " + process.exitValue() + ":\n" + output
                        + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private String serverLog() {
        try {
            Path log = dir.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Folders of earlier runs that died before their shutdown hook (kill -9): stop and delete them. */
    private static void removeAbandoned(Path base) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(base)) {
            folders = list.filter(Files::isDirectory).toList();
        }
        for (Path folder : folders) {
            Path lockFile = folder.resolve("owner.lock");
            if (!Files.exists(lockFile)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                 FileLock free = channel.tryLock()) {
                if (free == null) {
                    continue;
                }
                Path data = folder.resolve("data");
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    new PostgresCluster(folder, binDir(), 0, "", isRoot(), channel)
                            .run(List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
                }
            } catch (RuntimeException | IOException e) {
                System.err.println("Leaving the old test cluster " + folder + ": " + e.getMessage());
                continue;
            }
            deleteTree(folder);
        }
    }

    private static void giveToPostgres(Path... paths) throws IOException {
        UserPrincipal owner;
        try {
            owner = paths[0].getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        } catch (IOException e) {
            throw new IOException("The tests run as root and PostgreSQL refuses to; there is no '" + OS_USER
                    + "' user to run it as. Install the postgresql package (apt-get install postgresql).", e);
        }
        for (Path path : paths) {
            Files.setOwner(path, owner);
        }
    }

    /** The installed server binaries: ECSLABS_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
    private static Path binDir() {
        String configured = System.getenv("ECSLABS_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                newest = versions.filter(p -> Files.isExecutable(p.resolve("bin").resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresCluster::majorVersion));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return newest.map(p -> p.resolve("bin")).orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: install the postgresql package"
                        + " (apt-get install postgresql) or set ECSLABS_PG_BIN to the folder holding initdb and pg_ctl."));
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete the test cluster folder " + root + ": " + e.getMessage());
        }
    }
}
