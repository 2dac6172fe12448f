"""Issue 14, item 2: copying a saifu object must not duplicate its raw handle.

Python's default ``copy.copy``, ``copy.deepcopy`` and ``pickle`` copy an object's
attributes, and a uniffi object's one attribute is the raw handle of its Rust memory: two
Python objects then freed the same memory (``copy.copy(card)`` aborted with
``malloc_consolidate(): unaligned fastbin chunk detected``, a copied wallet's ``to_json()``
returned another wallet's JSON) and a spawned process got a number that meant nothing
there (SIGSEGV). Every object class now refuses with ``TypeError``."""

import copy
import datetime
import multiprocessing
import pathlib
import pickle
import re

import pytest

import saifu
from fixtures import charges, seed_wallet, t

RUST_SOURCE = pathlib.Path(__file__).resolve().parents[2] / "src"


def rust_object_names() -> set:
    """The name of every ``#[derive(uniffi::Object)]`` struct of saifu-ffi."""
    names = set()
    for path in RUST_SOURCE.rglob("*.rs"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"#\[derive\(uniffi::Object\)\]\s*(?:#\[[^\]]*\]\s*)*pub struct (\w+)", text))
    return names


def object_classes() -> list:
    """Every object class the Python module exposes, checked against the Rust source."""
    names = rust_object_names()
    assert len(names) >= 8, names
    # Nothing else in the module owns Rust memory (frees it in __del__).
    owners = {n for n in saifu.__all__ if isinstance(getattr(saifu, n), type) and "__del__" in vars(getattr(saifu, n))}
    assert owners == names
    return [getattr(saifu, n) for n in sorted(names)]


def refuses_every_copy(obj) -> None:
    name = type(obj).__name__
    for copier in (copy.copy, copy.deepcopy, pickle.dumps, lambda o: pickle.dumps(o, protocol=0)):
        with pytest.raises(TypeError, match=rf"saifu\.{name} cannot be copied"):
            copier(obj)
    # Inside a container, too.
    with pytest.raises(TypeError):
        copy.deepcopy({"held": [obj]})
    with pytest.raises(TypeError):
        pickle.dumps([obj])


@pytest.mark.parametrize("cls", object_classes(), ids=lambda c: c.__name__)
def test_every_object_class_refuses_copy_deepcopy_and_pickle(cls):
    # An instance without a handle (never built through Rust): the refusal comes first.
    refuses_every_copy(cls.__new__(cls))


def live_objects():
    wallet = seed_wallet()
    return {
        "wallet": wallet,
        "card": saifu.parse_card("4242 4242 4242 4242"),
        "code": saifu.parse_security_code("123", saifu.Brand.VISA),
        "pin": saifu.Pin("1234"),
        "otp": saifu.OneTimePassword("123456", t("2026-11-23T10:00:00+09:00"), datetime.timedelta(minutes=10), 3),
        "customer_qr": saifu.CustomerQrPayment("TOKEN", t("2026-05-02T18:00:00+09:00"), datetime.timedelta(minutes=5)),
        "merchant_qr": saifu.MerchantQrPayment.scan(
            wallet, saifu.build_merchant_qr(saifu.jpqr_merchant_qr("0000000000001", "5812", "TENNOZU HANTEN", "SHINAGAWA"))
        ),
        "charges": charges(),
        "card_policy": saifu.CardPolicy(bytes(16), [saifu.Brand.VISA], [], []),
        "cards_on_file": saifu.CardsOnFile(),
        "slip": saifu.PaymentSlip(saifu.SlipKind.KONBINI(chain=saifu.KonbiniChain.SEVEN_ELEVEN),
                                  [saifu.SlipNumber(field=saifu.PaymentField.PAYMENT_SLIP_NUMBER, number="1234567890123")],
                                  t("2026-11-26T00:00:00+09:00"), 3000),
        "sign_in": saifu.SignIn(bytes(16), saifu.SignInConfig()),
        "mynapoint": saifu.MyNaPoint(bytes(16), saifu.MyNaPointConfig(eligible_cards=["aeon_card_waon"])),
        "jcoin": saifu.JCoinCredentials("jcoin012345", "s3cret pass", "482913"),
        "user_state": saifu.UserState(wallet, charges()),
    }


def test_live_objects_refuse_copies_and_keep_working():
    objects = live_objects()
    assert {type(o) for o in objects.values()} == set(object_classes())
    wallet = objects["wallet"]
    saved = wallet.to_json()
    for obj in objects.values():
        refuses_every_copy(obj)
    del obj
    # The originals are untouched and usable.
    assert wallet.to_json() == saved
    assert wallet.pay("riverside", 100, t("2026-05-01T12:00:00+09:00")).amount == 100
    assert objects["card"].masked() == "****-****-****-4242"
    assert objects["code"].digits() == "123"
    objects["pin"].verify("1234")
    assert objects["charges"].charges() == []
    assert objects["cards_on_file"].registrations() == []
    assert objects["slip"].amount() == 3000
    assert objects["sign_in"].enter_login_id("hanako_2024") == saifu.SignInState.AWAITING_PUZZLE
    objects["mynapoint"].choose_card("aeon_card_waon")
    assert objects["jcoin"].password() == "s3cret pass"


def test_a_wallet_is_copied_through_its_saved_state():
    wallet = seed_wallet()
    with pytest.raises(TypeError, match=r"Wallet\.from_json\(x\.to_json\(\)\)"):
        copy.deepcopy(wallet)
    twin = saifu.Wallet.from_json(wallet.to_json())
    wallet.pay("riverside", 100, t("2026-05-01T12:00:00+09:00"))
    del wallet
    assert len(twin.payments()) == 0
    assert twin.balance(t("2026-05-01T12:00:00+09:00")).total == 13_000


def _child(obj):  # pragma: no cover - never runs: the object cannot be sent
    obj.to_json()


@pytest.mark.parametrize("name", ["wallet", "card", "pin"])
def test_objects_cannot_be_sent_to_a_spawned_process(name):
    obj = live_objects()[name]
    process = multiprocessing.get_context("spawn").Process(target=_child, args=(obj,))
    with pytest.raises(TypeError, match="cannot be copied"):
        process.start()
    # The parent's object still works.
    assert repr(obj)
