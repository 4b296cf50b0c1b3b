// Android library: the uniffi-generated Kotlin API (src/main/kotlin/io/github/agoratokenrs/,
// written by build-android.sh), the hand-written upstream-name layer
// (src/main/kotlin/io/github/agoratokenrs/compat/) and the Rust library per ABI
// (src/main/jniLibs/<abi>/libagora_token_uniffi.so, built by build-android.sh).
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
