package io.opensop.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A small HTTP client for API tests: real requests over loopback, as a script would send them. */
public final class ApiClient {

    // HTTP/1.1 as the server speaks it: the default HTTP/2 client first offers an h2c upgrade on
    // every cleartext request, and that path was seen to hang once a server it talked to was killed.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String authorization;
    private final Map<String, String> headers = new LinkedHashMap<>();
    /** A request that gets no answer fails instead of hanging the build (e.g. its server was killed). */
    private Duration timeout = Duration.ofMinutes(2);

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static ApiClient as(int port, String user, String password) {
        return new ApiClient("http://127.0.0.1:" + port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    public ApiClient header(String name, String value) {
        ApiClient copy = new ApiClient(base, authorization);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        copy.timeout = timeout;
        return copy;
    }

    /** The same client with another limit for each request's answer. */
    public ApiClient timeout(Duration limit) {
        ApiClient copy = new ApiClient(base, authorization);
        copy.headers.putAll(headers);
        copy.timeout = limit;
        return copy;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(bodyOf(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(bodyOf(body)).header("Content-Type", "application/json"));
    }

    public Response patch(String path, Object body) {
        return send(request(path).method("PATCH", bodyOf(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response send(String method, String path, String contentType, byte[] body) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType));
    }

    /** A multipart/form-data upload of one file in the part {@code file}, as a browser sends it. */
    public Response upload(String path, String fileName, String mediaType, byte[] content) {
        String boundary = "----opensop" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + mediaType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        String text = body instanceof String s ? s : Json.write(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            JsonNode json = null;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.contains("json") && !response.body().isEmpty()) {
                json = Json.mapper().readTree(response.body());
            }
            return new Response(response.statusCode(), response.headers().map(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer from " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String text, JsonNode json) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
