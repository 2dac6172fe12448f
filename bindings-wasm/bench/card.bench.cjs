// Peers side by side, over the same inputs, in one run: npm card-validator's `number()`
// and credit-card-type (pure JavaScript) against saifu's `detectCard` (brand while typing,
// potentially valid, complete) and `parseCard` (full validation into a CardNumber kept in
// wasm memory), beside a plain JavaScript Luhn loop (the floor of a boolean check).
// Measured, not asserted: `scripts/bench-js` (or `npm run bench` in bindings-wasm);
// BENCH_JSON=file also writes the figures and the peers' different answers there
// (scripts/bench turns them into BENCHMARKS.md).
"use strict";

const valid = require("card-validator");
const creditCardType = require("credit-card-type");
const saifu = require("../pkg-node/saifu_wasm.js");

// Typed-so-far prefixes and complete numbers of every brand, with and without spaces.
const FULL = [
  "4242424242424242", "4242 4242 4242 4242", "5555555555554444", "2223003122003222",
  "378282246310005", "3782 822463 10005", "3566002020360505", "6011111111111117",
  "30569309025904", "6200000000000005", "4000056655665556", "5105 1051 0510 5100",
];
const TYPING = FULL.flatMap((n) => [n.slice(0, 1), n.slice(0, 4), n.slice(0, 8), n.slice(0, -1), n]);
const MIN_MS = Number(process.env.BENCH_MS || 400);

let sink = 0;

/** Nanoseconds per call of `fn` over `inputs`, after a warm-up, for at least MIN_MS. */
function perCall(fn, inputs) {
  for (let i = 0; i < 2000; i++) sink ^= fn(inputs[i % inputs.length]) ? 1 : 0;
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    for (const x of inputs) sink ^= fn(x) ? 1 : 0;
    calls += inputs.length;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < BigInt(MIN_MS) * 1_000_000n);
  return Number(elapsed) / calls;
}

/** The floor: digits only, 12 to 19 of them, Luhn. No brand. */
function plainLuhn(x) {
  if (x.length < 12 || x.length > 19) return false;
  let sum = 0;
  for (let i = x.length - 1, odd = false; i >= 0; i--, odd = !odd) {
    const d = x.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += odd ? (d > 4 ? 2 * d - 9 : 2 * d) : d;
  }
  return sum % 10 === 0;
}
const DIGITS = FULL.map((n) => n.replaceAll(" ", ""));

const fmt = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);

// The same answers first: both say the same about every complete number.
for (const n of FULL) {
  const theirs = valid.number(n);
  const ours = saifu.detectCard(n);
  if (theirs.isValid !== ours.complete) throw new Error(`disagree on ${n}: ${theirs.isValid} vs ${ours.complete}`);
}

const rows = [
  ["card-validator number(), typing", perCall((x) => valid.number(x).isPotentiallyValid, TYPING)],
  ["saifu detectCard(), typing", perCall((x) => saifu.detectCard(x).potentiallyValid, TYPING)],
  ["credit-card-type creditCardType(), typing", perCall((x) => creditCardType(x).length > 0, TYPING)],
  ["card-validator number(), complete", perCall((x) => valid.number(x).isValid, FULL)],
  ["saifu detectCard(), complete", perCall((x) => saifu.detectCard(x).complete, FULL)],
  ["saifu checkCard(), complete", perCall((x) => saifu.checkCard(x) !== null, FULL)],
  ["plain JS Luhn loop, digits only (floor)", perCall(plainLuhn, DIGITS)],
  [
    "saifu parseCard() + last4() + free()",
    perCall((x) => {
      const card = saifu.parseCard(x);
      const ok = card.last4().length === 4;
      card.free();
      return ok;
    }, FULL),
  ],
  // What the boundary costs by itself: a bare call, and detectCard's string in + object
  // out with next to no work inside.
  ["saifu bare call: isSaifuError(null)", perCall(() => saifu.isSaifuError(null), FULL)],
  ["saifu detectCard(\"\"): the crossing", perCall(() => saifu.detectCard("").potentiallyValid, FULL)],
  // The calls the native, Python and Kotlin boundary benches make, on the same card.
  ["saifu detectCard(card)", perCall((x) => saifu.detectCard(x).complete, ["4242 4242 4242 4242"])],
  [
    "saifu parseCard(card).last4() + free()",
    perCall((x) => {
      const card = saifu.parseCard(x);
      const ok = card.last4().length === 4;
      card.free();
      return ok;
    }, ["4242 4242 4242 4242"]),
  ],
];

