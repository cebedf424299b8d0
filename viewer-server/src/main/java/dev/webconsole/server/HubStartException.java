package dev.webconsole.server;

/** The hub could not start; the message says why and what to change. */
public final class HubStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HubStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
