"""Generates conformance/bad_numbers.json: numbers at the edges at every kind of number
input of the API (an amount as `Money`, a wallet payment and refund, a charge amount, a
payment slip's amount, a count of units to start, quote, register a code and buy with it), as conformance/README.md "Bad numbers" describes (issue 21 item 2).

JSON cannot write NaN, ±Infinity or -0, so a value is either a JSON number or
{"number": "NaN" | "Infinity" | "-Infinity" | "-0"}. A runner gives a JSON integer that
fits an i64 to its language's integer entry and every other value (a fraction, an
exponent, the four specials) to its floating-point entry; JavaScript has only the one
(every number is an f64).

Each bad value is one case: a function case (followed, once per function, by a valid
call), or a scenario whose bad step (after the steps it needs, a payment to refund) is
followed by a valid call on the same state. The expectations of the bad steps are core's answers, read from
a probe run of the Rust runner (each first expects the error `__probe__`, and the
runner's failure line says what core answered); they were then reviewed by hand against
DESIGN §3 and docs/errors.md. The valid steps' expectations are written here.
Usage: python3 conformance/generate/bad_numbers.py (rewrites the file)."""
import json, os, subprocess, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAME = "bad_numbers.json"

MAX = 2**53 - 1
VALUES = [
    ("2^53 − 1", MAX),
    ("−(2^53 − 1)", -MAX),
    ("2^53", MAX + 1),
    ("−2^53", -(MAX + 1)),
    ("2^53 + 1", MAX + 2),
    ("−(2^53 + 1)", -(MAX + 2)),
    ("i64 maximum", 2**63 - 1),
    ("2^32 − 1", 2**32 - 1),
    ("2^32", 2**32),
    ("1.5", 1.5),
    ("−1.5", -1.5),
    ("1e300", 1e300),
    ("−0", {"number": "-0"}),
    ("NaN", {"number": "NaN"}),
    ("Infinity", {"number": "Infinity"}),
    ("−Infinity", {"number": "-Infinity"}),
]

AT = "2026-04-01T10:00:00+09:00"
LATER = "2026-04-01T10:00:10+09:00"
PROGRAM = {"id": "oyama", "name": "共通商品券", "payment_id_prefix": "OEM2023030001"}
WALLET = {
    "programs": [PROGRAM],
    "merchants": [{"id": "shop", "name": "大山商店", "size": "small", "programs": ["oyama"]}],
    "lots": [{"id": "L1", "code": "N7af3c1d7AV9b2e4", "management_no": "d012104262000001",
              "program": "oyama", "scope": "all_stores", "registered_at": "2026-03-01T10:00:00+09:00",
              "expires_on": None, "balance": 10000}],
}
PLAIN = {"programs": [dict(PROGRAM, accepted_brands=["visa"])]}
PRODUCT = {"programs": [dict(PROGRAM, accepted_brands=["visa"], product={
    "unit_price": 10000, "max_units": 4, "breakdown": [{"scope": "all_stores", "value": 10500}]})]}
KONBINI = {"method": "konbini", "chain": "lawson", "program": "oyama"}

PAID = {"op": "pay", "at": AT, "args": {"merchant": "shop", "amount": 1000},
        "expect": {"allocations": [{"lot": "L1", "amount": 1000}]}}
PAYMENT_ID = "OEM202303000120260401000000000001"
CARD = {"method": "card", "brand": "visa", "program": "oyama"}
CODES = dict(PRODUCT, purchase_codes=[{"code": "CODE1234", "program": "oyama", "units": 4}])
SLIP = {"kind": "payeasy", "lang": "ja", "deadline": "2026-11-26T00:00:00+09:00",
        "numbers": [{"field": "institution_number", "number": "12345"},
                    {"field": "customer_number", "number": "1234"},
                    {"field": "confirmation_number", "number": "123"}]}

