"""Errors cross typed: each arrives as its own ``saifu.SaifuError`` subclass with its
fields; ``code`` (a property) and ``message_in(lang)`` work."""

import datetime
import pathlib
import re

import pytest

import saifu
from fixtures import MINATO, OYAMA, charges, lot, seed_wallet, t

E = saifu.SaifuError
AT = t("2026-06-01T12:00:00+09:00")


def raises(kind, call):
    with pytest.raises(kind) as info:
        call()
    e = info.value
    assert isinstance(e, saifu.SaifuError)
    assert e.message_in(saifu.Lang.EN) and e.message_in(saifu.Lang.JA)
    return e


def test_money_card_and_format_errors():
    raises(E.MoneyEmpty, lambda: saifu.parse_money(" "))
    raises(E.MoneyInvalid, lambda: saifu.parse_money("1,0000"))
    raises(E.MoneyNegative, lambda: saifu.parse_money("-5"))
    assert raises(E.MoneyFractionNotAllowed, lambda: saifu.parse_money("1.5")).currency == "JPY"
    raises(E.MoneyOutOfRange, lambda: saifu.parse_money("9007199254740992"))
    e = raises(E.MoneyCurrencyMismatch, lambda: saifu.format_money(saifu.Money(minor=1, currency="USD"), saifu.MoneyStyle.SUFFIX))
    assert (e.expected, e.found) == ("JPY", "USD")
    assert raises(E.MoneyUnknownCurrency, lambda: saifu.parse_money("1", "XYZ")).currency_code == "XYZ"
    raises(E.CardEmpty, lambda: saifu.parse_card(""))
    assert raises(E.CardInvalidCharacter, lambda: saifu.parse_card("4242x42424242424")).position == 4
    raises(E.CardUnknownBrand, lambda: saifu.parse_card("9999999999999995"))
    assert raises(E.CardInvalidLength, lambda: saifu.parse_card("424242424242")).length == 12
    raises(E.CardLuhnMismatch, lambda: saifu.parse_card("4242424242424241"))
    raises(E.CardInvalidExpiry, lambda: saifu.parse_card_expiry("13/26"))
    assert raises(E.CardInvalidCvc, lambda: saifu.parse_security_code("123", saifu.Brand.AMEX)).brand == saifu.Brand.AMEX
    raises(E.VoucherInvalidCode, lambda: saifu.mask_voucher_code("short"))
    raises(E.SmartPitInvalidNumber, lambda: saifu.parse_smart_pit("123"))
    assert raises(E.EmvQrMalformed, lambda: saifu.parse_merchant_qr("000201")).position == 0
    qr = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    payload = saifu.build_merchant_qr(qr)
    assert raises(E.EmvQrCrcMismatch, lambda: saifu.parse_merchant_qr(payload.replace("HANTEN", "HANTEM"))).found == payload[-4:]
    qr.merchant_name = ""
    assert raises(E.EmvQrInvalidField, lambda: saifu.build_merchant_qr(qr)).tag == "59"
    qr.accounts = []
    assert raises(E.EmvQrMissingField, lambda: saifu.build_merchant_qr(qr)).tag == "02-51"
    assert raises(E.PasswordInvalidCharacter, lambda: saifu.check_password("abc 12345")).position == 3
    assert raises(E.PasswordTooShort, lambda: saifu.check_password("abc1234")).min_length == 8
    raises(E.PasswordMissingLetter, lambda: saifu.check_password("12345678"))
    raises(E.PasswordMissingDigit, lambda: saifu.check_password("abcdefgh"))


def test_wallet_errors():
    w = seed_wallet()
    e = raises(E.WalletInsufficientBalance, lambda: w.pay("mall", 20_000, AT))
    assert e.available == 10_000
    assert e.code == "wallet.insufficient_balance"
    assert isinstance(type(e).code, property), "code is a property, as the fields are"
    assert e.message_in(saifu.Lang.EN) == "Not enough balance: ¥10,000 available."
    assert e.message_in(saifu.Lang.JA) == "残高が不足しています（ご利用可能額 10,000円）。"
    raises(E.WalletInvalidAmount, lambda: w.pay("riverside", 0, AT))
    assert raises(E.WalletUnknownMerchant, lambda: w.pay("nowhere", 1, AT)).merchant == "nowhere"
    assert raises(E.WalletUnknownPayment, lambda: w.refund("X1", 1, AT)).payment == "X1"
    paid = w.pay("riverside", 100, AT)
    assert raises(E.WalletRefundExceedsPayment, lambda: w.refund(paid.payment_id, 101, AT)).refundable == 100
    w.refund(paid.payment_id, 1, AT)
    assert raises(E.WalletDuplicateRefundId, lambda: w.refund(paid.payment_id, 1, AT)).refund_id == (
        paid.payment_id + "-20260601120000000")
    assert raises(E.WalletRefundLotExpired, lambda: w.refund(paid.payment_id, 1, t("2027-01-01T00:00:00+09:00"))).lot == "L2"
    assert raises(E.WalletDuplicateId, lambda: w.add_program(
        saifu.Program(id="tennozu", name="x", payment_id_prefix="X"))).id == "tennozu"
    assert raises(E.WalletUnknownProgram, lambda: w.open_lot(
        lot("L3", "BBBB2222bbbb3333", saifu.Scope.ALL_STORES, 1, program="nope"))).program == "nope"
    assert raises(E.WalletInvalidLot, lambda: w.open_lot(lot("L3", "BBBB2222bbbb3333", saifu.Scope.ALL_STORES, 0))).lot == "L3"
    raises(E.WalletPaymentSerialExhausted, lambda: w.set_next_payment_serial(10**12))
    assert raises(E.TimeInvalid, lambda: w.open_lot(
        lot("L3", "BBBB2222bbbb3333", saifu.Scope.ALL_STORES, 1, "2026-02-30"))).given == "2026-02-30"


