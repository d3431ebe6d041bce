package dev.graphkit.neo4jlocal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Neo4j Browser as the local server serves it: the neo4j-browser jar's files, changed so that the page sends no
 * request beyond the server it came from, plus graphkit's guide.
 *
 * <p>How Neo4j serves Browser: Neo4jBrowserModule calls {@code JettyWebServer.addStaticContent("browser",
 * "/browser")}, which serves the directory that {@code ClassLoader.getResource("browser")} names. That is the
 * first class path entry with a {@code browser/} resource, so {@code scripts/neo4j-local} puts
 * {@code STATE_DIR/browser-static} at the front of the class path and this class fills
 * {@code STATE_DIR/browser-static/browser/} from the jar before the server starts. Neo4j's own static content
 * handling (its authentication allow-list for /browser, its headers) stays as it is.
 *
 * <p>The changes, measured with Chromium against neo4j-browser 5.24.0 on Neo4j 5.26 Community:
 *
 * <ol>
 *   <li>A stylesheet bundled in ui-libs-*.bundle.js starts with {@code @import url(https://fonts.googleapis.com/...)}
 *       (the Nunito Sans font): Browser asks fonts.googleapis.com for it as it starts, before any login. The
 *       import is removed; the text falls back to the next font of its CSS font stack.
 *   <li>On Community Edition, Browser's {@code shouldAllowOutgoingConnections} is always true (the server setting
 *       that turns it off exists in Enterprise Edition only, and Community refuses to start with it). After
 *       login Browser then loads cdn.segment.com's analytics.js and canny.io's sdk.js, whatever
 *       client.allow_telemetry says (that setting only stops the usage banner and the tracking calls). The
 *       function is made to return false: Browser behaves as on an Enterprise server that forbids outgoing
 *       connections (no Segment, no Canny, no Browser Sync).
 *   <li>Browser sets up Sentry with BrowserTracing and samples 20% of its performance transactions
 *       (o110884.ingest.sentry.io); its beforeSend hook, which honours the telemetry settings, applies to error
 *       events only, not to transactions. The DSN is emptied, which turns the Sentry client off.
 *   <li>index.html gets a Content-Security-Policy that allows requests to the page's own origin and to
 *       127.0.0.1/localhost only (Bolt's WebSocket included). Browsers apply it on top of Neo4j's own header:
 *       anything that the two changes above do not catch (a later Browser version, a remote image in a guide)
 *       is refused by Chromium itself instead of leaving the machine.
 * </ol>
 *
 * <p>Each change is counted; one that no longer applies (another Browser version) is logged as a warning, and the
 * files are served anyway.
 */
final class BrowserAssets {
    /** Bump when the changes below change: the extracted copy is then rebuilt. */
    private static final String PATCH_VERSION = "2";

    /** Files that scripts/neo4j-local writes (guide.html, browser-style.grass): served at /browser/graphkit/. */
    static final String GUIDE_DIR = "graphkit";

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self' data:",
            "img-src 'self' data: blob:",
            "connect-src 'self' ws://127.0.0.1:* ws://localhost:* http://127.0.0.1:* http://localhost:*",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'");

    private record Patch(String name, String fileSuffix, Pattern pattern, String replacement) {}

    private static final List<Patch> PATCHES = List.of(
            new Patch(
                    "Google Fonts @import removed",
                    ".js",
                    Pattern.compile("@import url\\(https://fonts\\.googleapis\\.com/[^)]*\\);"),
                    ""),
            new Patch(
                    "Browser behaves as with outgoing connections forbidden (no Segment, no Canny)",
                    ".js",
                    Pattern.compile("(\\w+)\\.shouldAllowOutgoingConnections=(\\w+)=>\\w+\\.hasEdition\\(\\w+\\)"
                            + "&&!\\w+\\.isEnterprise\\(\\w+\\)\\|\\|\\w+\\.getAllowOutgoingConnections\\(\\w+\\)"),
                    "$1.shouldAllowOutgoingConnections=$2=>!1"),
            new Patch(
                    "Sentry disabled (no DSN)",
                    ".js",
                    Pattern.compile("dsn:\"https://[^\"@]+@[^\"]*sentry\\.io/[^\"]*\""),
                    "dsn:\"\""),
            new Patch(
                    "Content-Security-Policy: 127.0.0.1/localhost only",
                    "index.html",
                    Pattern.compile("(<meta charset=\"UTF-8\"\\s*/?>)", Pattern.CASE_INSENSITIVE),
                    "$1<meta http-equiv=\"Content-Security-Policy\" content=\""
                            + CONTENT_SECURITY_POLICY + "\"/>"));

    private BrowserAssets() {}

    /**
     * Fills {@code root/browser/} with the patched Browser (unless it is already there for this jar) and creates
     * {@code root/browser/graphkit/}. Returns false, after logging why, when no neo4j-browser jar is on the class
     * path.
     */
    static boolean prepare(Path root, Consumer<String> log) throws IOException {
        Path jar = browserJar();
        if (jar == null) {
            log.accept("WARNING: no neo4j-browser jar on the class path: Browser is not patched");
            return false;
        }
        Path browser = root.resolve("browser");
        Path stamp = root.resolve(".stamp");
        String want = jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis() + "|"
                + PATCH_VERSION;
        if (Files.isRegularFile(browser.resolve("index.html"))
                && Files.isRegularFile(stamp)
                && want.equals(Files.readString(stamp, StandardCharsets.UTF_8))) {
            log.accept("Browser: patched copy in " + browser + " is current");
        } else {
            long t0 = System.nanoTime();
            Files.deleteIfExists(stamp);
            clean(browser);
            int[] applied = extract(jar, root, browser);
            for (int i = 0; i < PATCHES.size(); i++) {
                String what = PATCHES.get(i).name();
                log.accept(applied[i] > 0
                        ? "Browser: " + what + " (" + applied[i] + "x)"
                        : "WARNING: Browser change did not apply (another Browser version?): " + what);
            }
            Files.writeString(stamp, want, StandardCharsets.UTF_8);
            log.accept("Browser: extracted " + jar.getFileName() + " into " + browser + " in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        Files.createDirectories(browser.resolve(GUIDE_DIR));
        URL served = BrowserAssets.class.getClassLoader().getResource("browser");
        if (!servedFrom(served, browser)) {
            log.accept("WARNING: Neo4j will serve Browser from " + served + ", not from " + browser
                    + " (is " + root + " first on the class path?): Browser is not patched and has no guide");
            return false;
        }
        return true;
    }

    private static boolean servedFrom(URL served, Path browser) {
        try {
            return served != null
                    && "file".equals(served.getProtocol())
                    && Path.of(served.toURI()).toRealPath().equals(browser.toRealPath());
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Path browserJar() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String norm = entry.replace(File.separatorChar, '/');
            if (norm.contains("/org/neo4j/client/neo4j-browser/") && norm.endsWith(".jar")) {
                return Path.of(entry).toAbsolutePath();
            }
        }
        return null;
    }

    /** Deletes everything under {@code browser/} except the guide directory. */
    private static void clean(Path browser) throws IOException {
        if (!Files.exists(browser)) {
            return;
        }
        Path keep = browser.resolve(GUIDE_DIR);
        List<Path> doomed;
        try (Stream<Path> walk = Files.walk(browser)) {
            doomed = walk.filter(p -> !p.equals(browser) && !p.startsWith(keep))
                    .sorted(Comparator.reverseOrder())
                    .toList();
        }
        for (Path p : doomed) {
            Files.deleteIfExists(p);
        }
    }

    private static int[] extract(Path jar, Path root, Path browser) throws IOException {
        int[] applied = new int[PATCHES.size()];
        Path base = root.toAbsolutePath().normalize();
        try (JarFile jf = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = jf.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith("browser/") || entry.isDirectory()) {
                    continue;
                }
                Path target = base.resolve(name).normalize();
                if (!target.startsWith(browser.toAbsolutePath().normalize())) {
                    throw new IOException("unexpected entry in " + jar + ": " + name);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jf.getInputStream(entry)) {
                    if (patchable(name)) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        Files.writeString(target, patch(name, text, applied), StandardCharsets.UTF_8);
                    } else {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return applied;
    }

    private static boolean patchable(String name) {
        return PATCHES.stream().anyMatch(p -> name.endsWith(p.fileSuffix()));
    }

    private static String patch(String name, String text, int[] applied) {
        for (int i = 0; i < PATCHES.size(); i++) {
            Patch p = PATCHES.get(i);
            if (!name.endsWith(p.fileSuffix())) {
                continue;
            }
            Matcher m = p.pattern().matcher(text);
            StringBuilder out = new StringBuilder(text.length());
            int n = 0;
            while (m.find()) {
                m.appendReplacement(out, p.replacement());
                n++;
            }
            if (n > 0) {
                m.appendTail(out);
                text = out.toString();
                applied[i] += n;
            }
        }
        return text;
    }
}
