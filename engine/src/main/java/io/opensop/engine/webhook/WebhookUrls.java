package io.opensop.engine.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhook URLs away from the server's own network (server-side request forgery): a host that
 * is, or resolves to, a loopback, link-local, private (RFC 1918, IPv6 unique-local), carrier-grade
 * NAT, "this network", or multicast address is refused unless private targets are allowed.
 *
 * <p>Checked when a subscription is saved and again right before each send (a DNS name may change
 * its answer). Limit: the HTTP client resolves the name once more when it connects, so a DNS server
 * that answers differently within milliseconds (DNS rebinding) is not stopped; an egress proxy or
 * firewall is the complete answer.
 */
public final class WebhookUrls {

    private WebhookUrls() {
    }

    /**
     * Why {@code url} must not be called, or empty when it may. A host that does not resolve passes:
     * sending to it fails anyway, and the send-time check sees the address it resolves to later.
     */
    public static Optional<String> refusal(URI url, boolean allowPrivate) {
        if (allowPrivate || url.getHost() == null) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return Optional.of(address.getHostAddress());
            }
        }
        return Optional.empty();
    }

    /** True for addresses inside the server's own network rather than the public internet. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || first >= 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean v4Mapped = true; // ::ffff:a.b.c.d written out as IPv6
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