def test_qr_and_state_errors():
    raises(E.QrInvalidToken, lambda: saifu.CustomerQrPayment("", AT, datetime.timedelta(minutes=5)))
    flow = saifu.CustomerQrPayment("tok", AT, datetime.timedelta(minutes=5))
    raises(E.QrTokenMismatch, lambda: flow.merchant_request("other", "riverside", 100, AT))
    raises(E.QrTokenExpired, lambda: flow.merchant_request("tok", "riverside", 100, AT + datetime.timedelta(minutes=5)))
    flow.cancel()
    assert raises(E.QrIllegalTransition, flow.cancel).state == "cancelled"
    w = seed_wallet()
    fixed = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    fixed.amount = "500"
    merchant_flow = saifu.MerchantQrPayment.scan(w, saifu.build_merchant_qr(fixed))
    raises(E.QrAmountFixed, lambda: merchant_flow.enter_amount(100))

    assert raises(E.StateMalformed, lambda: saifu.Wallet.from_json("{")).detail
    saved = w.to_json()
    assert raises(E.StateUnsupportedVersion, lambda: saifu.Wallet.from_json(
        saved.replace('"version":1', '"version":9'))).version == 9
    w.set_event_log(True)
    w.add_merchant(saifu.Merchant(id="m2", name="M2", size=saifu.MerchantSize.LARGE, programs=[]))
    events = w.take_events_json()[1:-1]
    e = raises(E.StateInvalidEvent, lambda: saifu.Wallet.replay_json(f"[{events},{events}]"))
    assert (e.index, e.cause) == (1, "wallet.duplicate_id")


def test_every_variant_has_its_documented_code():
    # Built on the Python side: code crosses back to the core for each variant.
    docs = pathlib.Path(__file__).resolve().parents[3] / "docs" / "errors.md"
    documented = sorted(re.findall(r"^\| `([a-z0-9_.]+)` \|", docs.read_text(encoding="utf-8"), re.M))
    samples = {"currency": "JPY", "expected": "JPY", "found": "USD", "currency_code": "XYZ", "brand": saifu.Brand.AMEX,
               "available": 2_000, "refundable": 300, "version": 2, "index": 3, "until": AT, "remaining": 2,
               "latest": AT, "expired_at": AT, "creates": 2, "named": 1}
    variants = [v for v in vars(E).values() if isinstance(v, type) and issubclass(v, E)]
    built = []
    for variant in variants:
        names = variant.__init__.__code__.co_varnames[1:variant.__init__.__code__.co_argcount]
        built.append(variant(*[samples.get(n, 1 if n in ("position", "length", "min_length") else "x") for n in names]))
    assert sorted(e.code for e in built) == documented
    for e in built:
        assert e.message_in(saifu.Lang.JA)


