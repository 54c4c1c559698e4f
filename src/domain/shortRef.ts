/**
 * Short human-readable references for records, e.g. "7F3K-9QDZ": seven data characters and one check
 * character, in Crockford's base-32 alphabet (no I, L, O, U: hard to confuse when read aloud or typed
 * on a phone). The check character is Luhn mod 32: it catches every single-character error and every
 * swap of two neighbours except "0Z" <-> "Z0" (Luhn's one blind spot). Crockford's mod-37 check would
 * close it, but needs symbols like * and ~ that are hard to type on a phone keyboard.
 * A family can quote the reference on any channel.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const N = ALPHABET.length;
const DATA_LENGTH = 7;

/** Luhn mod N over the code points of `data` in ALPHABET. */
function checkCharacter(data: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    const codePoint = ALPHABET.indexOf(data.charAt(i));
    let addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return ALPHABET.charAt((N - (sum % N)) % N);
}

/**
 * Derives the reference from a record's UUID, so the same record always has the same reference.
 * Collisions are possible (35 bits); the repository that stores records enforces uniqueness.
 */
export function shortRefFromUuid(uuid: string): string {
  // The last hex digits: random in a v4 UUID (the first ones carry the version in some UUID kinds).
  const hex = uuid.replace(/-/g, "").slice(-10);
  let value = BigInt(`0x${hex.padEnd(10, "0")}`);
  let data = "";
  for (let i = 0; i < DATA_LENGTH; i++) {
    data = ALPHABET.charAt(Number(value % BigInt(N))) + data;
    value /= BigInt(N);
  }
  const full = data + checkCharacter(data);
  return `${full.slice(0, 4)}-${full.slice(4)}`;
}

/**
 * Normalises what a person typed (lower case, spaces, I/L for 1, O for 0) and checks it.
 * Returns the canonical reference, or undefined if it is not a valid reference.
 */
export function parseShortRef(input: string): string | undefined {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  if (cleaned.length !== DATA_LENGTH + 1) return undefined;
  if ([...cleaned].some((c) => !ALPHABET.includes(c))) return undefined;
  const data = cleaned.slice(0, DATA_LENGTH);
  if (checkCharacter(data) !== cleaned.charAt(DATA_LENGTH)) return undefined;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}
