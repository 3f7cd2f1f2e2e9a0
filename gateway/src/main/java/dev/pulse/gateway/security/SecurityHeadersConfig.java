package dev.pulse.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pulse.gateway.security-headers")
public interface SecurityHeadersConfig {

    /** No inline script anywhere: the web apps load their scripts from files served by the gateway. */
    @WithDefault("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
    String contentSecurityPolicy();

    @WithDefault("camera=(), microphone=(), geolocation=(), payment=(), usb=()")
    String permissionsPolicy();

    /** Off for the local stack (plain HTTP on loopback), on everywhere TLS terminates in front of us. */
    @WithDefault("true")
    boolean hsts();

    @WithDefault("max-age=31536000; includeSubDomains")
    String hstsValue();
}
