"""What hostile or careless input looks like, through the binding: each call answers a
value or a coded ``saifu.SaifuError``, never ``saifu.InternalError`` (a Rust panic) or any
other exception."""

import datetime

import pytest

import saifu
from fixtures import OYAMA, charges, lot, seed_wallet, t

HOSTILE = {
    "empty": "",
    "blank": " \t\n\u3000",
    "1 MB of digits": "4" * (1 << 20),
    "1 MB of full-width digits": "４" * (1 << 18),
    "NUL": "\0\x004242\0",
    "emoji": "💳💴4242 4242 4242 4242",
    "combining marks": "4\u03012\u030842",
    "RTL marks": "\u200f4242\u202e4242",
    "mixed width": "４2４2 ４2４2 ４2４2 ４2４2",
    "i64 max": str(2**63 - 1),
    "i64 min": str(-(2**63)),
    "replacement character": "\ufffd",
    "1 MB of separators": "-" * (1 << 20),
    "many yen signs": "¥" * 10_000,
}
AT = t("2026-06-01T12:00:00+09:00")


def code(call):
    """The error code of ``call``, or None when it succeeded."""
    try:
        call()
    except saifu.SaifuError as e:
        assert e.message_in(saifu.Lang.EN)
        return e.code
    return None


def coded(prefix, call):
    c = code(call)
    assert c is None or c.startswith(prefix), c


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_parser(text):
    w = seed_wallet()
    for currency in ("JPY", "USD", "BHD", text):
        coded("money.", lambda: saifu.parse_money(text, currency))
    coded("money.", lambda: saifu.apply_rate(saifu.Money(minor=1000), text, saifu.Rounding.TO_ZERO))
    coded("card.", lambda: saifu.parse_card(text))
    assert code(lambda: saifu.check_card(text)) == code(lambda: saifu.parse_card(text))
    saifu.detect_card(text)
    coded("card.", lambda: saifu.parse_card_expiry(text))
    for brand in saifu.Brand:
        coded("card.", lambda: saifu.parse_security_code(text, brand))
    coded("voucher.", lambda: saifu.mask_voucher_code(text))
    coded("smartpit.", lambda: saifu.parse_smart_pit(text))
    policy = saifu.CardPolicy(bytes(16), list(saifu.Brand), [], [])
    cards = saifu.CardsOnFile()
    for expiry in (saifu.ExpiryInput.TEXT(text=text), saifu.ExpiryInput.FIELDS(month=text, year=text)):
        coded("card.", lambda: cards.register(policy, text, expiry, text, AT))
        coded("card.", lambda: cards.register(policy, "4242424242424242", expiry, text, AT))
    coded("card.", lambda: cards.register(policy, "4242424242424242", saifu.ExpiryInput.TEXT(text="12/30"), text, AT))
    coded("time.", lambda: cards.billing_card(text))
    for kind in (saifu.SlipKind.PAY_EASY(), saifu.SlipKind.KONBINI(chain=saifu.KonbiniChain.SEVEN_ELEVEN)):
        for field in saifu.PaymentField:
            coded("payment.", lambda: saifu.parse_payment_number(kind, field, text))
        coded("payment.", lambda: saifu.PaymentSlip(kind, [saifu.SlipNumber(field=saifu.PaymentField.CUSTOMER_NUMBER,
                                                                             number=text)], AT, 1000))
    bill = saifu.SmartPitBill(number="1234567890123", merchant="m", amount=1, due_on="2099-12-31")
    coded("smartpit.", lambda: saifu.can_pay_smart_pit(text, saifu.SmartPitMedium.CARD(), [bill],
                                                       saifu.SmartPitStore.LAWSON, False, saifu.Tender.CASH, AT))
    coded("time.", lambda: saifu.can_pay_smart_pit("1234567890123", saifu.SmartPitMedium.SHEET(expires_on=text),
                                                   [bill], saifu.SmartPitStore.LAWSON, False, saifu.Tender.CASH, AT))
    coded("password.", lambda: saifu.check_password(text))
    coded("emvqr.", lambda: saifu.parse_merchant_qr(text))
    coded("state.", lambda: saifu.Wallet.from_json(text))
    coded("state.", lambda: saifu.Wallet.replay_json(text))
    coded("wallet.", lambda: w.pay(text, 1, AT))
    coded("wallet.", lambda: w.refund(text, 1, AT))
    coded("", lambda: w.open_lot(lot(text, text, saifu.Scope.ALL_STORES, 1, text)))
    coded("qr.", lambda: saifu.CustomerQrPayment(text, AT, datetime.timedelta(minutes=1)))
    coded("", lambda: saifu.MerchantQrPayment.scan(w, text))
    assert w.balance(AT).total == 13_000

    c = charges()
    coded("charge.", lambda: c.add_program(saifu.Program(id=text, name=text, accepted_brands=[saifu.Brand.VISA])))
    coded("charge.", lambda: c.start(text, text, saifu.ChargeMethod.PAY_EASY(), saifu.ChargeOrder.AMOUNT(yen=1), AT))
    coded("charge.", lambda: c.confirm(text, AT))
    coded("charge.", lambda: c.notify(text, saifu.ChargeEvent.PAID, AT))
    c.charge(text)
    c.state_at(text, AT)
    assert c.charged_lots() == []
    coded("pin.", lambda: saifu.Pin(text))
    pin = saifu.Pin("1234")
    coded("pin.", lambda: pin.verify(text))
    coded("otp.", lambda: saifu.OneTimePassword(text, AT, datetime.timedelta(minutes=10), 3))
    otp = saifu.OneTimePassword("123456", AT, datetime.timedelta(minutes=10), 3)
    coded("otp.", lambda: otp.verify(text, AT))
    assert not otp.is_used()


