import { constants, createPublicKey, publicEncrypt, X509Certificate, type KeyObject } from "node:crypto";

/**
 * Daraja's SecurityCredential: the initiator's plain password, encrypted with the public key of
 * M-Pesa's certificate using RSA PKCS#1 v1.5 padding (not OAEP), then base64. Sandbox and
 * production use different certificates; which one is configuration, so nothing is bundled here.
 * The certificate's expiry does not matter: only its key is used. PKCS#1 v1.5 padding is random,
 * so each call gives a different string, and every one of them is valid.
 */

export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CertificateError";
  }
}

/**
 * The RSA public key of an X.509 certificate (PEM or DER) or of a bare public key (PEM). Refuses
 * the usual mistakes with a message saying which: an HTML page saved as a ".cer", a private key.
 */
export function readEncryptionKey(certificate: string | Buffer): KeyObject {
  const bytes = typeof certificate === "string" ? Buffer.from(certificate, "utf8") : certificate;
  const text = bytes.toString("utf8").trim();
  if (/^<(!doctype|html)/i.test(text)) {
    throw new CertificateError("The certificate is an HTML page (a download saved the portal page): fetch the .cer file itself");
  }
  if (/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(text)) {
    throw new CertificateError("That is a private key: the SecurityCredential needs M-Pesa's public certificate");
  }
  let key: KeyObject;
  try {
    if (text.includes("-----BEGIN CERTIFICATE-----")) key = new X509Certificate(text).publicKey;
    else if (text.includes("-----BEGIN PUBLIC KEY-----") || text.includes("-----BEGIN RSA PUBLIC KEY-----")) key = createPublicKey(text);
    // DER certificates start with a SEQUENCE tag and a two-byte length (0x30 0x82).
    else if (bytes[0] === 0x30 && bytes[1] === 0x82) key = new X509Certificate(bytes).publicKey;
    else throw new CertificateError("Not a certificate: expected a PEM (-----BEGIN CERTIFICATE-----) or DER .cer file");
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw new CertificateError(`The certificate could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (key.asymmetricKeyType !== "rsa") throw new CertificateError(`The certificate holds a ${key.asymmetricKeyType ?? "non-RSA"} key; M-Pesa's is RSA`);
  return key;
}

/** base64(RSA-PKCS#1-v1.5(password)) under the certificate's key: 344 characters for RSA-2048. */
export function encryptSecurityCredential(password: string, certificate: string | Buffer | KeyObject): string {
  if (typeof password !== "string" || password === "") throw new CertificateError("The initiator password is empty");
  const key = isKeyObject(certificate) ? certificate : readEncryptionKey(certificate);
  // The raw password bytes, not their base64: some documentation says otherwise, the working SDKs do this.
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password, "utf8")).toString("base64");
}

function isKeyObject(value: unknown): value is KeyObject {
  return typeof value === "object" && value !== null && !Buffer.isBuffer(value) && "asymmetricKeyType" in value;
}
