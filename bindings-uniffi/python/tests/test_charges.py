"""Charges, PINs and one-time passwords through the installed wheel: every export
reachable, records whole both ways. The rules are the core's tests and the vectors'."""

import datetime
import json

import pytest

import saifu
from fixtures import OYAMA, charges, t

AT = t("2026-11-23T10:00:00+09:00")
S = datetime.timedelta(seconds=1)


def test_card_purchase_of_units_creates_the_products_lots():
    c = charges()
    assert c.guard(AT) is None
    assert c.can_start(AT) is None
    visa = saifu.ChargeMethod.CARD(brand=saifu.Brand.VISA)
    assert c.start("c1", "oyama", visa, saifu.ChargeOrder.UNITS(units=2), AT) == saifu.Charge(
        id="c1", program="oyama", method=visa, amount=20_000, units=2, state=saifu.ChargeState.DRAFT,
        until=None, ended_by=None)
    assert c.confirm("c1", AT + 10 * S) == saifu.ChargeState.CONFIRMING
    assert c.pay("c1", AT + 20 * S) == saifu.ChargeState.AWAITING_THREE_DS
    done = AT + 60 * S
    assert c.notify("c1", saifu.ChargeEvent.THREE_DS_SUCCEEDED, done) == saifu.Notified(
        state=saifu.ChargeState.SUCCEEDED, applied=True)
    assert not c.notify("c1", saifu.ChargeEvent.THREE_DS_SUCCEEDED, done + 5 * S).applied
    assert c.charged_lots() == [
        saifu.ChargedLot(charge="c1", program="oyama", scope=saifu.Scope.SMALL_STORES_ONLY, value=16_000, at=done),
        saifu.ChargedLot(charge="c1", program="oyama", scope=saifu.Scope.ALL_STORES, value=10_000, at=done),
    ]
    assert c.charge("c1").ended_by == saifu.ChargeEvent.THREE_DS_SUCCEEDED
    assert [x.id for x in c.charges()] == ["c1"]
    assert c.charge("c9") is None


def test_card_not_enrolled_locks_charges_for_30_minutes():
    c = charges()
    c.start("c1", "minato", saifu.ChargeMethod.CARD(brand=saifu.Brand.JCB), saifu.ChargeOrder.AMOUNT(yen=3_000), AT)
    c.confirm("c1", AT)
    c.pay("c1", AT)
    assert c.notify("c1", saifu.ChargeEvent.THREE_DS_NOT_ENROLLED, AT).state == saifu.ChargeState.FAILED
    until = t("2026-11-23T10:30:00+09:00")
    assert c.guard(until - datetime.timedelta(milliseconds=1)) == saifu.ChargeGuard(
        reason="charge.blocked_card_lockout", until=until)
    assert c.guard(until) is None
    assert c.charged_lots() == []


def test_a_lockout_survives_to_json_and_from_json():
    c = charges()
    c.start("c1", "minato", saifu.ChargeMethod.CARD(brand=saifu.Brand.JCB), saifu.ChargeOrder.AMOUNT(yen=3_000), AT)
    c.confirm("c1", AT)
    c.pay("c1", AT)
    c.notify("c1", saifu.ChargeEvent.THREE_DS_NOT_ENROLLED, AT)
    text = c.to_json()
    assert text.startswith('{"version":1,"programs":[')
    # Instants are saved with the offset given: a binding's times come as UTC.
    assert '"lockout_until":"2026-11-23T01:30:00+00:00"' in text
    again = saifu.Charges.from_json(text)
    assert again.to_json() == text
    assert again.charges() == c.charges()
    until = t("2026-11-23T10:30:00+09:00")
    assert again.guard(until - datetime.timedelta(milliseconds=1)) == saifu.ChargeGuard(
        reason="charge.blocked_card_lockout", until=until)
    assert again.guard(until) is None
    assert not again.notify("c1", saifu.ChargeEvent.THREE_DS_NOT_ENROLLED, AT + 5 * S).applied
    try:
        saifu.Charges.from_json(text.replace('"lockout_until":"2026-11-23T01:30:00+00:00"', '"lockout_until":null'))
        raise AssertionError("a lockout was dropped silently")
    except saifu.SaifuError.StateInvalidCharges as e:
        assert (e.subject, e.detail) == ("lockout_until", "not-enrolled card without lockout")
        assert e.code == "state.invalid_charges"
    try:
        saifu.Charges.from_json("{")
        raise AssertionError("not JSON loaded")
    except saifu.SaifuError.StateMalformed as e:
        assert e.code == "state.malformed"


