// The WebAssembly build as an ES module: `import ... from '@agora-token-rs/agora-token/wasm'`.
import { instantiate } from './api.mjs'
import { bytes } from './bytes.mjs'

const api = instantiate(bytes)
export default api
export const {
  ApaasTokenBuilder, JsApaasTokenBuilder, ChatTokenBuilder, JsChatTokenBuilder, ConvoAITokenBuilder,
  JsConvoAiTokenBuilder, Credentials, JsCredentials, EducationTokenBuilder, JsEducationTokenBuilder, FpaTokenBuilder, JsFpaTokenBuilder,
  RtcTokenBuilder, JsRtcTokenBuilder, RtcTokenBuilder006, JsRtcTokenBuilder006, RtmTokenBuilder, JsRtmTokenBuilder,
  RtmTokenBuilder006, JsRtmTokenBuilder006, SttTokenBuilder, JsSttTokenBuilder, buildAccessToken006,
  buildApaasAppToken, buildApaasRoomUserToken, buildApaasUserToken, buildChatAppToken, buildChatUserToken,
  buildConvoAiToken, buildDynamicKey, buildDynamicKey5, buildFpaToken, buildRtcToken, buildRtcTokenWithPrivileges,
  buildRtcTokenWithRtm, buildRtcTokenWithRtm2, buildRtmToken, buildRtmTokenWithPermissions, buildSignalingToken,
  buildSttToken, buildToken, compatBuildToken, compatWarningCodes, decode, decodeAccessToken006, explain,
  randomSalt, reasonCodes, sdkErrorCodes, serviceTypes, unixNow, validateCredentials, verify, verifyAccessToken006,
} = api
