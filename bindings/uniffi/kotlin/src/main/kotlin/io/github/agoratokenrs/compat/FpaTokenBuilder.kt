package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildFpaToken

/** Drop-in for upstream `io.agora.media.FpaTokenBuilder`. */
class FpaTokenBuilder {
    /** An FPA token that expires 24 hours after it is built. */
    fun buildToken(appId: String, appCertificate: String): String =
        withCredentials(appId, appCertificate) { buildFpaToken(it) }
}
