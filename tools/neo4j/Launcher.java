// Throwaway Neo4j Community server for tests and local use: an embedded
// DatabaseManagementService with the Bolt connector on 127.0.0.1.
//
// Run as a single-file program (no compile step); tools/neo4j_server.py does this:
//   java <jvm flags> -cp "$CP" tools/neo4j/Launcher.java <home-dir> <bolt-port>
//
// <bolt-port> may be 0: the OS picks a free port and the READY line reports it.
// If the environment variable NEO4J_PASSWORD is set and non-empty, auth is
// enabled and the "neo4j" user's password is set to it (on the system database,
// before READY); otherwise auth is disabled. The password never goes in argv.
//
// Prints exactly one line "READY bolt://127.0.0.1:<port>" on stdout once the
// default database is available and Bolt accepts connections. SIGTERM/SIGINT
// shut the DBMS down cleanly through a shutdown hook.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Neo4j's own threads would keep the JVM up; exit so the caller sees it.
            System.err.println("Launcher: start-up failed");
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher <home-dir> <bolt-port>  (password from $NEO4J_PASSWORD)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        Files.createDirectories(home);

        // Registered before build() so a SIGTERM during start-up also shuts down.
        AtomicReference<DatabaseManagementService> ref = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService running = ref.getAndSet(null);
            if (running != null) {
                System.err.println("Launcher: shutting down Neo4j");
                try {
                    running.shutdown();
                } catch (Throwable t) {
                    t.printStackTrace();
                }
                System.err.println("Launcher: Neo4j stopped");
            }
            stopped.countDown();
        }, "neo4j-shutdown"));

        long t0 = System.nanoTime();
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        // $NEO4J_TLS_DIR: a folder with private.key and public.crt; Bolt then requires TLS.
        String tlsDir = System.getenv("NEO4J_TLS_DIR");
        boolean tls = tlsDir != null && !tlsDir.isEmpty();
        if (tls) {
            SslPolicyConfig bolt = SslPolicyConfig.forScope(SslPolicyScope.BOLT);
            builder.setConfig(bolt.enabled, true)
                    .setConfig(bolt.base_directory, Path.of(tlsDir).toAbsolutePath())
                    .setConfig(bolt.client_auth, ClientAuth.NONE);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level,
                        tls ? BoltConnector.EncryptionLevel.REQUIRED : BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Test passwords may be short.
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt waits 2 x 5 s on shutdown by default, after the databases have
                // already been checkpointed and closed; a throwaway server need not.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();
        ref.set(dbms);

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (auth) {
            setPassword(system, password);
        }
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(300_000)) {
            System.err.println("Launcher: default database did not become available");
            System.exit(1);
        }

        int boltPort = port;
        HostnamePort bound = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bound != null) {
            boltPort = bound.getPort();
        }
        if (boltPort <= 0) {
            System.err.println("Launcher: could not determine the Bolt port");
            System.exit(1);
        }
        waitForPort(boltPort);

        System.err.printf("Launcher: started in %.1f s (auth %s)%n",
                (System.nanoTime() - t0) / 1e9, auth ? "enabled" : "disabled");
        System.out.println("READY bolt://" + HOST + ":" + boltPort);
        System.out.flush();
        stopped.await();
    }

    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } catch (RuntimeException e) {
            // Restart on an existing store with the same password: nothing to change.
            String msg = String.valueOf(e.getMessage()) + String.valueOf(e.getCause());
            if (!msg.contains("cannot be the same")) {
                throw e;
            }
        }
        // Make sure no password change is pending either way.
        system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("Launcher: Bolt port " + port + " does not accept connections");
                    System.exit(1);
                }
                Thread.sleep(100);
            }
        }
    }
}
