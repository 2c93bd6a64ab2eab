// Phone numbers as people read them. The API gives numbers in E.164 (+33321514210); French ones
// (metropolitan and overseas départements) are shown the French way, grouped by two.

/**
 * Calling codes of the French numbering plan whose national numbers are a 0 and nine digits:
 * metropolitan France, and the overseas départements (Réunion and Mayotte share +262; the
 * Antilles +590 and +596; Guyane +594). Overseas, the national number keeps the code:
 * +262 262 12 34 56 → 02 62 12 34 56. (+269 is the Comoros, not Mayotte.)
 */
const FRENCH_CALLING_CODES = ["33", "262", "590", "594", "596"];

/** "+33321514210" or "03.21.51.42.10" → "03 21 51 42 10"; any other number is shown as given. */
export function formatPhone(phone: string): string {
  const compact = phone.replace(/[\s.-]/g, "");
  if (/^0[1-9]\d{8}$/.test(compact)) return groupByTwo(compact);
  const match = /^\+(\d+)$/.exec(compact);
  const code = match && FRENCH_CALLING_CODES.find((candidate) => match[1]!.startsWith(candidate) && match[1]!.length === candidate.length + 9);
  if (!code) return phone;
  const national = `0${match[1]!.slice(code.length)}`;
  return /^0[1-9]\d{8}$/.test(national) ? groupByTwo(national) : phone;
}

function groupByTwo(digits: string): string {
  return digits.replace(/(\d{2})(?=\d)/g, "$1 ");
}

/** The href of a tel: link. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}
