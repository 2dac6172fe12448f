package saifu

import jp.saifu.Brand
import jp.saifu.ChargeMethodKind
import jp.saifu.Charges
import jp.saifu.Merchant
import jp.saifu.MerchantSize
import jp.saifu.NewLot
import jp.saifu.Product
import jp.saifu.ProductLine
import jp.saifu.Program
import jp.saifu.Scope
import jp.saifu.Wallet
import java.time.Instant
import java.time.OffsetDateTime

/** An instant from RFC 3339 text. */
fun t(s: String): Instant = OffsetDateTime.parse(s).toInstant()

/** A small seed-003 wallet: one program, a small restaurant with a JPQR id, a large mall,
 * an all-stores lot of 10,000 without expiry and a small-stores-only lot of 3,000 expiring
 * 2026-12-31. */
fun seedWallet(): Wallet {
    val w = Wallet()
    w.addProgram(Program("tennozu", "天王洲キャッシュ", "OEM2020000101"))
    w.addMerchant(Merchant("riverside", "天王洲飯店 リバーサイド店", MerchantSize.SMALL, listOf("tennozu"), "0000000000001"))
    w.addMerchant(Merchant("mall", "天王洲モール", MerchantSize.LARGE, listOf("tennozu")))
    w.setNextPaymentSerial(2L)
    w.openLot(lot("L1", "N7af3c1d7AV9b2e4", Scope.ALL_STORES, 10_000, null))
    w.openLot(lot("L2", "AAAA1111aaaa2222", Scope.SMALL_STORES_ONLY, 3_000, "2026-12-31"))
    return w
}

fun lot(id: String, code: String, scope: Scope, value: Long, expiresOn: String?): NewLot =
    NewLot(
        id = id, code = code, managementNo = "d012104262000001", program = "tennozu", scope = scope,
        registeredAt = t("2021-04-27T20:09:26+09:00"), expiresOn = expiresOn, faceValue = value, balance = value,
    )

/** Plain e-money by amount, Visa and JCB cards only. */
val minato = Program("minato", "電子スマイル商品券", "OEM2026000001", listOf(Brand.VISA, Brand.JCB))

/** A premium voucher sold by the unit: ¥10,000 for 8,000 small-stores-only + 5,000 all-stores, at most 4. */
val oyama = Program(
    "oyama", "小山市共通商品券", "OEM2023030001", listOf(Brand.VISA, Brand.MASTERCARD),
    Product(
        10_000, 4, listOf(ProductLine(Scope.SMALL_STORES_ONLY, 8_000), ProductLine(Scope.ALL_STORES, 5_000)),
        ChargeMethodKind.entries, null,
    ),
)

/** Charges over [minato] and [oyama]. */
fun chargesFixture(): Charges = Charges().also {
    it.addProgram(minato)
    it.addProgram(oyama)
}