def test_lone_surrogates_stop_in_python():
    # Not Unicode text: Python refuses to encode it before Rust is reached.
    with pytest.raises(UnicodeEncodeError):
        saifu.parse_card("4242\ud800")


def test_extreme_amounts_and_times():
    w = seed_wallet()
    for amount in (2**63 - 1, -(2**63), 2**53, -(2**53)):
        assert code(lambda: saifu.format_money(saifu.Money(minor=amount), saifu.MoneyStyle.SYMBOL)) == "money.out_of_range"
        assert code(lambda: w.pay("riverside", amount, AT)) == "money.out_of_range"
        assert code(lambda: w.quote("riverside", amount, AT)) == "money.out_of_range"
        assert code(lambda: w.refund("X", amount, AT)) == "money.out_of_range"
        assert code(lambda: w.open_lot(lot("L9", "BBBB2222bbbb3333", saifu.Scope.ALL_STORES, amount))) == "money.out_of_range"
    # Beyond i64 is Python's own refusal, before Rust.
    with pytest.raises((OverflowError, ValueError, TypeError)):
        w.pay("riverside", 2**64, AT)
    # Year 1 in UTC is in range; datetime.max is year 10000 in JST, where saifu judges
    # dates, and would make payment ids and saves it cannot read back.
    assert code(lambda: w.balance(datetime.datetime.min.replace(tzinfo=datetime.timezone.utc))) is None
    assert code(lambda: w.balance(datetime.datetime.max.replace(tzinfo=datetime.timezone.utc))) == "time.invalid"
    assert code(lambda: w.balance(datetime.datetime(9999, 12, 31, 14, 59, tzinfo=datetime.timezone.utc))) is None
    # 999,999,999 days fit chrono; the expiry instant does not: the core refuses the token.
    assert code(lambda: saifu.CustomerQrPayment("tok", AT, datetime.timedelta.max)) == "qr.invalid_token"
    for date in ("2026-02-30", "", "２０２６-０１-０１", "2026/01/01", "x" * (1 << 20)):
        assert code(lambda: w.open_lot(lot("L9", "BBBB2222bbbb3333", saifu.Scope.ALL_STORES, 1, date))) == "time.invalid"
    assert code(lambda: w.set_next_payment_serial(2**63 - 1)) == "wallet.payment_serial_exhausted"
    assert w.balance(AT).total == 13_000


