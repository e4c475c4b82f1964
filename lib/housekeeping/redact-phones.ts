import { maskPhone } from "@/lib/logger";

/**
 * Masks every Kenyan phone number in a stored body as the logger does (2547****149), keeping the
 * rest byte for byte. In a JSON body Daraja sends PhoneNumber as a bare number, which becomes a
 * quoted string once masked, so the body stays valid JSON.
 */
export function redactPhonesInBody(text: string): string {
  const json = isJson(text);
  return text.replace(/(?<!\d)("?)(254[17]\d{8})("?)(?!\d)/g, (_match, open: string, phone: string, close: string) => {
    const masked = maskPhone(phone);
    if (json && open === "" && close === "") return `"${masked}"`;
    return `${open}${masked}${close}`;
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
