package org.ecslabs.app.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The app's database: a HikariCP pool, migrated by Flyway from db/migration when opened.
 * Thread-safe: the pool hands each caller its own connection.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens a pool on {@code jdbcUrl} and brings the schema up to date; fails at once if unreachable. */
    public static Database open(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(closedByTheApp(jdbcUrl));
        config.setPoolName("ecs-labs");
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            PortableRewrite.updateChecksums(dataSource);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * H2 closes its databases in a JVM shutdown hook of its own, which runs beside the app's and
     * under the requests still finishing ("Database is already closed"): the app closes it itself,
     * after the web server and the simulator.
     */
    static String closedByTheApp(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
                ? jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE" : jdbcUrl;
    }

    /** A fresh private in-memory database, for tests and throw-away runs. */
    public static Database inMemory() {
        return open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** The URL as it may appear in a message or a log: a password in it is masked. */
    public static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
