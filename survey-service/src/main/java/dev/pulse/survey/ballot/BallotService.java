package dev.pulse.survey.ballot;

import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.problem.ProblemException;
import dev.pulse.survey.round.RoundKeyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.util.UUID;
import javax.sql.DataSource;

/** Issues at most one blind signature per person and round. */
@ApplicationScoped
public class BallotService {
    private final DataSource db;
    private final SubjectHasher hasher;
    private final RoundKeyring keyring;

    public BallotService(DataSource db, SubjectHasher hasher, RoundKeyring keyring) {
        this.db = db;
        this.hasher = hasher;
        this.keyring = keyring;
    }

    public record Ballot(String keyId, String blindSig) {
    }

    private record RosterEntry(String reportingUnitId, boolean issued) {
    }

    @Transactional
    public Ballot issue(UUID roundId, String subject, String blindedMsgB64) {
        String status = Sql.one(db, "select status from round where id = ?", rs -> rs.getString(1), roundId)
                .orElseThrow(() -> ProblemException.notFound("round-not-found", "There is no round " + roundId + "."));
        if (!"OPEN".equals(status)) {
            throw ProblemException.conflict("round-not-open", "Round is not open", "Round " + roundId + " is closed.");
        }
        byte[] hash = hasher.hash(roundId, subject);
        RosterEntry entry = Sql.one(db, "select reporting_unit_id, ballot_issued from roster where round_id = ? and subject_hash = ?",
                        rs -> new RosterEntry(rs.getString(1), rs.getBoolean(2)), roundId, hash)
                .orElseThrow(() -> ProblemException.forbidden("not-eligible", "Not eligible",
                        "You are not in a unit of this round's campaign, or joined after the round opened."));
        if (entry.issued()) {
            throw alreadyIssued();
        }
        RoundKeyring.RoundKey key = keyring.forUnit(roundId, entry.reportingUnitId())
                .orElseThrow(() -> new IllegalStateException("round " + roundId + " has no key for its reporting unit"));
        byte[] blinded = decodeBlinded(blindedMsgB64, key);
        // The conditional update is the lock: of two concurrent requests only one changes the row.
        int marked = Sql.update(db, "update roster set ballot_issued = true "
                + "where round_id = ? and subject_hash = ? and not ballot_issued", roundId, hash);
        if (marked != 1) {
            throw alreadyIssued();
        }
        // Anonymity: the blinded message and the signature are returned, never stored or logged.
        byte[] blindSig = BlindRsa.blindSign(key.privateKey(), key.publicKey(), blinded);
        return new Ballot(key.keyId(), Base64Url.encode(blindSig));
    }

    /** Checked before the roster is touched, so a malformed request does not cost the person their ballot. */
    private static byte[] decodeBlinded(String b64, RoundKeyring.RoundKey key) {
        if (b64 == null || b64.isBlank()) {
            throw ProblemException.invalidField("blindedMsg", "is required (base64url, no padding)");
        }
        byte[] blinded;
        try {
            blinded = Base64Url.decode(b64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("blindedMsg", "is not base64url");
        }
        int modulusBytes = (key.publicKey().getModulus().bitLength() + 7) / 8;
        // Zero is the one value below the modulus that the signer refuses (its signature would be zero too).
        BigInteger m = new BigInteger(1, blinded);
        if (blinded.length != modulusBytes || m.signum() == 0 || m.compareTo(key.publicKey().getModulus()) >= 0) {
            throw ProblemException.invalidField("blindedMsg", "must be " + modulusBytes
                    + " bytes, not zero, and smaller than the key's modulus");
        }
        return blinded;
    }

    private static ProblemException alreadyIssued() {
        return ProblemException.conflict("ballot-already-issued", "Ballot already issued",
                "You already received your ballot for this round. Each person gets exactly one.");
    }
}
