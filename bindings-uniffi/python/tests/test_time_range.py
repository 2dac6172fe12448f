"""Issue 14, item 3, where it showed in Python: a lot registered at
``9999-12-31T23:59:59-23:59`` loaded, and then ``lots()``, ``balance()`` and an OTP's
``expires_at()`` raised an uncoded ``OverflowError`` on every call (the instant is in the
year 10000 in UTC and JST, past what Python's ``datetime`` holds). Core now refuses
instants outside the years 0001-9999 wherever they enter: in a saved document, as a
``datetime`` argument, or as the end of a one-time password's validity."""

import datetime
import json

import pytest

import saifu
from fixtures import seed_wallet, t

# 9999-12-31 in its own offset, already the year 10000 in UTC and in JST.
PAST_9999 = "9999-12-31T23:59:59-23:59"


def test_a_saved_wallet_with_an_instant_past_9999_does_not_load():
    state = json.loads(seed_wallet().to_json())
    state["lots"][0]["registered_at"] = PAST_9999
    with pytest.raises(saifu.SaifuError) as refused:
        saifu.Wallet.from_json(json.dumps(state))
    assert refused.value.code == "state.malformed"


def test_an_instant_past_9999_is_refused_as_an_argument_and_changes_nothing():
    w = seed_wallet()
    before = w.to_json()
    late = datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.timezone(-datetime.timedelta(hours=23, minutes=59)))
    for call in (lambda: w.pay("riverside", 100, late), lambda: w.balance(late), lambda: w.expire(late)):
        with pytest.raises(saifu.SaifuError) as refused:
            call()
        assert refused.value.code == "time.invalid"
    assert w.to_json() == before
    # The wallet answers as before, with its lots' instants readable.
    assert [lot.id for lot in w.lots()] == ["L1", "L2"]
    assert w.pay("riverside", 100, t("2026-11-23T10:00:00+09:00")).amount == 100


def test_a_one_time_password_that_would_expire_past_9999_is_refused():
    issued = t("9999-12-31T23:55:00+09:00")
    with pytest.raises(saifu.SaifuError) as refused:
        saifu.OneTimePassword("123456", issued, datetime.timedelta(minutes=10), 3)
    assert refused.value.code == "otp.invalid_format"
