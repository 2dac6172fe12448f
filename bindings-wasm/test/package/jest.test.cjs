// Jest loads the package as it is (scripts/smoke/npm.sh runs this in a fresh project with
// the packed tarball installed): the node environment resolves the CommonJS entries.
const saifu = require("saifu");
const checkout = require("saifu/checkout");

test("saifu under Jest: a card, money, a coded error", () => {
  expect(saifu.parseCard("4242424242424242").masked()).toBe("****-****-****-4242");
  expect(saifu.formatMoney({ minor: 10000, currency: "JPY" }, "suffix")).toBe("10,000円");
  let code;
  try {
    new saifu.Wallet().pay("riverside", 500, new Date());
  } catch (e) {
    code = saifu.isSaifuError(e) ? e.code : "not a SaifuError";
  }
  expect(code).toBe("wallet.unknown_merchant");
});

test("saifu/checkout under Jest", () => {
  expect(checkout.detectCard("3528").brand).toBe("jcb");
  expect(checkout.Wallet).toBeUndefined();
  expect(() => checkout.parseCardExpiry("13/28")).toThrow(expect.objectContaining({ code: expect.stringMatching(/^card\./) }));
});
