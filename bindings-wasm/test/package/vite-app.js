// A Vite app's module using saifu/checkout with no init call; scripts/smoke/npm.sh builds
// it (`vite build`) and runs the built chunk, which leaves what it computed here.
import { detectCard, formatMoney, isSaifuError, parseMoney, parseSecurityCode } from "saifu/checkout";

let cvc;
try {
  parseSecurityCode("12", "amex");
} catch (e) {
  cvc = isSaifuError(e) ? e.code : String(e);
}
globalThis.saifuApp = {
  brand: detectCard("3528").brand,
  amount: formatMoney(parseMoney("１，９８０円"), "symbol"),
  cvc,
};
