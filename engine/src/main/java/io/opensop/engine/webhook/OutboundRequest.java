package io.opensop.engine.webhook;

import java.net.URI;
import java.util.Map;

/** One HTTP POST to the outside world: where, which headers, which bytes. */
public record OutboundRequest(URI url, Map<String, String> headers, byte[] body) {

    public OutboundRequest {
        headers = Map.copyOf(headers);
    }
}
