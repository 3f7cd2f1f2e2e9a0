package dev.pulse.survey.response;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.problem.ProblemException;
import dev.pulse.survey.round.RoundItems;
import dev.pulse.survey.round.RoundKeyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Takes an anonymous response: verify the ballot, spend it, store the answers and the outbox row. */
@ApplicationScoped
public class ResponseService {
    /** 32 random bytes of RFC 9474 Prepare plus a client message of at most 1 KiB. */
    static final int MAX_MSG_BYTES = 32 + 1024;

    private final DataSource db;
    private final RoundKeyring keyring;

    public ResponseService(DataSource db, RoundKeyring keyring) {
        this.db = db;
        this.keyring = keyring;
    }

    private record RoundState(String status, List<String> items) {
    }

    @Transactional
    public UUID submit(SubmittedResponse r) {
        if (r == null) {
            throw ProblemException.badRequest("missing-body", "Send the response as JSON.");
        }
        if (r.roundId() == null) {
            throw ProblemException.invalidField("roundId", "is required");
        }
        if (r.keyId() == null || r.keyId().isBlank()) {
            throw ProblemException.invalidField("keyId", "is required");
        }
        if (r.token() == null || r.token().msg() == null || r.token().sig() == null) {
            throw ProblemException.invalidField("token", "needs msg and sig (base64url)");
        }
        RoundKeyring.RoundKey key = keyring.find(r.keyId())
                .filter(k -> k.roundId().equals(r.roundId()))
                .orElseThrow(() -> ProblemException.forbidden("key-not-of-round", "Key not of this round",
                        "The key " + r.keyId() + " does not belong to round " + r.roundId() + "."));
        // FOR SHARE: held until this answer commits, so closing the round (an UPDATE of this row) waits for it and
        // the final count published with the close includes it; an answer arriving after the close sees CLOSED.
        RoundState round = Sql.one(db, "select status, items from round where id = ? for share",
                rs -> new RoundState(rs.getString(1), RoundItems.parse(rs.getString(2))), r.roundId()).orElseThrow();
        if (!"OPEN".equals(round.status())) {
            throw ProblemException.conflict("round-not-open", "Round is closed",
                    "Round " + r.roundId() + " is closed; answers are no longer accepted.");
        }
        byte[] msg = decode("token.msg", r.token().msg());
        byte[] sig = decode("token.sig", r.token().sig());
        if (msg.length > MAX_MSG_BYTES) {
            throw ProblemException.invalidField("token.msg", "is longer than " + MAX_MSG_BYTES + " bytes");
        }
        if (!BlindRsa.verify(key.publicKey(), msg, sig)) {
            throw ProblemException.forbidden("invalid-signature", "Invalid ballot",
                    "The token's signature does not verify with the round's key.");
        }
        Map<String, Integer> answers = Answers.validate(r.answers(), round.items());
        // Spend the token first: the primary key makes a replay, even a concurrent one, lose here.
        int spent = Sql.update(db, "insert into spent_token (token_hash, round_id) values (?, ?) on conflict do nothing",
                sha256(msg), r.roundId());
        if (spent != 1) {
            throw ProblemException.conflict("token-spent", "Ballot already used",
                    "This ballot has already been used to answer; each ballot counts once.");
        }
        // Anonymity: a fresh random id, not derived from the token, so the stored response cannot be tied to it.
        UUID responseId = UUID.randomUUID();
        byte[] payload = ContractJson.encode(new ResponseSubmitted(ResponseSubmitted.SCHEMA_VERSION, responseId,
                r.roundId(), key.unitId(), answers));
        Sql.update(db, "insert into response (id, round_id, unit_id, answers) values (?, ?, ?, ?::jsonb)",
                responseId, r.roundId(), key.unitId(), new String(ContractJson.encode(answers), StandardCharsets.UTF_8));
        Sql.update(db, "insert into response_outbox (id, round_id, payload) values (?, ?, ?)",
                responseId, r.roundId(), payload);
        return responseId;
    }

    private static byte[] decode(String field, String b64) {
        try {
            return Base64Url.decode(b64);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "is not base64url");
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
