// One call's cost from Kotlin/JVM through the uniffi bindings: a warmed loop per call
// (the JIT compiles the loop before the clock starts), the same calls as the native
// and Python boundary benches. Writes JSON to the file named by the first argument.
package saifu.bench

import java.io.File
import jp.saifu.detectCard
import jp.saifu.parseCard
import jp.saifu.saifuVersion

var sink = 0L

/** Nanoseconds per call of [f]: [ms] of warm-up calls (the JIT compiles the loop), then
 *  as many calls as fit in [ms] again. */
fun perCall(ms: Long, f: () -> Int): Double {
    val warm = System.nanoTime()
    while (System.nanoTime() - warm < ms * 1_000_000) repeat(1_000) { sink += f() }
    var calls = 0L
    val start = System.nanoTime()
    var elapsed: Long
    do {
        repeat(1_000) { sink += f() }
        calls += 1_000
        elapsed = System.nanoTime() - start
    } while (elapsed < ms * 1_000_000)
    return elapsed.toDouble() / calls
}

fun main(args: Array<String>) {
    val ms = (System.getenv("BENCH_MS") ?: "1000").toLong()
    val card = "4242 4242 4242 4242"
    val rows = listOf(
        "saifuVersion()" to perCall(ms) { saifuVersion().length },
        "detectCard(\"\")" to perCall(ms) { if (detectCard("").potentiallyValid) 1 else 0 },
        "detectCard(card)" to perCall(ms) { if (detectCard(card).complete) 1 else 0 },
        "parseCard(card).last4()" to perCall(ms) { parseCard(card).use { it.last4().length } },
    )
    val json = rows.joinToString(",\n", "{\"jvm\": \"${System.getProperty("java.version")}\", \"rows\": [\n", "]}\n") {
        "{\"name\": \"${it.first.replace("\"", "\\\"")}\", \"ns\": ${it.second}}"
    }
    for ((name, ns) in rows) println("  %-28s %8.0f ns per call".format(name, ns))
    if (args.isNotEmpty()) File(args[0]).writeText(json)
    if (sink == 42L) println()
}
