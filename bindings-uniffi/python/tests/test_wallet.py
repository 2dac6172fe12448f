"""The wallet and the QR flows through the binding, end to end."""

import datetime

import saifu
from fixtures import lot, seed_wallet, t


def test_records_cross_whole():
    w = seed_wallet()
    receipt = w.pay("riverside", 3_500, t("2021-05-21T19:12:29+09:00"))
    assert receipt.payment_id == "OEM202000010120210521000000000002"
    assert receipt.at == t("2021-05-21T19:12:29+09:00")
    assert [(a.lot, a.amount) for a in receipt.allocations] == [("L2", 3_000), ("L1", 500)]
    assert receipt.balance_after == 9_500
    assert w.next_payment_serial() == 3
    refund = w.refund(receipt.payment_id, 600, t("2021-05-23T01:47:21.578+09:00"))
    assert refund.refund_id == "OEM202000010120210521000000000002-20210523014721578"
    assert [(r.lot, r.amount) for r in refund.restored] == [("L1", 500), ("L2", 100)]
    assert all(r.outcome == saifu.RestoreOutcome.RESTORED() for r in refund.restored)
    view = w.balance(t("2021-05-24T00:00:00+09:00"))
    assert (view.total, view.display_total) == (10_100, "10,100円分")
    l1 = view.lots[0]
    assert (l1.masked_code, l1.display_expires_on_ja, l1.display_expires_on_en, l1.display_registered_at,
            l1.display_balance) == ("N7af****7AV9****", "なし", "none", "2021/04/27 20:09:26", "10,000円分")
    history = w.history(saifu.HistoryFilter())
    assert [(e.kind, e.display_amount, e.display_time) for e in history] == [
        (saifu.HistoryKind.REFUND, "-600円分", "2021/05/23 01:47:21"),
        (saifu.HistoryKind.PAYMENT, "3,500円分", "2021/05/21 19:12:29"),
    ]
    assert len(w.history(saifu.HistoryFilter(kinds=[saifu.HistoryKind.REFUND]))) == 1
    assert len(w.history(saifu.HistoryFilter(_from=t("2021-05-22T00:00:00+09:00")))) == 1
    (payment,) = w.payments()
    assert (payment.serial, payment.refundable) == (2, 2_900)
    assert [lot.masked_code for lot in w.lots()] == ["N7af****7AV9****", "AAAA****aaaa****"]
    assert [(f.lot, f.amount) for f in w.expire(t("2027-01-01T00:00:00+09:00"))] == [("L2", 100)]


def test_charges_and_policies():
    w = seed_wallet()
    bought = t("2026-04-01T10:00:00+09:00")
    w.charge("C1", "tennozu", bought, [lot("A", "AAAA1111BBBB2222", saifu.Scope.SMALL_STORES_ONLY, 8_000, "2026-12-31")])
    w.set_policy(saifu.WalletPolicy(spending=saifu.SpendingPolicy.RESTRICTED_FIRST,
                                    expired_refund=saifu.ExpiredRefundPolicy.REISSUE(valid_days=30)))
    paid = w.pay("riverside", 9_000, t("2026-05-01T12:00:00+09:00"))
    refund = w.refund(paid.payment_id, 9_000, t("2027-01-05T12:00:00+09:00"))
    outcomes = [r.outcome for r in refund.restored]
    assert all(isinstance(o, saifu.RestoreOutcome.REISSUED) and o.expires_on == "2027-02-04" for o in outcomes)


def test_json_and_events_round_trip():
    w = seed_wallet()
    w.pay("riverside", 100, t("2026-06-01T12:00:00+09:00"))
    saved = w.to_json()
    assert saifu.Wallet.from_json(saved).to_json() == saved
    logged = saifu.Wallet()
    logged.set_event_log(True)
    logged.add_program(saifu.Program(id="tennozu", name="天王洲キャッシュ", payment_id_prefix="OEM2020000101"))
    logged.add_merchant(saifu.Merchant(id="riverside", name="天王洲飯店", size=saifu.MerchantSize.SMALL, programs=["tennozu"]))
    logged.open_lot(lot("L1", "N7af3c1d7AV9b2e4", saifu.Scope.ALL_STORES, 10_000))
    logged.pay("riverside", 100, t("2026-06-01T12:00:00+09:00"))
    assert saifu.Wallet.replay_json(logged.take_events_json()).to_json() == logged.to_json()
    assert logged.take_events_json() == "[]"


def test_customer_presented_flow():
    w = seed_wallet()
    issued = t("2026-06-01T12:00:00+09:00")
    flow = saifu.CustomerQrPayment("tok-8f3a", issued, datetime.timedelta(minutes=5))
    assert (flow.token(), flow.expires_at()) == ("tok-8f3a", issued + datetime.timedelta(minutes=5))
    assert flow.state() == saifu.CustomerQrState.SHOWING()
    flow.merchant_request("tok-8f3a", "riverside", 300, issued + datetime.timedelta(seconds=60))
    assert flow.state() == saifu.CustomerQrState.AMOUNT_SHOWN(merchant="riverside", amount=300)
    receipt = flow.complete(w, issued + datetime.timedelta(seconds=65))
    assert receipt.amount == 300
    assert flow.state() == saifu.CustomerQrState.COMPLETED(receipt=receipt)


def test_merchant_presented_flow():
    w = seed_wallet()
    payload = saifu.build_merchant_qr(saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"))
    flow = saifu.MerchantQrPayment.scan(w, payload)
    assert (flow.merchant(), flow.merchant_name(), flow.qr().merchant_name) == (
        "riverside", "天王洲飯店 リバーサイド店", "TENNOZU HANTEN")
    assert flow.state() == saifu.MerchantQrState.SCANNED()
    flow.enter_amount(500)
    quote = flow.confirm(w, t("2026-06-01T12:00:00+09:00"))
    assert flow.state() == saifu.MerchantQrState.CONFIRMING(quote=quote)
    receipt = flow.pay(w, t("2026-06-01T12:00:10+09:00"))
    assert receipt.allocations == quote.allocations
    assert flow.state() == saifu.MerchantQrState.COMPLETED(receipt=receipt)
    cancelled = saifu.MerchantQrPayment.scan(w, payload)
    cancelled.cancel()
    assert cancelled.state() == saifu.MerchantQrState.CANCELLED()


def test_secrets_never_print_their_digits():
    card = saifu.parse_card("4242424242424242")
    for shown in (str(card), repr(card)):
        assert "424242" not in shown and "4242" in shown
    cvc = saifu.parse_security_code("987", saifu.Brand.VISA)
    assert "987" not in str(cvc) and "987" not in repr(cvc)
