package dev.pulse.survey.support;

import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.crypto.Blinding;
import dev.pulse.crypto.RoundKeys;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;

/** The client side of RFC 9474 as a test uses it: prepare and blind, then finalize the blind signature. */
public final class Voter {
    private static final SecureRandom RANDOM = new SecureRandom();
    public final RSAPublicKey key;
    public final byte[] prepared;
    private final Blinding blinding;

    public Voter(String publicKeySpki) {
        this.key = RoundKeys.parsePublicKeySpki(publicKeySpki);
        byte[] msg = new byte[32];
        RANDOM.nextBytes(msg);
        this.prepared = BlindRsa.prepare(msg, RANDOM);
        this.blinding = BlindRsa.blind(key, prepared, RANDOM);
    }

    public String blindedMsg() {
        return Base64Url.encode(blinding.blindedMsg());
    }

    /** The token JSON ({"msg","sig"}) for a blind signature returned by the server. */
    public String token(String blindSig) {
        byte[] sig = BlindRsa.finalizeSignature(key, prepared, Base64Url.decode(blindSig), blinding.inv());
        return "{\"msg\":\"" + Base64Url.encode(prepared) + "\",\"sig\":\"" + Base64Url.encode(sig) + "\"}";
    }

}
