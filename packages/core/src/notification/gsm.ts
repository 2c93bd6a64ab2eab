import { SegmentedMessage } from "sms-segments-calculator";

/**
 * SMS texts use the GSM 03.38 alphabet only (7-bit: 160 characters a segment, 153 when split).
 * One character outside it switches the whole SMS to UCS-2 (70 a segment), so accents and
 * typographic signs outside it are transliterated: é, è, à, ù stay; ê, â, ç, œ, ’… do not.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€";
const GSM = new Set([...GSM_BASIC, ...GSM_EXTENDED]);
const EXTENDED = new Set(GSM_EXTENDED);

const REPLACEMENTS: Record<string, string> = {
  "’": "'", "‘": "'", "‚": "'", "“": '"', "”": '"', "«": '"', "»": '"', "…": "...", "–": "-", "—": "-",
  "\u00a0": " ", "\u202f": " ", "œ": "oe", "Œ": "OE", "ç": "c", "À": "A", "È": "E", "Ê": "E", "Ë": "E",
  "Î": "I", "Ï": "I", "Ô": "O", "Û": "U", "Ù": "U", "Â": "A", "Ÿ": "Y", "ÿ": "y", "°": "o",
};

export function toGsm7(text: string): string {
  let out = "";
  for (const char of text) {
    if (GSM.has(char)) out += char;
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else {
      const stripped = char.normalize("NFD").replace(/\p{Diacritic}/gu, "");
      out += [...stripped].every((c) => GSM.has(c)) ? stripped : "?";
    }
  }
  return out;
}

export function isGsm7(text: string): boolean {
  return [...text].every((char) => GSM.has(char));
}

/** Texts counted already, by shape (see segmentCount). */
const counted = new Map<string, number>();
const MAX_REMEMBERED = 5000;

/**
 * Number of SMS segments the text takes (GSM-7 or UCS-2, as the operator counts), by Twilio's
 * calculator. It takes about a millisecond a text, and the bench counts a few hundred thousand,
 * so counts are remembered by the text's shape: in a GSM-7 text, each character of the basic set
 * becomes "a" and each of the extension table (two septets) "€" — what the count depends on. A
 * test checks that the calculator and this module agree on the alphabet.
 */
export function segmentCount(text: string): number {
  const shape = isGsm7(text) && !/[\r\n]/.test(text) ? [...text].map((c) => (EXTENDED.has(c) ? "€" : "a")).join("") : text;
  let segments = counted.get(shape);
  if (segments === undefined) {
    segments = new SegmentedMessage(shape).segmentsCount;
    if (counted.size >= MAX_REMEMBERED) counted.clear();
    counted.set(shape, segments);
  }
  return segments;
}
