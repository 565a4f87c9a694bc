package org.ecslabs.simulator.durability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.engine.Mode;

/**
 * The standalone server in classroom mode with a given number of generated accounts, for tests
 * that kill or stop it from outside: {@code ServerProcess <data dir> <accounts>}. Prints
 * {@code KEY <accessKey> <secret>} per account, then {@code PORT <n>}; a SIGTERM closes it and
 * prints {@code CLOSED}.
 */
public final class ServerProcess {
    private ServerProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        int wanted = Integer.parseInt(args[1]);
        Files.createDirectories(data);
        Simulator simulator = Simulator.create(SimulatorConfig.withJdbcUrl(StandaloneServer.jdbcUrl(data))
                .withMode(Mode.CLASSROOM));
        List<Account> accounts = simulator.accounts().list();
        for (int i = accounts.size(); i < wanted; i++) {
            simulator.accounts().create("writer-" + i);
        }
        for (Account account : simulator.accounts().list()) {
            System.out.println("KEY " + account.accessKeyId() + " " + account.secretAccessKey());
        }
        StandaloneServer server = StandaloneServer.start(0, simulator, new PrintStream(OutputStream.nullOutputStream()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("CLOSED");
            System.out.flush();
        }, "simulator-shutdown"));
        System.out.println("PORT " + server.port());
        System.out.flush();
    }
}
