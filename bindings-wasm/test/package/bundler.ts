// Both entries as a bundler project resolves them (moduleResolution bundler: the `types`
// condition, not `node`), type-checked by scripts/smoke/npm.sh. Never run.
import { formatMoney, Wallet } from "saifu";
import { parseCard, type CardNumber } from "saifu/checkout";

const card: CardNumber = parseCard("4242424242424242");
export const shown: string = formatMoney({ minor: 500, currency: "JPY" }, "symbol") + card.masked();
export const wallet: Wallet = new Wallet();
