package io.opensop.runtime.security;

import io.opensop.runtime.api.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * API security: HTTP Basic for scripts and integrations; browsers signed in through the Vaadin login
 * view reach the API with their session. Requests that carry Basic credentials, or no session cookie
 * at all, cannot be forged by another site, so only session-cookie requests need a CSRF token.
 * This chain covers the API, its documentation and the actuator; every other path belongs to the
 * UI's chain ({@code io.opensop.runtime.ui.security.UiSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** BCrypt (by default) for stored passwords; repeated Basic checks of the same credentials are cheap. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /** The paths this chain owns; the UI's chain takes the rest. */
    static final String[] API_PATHS = {"/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            "/actuator/**"};

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ErrorResponses errors) throws Exception {
        RequestMatcher cookieAuthenticatedWrite = request -> !isSafe(request) && !hasBasicCredentials(request)
                && hasSessionCookie(request);
        http.securityMatcher(API_PATHS)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // probes for load balancers and orchestrators; metrics and details need a role
                        .requestMatchers("/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("admin", "monitoring")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(cookieAuthenticatedWrite))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(SecurityHeaders::apply)
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(
                                (request, response, e) -> errors.write(request, response, HttpStatus.UNAUTHORIZED,
                                        "unauthorized"),
                                request -> request.getRequestURI().startsWith("/api/"))
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> errors.write(request, response, HttpStatus.FORBIDDEN,
                                        "forbidden"),
                                request -> request.getRequestURI().startsWith("/api/")))
                .addFilterBefore(new RequestSizeLimitFilter(errors), CsrfFilter.class);
        return http.build();
    }

    private static boolean isSafe(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    /** Without a session cookie a request cannot ride on someone's signed-in browser session. */
    private static boolean hasSessionCookie(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        return cookies != null && java.util.Arrays.stream(cookies).anyMatch(c -> "JSESSIONID".equals(c.getName()));
    }

    private static boolean hasBasicCredentials(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
