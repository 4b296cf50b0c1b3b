// Android library: the uniffi-generated Kotlin API (src/main/kotlin/io/github/agoratokenrs/,
// written by build-android.sh), the hand-written upstream-name layer
// (src/main/kotlin/io/github/agoratokenrs/compat/) and the Rust library per ABI
// (src/main/jniLibs/<abi>/libagora_token_uniffi.so, built by build-android.sh).
// NOT BUILT by the project's tests: there is no Gradle distribution, Android SDK or NDK on the
// project's machines; the release workflow builds the AAR on GitHub's runners. The JVM jar of
// the same sources is the Maven build next to this file (pom.xml), which scripts/test-release.sh
// builds and tests. The version is set by scripts/release/versions.py.
plugins {
    id("com.android.library") version "8.5.2"
    id("org.jetbrains.kotlin.android") version "2.0.20"
}

group = "io.github.agoratokenrs"
version = "0.1.0"

android {
    namespace = "io.github.agoratokenrs"
    compileSdk = 34

    defaultConfig {
        minSdk = 21
        consumerProguardFiles("consumer-rules.pro")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets["main"].jniLibs.srcDirs("src/main/jniLibs")
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // The generated bindings call the Rust library through JNA; the AAR carries JNA's own
    // native dispatch library for every Android ABI.
    implementation("net.java.dev.jna:jna:5.14.0@aar")
}
