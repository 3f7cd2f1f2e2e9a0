package dev.pulse.survey.round;

import dev.pulse.crypto.KeySealer;
import dev.pulse.crypto.RoundKeys;
import dev.pulse.survey.config.PulseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Round keys: created sealed when a round opens, opened at most once per process and kept in memory,
 * because ballot issuance is the hot path and unsealing costs an AES-GCM pass per request.
 */
@ApplicationScoped
public class RoundKeyring {
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final DataSource db;
    private final KeySealer sealer;
    private final ConcurrentHashMap<String, RoundKey> cache = new ConcurrentHashMap<>();
    /** (round, unit) to key id: fixed once the round is open, so issuance need not ask the database each time. */
    private final ConcurrentHashMap<String, String> keyIdOfUnit = new ConcurrentHashMap<>();

    public record RoundKey(String keyId, UUID roundId, String unitId, RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) {
    }

    public RoundKeyring(DataSource db, PulseConfig config) {
        this.db = db;
        this.sealer = new KeySealer(Base64.getDecoder().decode(config.keyEncryptionKey()));
    }

    /** Associated data binds a sealed key to its round and unit, so a row copied elsewhere will not open. */
    static String associatedData(UUID roundId, String unitId) {
        return roundId + "/" + unitId;
    }

    public byte[] seal(RSAPrivateCrtKey key, UUID roundId, String unitId) {
        return sealer.seal(key, associatedData(roundId, unitId));
    }

    /**
     * Associated data of a key generated ahead, before its round and unit exist: it binds the sealed key
     * to its campaign's pool and to its own key id, so a pool row moved to another campaign or put under
     * another public key does not open. The "pool/" prefix cannot be a round id (a UUID).
     */
    static String poolAssociatedData(UUID campaignId, String keyId) {
        return "pool/" + campaignId + "/" + keyId;
    }

    public byte[] sealForPool(RSAPrivateCrtKey key, UUID campaignId, String keyId) {
        return sealer.seal(key, poolAssociatedData(campaignId, keyId));
    }

    /**
     * Moves a pool key to its round and unit: opened under the pool's associated data and sealed again
     * under the round/unit one, so an assigned key is protected exactly like a key generated at opening
     * (same sealing key, same binding) and the plaintext exists only in memory for this call.
     */
    public byte[] resealForRound(byte[] poolSealed, UUID campaignId, String keyId, UUID roundId, String unitId) {
        return sealer.seal(sealer.open(poolSealed, poolAssociatedData(campaignId, keyId)), associatedData(roundId, unitId));
    }

    public Optional<RoundKey> find(String keyId) {
        // Key ids are base64url (RoundKeys.keyId); anything else names no key, and must not reach the database
        // (PostgreSQL rejects a NUL in text with an error, which made a hostile submission a 500).
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            return Optional.empty();
        }
        RoundKey cached = cache.get(keyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select round_id, unit_id, public_key, sealed_private_key from round_key where key_id = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID roundId = rs.getObject(1, UUID.class);
                String unitId = rs.getString(2);
                RoundKey key = new RoundKey(keyId, roundId, unitId, RoundKeys.parsePublicKeySpki(rs.getString(3)),
                        sealer.open(rs.getBytes(4), associatedData(roundId, unitId)));
                cache.putIfAbsent(keyId, key);
                return Optional.of(key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("round keys unreadable", e);
        }
    }

    public Optional<RoundKey> forUnit(UUID roundId, String unitId) {
        String known = keyIdOfUnit.get(associatedData(roundId, unitId));
        if (known != null) {
            return find(known);
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select key_id from round_key where round_id = ? and unit_id = ?")) {
            ps.setObject(1, roundId);
            ps.setString(2, unitId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                keyIdOfUnit.putIfAbsent(associatedData(roundId, unitId), rs.getString(1));
                return find(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("round keys unreadable", e);
        }
    }
}
