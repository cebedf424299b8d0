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
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 *   <li>a request a browser makes for another site (a foreign {@code Origin}, or
 *       {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}) gets 403: cross-site
 *       WebSocket hijacking, and an {@code <img>} spending the owner's guess budget. It is refused
 *       before any token is looked at, so it never counts as a guess;</li>
 *   <li>with a token set, a request without the right one gets 401 (compared in constant time).
 *       Wrong tokens spend a {@link GuessBudget}: 10 different ones a minute from one address,
 *       100 from all addresses together. Once it is spent, every token check waits a second
 *       before it is made, and a wrong token then gets 429; the right token is never refused;</li>
 *   <li>upgrades beyond {@link HubConfig#maxUpgradesPerSecond()} get 429.</li>
 * </ol>
 * A valid {@code ?token=} also sets an HttpOnly, SameSite=Strict cookie named for the port, so the
 * page's own files and a reload work after the page removes the token from the address bar.
 */
final class AccessGuard extends Handler.Wrapper {
    /** The cookie's name is this plus the port: cookies ignore ports, and two hubs must not share one. */
    static final String TOKEN_COOKIE = "webconsole_token_";
    static final int MAX_FAILURES_PER_MINUTE = 10;
    static final int MAX_FAILURES_PER_MINUTE_IN_ALL = 100;
    /** How long a token check waits while the guess budget is spent. */
    static final long PENALTY_MILLIS = 1000;
    /** The 403 body for a cross-site request says what to do: a link from another site's page is refused too. */
    static final String CROSS_SITE_REFUSED =
            "requests from other sites are refused; open the console's address directly (type or paste it into the address bar)";
    private static final Pattern UNSAFE_PATH = Pattern.compile(
            "(?i).*(%2e|%2f|%5c|%00|\\\\|/\\.\\.?(/|$)|//).*");

    private static final long REPORT_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    private final HubConfig config;
    private final boolean tls;
    private final byte[] token;
    /** What {@code /publish} requires; never the viewers' token (HubConfig refuses that). */
    private final byte[] publisherToken;
    private final Set<String> hosts;
    private final boolean anyHost;
    private final Set<String> origins;
    private final GuessBudget guesses = new GuessBudget(MAX_FAILURES_PER_MINUTE, MAX_FAILURES_PER_MINUTE_IN_ALL, System.nanoTime());
    private final Window upgrades = new Window();
    /** A publisher retrying with a wrong token is said once a minute. */
    private final RepeatLimit publisherRefusals = new RepeatLimit(REPORT_EVERY_NANOS);

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
        if (isPublish(request) && publisherToken == null) {
            return refuse(request, response, callback, 404, null); // no publisher token: the hub takes no publishers
        }
        if (isCrossSite(request)) {
            return refuse(request, response, callback, 403, CROSS_SITE_REFUSED);
        }
        if (tokenFor(request) != null && guesses.isSpent(Request.getRemoteAddr(request), System.nanoTime())) {
            // Slowed, not refused: the right token still gets in, a second later.
            getServer().getScheduler().schedule(() -> {
                try {
                    getServer().getThreadPool().execute(() -> resume(request, response, callback));
                } catch (RejectedExecutionException stopping) {
                    callback.failed(stopping); // the hub is stopping
                }
            }, PENALTY_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        }
        return checkToken(request, response, callback, false);
    }

    private void resume(Request request, Response response, Callback callback) {
        try {
            if (!checkToken(request, response, callback, true)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }

    /** Tells the hub's operator (at most once a minute) that a publisher was refused, where the publisher is told too. */
    private void publisherRefused(Request request, boolean noToken) {
        if (publisherRefusals.due("publisher token", System.nanoTime())) {
            config.diagnostics().report(System.Logger.Level.WARNING, "WebConsole: a publisher at " + Request.getRemoteAddr(request)
                    + " was refused (401): " + (noToken ? "it sent no publisher token" : "its publisher token is not this hub's")
                    + "; its publisherToken must be the hub's publisher token (said at most once a minute)", null);
        }
    }

    private static boolean isPublish(Request request) {
        return PublisherEndpoint.PATH.equals(Request.getPathInContext(request));
    }

    /** The token this request needs: the publishers' at {@code /publish}, the viewers' elsewhere; or null for none. */
    private byte[] tokenFor(Request request) {
        return isPublish(request) ? publisherToken : this.token;
    }

    private boolean checkToken(Request request, Response response, Callback callback, boolean slowed) throws Exception {
        boolean upgrade = isPublish(request) || "/ws".equals(Request.getPathInContext(request));
        byte[] token = tokenFor(request);
        if (token != null) {
            String cookie = TOKEN_COOKIE + Request.getLocalPort(request);
            Presented presented = presentedToken(request, cookie);
            if (presented == null || !MessageDigest.isEqual(token, presented.value.getBytes(StandardCharsets.UTF_8))) {
                guesses.recordWrong(Request.getRemoteAddr(request), presented == null ? "" : presented.value, System.nanoTime());
                if (isPublish(request)) {
                    publisherRefused(request, presented == null);
                }
                return slowed ? refuse(request, response, callback, 429, "too many failed attempts; wait a minute")
                        : refuse(request, response, callback, 401, null);
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

    /** What a browser sends for a request another site's page makes; other clients send neither header. */
    private boolean isCrossSite(Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            return !isAllowedOrigin(request, origin);
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        return site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
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
