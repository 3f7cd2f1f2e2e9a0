package dev.pulse.crypto;

/**
 * The signer returned something that is not a valid signature on the prepared message. Unchecked
 * because a caller cannot recover locally: the only sensible reaction is to discard the ballot
 * request and ask again (or report a misbehaving server).
 */
public final class InvalidSignatureException extends RuntimeException {

    public InvalidSignatureException(String message) {
        super(message);
    }
}
