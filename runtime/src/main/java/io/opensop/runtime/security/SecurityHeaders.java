package io.opensop.runtime.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers both filter chains (API and UI) send, so they cannot drift apart.
 * The content security policy is as strict as Vaadin Flow allows: its bootstrap page starts the
 * client engine with an inline script, and the engine builds functions from the JavaScript the
 * server sends ({@code executeJs}), hence {@code 'unsafe-inline' 'unsafe-eval'} for scripts and
 * inline styles for its components; everything else is same-origin only, nothing may frame the app
 * from elsewhere, and no plug-ins or foreign form targets are allowed.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private SecurityHeaders() {
    }

    public static void apply(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentTypeOptions(Customizer.withDefaults())
                .frameOptions(frame -> frame.sameOrigin())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
    }
}
