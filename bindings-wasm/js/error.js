// The error every saifu export throws. Imported by src/error.rs; wasm-bindgen copies this
// file verbatim into each package (snippets/), so it stays a dependency-free ES module:
// pkg-web imports it, pkg-node require()s it (Node >= 20.19 loads ES modules that way).

export class SaifuError extends Error {
  /**
   * @param {string} code stable error code, e.g. "money.empty"
   * @param {string} message English text
   * @param {string} messageJa Japanese text
   * @param {Record<string, string | number>} details the error's fields, camelCase keys
   */
  constructor(code, message, messageJa, details) {
    super(message);
    this.name = "SaifuError";
    this.code = code;
    this.messageJa = messageJa;
    this.details = Object.freeze(details);
  }
}
