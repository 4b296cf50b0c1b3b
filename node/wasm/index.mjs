// The WebAssembly build as an ES module: `import ... from '@agora-token-rs/agora-token/wasm'`.
import { instantiate } from './api.mjs'
import { bytes } from './bytes.mjs'

const api = instantiate(bytes)
export default api
export const {
  ApaasTokenBuilder, ChatTokenBuilder, ConvoAITokenBuilder, Credentials, EducationTokenBuilder,
  FpaTokenBuilder, RtcTokenBuilder, RtcTokenBuilder006, RtmTokenBuilder, RtmTokenBuilder006, SttTokenBuilder,
  buildAccessToken006, buildApaasAppToken, buildApaasRoomUserToken, buildApaasUserToken, buildChatAppToken,
  buildChatUserToken, buildConvoAiToken, buildDynamicKey, buildDynamicKey5, buildFpaToken, buildRtcToken,
  buildRtcTokenWithPrivileges, buildRtcTokenWithRtm, buildRtcTokenWithRtmExpiries, buildRtm2Token,
  buildRtmToken, buildSignalingToken, buildSttToken, buildToken, compatBuildToken, compatWarningCodes,
  decodeAccessToken006Unverified, decodeUnverified, errorCodes, explain, randomSalt, reasonCodes,
  sdkErrorCodes, serviceTypes, unixNow, validateCredentials, verify, verifyAccessToken006,
} = api
