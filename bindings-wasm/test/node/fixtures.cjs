// Shared by the node tests: the seed-003 wallet (two programs, a small and a
// large merchant, an opening balance and a purchase of 1 unit); for the tests, the coded-error
// assertion and every view of an object that must not show a secret.
"use strict";

const assert = require("node:assert/strict");
const util = require("node:util");

const saifu = require("../../pkg-node/saifu_wasm.js");

const t = (s) => new Date(s);

/** Adds the seed-003 programs, merchants, opening lot and purchase to `wallet`. */
function seedWallet(wallet) {
  wallet.addProgram({ id: "oyama", name: "小山市共通商品券", paymentIdPrefix: "OEM2023030001" });
  wallet.addProgram({ id: "tennozu", name: "天王洲キャッシュ", paymentIdPrefix: "OEM2020000101" });
  wallet.addMerchant({
    id: "riverside",
    name: "天王洲飯店 リバーサイド店",
    size: "small",
    programs: ["oyama", "tennozu"],
    jpqrId: "0000000000001",
  });
  wallet.addMerchant({
    id: "mall",
    name: "おやまショッピングモール",
    size: "large",
    programs: ["oyama"],
    jpqrId: "0000000000002",
  });
  wallet.openLot({
    id: "T1",
    code: "N7af3c1d7AV9b2e4",
    managementNo: "d012104262000001",
    program: "tennozu",
    scope: "allStores",
    registeredAt: t("2021-04-27T20:09:26+09:00"),
    expiresOn: null,
    faceValue: 10_000,
    balance: 10_000,
  });
  const bought = t("2026-04-01T10:00:00+09:00");
  const unit = (id, code, scope, value) => ({
    id,
    code,
    managementNo: `d0230401${code.slice(0, 8)}`,
    program: "oyama",
    scope,
    registeredAt: bought,
    expiresOn: "2026-12-31",
    faceValue: value,
    balance: value,
  });
  wallet.charge("CH-20260401-1", "oyama", bought, [
    unit("A", "AAAA1111aaaa2222", "smallStoresOnly", 8_000),
    unit("B", "BBBB3333bbbb4444", "allStores", 5_000),
  ]);
  return wallet;
}

/** Asserts `fn` throws a SaifuError with `code` (`label` says where); returns it. */
function throwsCoded(fn, code, label) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  const where = label ? `${label}: ` : "";
  assert.ok(caught !== undefined, `${where}expected ${code}, nothing was thrown`);
  assert.ok(saifu.isSaifuError(caught), `${where}expected a SaifuError ${code}, got ${caught && caught.stack}`);
  assert.equal(caught.code, code, `${where}${caught.message}`);
  return caught;
}

/** What JSON, inspect and string conversion show, without the handle's pointer number. */
function everyView(object) {
  const views = [
    JSON.stringify(object),
    JSON.stringify({ object }),
    util.inspect(object),
    util.inspect(object, { showHidden: true, depth: 5, getters: true }),
    String(object),
    `${object}`,
    JSON.stringify(Object.entries(object)),
    JSON.stringify(structuredClone(object)),
  ];
  return views.map((v) => v.replace(/__wbg_ptr["']?:\s*\d+/g, "__wbg_ptr: N"));
}

module.exports = { t, seedWallet, throwsCoded, everyView };
