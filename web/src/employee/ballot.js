// The client side of the anonymous ballot (RFC 9474 RSABSSA-SHA384-PSS-Randomized), the same steps
// as deploy/.../PulseClient.java: check the published keys, blind, get signed, finalize.
import { RSABSSA } from '@cloudflare/blindrsa-ts';

const suite = () => RSABSSA.SHA384.PSS.Randomized();

export function b64urlEncode(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function b64urlDecode(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export class KeyCheckError extends Error {}

/**
 * The anonymity check before asking for a ballot: the round has exactly one key per reporting unit,
 * and our key is one of them and really is the published key (key id = hash of its SPKI). A server
 * that handed out a personal key could otherwise recognise the token when it is spent.
 */
export async function checkedKey(keys, keyId) {
  const units = new Set();
  let mine = null;
  for (const k of keys) {
    if (units.has(k.unitId)) throw new KeyCheckError(`two keys for unit ${k.unitId}`);
    units.add(k.unitId);
    if (k.keyId === keyId) mine = k;
  }
  if (!mine) throw new KeyCheckError(`key ${keyId} is not in the public list of the round`);
  const spki = b64urlDecode(mine.publicKey);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  if (!b64urlEncode(digest).startsWith(keyId)) throw new KeyCheckError('key id does not match the published key');
  // Extractable: the blinding needs the modulus. rsaEncryption SPKI imports as RSA-PSS.
  return crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
}

/** Prepares a random message and blinds it; only blindedMsg ever leaves the device. */
export async function blindBallot(publicKey) {
  const s = suite();
  const prepared = s.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await s.blind(publicKey, prepared);
  return { prepared, blindedMsg, inv };
}

export async function finalizeBallot(publicKey, prepared, blindSig, inv) {
  return suite().finalize(publicKey, prepared, blindSig, inv);
}
