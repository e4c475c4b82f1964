/** "254712345678" → "+254 712 345 678": readable, and still what finance staff search for. */
export function formatPhone(phone: string): string {
  const m = /^254(\d{3})(\d{3})(\d{3})$/.exec(phone);
  return m ? `+254 ${m[1]} ${m[2]} ${m[3]}` : phone;
}
