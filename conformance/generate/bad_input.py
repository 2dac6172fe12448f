"""Generates conformance/bad_input.json: hostile text at every text input of the
language-neutral functions. The expectations are core's answers, read from a probe run
of the Rust runner (each case first expects the error `__probe__`, and the runner's
failure line says what core answered); they were then reviewed by hand against
DESIGN §2 and docs/errors.md, and Kotlin, Python and Node must give the same.
Usage: python3 conformance/generate/bad_input.py (rewrites the file)."""
import json, os, subprocess, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BIG = 65536
HOSTILE = [
    ("empty", ""),
    ("blank", "   "),
    ("ideographic spaces", "\u3000\u3000"),
    ("NUL alone", "\u0000"),
    ("NUL inside", "4242\u00004242"),
    ("emoji", "💳💳"),
    ("RTL override", "\u202e4242424242424242"),
    ("combining mark", "4\u0301242424242424242"),
    ("full-width digits", "４２４２４２４２４２４２４２４２"),
    ("mixed width", "4242４２４２4242４２４２"),
    ("zero-width space", "4242\u200b4242\u200b4242\u200b4242"),
    ("64 KiB of digits", "4" * BIG),
    ("64 KiB of letters", "A" * BIG),
    ("a line feed", "4242\n4242"),
    ("JSON-like", "{\"a\":1}"),
    ("negative", "-1"),
    ("2^53", "9007199254740992"),
]
NOW = "2026-11-23T10:00:00+09:00"
FNS = [
    ("card.parse", lambda s: {"number": s}),
    ("card.detect", lambda s: {"partial": s}),
    ("card.cvc", lambda s: {"cvc": s, "brand": "visa"}),
    ("card.expiry", lambda s: {"text": s, "now": NOW}),
    ("money.parse", lambda s: {"text": s}),
    ("password.check", lambda s: {"password": s}),
    ("phone.check_last4", lambda s: {"registered": "090-1234-5678", "entered": s}),
    ("phone.check_last4", lambda s: {"registered": s, "entered": "5678"}),
    ("purchase.normalize_code", lambda s: {"code": s}),
    ("smartpit.parse", lambda s: {"number": s}),
    ("voucher.mask_code", lambda s: {"code": s}),
    ("jcoin.credentials", lambda s: {"id": s, "password": "pw", "code": "482913"}),
    ("jcoin.credentials", lambda s: {"id": "jcoin012345", "password": s, "code": "482913"}),
    ("jcoin.credentials", lambda s: {"id": "jcoin012345", "password": "pw", "code": s}),
    ("payment.number", lambda s: {"kind": "seven_eleven", "field": "payment_slip_number", "number": s}),
    ("emvqr.parse", lambda s: {"payload": s}),
]
# A valid call after each function's hostile ones: the module still answers.
VALID = {
    "card.parse": {"number": "4242 4242 4242 4242"},
    "card.detect": {"partial": "4"},
    "card.cvc": {"cvc": "123", "brand": "visa"},
    "card.expiry": {"text": "12/28", "now": NOW},
    "money.parse": {"text": "10000"},
    "password.check": {"password": "abc12345"},
    "phone.check_last4": {"registered": "090-1234-5678", "entered": "5678"},
    "purchase.normalize_code": {"code": "ABCD1234"},
    "smartpit.parse": {"number": "1234567890123"},
    "voucher.mask_code": {"code": "N7af3c1d7AV9b2e4"},
    "jcoin.credentials": {"id": "jcoin012345", "password": "pw", "code": "482913"},
    "payment.number": {"kind": "seven_eleven", "field": "payment_slip_number", "number": "1234567890123"},
    "emvqr.parse": None,
}

def field_of(inp, s):
    return next(k for k, v in inp.items() if v == s and k not in ("brand", "kind", "field", "now"))

def build(answers):
    cases = []
    for fn, make in FNS:
        probe = make("\x01probe\x01")
        field = field_of(probe, "\x01probe\x01")
        for label, s in HOSTILE:
            name = f"{fn} {field}: {label}"
            expect = answers.get(name, {"error": "__probe__"})
            cases.append({"name": name, "fn": fn, "input": make(s), "expect": expect})
        if VALID.get(fn) is not None:
            name = f"{fn}: a valid call after the hostile ones ({field})"
            cases.append({"name": name, "fn": fn, "input": VALID[fn], "expect": answers.get(name, {"error": "__probe__"})})
    return {"suite": "Bad input: hostile text at every text input of the language-neutral functions; each answer is a documented error code or the value, the same in every language, and the module answers a valid call after (issue 21 item 2)", "cases": cases}

out = os.path.join(ROOT, "conformance", "bad_input.json")
json.dump(build({}), open(out, "w"), ensure_ascii=False, indent=1)
r = subprocess.run(["cargo", "test", "-q", "-p", "saifu", "--test", "conformance"], cwd=ROOT, capture_output=True, text=True)
answers = {}
for line in r.stdout.splitlines() + r.stderr.splitlines():
    m = re.match(r"FAIL bad_input\.json: (.*?): (expected error \"__probe__\", got (.*)|unexpected error .*)$", line)
    if not m: continue
    name, got = m.group(1), m.group(3)
    if got is None: continue
    if got.startswith("{") or got.startswith("["):
        v = json.loads(got)
        answers[name] = v if isinstance(v, dict) else {"value": v}
    else:
        answers[name] = {"value": json.loads(got)} if got[:1] in '"0123456789tfn-' else {"error": got}
# Errors: the probe compared an error code with __probe__.
for line in r.stdout.splitlines() + r.stderr.splitlines():
    m = re.match(r"FAIL bad_input\.json: (.*?): expected error \"__probe__\", got (\S+)$", line)
    if m and m.group(1) not in answers: answers[m.group(1)] = {"error": m.group(2)}
print(len(answers), "answers", file=sys.stderr)
json.dump(build(answers), open(out, "w"), ensure_ascii=False, indent=1)
open(out, "a").write("\n")
