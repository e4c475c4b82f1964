import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { darajaSecretsSchema, type DarajaSecrets } from "@/lib/collection-accounts/daraja-account-settings";

/**
 * A collection account's secrets (passkey, consumer key and secret) are sealed together as one JSON
 * object with the box webhook signing secrets use, so one DATA_SECRET protects both and a row
 * never holds a readable secret.
 */
export function sealDarajaSecrets(secrets: DarajaSecrets, dataSecret: string): string {
  return encryptSecret(JSON.stringify(darajaSecretsSchema.parse(secrets)), dataSecret);
}

export function openDarajaSecrets(sealed: string, dataSecret: string): DarajaSecrets {
  return darajaSecretsSchema.parse(JSON.parse(decryptSecret(sealed, dataSecret)));
}

/** What the dashboard shows of a consumer key after saving: its last four characters. */
export function keyHintOf(consumerKey: string): string {
  return consumerKey.trim().slice(-4);
}
