// Parses each .gradle.kts given as an argument with the Kotlin compiler's parser, as a
// script, and reports every syntax error with its line; for a Markdown file given (the
// module's README), each of its ```kotlin blocks, which are Gradle script snippets.
// Prints `N passed, N failed`.
// What Gradle would also check (the DSL's names and types) needs Gradle: CI's job.
package jp.saifu.gradlecheck

import java.io.File
import kotlin.system.exitProcess
import org.jetbrains.kotlin.cli.common.environment.setIdeaIoUseFallback
import org.jetbrains.kotlin.cli.extensionsStorage
import org.jetbrains.kotlin.cli.common.messages.MessageCollector
import org.jetbrains.kotlin.cli.jvm.compiler.EnvironmentConfigFiles
import org.jetbrains.kotlin.cli.jvm.compiler.KotlinCoreEnvironment
import org.jetbrains.kotlin.com.intellij.openapi.util.Disposer
import org.jetbrains.kotlin.com.intellij.psi.PsiErrorElement
import org.jetbrains.kotlin.com.intellij.psi.PsiFileFactory
import org.jetbrains.kotlin.com.intellij.psi.util.PsiTreeUtil
import org.jetbrains.kotlin.config.CommonConfigurationKeys
import org.jetbrains.kotlin.compiler.plugin.CompilerPluginRegistrar
import org.jetbrains.kotlin.config.CompilerConfiguration
import org.jetbrains.kotlin.idea.KotlinLanguage
import org.jetbrains.kotlin.psi.KtFile

private val KOTLIN_BLOCK = Regex("^```kotlin\n(.*?)^```$", setOf(RegexOption.MULTILINE, RegexOption.DOT_MATCHES_ALL))

// The compiler's embedding API is internal and marked so (opt-in errors); it is the one
// way to its parser, and this tool is pinned to one compiler version (pom.xml).
@Suppress("OPT_IN_USAGE_ERROR", "DEPRECATION", "DEPRECATION_ERROR")
fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: Parse FILE.gradle.kts|FILE.md...")
        exitProcess(2)
    }
    setIdeaIoUseFallback()
    val disposable = Disposer.newDisposable()
    val config = CompilerConfiguration()
    config.put(CommonConfigurationKeys.MODULE_NAME, "gradle-check")
    config.put(CommonConfigurationKeys.MESSAGE_COLLECTOR_KEY, MessageCollector.NONE)
    // Kotlin 2.4 reads the plugins' extension storage while it sets up a project.
    config.extensionsStorage = CompilerPluginRegistrar.ExtensionStorage()
    val project = KotlinCoreEnvironment
        .createForProduction(disposable, config, EnvironmentConfigFiles.JVM_CONFIG_FILES)
        .project
    val factory = PsiFileFactory.getInstance(project)
    var passed = 0
    var failed = 0
    for (path in args) {
        val source = File(path)
        val whole = source.readText().replace("\r\n", "\n")
        // (name shown, script text, its first line in the file)
        val scripts = if (source.name.endsWith(".md")) {
            KOTLIN_BLOCK.findAll(whole).map { m ->
                val first = whole.substring(0, m.range.first).count { it == '\n' } + 2
                Triple("${source.name}:${first - 1}", m.groupValues[1], first)
            }.toList()
        } else {
            listOf(Triple(source.name, whole, 1))
        }
        if (scripts.isEmpty()) {
            println("FAIL ${source.name}: no ```kotlin block")
            failed++
        }
        for ((name, text, first) in scripts) {
            val file = factory.createFileFromText("check.gradle.kts", KotlinLanguage.INSTANCE, text) as KtFile
            val errors = PsiTreeUtil.collectElementsOfType(file, PsiErrorElement::class.java)
            val problems = errors.map { e ->
                val line = text.substring(0, e.textOffset).count { it == '\n' } + first
                "${source.name}:$line: ${e.errorDescription}"
            } + (if (file.isScript()) emptyList() else listOf("$name: not read as a script"))
            if (problems.isEmpty()) {
                println("ok   $name: parses as a Kotlin script (${text.lines().size} lines)")
                passed++
            } else {
                problems.forEach { println("FAIL $it") }
                failed++
            }
        }
    }
    Disposer.dispose(disposable)
    println("gradle files: $passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
