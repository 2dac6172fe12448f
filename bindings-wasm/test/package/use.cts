// The same from CommonJS (`import … = require`), type-checked with use.mts. Never run.
import saifu = require("saifu");
import checkout = require("saifu/checkout");

const card: saifu.CardNumber = saifu.parseCard("4242424242424242");
const brand: saifu.Brand | null = checkout.detectCard("4242").brand;
const money: saifu.Money = checkout.parseMoney("¥500");

export function message(e: unknown): string {
  return saifu.isSaifuError(e) ? e.messageJa : String(e);
}

export const used = [card.last4, brand, money.currency];
