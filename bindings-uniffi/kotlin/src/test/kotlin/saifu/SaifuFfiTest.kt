package saifu

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import uniffi.saifu_ffi.SaifuException
import uniffi.saifu_ffi.checkNotEmpty
import uniffi.saifu_ffi.saifuVersion

/** The seam between Kotlin and saifu-ffi: every export reachable, every error typed. */
class SaifuFfiTest {
    @Test
    fun versionIsSemver() {
        val version = saifuVersion()
        assertTrue(Regex("""\d+\.\d+\.\d+.*""").matches(version), version)
    }

    @Test
    fun validInputPasses() {
        checkNotEmpty("x")
    }

    @Test
    fun emptyInputThrowsATypedException() {
        for (text in listOf("", "   ", "\t\n")) {
            val e = assertThrows(SaifuException.Empty::class.java) { checkNotEmpty(text) }
            assertEquals("input.empty", e.code)
        }
    }
}
