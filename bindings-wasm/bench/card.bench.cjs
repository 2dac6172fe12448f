// Peers side by side, over the same inputs, in one run: npm card-validator's `number()`
// (pure JavaScript) against saifu's `detectCard` (brand while typing, potentially valid,
// complete) and `parseCard` (full validation into a CardNumber kept in wasm memory).
// Measured, not asserted: `scripts/bench-js` (or `npm run bench` in bindings-wasm).
"use strict";

const valid = require("card-validator");
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
  ["card-validator number(), complete", perCall((x) => valid.number(x).isValid, FULL)],
  ["saifu detectCard(), complete", perCall((x) => saifu.detectCard(x).complete, FULL)],
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
];

console.log(`node ${process.version}, card-validator ${require("card-validator/package.json").version}, saifu ${saifu.saifuVersion()} (wasm)`);
console.log(`${TYPING.length} typing inputs, ${FULL.length} complete numbers; at least ${MIN_MS} ms each\n`);
for (const [name, ns] of rows) console.log(`  ${name.padEnd(40)} ${fmt(ns).padStart(10)} per call`);
const ratio = (a, b) => (rows[a][1] / rows[b][1]).toFixed(1);
console.log(`\n  typing:   card-validator / detectCard = ${ratio(0, 1)}x`);
console.log(`  complete: card-validator / detectCard = ${ratio(2, 3)}x`);
console.log(`  complete: card-validator / parseCard  = ${ratio(2, 4)}x`);
if (sink === 42) console.log(""); // keep the results alive
