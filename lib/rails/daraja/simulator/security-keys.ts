import { constants, createPrivateKey, privateDecrypt, type KeyObject } from "node:crypto";
import { SIMULATOR_CERTIFICATE_PEM } from "./simulator-certificate";

export { SIMULATOR_CERTIFICATE_PEM };

/**
 * The private key of the simulator's own "M-Pesa certificate" (simulator-certificate.ts), a
 * self-signed RSA-2048 certificate whose public key gateways encrypt initiator passwords with: the
 * simulator checks them with this. Both are test material for this fake, published on purpose (GET /__sim/certificate); they
 * protect nothing. Real Safaricom certificates are configuration of the gateway, never bundled.
 */
const SIMULATOR_PRIVATE_KEY_PEM = `
-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCuQyB3MygfpSTr
hqOJyfZpZyZV1wiEO+M5SSL19aKKVkWspIo+GbrN0Hrw6720tkBDKbyhnrr3T0R3
UKt7XgfBbiXdB6Vf9gdRbKdPeuFD/LuslRGw1y0ZPKdAueaG/pVP0mg/BdlaNdkG
7TFI9Q15ohGo157mDcb0mQ9JYsACyUdrGa0odMmE6gkbs778Gv1UF7PDXVtxL6l2
NNMpoxcn38BbLibYdNm34YuzSLQ3z1tVOxFs6uny/au/MCNVvrevaaHefLyZ9ryV
awjX6d1+AuPtSYkqcaN8rE+yMDMthAZMFzEmsjJIE+PCsNfxsYxkmeaA3qnNpnPh
8BLg4JO3AgMBAAECggEAJuq+2WAHWenbsO3EoAUGjsuGeC0prb5iJGz87ckJn7Nc
pA2rAetlGImyqxM6rpz1BQrRIZb9UjXVqH/PjCGXwc8DjbUjbabYQ4rsYoeivzg2
AXjZFpE3dSdigsYBgaxhVA49UbXQsKDN8woNs6lmdP+Iyhg9WEtDX2S/UThIgVZr
pEtiQv48s5/i8BM+qZFQMED6nhqG+OSAE/IBKU3GLlQYIKRnzzhmm795YhlAXM+d
g3Npe9l83o2yv2qnqSnCXBmwMkOGjREgQP2fVKhdAmAEiz6isX3pm85m1rwtjJUW
lb88F5LJzL95Dz6Qsq1cN97e66okwO9F2B1cVtcd4QKBgQDgk96YSyCCmlJhz89c
eXXgos0DIWpgvSeBLyoAPYBgUhf6pZis9AFVrCy6Hr3l4XD4DKqEzRfXAFUTiFTS
JIXA4tcd2TVhSrM3YGAWmPjIYmdmdocHnUt7VuIBCnoUK5+/2PNC7E/hggUvqhK5
Y/MOJPHQ7XP2z9RZJEq9p38J6wKBgQDGpQNqP+aCEuGzeI+uDsjDY/Xpq3G8cey2
23hwWsSe+bPKGqxYvFugPSKA0FDVFn3UyDvOVXhjMkgFVuA7FjD/F6Szhv9rQEwI
bGv7Oz0stTs85kwpiKklY5GW+n8fw4HZiRPOfCuUTCg1e5+6wzsehAcd/0iMmNyM
7vwUtqB+ZQKBgQDbEiPft9l8zYFzfL4w3SMKAIWwehZFS/+PWyzDkzr5uts9W/B1
Nolew1fWL0rbRnFm5yQn69FHoEFdjm3/mDUJlb52lX4m7DGq4U6afJqjDqsDHrhV
yzDonjZVAZ1Ys71f7ghOziqWNrlMZ8FgK4nb0Fo7jobCyrXAR1DJdOzOBQKBgAZU
8jPrz4Qr5+fZmvLYY8ventMQ9PIly37UphUmv4e1u+ZgTUgS0PTdngDvIvR34BDt
RQLBtLGsw6Dv8PvRLESlU0mprvCTPxkxo4uBiuSm7jl1uc3FHmcjsltWpsCzcasm
dGwrhxQWDV4PD7tbR8IkQTnSjlR09urDH2Plol4FAoGBAMpvXK5iQiiEqvjNV/K/
i2Po+w3YBLKW2dmUFecH76K1r2cYjPCilsJ2Ci/TdL7dbyT0H0yXBfxmwMFjU4m0
O82WVp2YkFcGjxsQcYmkn0+ywIiMPJXlHVnU756V9KShruv3gXKNgCtCxIW7yU4s
hGBz/gpDKi0gf1Ihz/LwTybc
-----END PRIVATE KEY-----
`.trim();

export interface SimulatorKeys {
  certificatePem: string;
  privateKey: KeyObject;
}

export function simulatorKeys(override?: { certificatePem: string; privateKeyPem: string }): SimulatorKeys {
  return {
    certificatePem: override?.certificatePem ?? SIMULATOR_CERTIFICATE_PEM,
    privateKey: createPrivateKey(override?.privateKeyPem ?? SIMULATOR_PRIVATE_KEY_PEM),
  };
}

/**
 * The password inside a SecurityCredential, or null when it is not base64 RSA-PKCS#1-v1.5 under
 * our key. Node refuses PKCS#1 v1.5 private decryption (a timing-attack guard), so the padding is
 * removed by hand after a raw RSA operation: harmless in a test fake that answers in its own time.
 */
export function decryptSecurityCredential(credential: string, privateKey: KeyObject): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credential)) return null;
  const cipher = Buffer.from(credential, "base64");
  const size = (privateKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
  if (cipher.length !== size) return null;
  let block: Buffer;
  try {
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, cipher);
  } catch {
    return null;
  }
  // 0x00 0x02 <at least 8 non-zero random bytes> 0x00 <message>
  if (block[0] !== 0x00 || block[1] !== 0x02) return null;
  const end = block.indexOf(0x00, 2);
  if (end < 10) return null;
  return block.subarray(end + 1).toString("utf8");
}
