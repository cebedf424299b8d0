package dev.webconsole.server.internal;

import dev.webconsole.server.HubConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The hub's front door, in front of the page, {@code /stats} and {@code /ws}:
 * <ol>
 *   <li>a {@code Host} the hub does not answer to gets 403 (DNS rebinding);</li>
 *   <li>paths with {@code ..}, encoded separators or dots, or naming a folder get 404;</li>
 *   <li>a {@code /ws} upgrade from a foreign {@code Origin} gets 403 (cross-site WebSocket
 *       hijacking), before any token is looked at, so a foreign page cannot spend the owner's
 *       failure budget;</li>
 *   <li>with a token set, a request without the right one gets 401 (compared in constant time);
 *       an address that tries more than 10 different wrong tokens in a minute gets 429 for the rest
 *       of it (a tab retrying one stale token after a restart counts once);</li>
 *   <li>upgrades beyond {@link HubConfig#maxUpgradesPerSecond()} get 429.</li>
 * </ol>
 * A valid {@code ?token=} also sets an HttpOnly, SameSite=Strict cookie named for the port, so the
 * page's own files and a reload work after the page removes the token from the address bar.
 */
final class AccessGuard extends Handler.Wrapper {
    /** The cookie's name is this plus the port: cookies ignore ports, and two hubs must not share one. */
    static final String TOKEN_COOKIE = "webconsole_token_";
    static final int MAX_FAILURES_PER_MINUTE = 10;
    private static final int MAX_TRACKED_ADDRESSES = 4096;
    private static final Pattern UNSAFE_PATH = Pattern.compile(
            "(?i).*(%2e|%2f|%5c|%00|\\\\|/\\.\\.?(/|$)|//).*");

    private final HubConfig config;
    private final boolean tls;
    private final byte[] token;
    /** What {@code /publish} requires; never the viewers' token (HubConfig refuses that). */
    private final byte[] publisherToken;
    private final Set<String> hosts;
    private final boolean anyHost;
    private final Set<String> origins;
    private final Map<String, Guesses> failures = new ConcurrentHashMap<>();
    private final Window upgrades = new Window();

    AccessGuard(HubConfig config, boolean tls, Handler next) {
        super(next);
        this.config = config;
        this.tls = tls;
        this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
        this.publisherToken = config.publisherToken() == null ? null
                : config.publisherToken().getBytes(StandardCharsets.UTF_8);
        this.anyHost = config.allowedHosts().contains("*");
        this.hosts = hostNames(config);
        Set<String> allowed = new HashSet<>();
        for (String origin : config.allowedOrigins()) {
            allowed.add(normalizeOrigin(origin));
        }
        this.origins = Collections.unmodifiableSet(allowed);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!anyHost && !hosts.contains(HostNames.normalize(Request.getServerName(request)))) {
            return refuse(request, response, callback, 403, "unknown host");
        }
        String rawPath = request.getHttpURI().getPath();
        if (rawPath == null || UNSAFE_PATH.matcher(rawPath).matches() || (rawPath.endsWith("/") && !rawPath.equals("/"))) {
            return refuse(request, response, callback, 404, null);
        }
        boolean publish = PublisherEndpoint.PATH.equals(Request.getPathInContext(request));
        if (publish && publisherToken == null) {
            return refuse(request, response, callback, 404, null); // no publisher token: the hub takes no publishers
        }
        boolean upgrade = publish || "/ws".equals(Request.getPathInContext(request));
        byte[] token = publish ? publisherToken : this.token;
        if (upgrade) {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null && !isAllowedOrigin(request, origin)) {
                return refuse(request, response, callback, 403, "origin not allowed");
            }
        }
        if (token != null) {
            String address = Request.getRemoteAddr(request);
            Guesses guesses = failures.get(address);
            if (guesses != null && guesses.count(System.nanoTime()) >= MAX_FAILURES_PER_MINUTE) {
                return refuse(request, response, callback, 429, "too many failed attempts; wait a minute");
            }
            String cookie = TOKEN_COOKIE + Request.getLocalPort(request);
            Presented presented = presentedToken(request, cookie);
            if (presented == null || !MessageDigest.isEqual(token, presented.value.getBytes(StandardCharsets.UTF_8))) {
                recordFailure(address, presented == null ? "" : presented.value);
                return refuse(request, response, callback, 401, null);
            }
            if (presented.fromQuery && !upgrade) {
                Response.addCookie(response, HttpCookie.build(cookie, config.token())
                        .path("/").httpOnly(true).secure(tls).sameSite(HttpCookie.SameSite.STRICT).build());
            }
        }
        if (upgrade && upgrades.count(System.nanoTime(), 1_000_000_000L, true) > config.maxUpgradesPerSecond()) {
            return refuse(request, response, callback, 429, "too many connection attempts; try again shortly");
        }
        return super.handle(request, response, callback);
    }

    private boolean isAllowedOrigin(Request request, String origin) {
        String own = normalizeOrigin((tls ? "https://" : "http://") + request.getHeaders().get(HttpHeader.HOST));
        String o = normalizeOrigin(origin);
        return o.equals(own) || origins.contains(o);
    }

    /** Lower case, without the scheme's default port, as browsers send an Origin. */
    static String normalizeOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.startsWith("https://") && o.endsWith(":443")) {
            return o.substring(0, o.length() - 4);
        }
        if (o.startsWith("http://") && o.endsWith(":80")) {
            return o.substring(0, o.length() - 3);
        }
        return o;
    }

    private static boolean refuse(Request request, Response response, Callback callback, int status, String message) {
        Response.writeError(request, response, callback, status, message);
        return true;
    }

    private void recordFailure(String address, String wrongToken) {
        if (failures.size() > MAX_TRACKED_ADDRESSES) {
            failures.clear(); // bounded: a flood of addresses forgets old counts rather than growing
        }
        failures.computeIfAbsent(address, a -> new Guesses()).add(System.nanoTime(), wrongToken);
    }

    private record Presented(String value, boolean fromQuery) {}

    private static Presented presentedToken(Request request, String cookieName) {
        Fields query = Request.extractQueryParameters(request);
        String fromQuery = query.getValue("token");
        if (fromQuery != null) {
            return new Presented(fromQuery, true);
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Presented(authorization.substring(7).strip(), false);
        }
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookieName.equals(cookie.getName())) {
                return new Presented(cookie.getValue(), false);
            }
        }
        return null;
    }

    private static Set<String> hostNames(HubConfig config) {
        Set<String> names = new HashSet<>(HostNames.LOOPBACK_NAMES);
        names.add(HostNames.normalize(config.host()));
        for (String host : config.allowedHosts()) {
            names.add(HostNames.normalize(HostNames.withoutPort(host)));
        }
        try {
            InetAddress bound = InetAddress.getByName(config.host());
            if (bound.isAnyLocalAddress()) {
                // Bound to every interface: answer to each interface's address and this machine's name.
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        names.add(HostNames.normalize(address.getHostAddress()));
                    }
                }
                InetAddress local = InetAddress.getLocalHost();
                names.add(HostNames.normalize(local.getHostName()));
                names.add(HostNames.normalize(local.getCanonicalHostName()));
            }
        } catch (UnknownHostException | SocketException e) {
            // Only the names above are answered to; a request naming another host gets 403.
            names.add(HostNames.normalize(config.host()));
        }
        return Collections.unmodifiableSet(names);
    }

    /** Distinct wrong tokens from one address in the current minute: guessing needs different values. */
    private static final class Guesses {
        private long start = System.nanoTime();
        private final Set<String> seen = new HashSet<>();

        synchronized void add(long now, String wrongToken) {
            roll(now);
            if (seen.size() <= MAX_FAILURES_PER_MINUTE) {
                seen.add(wrongToken);
            }
        }

        synchronized int count(long now) {
            roll(now);
            return seen.size();
        }

        private void roll(long now) {
            if (now - start >= 60_000_000_000L) {
                start = now;
                seen.clear();
            }
        }
    }

    /** Counts events in a fixed window. */
    private static final class Window {
        private long start = System.nanoTime();
        private int count;

        synchronized int count(long now, long windowNanos, boolean add) {
            if (now - start >= windowNanos) {
                start = now;
                count = 0;
            }
            if (add) {
                count++;
            }
            return count;
        }
    }
}
