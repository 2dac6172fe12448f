// A tour of saifu from Node: the same story as the web page (examples/web/story.mjs),
// through the CommonJS package. Build it first: scripts/build-bindings wasm
//
//   node examples/node/tour.cjs
"use strict";

const path = require("node:path");
const saifu = require("../../bindings-wasm/pkg-node/saifu_wasm.js");

async function main() {
  const { tour } = await import(path.join(__dirname, "..", "web", "story.mjs"));
  console.log(`saifu ${saifu.saifuVersion()} — a tour (Node ${process.version}, wasm)`);
  for (const { title, lines } of tour(saifu)) {
    console.log(`\n== ${title}`);
    for (const [label, value] of lines) console.log(`  ${label.padEnd(34)} ${value}`);
  }
  console.log("\ntour complete");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
