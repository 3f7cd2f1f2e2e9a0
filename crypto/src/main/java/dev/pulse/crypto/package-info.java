/**
 * RFC 9474 blind RSA (RSABSSA-SHA384-PSS-Randomized) for Pulse ballots.
 *
 * <p>Who calls what: the client runs {@code BlindRsa.prepare}, {@code blind} and
 * {@code finalizeSignature}, and keeps the {@code inv} to itself; survey-service runs
 * {@code blindSign} at issuance and {@code verify} at anonymous submission. Everything that crosses
 * the wire is base64url ({@link dev.pulse.crypto.Base64Url}); round keys are identified by
 * {@link dev.pulse.crypto.RoundKeys#keyId} and stored sealed by {@link dev.pulse.crypto.KeySealer}.
 *
 * <p>Spent-token bookkeeping should key on the prepared message, not on the signature text: the
 * message is what the signature certifies, and it is what a second spend would have to repeat.
 */
package dev.pulse.crypto;
