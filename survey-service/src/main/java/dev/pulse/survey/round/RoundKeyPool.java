package dev.pulse.survey.round;

import dev.pulse.crypto.RoundKeys;
import dev.pulse.survey.config.PulseConfig;
import dev.pulse.survey.db.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Sealed round keys generated ahead for one campaign. Opening a round takes keys out (deleting them in
 * its transaction) and binds each to a round and unit; what is left of a paused or archived campaign is
 * deleted.
 */
@ApplicationScoped
public class RoundKeyPool {
    private final DataSource db;
    private final RoundKeyring keyring;
    private final int keyBits;

    public RoundKeyPool(DataSource db, RoundKeyring keyring, PulseConfig config) {
        this.db = db;
        this.keyring = keyring;
        this.keyBits = config.keyBits();
    }

    /** A key out of the pool, still sealed under the pool's associated data. */
    public record PoolKey(String keyId, UUID campaignId, String publicKey, byte[] sealedPrivateKey) {
    }

    public int size(UUID campaignId) {
        return Sql.one(db, "select count(*) from round_key_pool where campaign_id = ?", rs -> rs.getInt(1), campaignId)
                .orElse(0);
    }

    /**
     * Takes up to {@code max} keys out of the campaign's pool, in the caller's transaction: they are gone
     * once it commits and back if it rolls back. Skip-locked, so two openings never get the same key.
     */
    public List<PoolKey> take(UUID campaignId, int max) {
        if (max <= 0) {
            return List.of();
        }
        return Sql.list(db, "delete from round_key_pool where key_id in (select key_id from round_key_pool "
                        + "where campaign_id = ? limit ? for update skip locked) "
                        + "returning key_id, campaign_id, public_key, sealed_private_key",
                rs -> new PoolKey(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getBytes(4)),
                campaignId, max);
    }

    /**
     * Generates one key and adds it if the pool of this still active campaign holds fewer than
     * {@code target}; false if it was not needed. The RSA generation (the expensive part) runs outside
     * the transaction; the advisory lock makes two instances filling the same pool add one key at a time.
     */
    public boolean addOne(UUID campaignId, int target) {
        if (size(campaignId) >= target) {
            return false;
        }
        KeyPair pair = RoundKeys.generate(keyBits);
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        String keyId = RoundKeys.keyId(pub);
        String publicKey = RoundKeys.publicKeySpki(pub);
        byte[] sealed = keyring.sealForPool((RSAPrivateCrtKey) pair.getPrivate(), campaignId, keyId);
        return QuarkusTransaction.requiringNew().call(() -> {
            Sql.one(db, "select pg_advisory_xact_lock(hashtextextended(?, 7))", rs -> true, "round_key_pool/" + campaignId);
            return Sql.update(db, "insert into round_key_pool (key_id, campaign_id, public_key, sealed_private_key) "
                            + "select ?, ?, ?, ? where (select count(*) from round_key_pool where campaign_id = ?) < ? "
                            + "and exists (select 1 from campaign where id = ? and status = 'ACTIVE')",
                    keyId, campaignId, publicKey, sealed, campaignId, target, campaignId) == 1;
        });
    }

    /** Deletes the unused keys of a campaign (paused or archived): keys are never kept without a purpose. */
    public int discard(UUID campaignId) {
        return Sql.update(db, "delete from round_key_pool where campaign_id = ?", campaignId);
    }

    /** Deletes the unused keys of every campaign that is no longer active. */
    public int discardInactive() {
        return Sql.update(db, "delete from round_key_pool p using campaign c where c.id = p.campaign_id and c.status <> 'ACTIVE'");
    }
}
