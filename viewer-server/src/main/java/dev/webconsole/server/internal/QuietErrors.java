package dev.webconsole.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Error responses in plain text that name the status and nothing about the server. A path that
 * Jetty's parser refuses because it climbs out of the root ({@code /../x}, {@code /%2e%2e/x}) is
 * answered like any other missing file, with 404.
 */
final class QuietErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        int status = code == HttpStatus.BAD_REQUEST_400 && isTraversal(request) ? HttpStatus.NOT_FOUND_404 : code;
        String reason = HttpStatus.getMessage(status);
        boolean explain = message != null && status != HttpStatus.UNAUTHORIZED_401 && status != HttpStatus.NOT_FOUND_404
                && status != HttpStatus.BAD_REQUEST_400;
        String body = status + " " + reason + (explain ? ": " + message : "") + "\n";
        response.setStatus(status);
        PageHandlers.addHardeningHeaders(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }

    /** Called for every error, also those that get no body (a method other than GET, POST or HEAD). */
    @Override
    protected void generateCacheControl(Response response) {
        PageHandlers.addHardeningHeaders(response.getHeaders());
    }

    /** A request the parser refused before any handler saw it (431, 414, a bad Content-Length): hardened too. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        PageHandlers.addHardeningHeaders(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return BufferUtil.toBuffer(status + " " + HttpStatus.getMessage(status) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Jetty's parser replaces a request line it refuses (a path above the root, an encoded NUL) with
     * {@code /badMessage} before any handler sees it; such a request is answered as a missing file.
     */
    private static boolean isTraversal(Request request) {
        return "/badMessage".equals(request.getHttpURI().getPath());
    }
}
