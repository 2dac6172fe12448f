package saifu

import jp.saifu.Brand
import jp.saifu.Money
import jp.saifu.SaifuException
import jp.saifu.moneyFromF64
import jp.saifu.unitsFromF64
import org.json.JSONObject
import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.time.OffsetDateTime
import java.time.format.DateTimeParseException

/** A case the runner cannot run or that disagrees with the vector: a failure, never a skip. */
class CaseFailure(message: String) : Exception(message)

/** What one call gave: the fields of a success (vector names, snake_case; `true` for a
 * PIN or one-time password that matched), or a typed error. */
sealed class Outcome {
    data class Ok(val fields: Any?) : Outcome()
    data class Err(val error: SaifuException) : Outcome()
}

/** Runs [block]; a [SaifuException] is the outcome, anything else (a [CaseFailure], an
 * `InternalException` from a Rust panic) fails the case. */
fun outcome(block: () -> Map<String, Any?>): Outcome =
    try {
        Outcome.Ok(block())
    } catch (e: SaifuException) {
        Outcome.Err(e)
    }

/** The vector files of conformance/README.md: `SAIFU_CONFORMANCE_DIR`, else the project's. */
object Vectors {
    val dir: File =
        File(
            System.getenv("SAIFU_CONFORMANCE_DIR")
                ?: System.getProperty("saifu.conformance.dir")
                ?: "../../conformance",
        ).canonicalFile

    class Case(val file: String, val name: String, val body: Map<String, Any?>)

    fun cases(): List<Case> {
        val files = dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }
            ?: throw IllegalStateException("cannot read $dir")
        return files.sortedBy { it.name }.flatMap { file ->
            val suite = JSONObject(file.readText(Charsets.UTF_8)).toMap()
            val cases = suite["cases"] as? List<*> ?: throw IllegalStateException("${file.name}: cases is not a list")
            cases.map { raw ->
                val body = asObject(raw, "case")
                Case(file.name, body["name"] as? String ?: "(unnamed)", body)
            }
        }
    }
}

@Suppress("UNCHECKED_CAST")
fun asObject(v: Any?, what: String): Map<String, Any?> =
    v as? Map<String, Any?> ?: throw CaseFailure("$what is not an object: $v")

fun Map<String, Any?>.obj(key: String): Map<String, Any?> = asObject(this[key] ?: emptyMap<String, Any?>(), key)

fun Map<String, Any?>.list(key: String): List<Any?> = this[key] as? List<Any?> ?: emptyList()

fun Map<String, Any?>.text(key: String): String = this[key] as? String ?: throw CaseFailure("input.$key is not text")

fun Map<String, Any?>.integer(key: String): Long =
    when (val v = this[key]) {
        is Int -> v.toLong()
        is Long -> v
        else -> throw CaseFailure("input.$key is not an integer: $v")
    }

/** A vector's number (conformance/README.md "Bad numbers"): a JSON integer that fits a
 * Long as a [Long], any other number as a [Double]; `{"number": "NaN" | "Infinity" |
 * "-Infinity" | "-0"}` for what JSON cannot write. */
fun Map<String, Any?>.number(key: String): Number =
    when (val v = this[key]) {
        is Int -> v.toLong()
        is Long -> v
        is java.math.BigInteger -> if (v.bitLength() < 64) v.toLong() else v.toDouble()
        is Number -> v.toDouble() // BigDecimal, Double: a fraction or an exponent
        is Map<*, *> -> when (v["number"]) {
            "NaN" -> Double.NaN
            "Infinity" -> Double.POSITIVE_INFINITY
            "-Infinity" -> Double.NEGATIVE_INFINITY
            "-0" -> -0.0
            else -> throw CaseFailure("input.$key is not a number: $v")
        }
        else -> throw CaseFailure("input.$key is not a number: $v")
    }

/** An amount through Kotlin's entry for the number: a Long as the `Money` record takes it,
 * any other number through `moneyFromF64` (it throws what core answers). */
fun moneyOf(n: Number, currency: String): Money =
    if (n is Long) Money(n, currency) else moneyFromF64(n.toDouble(), currency)

