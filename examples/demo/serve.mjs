// Serves the demo on 127.0.0.1 with the npm package `saifu` under node_modules/saifu/,
// where index.html's import map looks for it (no bundler, no install step):
//
//   node examples/demo/serve.mjs [--port 8080] [--package DIR]
//
// DIR is the package: bindings-wasm/pkg-npm (assembled by `scripts/build-bindings wasm`,
// the default) or a directory `npm pack`'s tarball was unpacked into. The browser test
// (bindings-wasm/test/browser/demo.test.cjs) imports `serve` and gives it the packed one.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_PACKAGE = path.join(HERE, "..", "..", "bindings-wasm", "pkg-npm");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", // WebAssembly.instantiateStreaming refuses anything else
  ".json": "application/json",
};

/**
 * Starts the server on 127.0.0.1 (`port` 0: any free port). Resolves to
 * `{ server, url }`. Only files under the demo and the package are served.
 */
export function serve({ pkg = DEFAULT_PACKAGE, port = 0 } = {}) {
  const manifest = path.join(pkg, "package.json");
  if (!fs.existsSync(manifest) || JSON.parse(fs.readFileSync(manifest, "utf8")).name !== "saifu") {
    throw new Error(`${pkg} is not the saifu package: run scripts/build-bindings wasm first`);
  }
  const roots = [
    ["/node_modules/saifu/", path.resolve(pkg)],
    ["/", HERE],
  ];
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, "http://127.0.0.1");
    const [prefix, root] = roots.find(([p]) => pathname.startsWith(p));
    let file = path.join(root, decodeURIComponent(pathname.slice(prefix.length)));
    if (pathname.endsWith("/")) file = path.join(file, "index.html");
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await serve({ pkg: arg("--package", DEFAULT_PACKAGE), port: Number(arg("--port", 8080)) });
  console.log(`saifu demo: ${url} (Ctrl-C to stop)`);
}
