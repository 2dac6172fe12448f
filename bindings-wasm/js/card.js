// Builds detectCard's result in JavaScript from four primitives: one call out of wasm
// instead of a serializer's call per field (detectCard runs on every keystroke).
// Imported by src/card.rs; copied verbatim into each package (snippets/).

// Core's `Brand::ALL` order, by `Brand::id` (src/card.rs checks the two agree).
const BRANDS = ["visa", "mastercard", "jcb", "amex", "diners", "discover", "unionpay"];

/**
 * @param {number} brand index into BRANDS, or -1 for none
 * @param {boolean} potentiallyValid
 * @param {boolean} complete
 * @param {number} maxLength
 */
export function cardDetection(brand, potentiallyValid, complete, maxLength) {
  // `BRANDS[-1]` would be a lookup of the property "-1", far slower than the test.
  return { brand: brand >= 0 ? BRANDS[brand] : null, potentiallyValid, complete, maxLength };
}

/**
 * @param {number} brand index into BRANDS
 * @returns {string}
 */
export function brandName(brand) {
  return BRANDS[brand];
}
