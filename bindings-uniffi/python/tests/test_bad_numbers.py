"""Issue 21 item 2, the part no conformance vector can carry: wrong types at every integer
parameter. Python lets a caller pass anything; the binding's integer parameters (i64) take
an int only, so a float (even 2.0), a str, None or bytes is a TypeError and an int beyond
i64 a ValueError, before core is called: no SaifuError, no InternalError (a Rust panic),
the object unchanged, and the module answers after. A float goes through
``money_from_f64`` / ``units_from_f64``, core's floating-point entries; the edge numbers
themselves are conformance/bad_numbers.json, which every language runs.

``bool`` is an ``int`` in Python (``True == 1``), so ``True`` is taken as 1 like any int.
"""

import pytest

import saifu
from fixtures import charges, seed_wallet, t

AT = t("2026-06-01T12:00:00+09:00")
WRONG = {
    "1.5": (1.5, TypeError),
    "2.0": (2.0, TypeError),
    "-0.0": (-0.0, TypeError),
    "nan": (float("nan"), TypeError),
    "inf": (float("inf"), TypeError),
    "'2'": ("2", TypeError),
    "None": (None, TypeError),
    "b'2'": (b"2", TypeError),
    "[2]": ([2], TypeError),
    "2**63": (2**63, ValueError),
    "-2**63 - 1": (-(2**63) - 1, ValueError),
}
KONBINI = saifu.ChargeMethod.KONBINI(chain=saifu.KonbiniChain.LAWSON)


def parameters():
    """(name, the call with v in it, the state the call must leave, a valid call and its answer)."""
    w = seed_wallet()
    paid = w.pay("riverside", 100, AT).payment_id
    c = charges()
    c.register_purchase_code("CODE1234", "oyama", 2)
    slip = [saifu.SlipNumber(field=saifu.PaymentField.INSTITUTION_NUMBER, number="12345"),
            saifu.SlipNumber(field=saifu.PaymentField.CUSTOMER_NUMBER, number="1234"),
            saifu.SlipNumber(field=saifu.PaymentField.CONFIRMATION_NUMBER, number="123")]
    fmt = lambda minor: saifu.format_money(saifu.Money(minor=minor, currency="JPY"), saifu.MoneyStyle.SYMBOL)  # noqa: E731
    quote = lambda: c.quote("oyama", 2, None).total  # noqa: E731
    return [
        ("Money.minor", fmt, None, lambda: fmt(2) == "¥2"),
        ("Wallet.pay amount", lambda v: w.pay("riverside", v, AT), w.to_json,
         lambda: w.quote("riverside", 2, AT).available > 0),
        ("Wallet.quote amount", lambda v: w.quote("riverside", v, AT), w.to_json,
         lambda: w.quote("riverside", 2, AT).available > 0),
        ("Wallet.refund amount", lambda v: w.refund(paid, v, AT), w.to_json,
         lambda: w.quote("riverside", 2, AT).available > 0),
        ("Charges.start amount", lambda v: c.start("c-bad", "minato", KONBINI, saifu.ChargeOrder.AMOUNT(yen=v), AT),
         c.to_json, lambda: quote() == 20_000),
        ("Charges.start units", lambda v: c.start("c-bad", "oyama", KONBINI, saifu.ChargeOrder.UNITS(units=v), AT),
         c.to_json, lambda: quote() == 20_000),
        ("Charges.register_purchase_code units", lambda v: c.register_purchase_code("CODE5678", "oyama", v),
         c.to_json, lambda: quote() == 20_000),
        ("Charges.start_purchase units", lambda v: c.start_purchase("p-bad", "oyama", "CODE1234", v, KONBINI, AT),
         c.to_json, lambda: quote() == 20_000),
        ("Charges.quote units", lambda v: c.quote("oyama", v, None), c.to_json, lambda: quote() == 20_000),
        ("PaymentSlip amount", lambda v: saifu.PaymentSlip(saifu.SlipKind.PAY_EASY(), slip, AT, v), None,
         lambda: saifu.PaymentSlip(saifu.SlipKind.PAY_EASY(), slip, AT, 2).amount() == 2),
    ]


@pytest.mark.parametrize("name,call,state,valid", parameters(), ids=lambda p: p if isinstance(p, str) else "")
def test_wrong_types_are_refused_before_core(name, call, state, valid):
    for label, (value, error) in WRONG.items():
        before = state() if state else None
        with pytest.raises(error) as raised:
            call(value)
        assert not isinstance(raised.value, (saifu.SaifuError, saifu.InternalError)), f"{name} {label}"
        if state:
            assert state() == before, f"{name} {label}: the object changed"
        assert valid(), f"{name} {label}: no valid answer after"


def test_a_float_goes_through_cores_floating_point_entries():
    assert saifu.money_from_f64(9_007_199_254_740_991.0, "JPY").minor == 9_007_199_254_740_991
    assert saifu.money_from_f64(-0.0).minor == 0
    assert saifu.units_from_f64(2.0) == 2
    for value, code in [(1.5, "money.fraction_not_allowed"), (float("nan"), "money.invalid"),
                        (float("-inf"), "money.invalid"), (9_007_199_254_740_992.0, "money.out_of_range")]:
        with pytest.raises(saifu.SaifuError) as raised:
            saifu.money_from_f64(value, "JPY")
        assert raised.value.code == code
    with pytest.raises(saifu.SaifuError) as raised:
        saifu.money_from_f64(1.0, "XXX")
    assert raised.value.code == "money.unknown_currency"
    for value in (1.5, -1.0, float("nan"), float("inf"), 4_294_967_296.0):
        with pytest.raises(saifu.SaifuError) as raised:
            saifu.units_from_f64(value)
        assert raised.value.code == "charge.invalid_units"
    for wrong in ("2", None, b"2"):
        with pytest.raises(TypeError):
            saifu.money_from_f64(wrong, "JPY")
        with pytest.raises(TypeError):
            saifu.units_from_f64(wrong)