console.log(`node ${process.version}, card-validator ${require("card-validator/package.json").version}, saifu ${saifu.saifuVersion()} (wasm)`);
console.log(`${TYPING.length} typing inputs, ${FULL.length} complete numbers; at least ${MIN_MS} ms each\n`);
for (const [name, ns] of rows) console.log(`  ${name.padEnd(40)} ${fmt(ns).padStart(10)} per call`);
const ratio = (a, b) => (rows[a][1] / rows[b][1]).toFixed(1);
console.log(`\n  typing:   card-validator / detectCard = ${ratio(0, 1)}x`);
console.log(`  typing:   credit-card-type / detectCard = ${ratio(2, 1)}x`);
console.log(`  complete: card-validator / detectCard = ${ratio(3, 4)}x`);
console.log(`  complete: card-validator / checkCard  = ${ratio(3, 5)}x`);
console.log(`  complete: card-validator / parseCard  = ${ratio(3, 7)}x`);

// Where the peers answer differently from saifu, on numbers chosen to find out.
const PROBES = [
  "6212345678901234", "6200000000000006", "4242 4242 4242 4242", "4242-4242-4242-4242",
  "４２４２４２４２４２４２４２４２", "4242x4242y4242z4242", "6759649826438453", "5019717010103742",
  "8171999927660000", "2131000000000008", "4111111111111", "4222222222222",
  "3530111333300000", "1800000000000002", "4242424242424242424",
];
const differences = [];
for (const x of PROBES) {
  const ours = saifu.detectCard(x);
  const theirs = valid.number(x);
  if (theirs.isValid !== ours.complete) {
    differences.push({ peer: `card-validator ${require("card-validator/package.json").version}`, input: x,
      peer_says: theirs.isValid ? `valid (${theirs.card && theirs.card.type})` : "not valid",
      saifu_says: ours.complete ? `valid (${ours.brand})` : "not valid" });
  }
}
for (const x of new Set(TYPING.concat(["62", "81", "2131", "1800", "5019", "6759", "3095"]))) {
  const ours = saifu.detectCard(x).brand || null;
  const types = creditCardType(x).map((t) => t.type);
  const theirs = types.length === 1 ? types[0] : null;
  const norm = (b) => (b || "").toLowerCase().replace(/[^a-z]/g, "");
  const same = norm(ours) === norm(theirs) ||
    (norm(ours) === "amex" && theirs === "american-express") ||
    (norm(ours) === "diners" && theirs === "diners-club");
  if (!same) {
    differences.push({ peer: `credit-card-type ${require("credit-card-type/package.json").version}`, input: x,
      peer_says: types.length ? types.join(", ") : "no brand", saifu_says: ours || "no brand yet" });
  }
}
console.log(`\n  ${differences.length} different answers on ${PROBES.length} probes and the typing prefixes`);
for (const d of differences) console.log(`    ${d.peer} on ${JSON.stringify(d.input)}: ${d.peer_says}; saifu: ${d.saifu_says}`);
if (process.env.BENCH_JSON) {
  require("fs").writeFileSync(process.env.BENCH_JSON, JSON.stringify({
    node: process.version,
    card_validator: require("card-validator/package.json").version,
    credit_card_type: require("credit-card-type/package.json").version,
    rows: rows.map(([name, ns]) => ({ name, ns })),
    differences,
  }, null, 1));
}
if (sink === 42) console.log(""); // keep the results alive
