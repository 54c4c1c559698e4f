/**
 * The languages commonly written in a country, by its international calling code, most common first:
 * a WhatsApp number's only hint about its owner's language. Covers the countries where child-protection
 * agencies most often run tracing and intake; add rows as deployments need them.
 */
const BY_CALLING_CODE: Readonly<Record<string, readonly string[]>> = {
  // Francophone Africa and Europe
  "33": ["fr"], "32": ["fr", "nl"], "41": ["de", "fr", "it"], "243": ["fr", "sw", "ln"], "242": ["fr", "ln"], "225": ["fr"],
  "221": ["fr", "wo"], "223": ["fr"], "226": ["fr"], "227": ["fr", "ha"], "228": ["fr"], "229": ["fr"], "224": ["fr"],
  "237": ["fr", "en"], "235": ["fr", "ar"], "236": ["fr", "sg"], "241": ["fr"], "257": ["rn", "fr", "sw"], "250": ["rw", "en", "fr", "sw"],
  "261": ["mg", "fr"], "509": ["fr", "ht"], "253": ["fr", "ar", "so"], "269": ["fr", "ar"],
  // Spanish
  "34": ["es"], "52": ["es"], "57": ["es"], "58": ["es"], "51": ["es"], "56": ["es"], "54": ["es"], "593": ["es"], "591": ["es"],
  "502": ["es"], "503": ["es"], "504": ["es"], "505": ["es"], "506": ["es"], "507": ["es"], "53": ["es"], "595": ["es"], "598": ["es"],
  "240": ["es", "fr"],
  // Arabic
  "20": ["ar"], "966": ["ar"], "963": ["ar", "ku"], "964": ["ar", "ku"], "962": ["ar"], "961": ["ar", "fr", "en"], "970": ["ar"],
  "967": ["ar"], "249": ["ar", "en"], "211": ["en", "ar"], "218": ["ar"], "212": ["ar", "fr"], "213": ["ar", "fr"], "216": ["ar", "fr"],
  "222": ["ar", "fr"], "965": ["ar"], "968": ["ar"], "971": ["ar", "en"], "974": ["ar"], "973": ["ar"],
  // Ukrainian and neighbours
  "380": ["uk", "ru"], "7": ["ru"], "375": ["be", "ru"], "373": ["ro", "ru"], "48": ["pl"],
  // Swahili
  "254": ["sw", "en"], "255": ["sw", "en"], "256": ["en", "sw"],
  // Others often met in displacement settings
  "252": ["so", "ar"], "251": ["am", "om", "ti"], "291": ["ti", "ar"], "93": ["fa", "ps"], "98": ["fa"], "92": ["ur", "ps"],
  "880": ["bn"], "95": ["my"], "90": ["tr", "ku", "ar"], "234": ["en", "ha"], "233": ["en"], "231": ["en"], "232": ["en"],
  "260": ["en"], "263": ["en"], "265": ["en"], "258": ["pt", "sw"], "244": ["pt"], "55": ["pt"], "351": ["pt"], "1": ["en", "es", "fr"],
  "44": ["en"], "49": ["de"], "39": ["it"],
};

/** Languages for a number written as digits with its country code ("243812345678"); [] when unknown. */
export function countryLanguages(digits: string): readonly string[] {
  // Calling codes are prefix-free: the first of 3, 2, 1 digits that is a code is the code.
  for (const length of [3, 2, 1]) {
    const found = BY_CALLING_CODE[digits.slice(0, length)];
    if (found) return found;
  }
  return [];
}