/** Yen as the wallet and charges take them (a Long), read as [moneyOf] reads a number. */
fun yenOf(n: Number): Long = if (n is Long) n else moneyFromF64(n.toDouble(), "JPY").minor

/** A count of units (a Long), any other number through `unitsFromF64`. */
fun unitsOf(n: Number): Long = if (n is Long) n else unitsFromF64(n.toDouble())

/** An RFC 3339 time with offset, as an instant. */
fun time(v: Any?): Instant =
    (v as? String)?.let { instantOrNull(it) } ?: throw CaseFailure("not an RFC 3339 time: $v")

private fun instantOrNull(s: String): Instant? =
    try {
        OffsetDateTime.parse(s).toInstant()
    } catch (e: DateTimeParseException) {
        null
    }

/** Compares an outcome with `{"ok": {...}}` or `{"error": CODE, fields...}`. */
fun check(outcome: Outcome, expect: Map<String, Any?>) {
    val code = expect["error"]
    when (outcome) {
        is Outcome.Err -> {
            val e = outcome.error
            if (code == null) throw CaseFailure("unexpected error ${e.code()}: $e")
            if (e.code() != code) throw CaseFailure("expected error $code, got ${e.code()}")
            for ((key, want) in expect) {
                if (key == "error") continue
                matches(errorField(e, key), want, "error field $key")
            }
        }
        is Outcome.Ok -> {
            if (code != null) throw CaseFailure("expected error $code, got ${outcome.fields}")
            val want = if (expect.containsKey("ok")) expect["ok"] else expect
            matches(outcome.fields, want, "")
        }
    }
}

/** Kotlin's name of an error field where it differs from the vectors' (uniffi.toml). */
private val kotlinFieldNames = mapOf("cause" to "causeCode")

/** An error's typed field by its snake_case name, read from the exception class: money as
 * minor units (wallet amounts are plain yen already), a brand as its id, an instant as
 * ISO 8601 text (compared as an instant). */
fun errorField(e: SaifuException, snake: String): Any? {
    val name = kotlinFieldNames[snake] ?: snake.split('_').mapIndexed { i, part ->
        if (i == 0) part else part.replaceFirstChar { it.uppercase() }
    }.joinToString("")
    val field = e.javaClass.declaredFields.firstOrNull { it.name == name }
        ?: throw CaseFailure("error ${e.code()} has no field $snake")
    field.isAccessible = true
    return when (val v = field.get(e)) {
        is Brand -> v.id()
        is Instant -> v.toString()
        else -> v
    }
}

/** Only the fields given are compared; lists element by element with equal lengths; times
 * as instants; numbers by value. */
fun matches(got: Any?, want: Any?, path: String) {
    fun fail(why: String): Nothing = throw CaseFailure(if (path.isEmpty()) why else "$path: $why")
    when {
        want is Map<*, *> -> {
            val g = got as? Map<*, *> ?: fail("expected an object, got $got")
            for ((key, w) in want) {
                if (!g.containsKey(key)) fail("missing field $key in $got")
                matches(g[key], w, if (path.isEmpty()) "$key" else "$path.$key")
            }
        }
        want is List<*> -> {
            val g = got as? List<*> ?: fail("expected a list, got $got")
            if (g.size != want.size) fail("expected ${want.size} elements, got ${g.size}: $got")
            g.zip(want).forEachIndexed { i, (gi, wi) -> matches(gi, wi, "$path[$i]") }
        }
        want is String && got is String -> {
            if (got != want) {
                val (a, b) = instantOrNull(got) to instantOrNull(want)
                if (a == null || b == null || a != b) fail("expected \"$want\", got \"$got\"")
            }
        }
        want is Boolean || got is Boolean -> if (got != want) fail("expected $want, got $got")
        want is Number && got is Number ->
            if (BigDecimal(got.toString()).compareTo(BigDecimal(want.toString())) != 0) fail("expected $want, got $got")
        want == null -> if (got != null) fail("expected null, got $got")
        else -> fail("expected $want, got $got")
    }
}
