package dev.pulse.crypto;

/**
 * Output of {@link BlindRsa#blind}: what goes to the signer and the secret the client keeps to
 * unblind. {@code inv} must never leave the client: together with the blinded message it links the
 * ballot request to the final token.
 */
public record Blinding(byte[] blindedMsg, byte[] inv) {

    public Blinding {
        if (blindedMsg == null || inv == null) {
            throw new IllegalArgumentException("blindedMsg and inv must not be null");
        }
        blindedMsg = blindedMsg.clone();
        inv = inv.clone();
    }

    @Override
    public byte[] blindedMsg() {
        return blindedMsg.clone();
    }

    @Override
    public byte[] inv() {
        return inv.clone();
    }
}
