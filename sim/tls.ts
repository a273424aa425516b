import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** Hosts the sim answers for (by Host header). */
export const SIM_HOSTS = ['sora.chatgpt.com', 'chatgpt.com', 'videos.openai.com'] as const;

/** A server key pair and certificate plus the hash Chromium's SPKI allow-list wants. */
export interface SimCert {
  keyPem: string;
  certPem: string;
  spkiHash: string;
}

/** sha256 of the DER SubjectPublicKeyInfo, base64 (what --ignore-certificate-errors-spki-list takes, docs/chromium-e2e.md §2). */
export function spkiHashOf(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** Makes a fresh self-signed EC certificate (fast) for the sim hosts (or `hosts`) plus localhost. */
export async function makeCert(hosts: readonly string[] = SIM_HOSTS): Promise<SimCert> {
  const dns = [...hosts, 'localhost'].map((value) => ({ type: 2 as const, value }));
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { keyPem: pems.private, certPem: pems.cert, spkiHash: spkiHashOf(pems.cert) };
}
