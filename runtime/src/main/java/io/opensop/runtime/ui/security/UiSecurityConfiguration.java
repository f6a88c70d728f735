package io.opensop.runtime.ui.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.opensop.runtime.security.SecurityHeaders;
import io.opensop.runtime.ui.login.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Browser security for the Vaadin UI, after the API's chain: Vaadin's configurer wires the login
 * view (replacing Spring's generated login page), logout, Vaadin's own CSRF handling and view access
 * by annotation ({@code @PermitAll}, {@code @AnonymousAllowed}). Users and passwords are the same
 * as the API's ({@code DirectoryUserDetailsService}).
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/error", "/favicon.ico").permitAll())
                .headers(SecurityHeaders::apply)
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }
}