def test_charge_errors():
    c = charges()
    visa = saifu.ChargeMethod.CARD(brand=saifu.Brand.VISA)
    amount = saifu.ChargeOrder.AMOUNT
    assert raises(E.ChargeDuplicateId, lambda: c.add_program(MINATO)).id == "minato"
    bad_product = saifu.Program(id="x", name="x", accepted_brands=[],
                                      product=saifu.Product(unit_price=0, max_units=1, breakdown=[],
                                                            methods=[saifu.ChargeMethodKind.CARD]))
    raises(E.ChargeInvalidUnits, lambda: c.add_program(bad_product))
    assert raises(E.ChargeUnknownProgram, lambda: c.start("c1", "nowhere", visa, amount(yen=1), AT)).program == "nowhere"
    raises(E.ChargeInvalidAmount, lambda: c.start("c1", "minato", visa, amount(yen=0), AT))
    raises(E.ChargeInvalidUnits, lambda: c.start("c1", "oyama", visa, saifu.ChargeOrder.UNITS(units=5), AT))
    raises(E.ChargeInvalidUnits, lambda: c.start("c1", "minato", visa, saifu.ChargeOrder.UNITS(units=1), AT))
    diners = raises(E.ChargeBrandNotAccepted, lambda: c.start(
        "c1", "minato", saifu.ChargeMethod.CARD(brand=saifu.Brand.DINERS), amount(yen=1), AT))
    assert diners.brand == saifu.Brand.DINERS
    assert diners.message_in(saifu.Lang.EN) == "Diners Club cards cannot be used here."
    c.start("c1", "minato", visa, amount(yen=3_000), AT)
    assert raises(E.ChargeDuplicateId, lambda: c.start("c1", "minato", visa, amount(yen=1), AT)).id == "c1"
    assert raises(E.ChargeUnknownCharge, lambda: c.confirm("c9", AT)).charge == "c9"
    assert raises(E.ChargeIllegalTransition, lambda: c.pay("c1", AT)).state == "draft"
    c.confirm("c1", AT)
    c.pay("c1", AT)
    assert raises(E.ChargeIllegalTransition, lambda: c.cancel("c1", AT)).state == "awaiting_three_ds"
    c.notify("c1", saifu.ChargeEvent.THREE_DS_NOT_ENROLLED, AT)
    assert raises(E.ChargeEnded, lambda: c.notify("c1", saifu.ChargeEvent.THREE_DS_SUCCEEDED, AT)).state == "failed"
    later = AT + datetime.timedelta(minutes=29, seconds=59)
    locked = raises(E.ChargeBlockedCardLockout, lambda: c.start("c2", "minato", saifu.ChargeMethod.PAY_EASY(), amount(yen=1), later))
    assert locked.until == t("2026-06-01T12:30:00+09:00")
    assert locked.message_in(saifu.Lang.EN) == (
        "A card without 3-D Secure was used: new charges are possible from 2026/06/01 12:30:00.")
    assert raises(E.ChargeBlockedCardLockout, lambda: c.can_start(later)).until == locked.until

    c = charges()
    c.start("k1", "minato", saifu.ChargeMethod.KONBINI(chain=saifu.KonbiniChain.LAWSON), amount(yen=5_000), AT)
    c.confirm("k1", AT)
    c.pay("k1", AT)
    pending = raises(E.ChargeBlockedPendingPayment, lambda: c.can_start(AT))
    assert pending.until == t("2026-06-04T00:00:00+09:00")
    assert pending.until.tzinfo is not None
    assert "2026/06/04 00:00:00" in pending.message_in(saifu.Lang.JA)
    assert raises(E.ChargeEnded, lambda: c.notify("k1", saifu.ChargeEvent.PAID, pending.until)).state == "expired"


def test_credential_errors():
    raises(E.PinInvalidFormat, lambda: saifu.Pin("123"))
    pin = saifu.Pin("1234")
    raises(E.PinInvalidFormat, lambda: pin.verify("12a4"))
    first = raises(E.PinMismatch, lambda: pin.verify("1111"))
    assert first.remaining == 2
    assert first.message_in(saifu.Lang.EN) == "Wrong PIN: 2 attempts left."
    pin.verify("1234")  # a success resets the count
    assert raises(E.PinMismatch, lambda: pin.verify("1111")).remaining == 2
    assert raises(E.PinMismatch, lambda: pin.verify("2222")).remaining == 1
    raises(E.PinLocked, lambda: pin.verify("9999"))
    raises(E.PinLocked, lambda: pin.verify("1234"))

    ten = datetime.timedelta(minutes=10)
    raises(E.OtpInvalidFormat, lambda: saifu.OneTimePassword("123", AT, ten, 3))
    otp = saifu.OneTimePassword("123456", AT, ten, 2)
    raises(E.OtpExpired, lambda: otp.verify("123456", AT - datetime.timedelta(milliseconds=1)))
    raises(E.OtpInvalidFormat, lambda: otp.verify("12345", AT))
    assert raises(E.OtpMismatch, lambda: otp.verify("654321", AT)).remaining == 1
    raises(E.OtpLocked, lambda: otp.verify("654321", AT))
    raises(E.OtpLocked, lambda: otp.verify("123456", AT))
    otp = saifu.OneTimePassword("0420", AT, ten, 3)
    otp.verify("0420", AT)
    raises(E.OtpUsed, lambda: otp.verify("0420", AT))


def test_str_of_an_error_is_its_english_message():
    """``print(e)``, tracebacks and ``pytest.raises(match=...)`` read the message, as
    Kotlin's ``toString()`` and Swift's ``description`` do; the fields stay attributes."""
    with pytest.raises(E.MoneyFractionNotAllowed, match=r"^JPY amounts have no decimal places\.$") as info:
        saifu.parse_money("1.5")
    e = info.value
    assert str(e) == e.message_in(saifu.Lang.EN)
    assert e.currency == "JPY"
    assert repr(e) == "SaifuError.MoneyFractionNotAllowed(JPY amounts have no decimal places.)"
    empty = raises(E.MoneyEmpty, lambda: saifu.parse_money(""))
    assert str(empty) == "Enter an amount."
