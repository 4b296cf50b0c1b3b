// Standalone build of the Android library; include it from an app with
// `includeBuild("path/to/bindings/uniffi/kotlin")` or copy the module.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "agora-token-android"
