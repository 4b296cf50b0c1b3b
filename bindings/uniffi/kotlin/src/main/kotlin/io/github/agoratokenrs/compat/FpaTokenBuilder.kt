package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildFpaToken

/** Drop-in for upstream `io.agora.media.FpaTokenBuilder`. */
class FpaTokenBuilder {
    /** An FPA token that expires 24 hours after its issue time (default: now; `salt` default: random). */
    @JvmOverloads
    fun buildToken(appId: String, appCertificate: String, issuedAt: Long? = null, salt: Long? = null): String =
        withCredentials(appId, appCertificate) { buildFpaToken(it, unixTime("issuedAt", issuedAt), saltOf(salt)) }
}
