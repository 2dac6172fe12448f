"""The API as a Python caller expects it: records print their fields and hash like
values, numbers outside their range are the core's coded errors, the package is typed."""

import datetime
import importlib.resources

import pytest

import saifu
from fixtures import seed_wallet, t

AT = t("2026-11-23T10:00:00+09:00")


def code(call):
    try:
        call()
    except saifu.SaifuError as e:
        return e.code
    return None


def test_records_print_their_fields():
    assert repr(saifu.Money(minor=10000, currency="JPY")) == "Money(minor=10000, currency='JPY')"
    assert str(saifu.Money(minor=10000)) == "Money(minor=10000, currency='JPY')"
    assert repr(saifu.ChargeMethod.CARD(brand=saifu.Brand.VISA)) == "ChargeMethod.CARD(brand=<Brand.VISA: 0>)"
    assert repr(saifu.ChargeMethod.PAY_EASY()) == "ChargeMethod.PAY_EASY()"
    qr = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    assert "merchant_name='TENNOZU HANTEN'" in repr(qr)
    assert "EmvSubField(tag=0, value='jp.or.paymentsjapan')" in repr(qr)


def test_records_hash_like_values():
    assert hash(saifu.Money(minor=1)) == hash(saifu.Money(minor=1, currency="JPY"))
    assert len({saifu.Money(minor=1), saifu.Money(minor=1), saifu.Money(minor=2)}) == 2
    assert hash(saifu.ChargeOrder.UNITS(units=2)) == hash(saifu.ChargeOrder.UNITS(units=2))
    # Records holding lists and other records hash too, equal when equal.
    a = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    b = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    assert a == b and hash(a) == hash(b)
    b.merchant_name = "OTHER"
    assert a != b and {a: 1}.get(b) is None
    # Every record and enum variant of the module, not only those above.
    records = [c for c in vars(saifu).values() if isinstance(c, type) and "__hash__" in vars(c)
               and c.__hash__ is not None and hasattr(c, "__dataclass_fields__")]
    assert len(records) > 50


def test_records_never_show_a_secret():
    # Secrets stay in objects; what a flow saves holds digests only.
    flow = saifu.SignIn(bytes(range(32)), saifu.SignInConfig(puzzle=False))
    flow.enter_login_id("sc-0012345")
    flow.password_accepted(False, "9137", AT)
    parts = flow.parts()
    assert parts.otp is not None
    for text in (repr(parts), str(parts), repr(parts.otp)):
        assert "digest='" in text and "9137" not in text


def test_numbers_outside_their_range_are_coded():
    w = seed_wallet()
    assert code(lambda: w.set_next_payment_serial(-1)) == "wallet.invalid_payment_serial"
    assert code(lambda: w.set_next_payment_serial(-(2**63))) == "wallet.invalid_payment_serial"
    for days in (-1, 36_501, 2**32, -(2**63)):
        policy = saifu.WalletPolicy(spending=saifu.SpendingPolicy.EXPIRY_THEN_BALANCE,
                                    expired_refund=saifu.ExpiredRefundPolicy.REISSUE(valid_days=days))
        assert code(lambda: w.set_policy(policy)) == "time.invalid", days
    ten = datetime.timedelta(minutes=10)
    for attempts in (-1, 0, 2**32, 2**63 - 1):
        assert code(lambda: saifu.OneTimePassword("1234", AT, ten, attempts)) == "otp.invalid_format"
    for month, year in ((-1, 2030), (13, 2030), (1, -2030), (1, 2**32 + 2030)):
        assert code(lambda: saifu.is_card_expired(saifu.CardExpiry(month=month, year=year, expires_at=AT), AT)) == (
            "card.invalid_expiry")
    qr = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    for tag in (-1, 100, 256, -(2**63)):
        qr.other_fields = [saifu.EmvField(tag=tag, value=saifu.EmvValue.TEXT(text="x"))]
        with pytest.raises(saifu.SaifuError.EmvQrInvalidField) as info:
            saifu.build_merchant_qr(qr)
        assert info.value.tag == str(tag)


def test_the_package_is_typed():
    assert importlib.resources.files("saifu").joinpath("py.typed").is_file()
