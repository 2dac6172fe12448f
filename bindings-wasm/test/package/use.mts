// A typed use of both entries from an ES module, type-checked by scripts/smoke/npm.sh with
// `tsc --strict`, module nodenext and the default lib (tsconfig.json): the installed
// package's types, as an app's tsc reads them. Never run.
import { CardNumber, isSaifuError, parseCard, parseMoney, Wallet, type Money, type SaifuError } from "saifu";
import {
  detectCard,
  parseCardExpiry,
  parseMerchantQr,
  type CardDetection,
  type CardExpiry,
  type MerchantQr,
} from "saifu/checkout";
// @ts-expect-error: the checkout entry has no wallet
import { Wallet as NoWallet } from "saifu/checkout";

const card: CardNumber = parseCard("4242424242424242");
const masked: string = card.masked();
card.free();
const amount: Money = parseMoney("１０，０００円");
const typed: CardDetection = detectCard("3528");
const expiry: CardExpiry = parseCardExpiry("12/28");
const qr: MerchantQr = parseMerchantQr("000201");
const wallet = new Wallet();

export function code(e: unknown): string | null {
  if (isSaifuError(e)) {
    const err: SaifuError = e;
    return err.code;
  }
  return null;
}

export const used = [masked, amount.minor, typed.brand, expiry.year, qr.merchantName, wallet, NoWallet];
