// The Android library (AAR) of saifu: the uniffi Kotlin bindings (package jp.saifu, the
// same API as the JVM jar) with libsaifu_ffi.so for arm64-v8a, armeabi-v7a, x86_64 and
// x86, and JNA as an AAR (its Android native dispatch library included). Neither the
// Kotlin nor the libraries are committed: scripts/build-android writes them under
// build/ (generated/uniffi, jniLibs) before Gradle runs. README.md beside this file.
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.4.21"
    id("maven-publish")
}

// One version for every package: the workspace's (Cargo.toml).
val workspaceVersion: String = Regex("""\[workspace\.package\][^\[]*?\nversion = "([^"]+)"""")
    .find(rootDir.resolve("../../Cargo.toml").readText())
    ?.groupValues?.get(1)
    ?: error("no [workspace.package] version in Cargo.toml")

group = "jp.saifu"
version = workspaceVersion

val generatedKotlinDir = layout.buildDirectory.dir("generated/uniffi")
val jniLibsDir = layout.buildDirectory.dir("jniLibs")

android {
    namespace = "jp.saifu"
    compileSdk = 35

    defaultConfig {
        // The bindings use java.time (Instant, Duration), in Android from API 26; below
        // it, core library desugaring provides them: enabled here, and an app with a
        // minSdk under 26 must enable it too (README.md).
        minSdk = 21
        consumerProguardFiles("consumer-rules.pro")
    }

    compileOptions {
        isCoreLibraryDesugaringEnabled = true
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets["main"].apply {
        java.srcDir(generatedKotlinDir)
        jniLibs.srcDir(jniLibsDir)
    }

    publishing {
        singleVariant("release") {
            withSourcesJar()
        }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // @aar: JNA's Android artifact, with libjnidispatch.so for each ABI; the jar is for
    // desktop JVMs.
    implementation("net.java.dev.jna:jna:5.19.1@aar")
    // @RequiresApi in uniffi's Android cleaner (android.system.SystemCleaner from API 34).
    implementation("androidx.annotation:annotation:1.9.1")
    coreLibraryDesugaring("com.android.tools:desugar_jdk_libs:2.1.3")
}

// Gradle must not build an AAR without what scripts/build-android writes.
tasks.named("preBuild") {
    doFirst {
        val kotlin = generatedKotlinDir.get().asFile.resolve("jp/saifu")
        check(kotlin.isDirectory) { "no generated Kotlin in $kotlin: run scripts/build-android first" }
        for (abi in listOf("arm64-v8a", "armeabi-v7a", "x86_64", "x86")) {
            val so = jniLibsDir.get().asFile.resolve("$abi/libsaifu_ffi.so")
            check(so.isFile) { "no $so: run scripts/build-android first" }
        }
    }
}

publishing {
    publications {
        register<MavenPublication>("release") {
            groupId = "jp.saifu"
            artifactId = "saifu-android"
            version = workspaceVersion
            afterEvaluate { from(components["release"]) }
        }
    }
}