def test_extreme_charges_and_credentials():
    c = charges()
    pay_easy = saifu.ChargeMethod.PAY_EASY()
    # An amount saifu cannot hold is money.out_of_range, as core reads it, before any other
    # check (issue 15: this binding used to hand core 0 instead, answering
    # charge.invalid_amount, or charge.unknown_program, while JavaScript answered
    # money.out_of_range).
    for amount in (2**63 - 1, -(2**63), 2**53, -(2**53)):
        order = saifu.ChargeOrder.AMOUNT(yen=amount)
        assert code(lambda: c.start("c1", "minato", pay_easy, order, AT)) == "money.out_of_range"
        assert code(lambda: c.start("c1", "nowhere", pay_easy, order, AT)) == "money.out_of_range"
        pricey = saifu.Program(id="p", name="p", accepted_brands=[], product=saifu.Product(
            unit_price=amount, max_units=1, breakdown=OYAMA.product.breakdown, methods=OYAMA.product.methods))
        assert code(lambda: c.add_program(pricey)) == "money.out_of_range"
    assert code(lambda: c.start("c1", "minato", pay_easy, saifu.ChargeOrder.AMOUNT(yen=-(2**53 - 1)), AT)) == (
        "charge.invalid_amount")
    # A number of units that is no count is core's charge.invalid_units, as in JavaScript.
    for units in (-1, 2**32 - 1, 2**32, 2**63 - 1, -(2**63)):
        assert code(lambda: c.start("c1", "oyama", pay_easy, saifu.ChargeOrder.UNITS(units=units), AT)) == (
            "charge.invalid_units")
    negative = saifu.Program(id="p", name="p", accepted_brands=[], product=saifu.Product(
        unit_price=1, max_units=-1, breakdown=OYAMA.product.breakdown, methods=OYAMA.product.methods))
    assert code(lambda: c.add_program(negative)) == "charge.invalid_units"
    # Beyond i64 is Python's own refusal, before Rust.
    with pytest.raises((OverflowError, ValueError, TypeError)):
        c.start("c1", "oyama", pay_easy, saifu.ChargeOrder.UNITS(units=2**64), AT)
    assert c.charges() == []
    ten = datetime.timedelta(minutes=10)
    assert code(lambda: saifu.OneTimePassword("1234", AT, datetime.timedelta.max, 3)) == "otp.invalid_format"
    assert code(lambda: saifu.OneTimePassword("1234", AT, datetime.timedelta(0), 3)) == "otp.invalid_format"
    assert code(lambda: saifu.OneTimePassword("1234", AT, ten, 0)) == "otp.invalid_format"
    # Instants at both ends of the years 0001-9999 (in UTC and in JST): no
    # time.invalid (datetime.max is year 10000 in JST: refused).
    last = datetime.datetime.max.replace(tzinfo=datetime.timezone.utc)
    assert code(lambda: c.can_start(last)) == "time.invalid"
    assert code(lambda: saifu.OneTimePassword("1234", last, datetime.timedelta(seconds=1), 3)) == "time.invalid"
    for when in (datetime.datetime(9999, 12, 31, 14, 59, 58, tzinfo=datetime.timezone.utc),
                 datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)):
        assert code(lambda: c.can_start(when)) is None
        assert c.guard(when) is None
        assert c.tick(when) == []
        assert code(lambda: saifu.OneTimePassword("1234", when, datetime.timedelta(seconds=1), 3).verify("1234", when)) is None


class _NoOffset(datetime.tzinfo):
    """A tzinfo that knows no offset: Python counts such a datetime as naive."""

    def utcoffset(self, dt):
        return None


def test_a_naive_datetime_is_time_invalid():
    """Issue 15: a datetime without tzinfo was a bare TypeError from uniffi's converter;
    now core refuses its text (no offset) as time.invalid, wherever an instant goes."""
    w = seed_wallet()
    naive = datetime.datetime(2026, 6, 1, 12, 0)
    for when, given in ((naive, "2026-06-01T12:00:00"),
                        (naive.replace(microsecond=500), "2026-06-01T12:00:00.000500"),
                        (naive.replace(tzinfo=_NoOffset()), "2026-06-01T12:00:00")):
        with pytest.raises(saifu.SaifuError.TimeInvalid) as caught:
            w.balance(when)
        assert caught.value.code == "time.invalid"
        assert caught.value.given == given
        assert code(lambda: w.pay("riverside", 100, when)) == "time.invalid"
        assert code(lambda: w.history(saifu.HistoryFilter(_from=when))) == "time.invalid"
        assert code(lambda: charges().can_start(when)) == "time.invalid"
    assert code(lambda: saifu.parse_instant("2026-06-01T12:00:00")) == "time.invalid"
    aware = saifu.parse_instant("2026-06-01T12:00:00+09:00")
    assert aware == datetime.datetime(2026, 6, 1, 3, 0, tzinfo=datetime.timezone.utc)
    assert w.balance(aware).total == 13_000


def test_a_rate_that_is_not_decimal_text_is_core_money_invalid_rate():
    """Issue 15: Python and Kotlin answered money.invalid, JavaScript input.invalid (and
    JavaScript alone trimmed " 0.3"); core reads the text now, for every language."""
    for rate in ("1e400", " 0.3", "+0.3", ".3", "", "NaN", "0.00000000000000000000000000001"):
        with pytest.raises(saifu.SaifuError.MoneyInvalidRate) as caught:
            saifu.apply_rate(saifu.Money(minor=1000), rate, saifu.Rounding.TO_ZERO)
        assert caught.value.code == "money.invalid_rate"
        assert caught.value.given == rate
    assert saifu.apply_rate(saifu.Money(minor=10_005), "-0.05", saifu.Rounding.AWAY_FROM_ZERO).minor == -501


def test_a_bool_is_not_an_amount_or_a_count():
    # True is the int 1 in Python; as in Kotlin, Swift and TypeScript it is no amount.
    w = seed_wallet()
    before = w.to_json()
    for flag in (True, False):
        with pytest.raises(TypeError):
            w.pay("riverside", flag, AT)
        with pytest.raises(TypeError):
            saifu.format_money(saifu.Money(minor=flag), saifu.MoneyStyle.SYMBOL)
        with pytest.raises(TypeError):
            charges().start("c1", "oyama", saifu.ChargeMethod.PAY_EASY(), saifu.ChargeOrder.UNITS(units=flag), AT)
    assert w.to_json() == before
    assert w.pay("riverside", 100, AT).amount == 100
