"""The seam between Python and saifu-ffi: every export reachable from the installed wheel,
nothing lost in conversion. The rules themselves are the core's tests and the vectors'."""

import datetime
import importlib.metadata
import pathlib
import re

import saifu
from fixtures import t


def test_imports_the_installed_wheel():
    # The repository has no importable `saifu` package; the import must come from the venv.
    assert "site-packages" in pathlib.Path(saifu.__file__).parts


def test_the_wheel_says_it_is_typed():
    # PEP 561: type checkers read the generated annotations only when the package ships
    # a py.typed marker.
    files = importlib.metadata.files("saifu") or []
    assert any(f.name == "py.typed" and f.parent.name == "saifu" for f in files)
    assert (pathlib.Path(saifu.__file__).parent / "py.typed").is_file()


def test_version_matches_the_wheel():
    # maturin takes the wheel version from saifu-ffi's Cargo.toml, as env!() does.
    assert saifu.saifu_version() == importlib.metadata.version("saifu")
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", saifu.saifu_version())


def test_money():
    assert saifu.parse_money("１０，０００円") == saifu.Money(minor=10_000, currency="JPY")
    assert saifu.parse_money("10.50", "USD") == saifu.Money(minor=1_050, currency="USD")
    assert saifu.Money(minor=5).currency == "JPY"
    assert saifu.format_money(saifu.Money(minor=10_000), saifu.MoneyStyle.VOUCHER) == "10,000円分"
    assert saifu.format_money(saifu.Money(minor=-50), saifu.MoneyStyle.SUFFIX) == "-50円"
    assert saifu.apply_rate(saifu.Money(minor=1_005), "0.3", saifu.Rounding.TO_ZERO).minor == 301
    assert saifu.apply_rate(saifu.Money(minor=1_005), "0.3", saifu.Rounding.MIDPOINT_AWAY_FROM_ZERO).minor == 302
    assert saifu.apply_rate(saifu.Money(minor=1_005), "0.3", saifu.Rounding.AWAY_FROM_ZERO).minor == 302
    assert saifu.parse_money("9,007,199,254,740,991").minor == 2**53 - 1


def test_cards():
    card = saifu.parse_card("４２４２　４２４２ー４２４２ ４２４２")
    assert card.brand() == saifu.Brand.VISA
    assert (card.digits(), card.display(), card.masked(), card.last4(), card.first6_last4(), card.length()) == (
        "4242424242424242", "4242 4242 4242 4242", "****-****-****-4242", "4242", "4242 42** **** 4242", 16)
    assert saifu.detect_card("3528") == saifu.CardDetection(
        brand=saifu.Brand.JCB, potentially_valid=True, complete=False, max_length=19)
    assert [b.id() for b in saifu.Brand] == [
        "visa", "mastercard", "jcb", "amex", "diners", "discover", "unionpay"]
    assert saifu.Brand.UNION_PAY.display_name(saifu.Lang.JA) == "銀聯"
    expiry = saifu.parse_card_expiry("１２／２６")
    assert (expiry.month, expiry.year, expiry.expires_at) == (12, 2026, t("2027-01-01T00:00:00+09:00"))
    assert not saifu.is_card_expired(expiry, t("2026-12-31T23:59:59.999+09:00"))
    assert saifu.is_card_expired(expiry, t("2026-12-31T15:00:00+00:00"))
    cvc = saifu.parse_security_code("１２３４", saifu.Brand.AMEX)
    assert (cvc.masked(), cvc.digits()) == ("****", "1234")


def test_formats():
    assert saifu.mask_voucher_code(" N7af3c1d7AV9b2e4 ") == "N7af****7AV9****"
    assert saifu.parse_smart_pit("１２３４ ５６７８ ９０１２３") == saifu.SmartPitNumber(
        digits="1234567890123", display="1234-5678-90123")
    assert saifu.check_password("abc12345") is None


def test_merchant_qr_round_trips():
    qr = saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA")
    assert qr.initiation == saifu.Initiation.STATIC
    assert qr.accounts == [saifu.EmvField(tag=26, value=saifu.EmvValue.TEMPLATE(fields=[
        saifu.EmvSubField(tag=0, value="jp.or.paymentsjapan"), saifu.EmvSubField(tag=1, value="0000000000001")]))]
    payload = saifu.build_merchant_qr(qr)
    assert saifu.parse_merchant_qr(payload) == qr
    assert saifu.merchant_qr_amount(qr) is None
    qr.initiation = saifu.Initiation.DYNAMIC
    qr.amount = "1000"
    qr.postal_code = "1400002"
    qr.additional_data = [saifu.EmvSubField(tag=5, value="REF-1")]
    qr.alternate_language = saifu.AlternateLanguage(language="JA", merchant_name="天王洲飯店", merchant_city="品川")
    qr.other_fields = [saifu.EmvField(tag=55, value=saifu.EmvValue.TEXT(text="01"))]
    assert saifu.parse_merchant_qr(saifu.build_merchant_qr(qr)) == qr
    assert saifu.merchant_qr_amount(qr) == saifu.Money(minor=1_000, currency="JPY")


def test_times_cross_as_aware_datetimes():
    expiry = saifu.parse_card_expiry("01/30")
    assert expiry.expires_at.tzinfo is not None
    assert expiry.expires_at == datetime.datetime(2030, 1, 31, 15, 0, tzinfo=datetime.timezone.utc)
