// The Android library module of saifu (bindings-uniffi/android/README.md): a build of
// its own, run as `gradle -p bindings-uniffi/android assembleRelease` after
// scripts/build-android has generated the Kotlin and built the jniLibs.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "saifu-android"