def test_cash_charge_has_its_deadline():
    c = charges()
    applied = t("2026-11-23T22:00:00+09:00")
    c.start("k1", "minato", saifu.ChargeMethod.KONBINI(chain=saifu.KonbiniChain.SEVEN_ELEVEN),
            saifu.ChargeOrder.AMOUNT(yen=5_000), AT)
    c.confirm("k1", AT)
    assert c.pay("k1", applied) == saifu.ChargeState.AWAITING_PAYMENT
    until = t("2026-11-26T00:00:00+09:00")
    assert c.charge("k1").until == until
    assert c.guard(applied) == saifu.ChargeGuard(reason="charge.blocked_pending_payment", until=until)
    ms = datetime.timedelta(milliseconds=1)
    assert c.state_at("k1", until - ms) == saifu.ChargeState.AWAITING_PAYMENT
    assert c.state_at("k1", until) == saifu.ChargeState.EXPIRED
    assert c.state_at("k9", until) is None
    assert c.charge("k1").state == saifu.ChargeState.AWAITING_PAYMENT  # recorded only by tick
    assert c.tick(until - ms) == []
    assert c.tick(until) == ["k1"]
    assert c.charge("k1").state == saifu.ChargeState.EXPIRED
    assert c.guard(until) is None

    c.start("p1", "minato", saifu.ChargeMethod.PAY_EASY(), saifu.ChargeOrder.AMOUNT(yen=1_000), until)
    assert c.cancel("p1", until) == saifu.ChargeState.CANCELLED
    c.start("j1", "minato", saifu.ChargeMethod.J_COIN(), saifu.ChargeOrder.AMOUNT(yen=2_000), until)
    with pytest.raises(saifu.SaifuError.JcoinCredentialsRequired) as refused:
        c.confirm("j1", until)
    assert refused.value.code == "jcoin.credentials_required"
    credentials = saifu.JCoinCredentials("jcoin012345", "s3cret pass", "482913")
    for shown in (repr(credentials), str(credentials)):
        assert "s3cret" not in shown and "482913" not in shown and "****2345" in shown
    assert credentials.password() == "s3cret pass"
    assert c.confirm_jcoin("j1", credentials, until) == saifu.ChargeState.CONFIRMING
    assert c.charge("j1").jcoin_id == "****2345"
    assert "s3cret" not in repr(c.charge("j1"))
    assert c.pay("j1", until) == saifu.ChargeState.AUTHORIZING
    assert c.notify("j1", saifu.ChargeEvent.AUTHORIZED, until).state == saifu.ChargeState.SUCCEEDED
    assert c.charged_lots() == [
        saifu.ChargedLot(charge="j1", program="minato", scope=saifu.Scope.ALL_STORES, value=2_000, at=until)]
    assert c.charge("j1").method == saifu.ChargeMethod.J_COIN()


def test_ids_of_states_events_and_chains():
    assert [s.id() for s in saifu.ChargeState] == [
        "draft", "confirming", "awaiting_three_ds", "awaiting_payment", "authorizing", "succeeded", "paid",
        "failed", "expired", "cancelled"]
    assert [s for s in saifu.ChargeState if s.is_ended()] == [
        saifu.ChargeState.SUCCEEDED, saifu.ChargeState.PAID, saifu.ChargeState.FAILED, saifu.ChargeState.EXPIRED,
        saifu.ChargeState.CANCELLED]
    assert [e.id() for e in saifu.ChargeEvent] == [
        "three_ds_succeeded", "three_ds_failed", "three_ds_not_enrolled", "paid", "authorized", "declined"]
    assert [c.id() for c in saifu.KonbiniChain] == [
        "familymart", "lawson", "seven_eleven", "ministop", "seicomart"]


def test_pin_and_one_time_password():
    pin = saifu.Pin("１２３４")
    assert (pin.failures(), pin.is_locked()) == (0, False)
    pin.verify("1234")
    try:
        pin.verify("1111")
    except saifu.SaifuError.PinMismatch:
        pass
    assert pin.failures() == 1
    otp = saifu.OneTimePassword("0420", AT, datetime.timedelta(minutes=10), 3)
    assert otp.expires_at() == AT + datetime.timedelta(minutes=10)
    assert (otp.is_used(), otp.is_locked()) == (False, False)
    otp.verify("０４２０", AT + 599 * S)
    assert otp.is_used()
    otp = saifu.OneTimePassword("123456", AT, datetime.timedelta(minutes=10), 1)
    try:
        otp.verify("000000", AT)
    except saifu.SaifuError.OtpLocked:
        pass
    assert otp.is_locked()


def test_secrets_never_print_their_digits():
    pin = saifu.Pin("1234")
    assert repr(pin) == "Pin { failures: 0, locked: false }"
    try:
        pin.verify("9876")
    except saifu.SaifuError.PinMismatch:
        pass
    for shown in (repr(pin), str(pin)):
        assert "1234" not in shown and "9876" not in shown, shown
    otp = saifu.OneTimePassword("987654", AT, datetime.timedelta(minutes=10), 3)
    for shown in (repr(otp), str(otp)):
        assert shown.startswith("OneTimePassword {") and "used: false" in shown, shown
        assert "987654" not in shown, shown


