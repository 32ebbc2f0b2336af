import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RevauditError } from '../errors.ts';

/** The signature of a report sits beside it: `report.json.sig`, base64 of the raw signature. */
export const signatureFile = (reportPath: string): string => `${reportPath}.sig`;

/** Ed25519/Ed448 sign the bytes themselves; RSA and EC keys sign their SHA-256. */
const digestFor = (key: KeyObject): string | null =>
  key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256';

/** Signs a report's bytes with a PEM private key; returns the base64 signature. */
export function signReport(bytes: Buffer | string, keyPath: string): string {
  const key = readKey(keyPath, 'private');
  return `${sign(digestFor(key), Buffer.from(bytes), key).toString('base64')}\n`;
}

/** True when the base64 signature matches the report's bytes under the PEM public key. */
export function signatureMatches(bytes: Buffer | string, signature: string, keyPath: string): boolean {
  const key = readKey(keyPath, 'public');
  try {
    return verify(digestFor(key), Buffer.from(bytes), key, Buffer.from(signature.trim(), 'base64'));
  } catch {
    return false;
  }
}

function readKey(path: string, kind: 'private' | 'public'): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RevauditError('sign.key', `cannot read the ${kind} key (${(e as NodeJS.ErrnoException).code})`, { file: path });
  }
  try {
    return kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (e) {
    throw new RevauditError('sign.key', `not a PEM ${kind} key: ${(e as Error).message}`, { file: path });
  }
}
