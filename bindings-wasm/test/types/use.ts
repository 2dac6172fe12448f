// A typed use of both packages: `tsc --noEmit` fails if an export, its types or the error
// guard regress. Never run, only type-checked.
import * as node from "../../pkg-node/saifu_wasm.js";
import init, { checkNotEmpty, isSaifuError, saifuVersion, type SaifuError } from "../../pkg-web/saifu_wasm.js";

export async function tour(): Promise<string> {
  await init();
  const version: string = saifuVersion() + node.saifuVersion();
  try {
    const nothing: void = checkNotEmpty("");
    return `${version}${String(nothing)}`;
  } catch (e: unknown) {
    if (isSaifuError(e)) {
      const err: SaifuError = e;
      const code: string = err.code;
      const details: Readonly<Record<string, unknown>> = err.details;
      const asError: Error = err;
      return `${code} ${Object.keys(details).length} ${asError.message}`;
    }
    throw e;
  }
}

// @ts-expect-error checkNotEmpty takes a string
checkNotEmpty(42);
