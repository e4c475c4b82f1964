import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { vodacomSecretsSchema, type VodacomSecrets } from "@/lib/collection-accounts/vodacom-account-settings";

/**
 * A Vodacom account's API key and public key are sealed together as one JSON object with the same
 * box as Daraja accounts' secrets (account-secrets.ts), under DATA_SECRET.
 */
export function sealVodacomSecrets(secrets: VodacomSecrets, dataSecret: string): string {
  return encryptSecret(JSON.stringify(vodacomSecretsSchema.parse(secrets)), dataSecret);
}

export function openVodacomSecrets(sealed: string, dataSecret: string): VodacomSecrets {
  return vodacomSecretsSchema.parse(JSON.parse(decryptSecret(sealed, dataSecret)));
}
