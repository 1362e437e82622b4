package io.microflask;

/**
 * The 400 answer to a request that CSRF protection refused (Flask-WTF's {@code CSRFError}); its
 * message says what was missing and how to send it. An app answers it its own way with
 * {@code @ErrorHandler(exception = CsrfException.class)}, e.g. to show the form again with
 * "your session expired, please try again".
 */
public final class CsrfException extends HttpException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** {@code Origin} or {@code Sec-Fetch-Site} says another site sent the request. */
        CROSS_ORIGIN,
        /** Neither the {@code X-CSRF-Token} header nor the {@code csrf_token} form field was sent. */
        MISSING_TOKEN,
        /** A token was sent, but not the one this user's session holds. */
        INVALID_TOKEN
    }

    private final Reason reason;

    /** A refusal for {@code reason}, with a message safe to show the client. */
    public CsrfException(Reason reason, String message) {
        super(400, message);
        this.reason = reason;
    }

    /** Why the request was refused. */
    public Reason reason() {
        return reason;
    }
}
