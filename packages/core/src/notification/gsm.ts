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

/** Number of SMS segments the text takes (GSM-7 or UCS-2, as the operator counts). */
export function segmentCount(text: string): number {
  return new SegmentedMessage(text).segmentsCount;
}
