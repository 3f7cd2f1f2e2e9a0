package dev.pulse.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of survey-service that are about the survey domain rather than the framework. */
@ConfigMapping(prefix = "pulse")
public interface PulseConfig {

    /** k: the smallest group whose answers may be told apart; never below 3 (checked at start-up). */
    @WithName("min-group-size")
    @WithDefault("5")
    int minGroupSize();

    /** RSA modulus size of round keys; RFC 9474 needs at least 2048. */
    @WithName("key-bits")
    @WithDefault("2048")
    int keyBits();

    /** AES-256 key (base64) that seals round private keys at rest. */
    @WithName("key-encryption-key")
    String keyEncryptionKey();

    /** HMAC key (base64) for the per-round "has this person got a ballot" marker. */
    @WithName("subject-hmac-key")
    String subjectHmacKey();

    DirectoryConfig directory();

    KeysConfig keys();

    OutboxConfig outbox();

    @WithName("round-closer")
    RoundCloserConfig roundCloser();

    SchedulerConfig scheduler();

    interface SchedulerConfig {
        /** How often to look for campaigns whose next round is due ("off" disables it, e.g. in tests). */
        @WithDefault("5s")
        String every();
    }

    interface RoundCloserConfig {
        /** How often to look for rounds whose time is up ("off" disables it, e.g. in tests). */
        @WithDefault("15s")
        String every();
    }

    interface DirectoryConfig {
        /** Keycloak base URL, e.g. http://127.0.0.1:8180 */
        String url();

        String realm();

        @WithName("client-id")
        String clientId();

        @WithName("client-secret")
        String clientSecret();

        @WithDefault("10s")
        Duration timeout();

        /**
         * How often the organisation snapshot used for campaign validation and key-pool planning is
         * re-read ("off" disables it, e.g. in tests). Opening a round always reads the directory anew.
         */
        @WithName("refresh-every")
        @WithDefault("5m")
        String refreshEvery();

        /** Beyond this age the snapshot's wellness check (/q/health/well) reports DOWN. */
        @WithName("max-age")
        @WithDefault("30m")
        Duration maxAge();
    }

    interface KeysConfig {
        /** Round keys are generated ahead for campaigns whose next scheduled round is at most this far away. */
        @WithName("pregenerate-lead")
        @WithDefault("30m")
        Duration pregenerateLead();

        /** How often to look for campaigns that need keys ahead ("off" disables it, e.g. in tests). */
        @WithName("pregenerate-every")
        @WithDefault("1m")
        String pregenerateEvery();

        /** Upper bound of keys kept ahead per campaign (a bound on the work, not a target). */
        @WithName("pool-max")
        @WithDefault("500")
        int poolMax();
    }

    interface OutboxConfig {
        /** Off only in tests that drive the relay by hand. */
        @WithDefault("true")
        boolean enabled();

        @WithName("batch-size")
        @WithDefault("500")
        int batchSize();

        /** Pause between relay passes when the outbox was empty or Kafka failed. */
        @WithName("idle-pause")
        @WithDefault("200ms")
        Duration idlePause();
    }
}