def test_success_credits_the_wallet_and_the_user_state_shares_both_objects():
    c = charges()
    w = saifu.Wallet()
    w.add_program(saifu.Program(id="oyama", name="小山市共通商品券", payment_id_prefix="OEM2023030001"))
    state = saifu.UserState(w, c)
    assert state.wallet() is not None and state.charges() is not None
    visa = saifu.ChargeMethod.CARD(brand=saifu.Brand.VISA)
    c.start("c1", "oyama", visa, saifu.ChargeOrder.UNITS(units=1), AT)
    c.confirm("c1", AT + S)
    c.pay("c1", AT + 2 * S)
    lots = [saifu.IssuedLot(id="A", code="AAAA1111AAAA1111", management_no="d1"),
            saifu.IssuedLot(id="B", code="BBBB2222BBBB2222", management_no="d2")]
    with pytest.raises(saifu.SaifuError.ChargeIssuedLotsMismatch) as e:
        c.notify_into(w, "c1", saifu.ChargeEvent.THREE_DS_SUCCEEDED, lots[:1], AT + 3 * S)
    assert (e.value.code, e.value.creates, e.value.named) == ("charge.issued_lots_mismatch", 2, 1)
    assert w.lots() == []
    done = c.notify_into(w, "c1", saifu.ChargeEvent.THREE_DS_SUCCEEDED, lots, AT + 3 * S)
    assert done == saifu.Notified(state=saifu.ChargeState.SUCCEEDED, applied=True)
    assert [(lot.id, lot.balance, lot.expires_on) for lot in w.lots()] == [("A", 8_000, None), ("B", 5_000, None)]
    # The state sees the objects' changes; its document loads into new objects.
    saved = state.to_json()
    loaded = saifu.UserState.from_json(saved)
    assert loaded.to_json() == saved
    assert [lot.id for lot in loaded.wallet().lots()] == ["A", "B"]
    assert loaded.charges().charge("c1").state == saifu.ChargeState.SUCCEEDED
    with pytest.raises(saifu.SaifuError.StateMalformed):
        saifu.UserState.from_json('{"version":1}')


def test_the_event_logs_replay_the_charges_and_the_wallet():
    c = saifu.Charges()
    assert not c.event_log()
    c.set_event_log(True)
    w = saifu.Wallet()
    w.set_event_log(True)
    c.add_program(OYAMA)
    w.add_program(saifu.Program(id="oyama", name="小山市共通商品券", payment_id_prefix="OEM2023030001"))
    c.register_purchase_code("ab12-cd34", "oyama", 2)
    lawson = saifu.ChargeMethod.KONBINI(chain=saifu.KonbiniChain.LAWSON)
    c.start_purchase("c1", "oyama", "AB12CD34", 2, lawson, AT)
    # A failed call records nothing.
    with pytest.raises(saifu.SaifuError.PurchaseCodeInUse):
        c.start_purchase("c2", "oyama", "AB12CD34", 1, lawson, AT)
    c.confirm("c1", AT + S)
    c.pay("c1", AT + 2 * S)
    lots = [saifu.IssuedLot(id="A", code="AAAA1111AAAA1111", management_no="d1"),
            saifu.IssuedLot(id="B", code="BBBB2222BBBB2222", management_no="d2")]
    assert c.notify_into(w, "c1", saifu.ChargeEvent.PAID, lots, AT + 3 * S).applied
    events = c.take_events_json()
    assert c.take_events_json() == "[]"
    types = [next(iter(e)) for e in json.loads(events)]
    assert types == ["program_added", "purchase_code_registered", "purchase_started", "confirmed",
                     "submitted", "notified"]
    again = saifu.Charges.replay_json(events)
    assert again.to_json() == c.to_json()
    assert again.charges() == c.charges()
    assert not again.event_log()
    assert saifu.Wallet.replay_json(w.take_events_json()).to_json() == w.to_json()
    # Each change once: the log twice does not replay.
    inner = events[1:-1]
    with pytest.raises(saifu.SaifuError.StateInvalidEvent) as e:
        saifu.Charges.replay_json(f"[{inner},{inner}]")
    assert (e.value.index, e.value.cause) == (6, "charge.duplicate_id")
    with pytest.raises(saifu.SaifuError.StateMalformed):
        saifu.Charges.replay_json('[{"ticked":{}}]')


def test_one_program_record_for_the_wallet_and_the_charges():
    # The record the charges sell is the one the wallet spends, added to both at once.
    w, c = saifu.Wallet(), saifu.Charges()
    state = saifu.UserState(w, c)
    state.add_program(OYAMA)
    assert w.programs() == c.programs() == [OYAMA]
    # All or nothing: without a prefix the wallet refuses it, and the charges stay as they were.
    no_prefix = saifu.Program(id="p", name="P", accepted_brands=[saifu.Brand.VISA])
    with pytest.raises(saifu.SaifuError.WalletNoPaymentIdPrefix) as e:
        c.add_program_with(w, no_prefix)
    assert (e.value.code, e.value.program) == ("wallet.no_payment_id_prefix", "p")
    assert [p.id for p in c.programs()] == ["oyama"]
    # The charges alone take it (no payment ids there); then the pair refuses the id.
    c.add_program(no_prefix)
    with pytest.raises(saifu.SaifuError.ChargeDuplicateId):
        state.add_program(saifu.Program(id="p", name="P", payment_id_prefix="X"))
    assert [p.id for p in w.programs()] == ["oyama"]
    # Each document keeps the whole record.
    assert saifu.Wallet.from_json(w.to_json()).programs() == [OYAMA]
