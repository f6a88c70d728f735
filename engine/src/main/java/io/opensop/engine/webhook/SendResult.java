package io.opensop.engine.webhook;

/** The answer to one attempt: a status code, or an error when no answer came. */
public record SendResult(Integer statusCode, String error, long durationMs) {

    public boolean success() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
