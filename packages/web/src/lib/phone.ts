// The API gives place phones in E.164 (+33321514210); usagers read them the French way.

/** Country calling codes of the French numbering plan (metropolitan and overseas). */
const FRENCH_CALLING_CODES = ["33", "262", "269", "590", "594", "596"];

/** "+33321514210" → "03 21 51 42 10"; anything else is shown as given. */
export function formatPhone(phone: string): string {
  const compact = phone.replace(/[\s.-]/g, "");
  if (compact.startsWith("+")) {
    // Overseas numbers keep their calling code inside the national number (+262 262… → 02 62…).
    const code = FRENCH_CALLING_CODES.find((candidate) => compact.startsWith(`+${candidate}`) && compact.length - candidate.length - 1 === 9);
    if (code) return groupByTwo(`0${compact.slice(code.length + 1)}`);
    return phone;
  }
  return /^0\d{9}$/.test(compact) ? groupByTwo(compact) : phone;
}

function groupByTwo(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, "$1 ");
}

/** The href of a tel: link. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}
