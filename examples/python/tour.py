"""A tour of saifu from Python, through the uniffi bindings: the formats a wallet app parses,
the seed-003 voucher story, charges with their guard and a PIN, a card on file, a
payment slip and a MyNaPoint application (seed 004). It mirrors
core/examples/tour.rs in small.

Run against the installed wheel (scripts/build-bindings uniffi installs it):
    bindings-uniffi/python/.venv/bin/python examples/python/tour.py
"""

import datetime
import json

import saifu


def t(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def yen(n: int) -> str:
    return saifu.format_money(saifu.Money(minor=n), saifu.MoneyStyle.VOUCHER)


def jst(at: datetime.datetime) -> datetime.datetime:
    """An instant in Japan Standard Time, as the screens show it."""
    return at.astimezone(datetime.timezone(datetime.timedelta(hours=9)))


def heading(title: str) -> None:
    print(f"\n== {title}")


def show_error(what: str, call) -> None:
    try:
        call()
        print(f"  {what:<30} -> ok")
    except saifu.SaifuError as e:
        print(f"  {what:<30} -> {e.code} ({e.message_in(saifu.Lang.EN)} / {e.message_in(saifu.Lang.JA)})")


def lot(id, code, program, scope, at, expires_on, value):
    return saifu.NewLot(id=id, code=code, management_no=f"d0230401{code[:8]}", program=program, scope=scope,
                        registered_at=at, expires_on=expires_on, face_value=value, balance=value)


def main() -> None:
    print(f"saifu {saifu.saifu_version()} — a tour from Python")

    heading("1. What people type: IME digits, dashes and spaces")
    card = saifu.parse_card("４２４２　４２４２ー４２４２ ４２４２")
    print(f"  brand {card.brand().display_name(saifu.Lang.EN)}, display {card.display()}, masked {card.masked()}")
    print(f"  repr never shows the number: {card!r}")
    for partial in ("3", "35", "3528", "378282246310005"):
        d = saifu.detect_card(partial)
        brand = d.brand.id() if d.brand is not None else "-"
        print(f"  as you type {partial:<16} brand {brand:<6} potentially valid {d.potentially_valid!s:<5} complete {d.complete}")
    show_error('card "4242424242424241"', lambda: saifu.parse_card("4242424242424241"))
    expiry = saifu.parse_card_expiry("１２／２６")
    print(f"  expiry {expiry.month}/{expiry.year}: expired at 2026-12-31T15:00Z (new year in Tokyo)? "
          f"{saifu.is_card_expired(expiry, t('2026-12-31T15:00:00+00:00'))}")
    print(f"  security code shown as {saifu.parse_security_code('１２３', saifu.Brand.VISA).masked()}")

    heading("2. Money, formats and passwords")
    for text in ("¥10,000", "１０，０００円", " 5,000 円 "):
        m = saifu.parse_money(text)
        print(f"  {text!r:<14} -> {saifu.format_money(m, saifu.MoneyStyle.SYMBOL)} / {saifu.format_money(m, saifu.MoneyStyle.VOUCHER)}")
    show_error('money "1,0000"', lambda: saifu.parse_money("1,0000"))
    premium = saifu.apply_rate(saifu.Money(minor=10_000), "0.3", saifu.Rounding.TO_ZERO)
    print(f"  a 30 % premium on ¥10,000, 切り捨て: {saifu.format_money(premium, saifu.MoneyStyle.SYMBOL)}")
    print(f"  voucher code N7af3c1d7AV9b2e4 -> {saifu.mask_voucher_code('N7af3c1d7AV9b2e4')}")
    print(f"  Smart Pit {saifu.parse_smart_pit('１２３４ ５６７８ ９０１２３').display}")
    show_error('password "abc 12345"', lambda: saifu.check_password("abc 12345"))

    heading("3. The seed-003 wallet")
    wallet = saifu.Wallet()
    wallet.add_program(saifu.Program(id="oyama", name="小山市共通商品券", payment_id_prefix="OEM2023030001"))
    wallet.add_program(saifu.Program(id="tennozu", name="天王洲キャッシュ", payment_id_prefix="OEM2020000101"))
    wallet.add_merchant(saifu.Merchant(id="riverside", name="天王洲飯店 リバーサイド店", size=saifu.MerchantSize.SMALL,
                                       programs=["oyama", "tennozu"], jpqr_id="0000000000001"))
    wallet.add_merchant(saifu.Merchant(id="mall", name="おやまショッピングモール", size=saifu.MerchantSize.LARGE,
                                       programs=["oyama"], jpqr_id="0000000000002"))
    wallet.open_lot(lot("T1", "N7af3c1d7AV9b2e4", "tennozu", saifu.Scope.ALL_STORES, t("2021-04-27T20:09:26+09:00"), None, 10_000))
    bought = t("2026-04-01T10:00:00+09:00")
    wallet.charge("CH-20260401-1", "oyama", bought, [
        lot("A", "AAAA1111aaaa2222", "oyama", saifu.Scope.SMALL_STORES_ONLY, bought, "2026-12-31", 8_000),
        lot("B", "BBBB3333bbbb4444", "oyama", saifu.Scope.ALL_STORES, bought, "2026-12-31", 5_000),
    ])
    wallet.set_policy(saifu.WalletPolicy(spending=saifu.SpendingPolicy.RESTRICTED_FIRST,
                                         expired_refund=saifu.ExpiredRefundPolicy.REJECT()))
    print(f"  bought 1口: 中小店舗限定 {yen(8_000)} + 全店共通 {yen(5_000)}; restricted-first spending")

    payload = saifu.build_merchant_qr(saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"))
    flow = saifu.MerchantQrPayment.scan(wallet, payload)
    flow.enter_amount(9_500)
    quote = flow.confirm(wallet, t("2026-05-01T12:00:00+09:00"))
    print(f"  (B) scanned {flow.merchant_name()}; お支払確認 {yen(quote.amount)} from "
          f"{[f'{a.lot} {a.amount}' for a in quote.allocations]}")
    receipt = flow.pay(wallet, t("2026-05-01T12:00:10+09:00"))
    print(f"  お支払 done: {receipt.payment_id}, balance after {yen(receipt.balance_after)}")

    shown = saifu.CustomerQrPayment("TOKEN-3f9a", t("2026-05-02T18:00:00+09:00"), datetime.timedelta(minutes=5))
    shown.merchant_request("TOKEN-3f9a", "mall", 2_000, t("2026-05-02T18:01:00+09:00"))
    second = shown.complete(wallet, t("2026-05-02T18:01:02+09:00"))
    print(f"  (A) the mall scanned the one-time code: paid {yen(second.amount)} from "
          f"{[f'{a.lot} {a.amount}' for a in second.allocations]}")
    show_error("pay ¥5,000 at the mall", lambda: wallet.pay("mall", 5_000, t("2026-05-02T18:05:00+09:00")))

    refund = wallet.refund(receipt.payment_id, 4_000, t("2026-05-03T11:22:33.456+09:00"))
    print(f"  refund {refund.refund_id} restored {[f'{r.lot} {r.amount}' for r in refund.restored]}")
    for f in wallet.expire(t("2027-01-01T00:00:00+09:00")):
        print(f"  expired: {f.lot} {yen(f.amount)}")

    view = wallet.balance(t("2027-01-02T09:00:00+09:00"))
    print(f"  残高詳細: あなたの残高 {view.display_total}")
    for lot_view in view.lots:
        expired = "" if lot_view.usable else " [期限切れ]"
        print(f"    {lot_view.title}{expired}  {lot_view.masked_code}  有効期限 {lot_view.display_expires_on_ja}  "
              f"{lot_view.display_balance}")
    print("  ご利用履歴:")
    for e in wallet.history():
        print(f"    {e.display_time}  {e.title:<28} {e.display_amount}")

    saved = wallet.to_json()
    print(f"  {len(saved)} bytes of JSON; reloads equal: {saifu.Wallet.from_json(saved).to_json() == saved}")

    heading("4. Charges (seed 000) and a PIN")
    charges = saifu.Charges()
    charges.add_program(saifu.Program(id="minato", name="電子スマイル商品券", accepted_brands=[
        saifu.Brand.VISA, saifu.Brand.MASTERCARD, saifu.Brand.JCB, saifu.Brand.AMEX]))
    start = t("2026-11-23T10:00:00+09:00")
    second = datetime.timedelta(seconds=1)
    charges.start("c1", "minato", saifu.ChargeMethod.CARD(brand=saifu.Brand.VISA), saifu.ChargeOrder.AMOUNT(yen=10_000), start)
    charges.confirm("c1", start + 10 * second)
    state = charges.pay("c1", start + 20 * second)
    print(f"  card charge of {yen(10_000)}: 確認, 支払う -> {state.id()}")
    failed = charges.notify("c1", saifu.ChargeEvent.THREE_DS_NOT_ENROLLED, start + 60 * second)
    print(f"  the card is not enrolled in 3-D Secure -> {failed.state.id()}; no new charge for 30 minutes")
    lawson = saifu.ChargeMethod.KONBINI(chain=saifu.KonbiniChain.LAWSON)
    show_error("Lawson charge at 10:15", lambda: charges.start(
        "k1", "minato", lawson, saifu.ChargeOrder.AMOUNT(yen=5_000), t("2026-11-23T10:15:00+09:00")))
    for at in ("2026-11-23T10:30:59+09:00", "2026-11-23T10:31:00+09:00"):
        guard = charges.guard(t(at))
        answer = f"no: {guard.reason} until {jst(guard.until).isoformat()}" if guard else "yes"
        print(f"  may a charge start at {at[11:19]}? {answer}")
    applied = t("2026-11-23T10:31:00+09:00")
    charges.start("k1", "minato", lawson, saifu.ChargeOrder.AMOUNT(yen=5_000), applied)
    charges.confirm("k1", applied)
    charges.pay("k1", applied)  # 申し込み完了: the deadline runs from the application day
    until = charges.charge("k1").until
    due = jst(until - datetime.timedelta(milliseconds=1)).date()
    print(f"  Lawson charge of {yen(5_000)} applied: pay by the end of {due}, expires at {jst(until).isoformat()}")
    show_error("another charge meanwhile", lambda: charges.can_start(applied + 60 * second))
    paid = charges.notify("k1", saifu.ChargeEvent.PAID, t("2026-11-24T09:00:00+09:00"))
    lots = [f"{lot.scope.name} {yen(lot.value)}" for lot in charges.charged_lots()]
    print(f"  paid at the register -> {paid.state.id()}; lots to register: {lots}")
    pin = saifu.Pin("1234")
    for typed in ("12a4", "1111", "2222", "3333", "1234"):
        show_error(f'PIN "{typed}"', lambda: pin.verify(typed))
    print(f"  the PIN prints as {pin!r}")

    heading("5. A card on file (seed 002) and a convenience-store slip (seed 000)")
    policy = saifu.CardPolicy(bytes(range(32)), [saifu.Brand.JCB, saifu.Brand.VISA, saifu.Brand.MASTERCARD,
                                                 saifu.Brand.AMEX, saifu.Brand.DINERS], ["400005", "353011"], ["353011"])
    cards = saifu.CardsOnFile()
    shown = cards.register(policy, "４２４２ ４２４２ ４２４２ ４２４２", saifu.ExpiryInput.FIELDS(month="12", year="28"),
                           "１２３", t("2026-03-10T12:00:00+09:00"))
    print(f"  登録: {shown.masked_number}  {shown.expiry}  {shown.masked_security_code}"
          f"  (kept: …{shown.card.last4}, fingerprint {shown.card.fingerprint[:16]}…)")
    show_error("the same card again", lambda: cards.register(
        policy, "4242-4242-4242-4242", saifu.ExpiryInput.TEXT(text="12/28"), "123", t("2026-03-15T09:00:00+09:00")))
    show_error("a Visa debit card", lambda: cards.register(
        policy, "4000056655665556", saifu.ExpiryInput.TEXT(text="12/28"), "123", t("2026-03-15T09:00:00+09:00")))
    cards.register(policy, "5555 5555 5555 4444", saifu.ExpiryInput.TEXT(text="01/30"), "321", t("2026-04-02T09:00:00+09:00"))
    for month in ("2026-02", "2026-03", "2026-04"):
        card = cards.billing_card(month)
        print(f"  usage of {month} is billed to {'no card' if card is None else '…' + card.last4}")
    reloaded = saifu.CardsOnFile.from_registrations(cards.registrations())
    print(f"  {len(reloaded.registrations())} registrations reload; current card …{reloaded.current().last4}")
    slip = saifu.PaymentSlip(saifu.SlipKind.KONBINI(chain=saifu.KonbiniChain.SEVEN_ELEVEN),
                             [saifu.SlipNumber(field=saifu.PaymentField.PAYMENT_SLIP_NUMBER, number="1234-5678-9012-3")],
                             t("2026-11-26T00:00:00+09:00"), 5_000)
    for line in slip.instructions(saifu.Lang.JA).text.splitlines():
        print(f"  | {line}")
    bill = saifu.SmartPitBill(number="1234567890123", merchant="電力会社", amount=5_400, due_on="2026-12-10")
    show_error("Smart Pit sheet at Circle K", lambda: saifu.can_pay_smart_pit(
        "1234567890123", saifu.SmartPitMedium.SHEET(expires_on="2026-12-31"), [bill], saifu.SmartPitStore.CIRCLE_K,
        False, saifu.Tender.CASH, t("2026-11-23T10:00:00+09:00")))
    mynapoint()
    print("\ntour complete")


def mynapoint() -> None:
    """Seed 004: the bank issues the payment-service ID and security code, the national app
    reserves (MyKey ID) and applies, and a day later the registration is confirmed."""
    heading("6. MyNaPoint: the bank's issuance, the reservation and the application (seed 004)")
    # The integrator's secret (a keystore's, never in the saved state): PINs and codes are
    # kept only as HMAC-SHA-256 digests under it.
    key = b"integrator's key: 32 bytes, kept"
    config = saifu.MyNaPointConfig(eligible_cards=["aeon_card_waon", "aeon_bank_cash_plus_debit"])
    m = saifu.MyNaPoint(key, config)
    at = t("2026-07-01T10:00:00+09:00")
    minute = datetime.timedelta(minutes=1)

    print("  [イオン銀行マイナポイント管理ページ]")
    show_error("初回登録: a Visa card", lambda: m.choose_card("visa_classic"))
    m.choose_card("aeon_card_waon")
    show_error("電話番号 090-1234-56", lambda: m.enter_phone("090-1234-56"))
    m.enter_phone("０９０ー１２３４ー５６７８")
    print(f"  初回登録: イオンカード（WAON）, SMS to {m.phone()}")
    m.sms_sent("135790", at)  # the bank's SMS
    print(f"  ワンタイムパスワード（6桁）sent, valid until {jst(m.sms_otp_expires_at()):%Y/%m/%d %H:%M}")
    show_error("認証 135709", lambda: m.enter_sms_code("135709", at + minute))
    m.enter_sms_code("１３５７９０", at + minute)
    show_error("パスワードを設定 waonwaon", lambda: m.set_password("waonwaon"))
    m.set_password("Waon2020pt")
    m.issued("1234567890123456", "8F3K")  # the bank's answer
    print("  発行完了: 決済サービスID 1234567890123456 / セキュリティコード 8F3K")
    print("            (スクリーンショットやメモをお取りください)")
    print(f"  確認 with the password the bank accepted: 決済サービスID {m.view(True)}")

    print("  [マイナポイントアプリ] マイナポイントの予約（マイキーIDの発行）")
    m.start_reservation("1234")  # the card's PIN, sealed at once
    for wrong in ("1111", "4321"):
        show_error(f"パスワード（数字4桁）{wrong}", lambda: m.enter_pin(wrong))
    # The app is closed here and opened again: the failures come back with the saved state,
    # here as JSON text (the parts are plain data: states, IDs, counters, digests).
    p = m.parts()
    saved = json.dumps({
        "issuance": p.issuance.id(),
        "reservation": p.reservation.id(),
        "application": p.application.id(),
        "card_kind": p.card_kind, "phone": p.phone, "service_id": p.service_id, "security_code": p.security_code,
        "card_pin": {"digest": p.card_pin.digest, "failures": p.card_pin.failures},
    })
    print(f"  saved: card_pin failures {p.card_pin.failures}, digest {p.card_pin.digest[:16]}…")
    d = json.loads(saved)

    def state(kind, id):
        return next(s for s in kind if s.id() == id)

    m = saifu.MyNaPoint.from_parts(key, config, saifu.MyNaPointParts(
        issuance=state(saifu.MyNaPointIssuanceState, d["issuance"]),
        reservation=state(saifu.MyNaPointReservationState, d["reservation"]),
        application=state(saifu.MyNaPointApplicationState, d["application"]),
        card_kind=d["card_kind"], phone=d["phone"], sms_otp=None, service_id=d["service_id"],
        security_code=d["security_code"], card_pin=saifu.PinParts(**d["card_pin"]), mykey_id=None,
        chosen_service=None))
    print(f"  reloaded: {m.pin_remaining()} attempt(s) left before the card locks")
    m.enter_pin("１２３４")
    m.card_read()
    m.mykey_issued("AB12CD34")
    print(f"  予約完了: マイキーID {m.mykey_id()}")

    print("  [マイナポイントアプリ] マイナポイント申込")
    m.proceed_to_application()  # 申込へ
    m.choose_service("aeon_card_waon")
    m.accept_terms()
    show_error("必要事項の入力 (下4桁 5679)", lambda: m.enter_details("1234567890123456", "8F3K", "5679"))
    m.enter_details("１２３４５６７８９０１２３４５６", "８Ｆ３Ｋ", "５６７８")
    m.confirm()  # 申込
    m.enter_pin("1234")
    m.card_read()
    print(f"  申込完了 ({m.application_state().id()}):"
          " ご登録完了までに約1日かかります")
    show_error("確認 after the application", lambda: m.view(True))
    m.registration_confirmed()  # the next day
    print(f"  the next day: {m.application_state().id()}"
          f" (issuance {m.issuance_state().id()},"
          f" reservation {m.reservation_state().id()})")


if __name__ == "__main__":
    main()
