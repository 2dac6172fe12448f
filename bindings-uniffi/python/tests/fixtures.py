"""A small seed-003 wallet shared by the seam tests."""

import datetime

import saifu


def t(text: str) -> datetime.datetime:
    """An aware datetime from RFC 3339 text."""
    return datetime.datetime.fromisoformat(text)


def lot(id: str, code: str, scope: saifu.Scope, value: int, expires_on=None, program="tennozu") -> saifu.NewLot:
    return saifu.NewLot(
        id=id, code=code, management_no="d012104262000001", program=program, scope=scope,
        registered_at=t("2021-04-27T20:09:26+09:00"), expires_on=expires_on, face_value=value, balance=value,
    )


def seed_wallet() -> saifu.Wallet:
    """One program; a small restaurant with a JPQR id and a large mall; an all-stores lot of
    10,000 without expiry and a small-stores-only lot of 3,000 expiring 2026-12-31."""
    w = saifu.Wallet()
    w.add_program(saifu.Program(id="tennozu", name="天王洲キャッシュ", payment_id_prefix="OEM2020000101"))
    w.add_merchant(saifu.Merchant(id="riverside", name="天王洲飯店 リバーサイド店", size=saifu.MerchantSize.SMALL,
                                  programs=["tennozu"], jpqr_id="0000000000001"))
    w.add_merchant(saifu.Merchant(id="mall", name="天王洲モール", size=saifu.MerchantSize.LARGE, programs=["tennozu"]))
    w.set_next_payment_serial(2)
    w.open_lot(lot("L1", "N7af3c1d7AV9b2e4", saifu.Scope.ALL_STORES, 10_000))
    w.open_lot(lot("L2", "AAAA1111aaaa2222", saifu.Scope.SMALL_STORES_ONLY, 3_000, "2026-12-31"))
    return w


# Plain e-money by amount, Visa and JCB cards only.
MINATO = saifu.Program(id="minato", name="電子スマイル商品券", payment_id_prefix="OEM2026000001",
                       accepted_brands=[saifu.Brand.VISA, saifu.Brand.JCB])
# A premium voucher sold by the unit: ¥10,000 for 8,000 small-stores-only + 5,000 all-stores, at most 4.
OYAMA = saifu.Program(
    id="oyama", name="小山市共通商品券", payment_id_prefix="OEM2023030001",
    accepted_brands=[saifu.Brand.VISA, saifu.Brand.MASTERCARD],
    product=saifu.Product(unit_price=10_000, max_units=4, breakdown=[
        saifu.ProductLine(scope=saifu.Scope.SMALL_STORES_ONLY, value=8_000),
        saifu.ProductLine(scope=saifu.Scope.ALL_STORES, value=5_000),
    ], methods=list(saifu.ChargeMethodKind), lots_expire_on=None),
)


def charges() -> saifu.Charges:
    """Charges over MINATO and OYAMA."""
    c = saifu.Charges()
    c.add_program(MINATO)
    c.add_program(OYAMA)
    return c
