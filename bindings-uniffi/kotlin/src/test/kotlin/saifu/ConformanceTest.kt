package saifu

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.util.concurrent.atomic.AtomicInteger

/**
 * The conformance vectors (conformance/README.md) through the Kotlin bindings: one dynamic
 * test per case, so Surefire counts them, and the summary line the Rust runner prints.
 * An unknown `fn`, `scenario` or `op` fails its case.
 */
class ConformanceTest {
    companion object {
        private val passed = AtomicInteger()
        private val failed = AtomicInteger()

        @JvmStatic
        @AfterAll
        fun summary() {
            println("conformance (${Vectors.dir}): ${passed.get()} passed, ${failed.get()} failed")
        }

        fun run(case: Map<String, Any?>) {
            val fn = case["fn"] as? String
            val scenario = case["scenario"] as? String
            when {
                fn != null -> check(Functions.call(fn, case.obj("input")), case.obj("expect"))
                scenario == "wallet" -> WalletScenario.run(case)
                scenario == "charge" -> ChargeScenario.run(case)
                scenario == "pin" -> CredentialScenarios.runPin(case)
                scenario == "otp" -> CredentialScenarios.runOtp(case)
                scenario == "cards_on_file" -> CardScenarios.run(case)
                scenario == "signin" -> AccountScenarios.runSignIn(case)
                scenario == "mynapoint" -> AccountScenarios.runMyNaPoint(case)
                scenario != null -> throw CaseFailure("unknown scenario $scenario")
                else -> throw CaseFailure("neither fn nor scenario")
            }
        }
    }

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = Vectors.cases()
        assertTrue(cases.isNotEmpty(), "no vector cases in ${Vectors.dir}")
        return cases.map { c ->
            DynamicTest.dynamicTest("${c.file}: ${c.name}") {
                try {
                    run(c.body)
                    passed.incrementAndGet()
                } catch (t: Throwable) {
                    failed.incrementAndGet()
                    println("FAIL ${c.file}: ${c.name}: $t")
                    throw AssertionError("${c.file}: ${c.name}: ${t.message}", t)
                }
            }
        }
    }
}