# (label, kind, the bad step or input, the valid step or input, its expectation[, the
# steps before the bad one])
INPUTS = [
    ("money.format minor", "fn:money.format",
     lambda v: {"minor": v, "currency": "JPY", "style": "symbol"},
     {"minor": 10000, "currency": "JPY", "style": "symbol"}, {"ok": {"text": "¥10,000"}}),
    ("wallet pay amount", "scenario:wallet",
     lambda v: {"op": "pay", "at": AT, "args": {"merchant": "shop", "amount": v}},
     {"op": "pay", "at": LATER, "args": {"merchant": "shop", "amount": 100}},
     {"allocations": [{"lot": "L1", "amount": 100}], "balance_after": 9900}),
    ("charge start amount", "scenario:charge",
     lambda v: {"op": "start", "at": AT, "args": dict(KONBINI, id="c1", amount=v)},
     {"op": "start", "at": LATER, "args": dict(KONBINI, id="c2", amount=3000)},
     {"state": "draft", "amount": 3000}),
    ("charge start units", "scenario:charge units",
     lambda v: {"op": "start", "at": AT, "args": {"id": "c1", "method": "card", "brand": "visa", "program": "oyama", "units": v}},
     {"op": "start", "at": LATER, "args": {"id": "c2", "method": "card", "brand": "visa", "program": "oyama", "units": 2}},
     {"state": "draft", "amount": 20000}),
    ("wallet refund amount", "scenario:wallet",
     lambda v: {"op": "refund", "at": LATER, "args": {"payment_id": PAYMENT_ID, "amount": v}},
     {"op": "refund", "at": LATER, "args": {"payment_id": PAYMENT_ID, "amount": 100}},
     {"restored": [{"lot": "L1", "amount": 100}], "refundable": 900}, [PAID]),
    ("charge quote units", "scenario:charge units",
     lambda v: {"op": "quote", "at": AT, "args": {"program": "oyama", "units": v}},
     {"op": "quote", "at": LATER, "args": {"program": "oyama", "units": 2}},
     {"total": 20000, "lines": [{"scope": "all_stores", "value": 21000}]}),
    ("purchase code units", "scenario:charge units",
     lambda v: {"op": "register_code", "at": AT, "args": {"code": "CODE1234", "program": "oyama", "units": v}},
     {"op": "register_code", "at": LATER, "args": {"code": "CODE5678", "program": "oyama", "units": 2}},
     {"code": "CODE5678"}),
    ("purchase start units", "scenario:charge codes",
     lambda v: {"op": "start_purchase", "at": AT, "args": dict(CARD, id="c1", code="CODE1234", units=v)},
     {"op": "start_purchase", "at": LATER, "args": dict(CARD, id="c2", code="CODE1234", units=2)},
     {"state": "draft", "amount": 20000}),
    ("payment.slip amount", "fn:payment.slip",
     lambda v: dict(SLIP, amount=v),
     dict(SLIP, amount=3000), {"ok": {"instructions": {"amount": {"value": "3,000円"}}}}),
]


def build(answers):
    cases = []
    for label, kind, make, valid, valid_expect, *before in INPUTS:
        for vlabel, v in VALUES:
            name = f"{label}: {vlabel}"
            expect = answers.get(name, {"error": "__probe__"})
            if kind.startswith("fn:"):
                cases.append({"name": name, "fn": kind[3:], "input": make(v), "expect": expect})
                continue
            scenario = kind.split(":")[1]
            setup = {"wallet": WALLET, "charge": PLAIN, "charge units": PRODUCT, "charge codes": CODES}[scenario]
            bad = dict(make(v), expect=expect)
            good = dict(valid, expect=valid_expect)
            steps = (before[0] if before else []) + [bad, good]
            cases.append({"name": name, "scenario": scenario.split()[0], "setup": setup, "steps": steps})
        if kind.startswith("fn:"):
            cases.append({"name": f"{label}: a valid call after the bad numbers", "fn": kind[3:],
                          "input": valid, "expect": valid_expect})
    return {"suite": "Bad numbers: amounts and counts at the edges (±(2^53 − 1), ±2^53 and one past, "
                     "2^32, fractions, -0, NaN, ±Infinity) at every kind of number input; each answer is "
                     "a documented error code or the value, the same in every language, and the module "
                     "answers a valid call after (issue 21 item 2)", "cases": cases}


def write(doc):
    out = os.path.join(ROOT, "conformance", NAME)
    with open(out, "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


write(build({}))
r = subprocess.run(["cargo", "test", "-q", "-p", "saifu", "--test", "conformance"], cwd=ROOT,
                   capture_output=True, text=True)
answers = {}
pattern = re.compile(r"FAIL " + re.escape(NAME) + r": (.*?): (?:step \d \(\"\w+\"\): )?expected error \"__probe__\", got (.*)$")
for line in r.stdout.splitlines():
    m = pattern.match(line)
    if not m:
        if line.startswith("FAIL " + NAME):
            sys.exit(f"unexpected failure: {line}")
        continue
    name, got = m.group(1), m.group(2)
    if got.startswith("{"):
        got = json.loads(got)
        if name.startswith("payment.slip"):  # the amount as the slip shows it, not the whole slip
            got = {"instructions": {"amount": got["instructions"]["amount"]}}
        answers[name] = {"ok": got} if name.startswith(("money.format", "payment.slip")) else got
    else:
        answers[name] = {"error": got}
print(len(answers), "answers", file=sys.stderr)
write(build(answers))
