package dev.graphkit.neo4jlocal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a real Neo4j Community server in this JVM (via neo4j-harness) for local development and tests.
 *
 * <p>Usage: {@code java -cp ... dev.graphkit.neo4jlocal.Launcher STATE_DIR}. Normally started by
 * {@code scripts/neo4j-local start}, which passes settings through environment variables:
 *
 * <ul>
 *   <li>GRAPHKIT_NEO4J_PASSWORD - password of user neo4j (default graphkit-dev-password, min. 8 chars)
 *   <li>GRAPHKIT_NEO4J_BOLT_PORT - Bolt port on 127.0.0.1 (default: previous port if free, else a free one)
 *   <li>GRAPHKIT_NEO4J_HTTP_PORT - HTTP port on 127.0.0.1 (same rule); GRAPHKIT_NEO4J_HTTP=0 disables HTTP
 *   <li>GRAPHKIT_NEO4J_PAGECACHE - page cache size (default 256m)
 *   <li>GRAPHKIT_NEO4J_EXTRA_CONF - extra neo4j.conf style settings, "key=value" separated by ';' or newlines
 * </ul>
 *
 * <p>Layout under STATE_DIR: neo4j.pid (this JVM), data/ (databases, kept between runs), logs/ (debug.log), plugins/ (links to the
 * APOC jars and the GDS modules that contain procedures, scanned by Neo4j like a normal plugins directory), run/ (throw-away neo4j home of the
 * harness), bolt.port / http.port (last ports used), ready (written once the server accepted an authenticated
 * Bolt session; lines: the Bolt URI, the HTTP URI or empty, the Neo4j version, the URL of the directory that
 * serves graphkit's Browser guide or empty), browser-static/ (Neo4j Browser
 * as served at /browser/, see {@link BrowserAssets}; graphkit's guide in browser-static/browser/graphkit/).
 */
public final class Launcher {
    private static final String READY_MARKER = "GRAPHKIT_NEO4J_READY";
    private static final String DEFAULT_PASSWORD = "graphkit-dev-password";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Launcher STATE_DIR");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]).toAbsolutePath());
        } catch (Throwable t) {
            System.out.flush();
            System.err.println("graphkit-neo4j: FAILED to start Neo4j: " + t);
            t.printStackTrace();
            System.err.flush();
            System.exit(1); // runs the shutdown hook (closes Neo4j cleanly) if the server got that far
        }
    }

    private static void run(Path state) throws Exception {
        Instant t0 = Instant.now();
        String password = env("GRAPHKIT_NEO4J_PASSWORD", DEFAULT_PASSWORD);
        if (password.length() < 8) {
            throw new IllegalArgumentException("GRAPHKIT_NEO4J_PASSWORD must be at least 8 characters"
                    + " (Neo4j's dbms.security.auth_minimum_password_length)");
        }
        boolean httpEnabled = !"0".equals(env("GRAPHKIT_NEO4J_HTTP", "1"));

        Path data = state.resolve("data");
        Path logs = state.resolve("logs");
        Path plugins = state.resolve("plugins");
        Path run = state.resolve("run");
        Path ready = state.resolve("ready");
        Files.deleteIfExists(ready);
        // The script also records the pid it launched; this makes it exact even if a wrapper (setsid) forked.
        Files.writeString(state.resolve("neo4j.pid"), ProcessHandle.current().pid() + "\n");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Files.createDirectories(run);

        int boltPort = choosePort("GRAPHKIT_NEO4J_BOLT_PORT", state.resolve("bolt.port"), -1);
        int httpPort = httpEnabled ? choosePort("GRAPHKIT_NEO4J_HTTP_PORT", state.resolve("http.port"), boltPort) : 0;

        // Browser patched so that it sends no request beyond 127.0.0.1, and graphkit's guide beside it.
        boolean guideServed = httpEnabled && BrowserAssets.prepare(state.resolve("browser-static"), Launcher::log);
        List<String> pluginJars = preparePlugins(plugins);
        log("plugins: " + String.join(", ", pluginJars.stream().limit(4).toList())
                + (pluginJars.size() > 4 ? " (+" + (pluginJars.size() - 4) + " more)" : ""));

        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(run)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports (dbms.usage_report.enabled)
                // No product analytics from Neo4j Browser, no usage banner (client.allow_telemetry).
                .withConfig(ServerSettings.allow_telemetry, false)
                // Hosts that Browser's `:play URL` and `:style URL` may fetch from (Neo4j 5.26 still spells it
                // browser.remote_content_hostname_whitelist; the default is guides.neo4j.com,localhost): only this
                // machine, which serves graphkit's guide at http://127.0.0.1:PORT/browser/graphkit/guide.html.
                .withConfig(ServerSettings.browser_remote_content_hostname_whitelist, "127.0.0.1,localhost")
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.logs_directory, logs)
                .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*", "gds.*"))
                // Dev-sized transaction logs: by default each database preallocates a 256 MiB log file.
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .withConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                .withConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // Stop in ~1 s instead of ~10 s: Bolt's Netty event loops otherwise wait out a quiet period twice.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(
                        GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(env("GRAPHKIT_NEO4J_PAGECACHE", "256m")))
                .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .withConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(HttpConnector.enabled, httpEnabled);
        if (httpEnabled) {
            builder.withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                    .withConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort));
        }
        applyExtraConfig(builder, env("GRAPHKIT_NEO4J_EXTRA_CONF", ""));

        log("starting Neo4j (data " + data + ", bolt 127.0.0.1:" + boltPort
                + (httpEnabled ? ", http 127.0.0.1:" + httpPort : ", http disabled") + ")");
        Neo4j neo4j = builder.build();
        log("Neo4j started after " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // best effort
            }
            try {
                neo4j.close(); // also deletes the throw-away home under run/, never data/
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            }
            log("stopped");
            stopped.countDown();
        }, "graphkit-neo4j-shutdown"));

        URI bolt = URI.create("bolt://127.0.0.1:" + neo4j.boltURI().getPort());
        String http = httpEnabled ? "http://127.0.0.1:" + neo4j.httpURI().getPort() : "";
        if (canLogIn(bolt, password)) {
            log("password of user neo4j already set");
        } else {
            setPassword(neo4j, password);
        }
        verifyBolt(bolt, password);

        Files.writeString(state.resolve("bolt.port"), bolt.getPort() + "\n");
        if (httpEnabled) {
            Files.writeString(state.resolve("http.port"), neo4j.httpURI().getPort() + "\n");
        }
        String version = neo4j.defaultDatabaseService()
                .executeTransactionally(
                        "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                        Map.of(),
                        r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "?");
        Path tmp = state.resolve("ready.tmp");
        String guide = guideServed ? http + "/browser/" + BrowserAssets.GUIDE_DIR : "";
        Files.writeString(tmp, bolt + "\n" + http + "\n" + version + "\n" + guide + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log(READY_MARKER + " neo4j=" + version + " bolt=" + bolt + (httpEnabled ? " http=" + http : "")
                + " in " + Duration.between(t0, Instant.now()).toMillis() + " ms");
        System.out.flush();

        stopped.await();
    }

    /** Sets the password of user neo4j through the system database (embedded access, no auth needed). */
    private static void setPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system = neo4j.databaseManagementService().database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            log("password of user neo4j set");
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("cannot be the same")) {
                // Right password, but a password change was still demanded: clear that flag.
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
                log("password of user neo4j unchanged");
            } else if (msg.contains("does not exist")) {
                system.executeTransactionally(
                        "CREATE USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
                log("user neo4j created");
            } else {
                throw e;
            }
        }
    }

    private static org.neo4j.driver.Config driverConfig() {
        return org.neo4j.driver.Config.builder()
                .withLogging(Logging.none())
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .build();
    }

    /** True if neo4j/password can open a session and run a query (no password change pending). */
    private static boolean canLogIn(URI bolt, String password) {
        try (Driver driver = GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", password), driverConfig());
                Session session = driver.session()) {
            session.run("RETURN 1").consume();
            return true;
        } catch (RuntimeException e) {
            return false; // wrong password (first start: it is still the default), or change required
        }
    }

    /**
     * Opens real Bolt sessions: a wrong password must be refused, the right one must work. (In this order, so
     * the successful login resets Neo4j's failed-attempt counter for the user.)
     */
    private static void verifyBolt(URI bolt, String password) {
        try (Driver driver =
                GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", password + "-wrong"), driverConfig())) {
            driver.verifyConnectivity();
            throw new IllegalStateException("authentication is not enforced: a wrong password was accepted");
        } catch (AuthenticationException expected) {
            // good: auth is on
        }
        try (Driver driver = GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", password), driverConfig());
                Session session = driver.session()) {
            long one = session.run("RETURN 1 AS one").single().get("one").asLong();
            if (one != 1) {
                throw new IllegalStateException("RETURN 1 returned " + one);
            }
        }
    }

    /**
     * Links the APOC and GDS jars from the class path into a plugins directory. Neo4j scans plugin jars for
     * {@code @Procedure}/{@code @UserFunction}/{@code @UserAggregationFunction} classes exactly as it does for a
     * normal server installation; classes still resolve through the application class path.
     */
    private static List<String> preparePlugins(Path plugins) throws IOException {
        if (Files.exists(plugins)) {
            try (var entries = Files.list(plugins)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.createDirectories(plugins);
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String norm = entry.replace(File.separatorChar, '/');
            boolean apoc = norm.contains("/org/neo4j/procedure/apoc-");
            boolean gds = norm.contains("/org/neo4j/gds/");
            if (!(apoc || gds) || !norm.endsWith(".jar")) {
                continue;
            }
            Path jar = Path.of(entry).toAbsolutePath();
            if (gds && !declaresProcedures(jar)) {
                continue; // library module without procedures: scanning it would only slow down startup
            }
            Path link = plugins.resolve(jar.getFileName());
            try {
                Files.createSymbolicLink(link, jar);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(jar, link, StandardCopyOption.REPLACE_EXISTING);
            }
            names.add(jar.getFileName().toString());
        }
        return names;
    }

    /**
     * GDS lists its procedure/function classes in META-INF/services/org.neo4j.procedure.* files; only the ~12
     * modules that have such a file contain procedures (the other ~100 are libraries).
     */
    private static boolean declaresProcedures(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.getEntry("META-INF/services/org.neo4j.procedure.Procedure") != null
                    || jf.getEntry("META-INF/services/org.neo4j.procedure.UserFunction") != null
                    || jf.getEntry("META-INF/services/org.neo4j.procedure.UserAggregationFunction") != null;
        }
    }

    /** Applies "key=value" pairs (neo4j.conf syntax), validated by Neo4j's own config parser. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void applyExtraConfig(Neo4jBuilder builder, String raw) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : raw.split("[;\n]")) {
            String s = item.trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("GRAPHKIT_NEO4J_EXTRA_CONF: expected key=value, got '" + s + "'");
            }
            pairs.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        if (pairs.isEmpty()) {
            return;
        }
        Config parsed = Config.newBuilder().setRaw(pairs).build(); // throws on unknown keys / bad values
        Map<String, Setting<Object>> declared = parsed.getDeclaredSettings();
        for (String key : pairs.keySet()) {
            Setting setting = declared.get(key);
            if (setting == null) {
                throw new IllegalArgumentException("GRAPHKIT_NEO4J_EXTRA_CONF: unknown setting " + key);
            }
            builder.withConfig(setting, parsed.get(setting));
            log("extra config: " + key + "=" + pairs.get(key));
        }
    }

    private static int choosePort(String envName, Path remembered, int avoid) throws IOException {
        String requested = env(envName, "");
        if (!requested.isEmpty() && !"0".equals(requested)) {
            return Integer.parseInt(requested); // explicit: use it, fail loudly if it is taken
        }
        if (Files.exists(remembered)) {
            try {
                int previous = Integer.parseInt(Files.readString(remembered).trim());
                if (previous != avoid && isFree(previous)) {
                    return previous;
                }
            } catch (NumberFormatException | UncheckedIOException ignored) {
                // fall through to a fresh port
            }
        }
        for (int i = 0; i < 20; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                int port = s.getLocalPort();
                if (port != avoid) {
                    return port;
                }
            }
        }
        throw new IOException("could not find a free port");
    }

    private static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    private static void log(String msg) {
        System.out.println(Instant.now() + " graphkit-neo4j: " + msg);
        System.out.flush();
    }
}
