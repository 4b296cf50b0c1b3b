// The package's main entry as an ES module (main.cjs chooses native or WebAssembly).
import binding from './main.cjs'

export default binding
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
} = binding
