// The package's main entry as an ES module (main.cjs chooses native or WebAssembly).
import binding from './main.cjs'

export default binding
export const {
  ApaasTokenBuilder, ChatTokenBuilder, ConvoAITokenBuilder, Credentials, EducationTokenBuilder,
  FpaTokenBuilder, RtcTokenBuilder, RtcTokenBuilder006, RtmTokenBuilder, RtmTokenBuilder006, SttTokenBuilder,
  buildAccessToken006, buildApaasAppToken, buildApaasRoomUserToken, buildApaasUserToken, buildChatAppToken,
  buildChatUserToken, buildConvoAiToken, buildDynamicKey, buildDynamicKey5, buildFpaToken, buildRtcToken,
  buildRtcTokenWithPrivileges, buildRtcTokenWithRtm, buildRtcTokenWithRtmExpiries, buildRtm2Token,
  buildRtmToken, buildSignalingToken, buildSttToken, buildToken, compatBuildToken, compatWarningCodes,
  decodeAccessToken006Unverified, decodeUnverified, errorCodes, explain, randomSalt, reasonCodes,
  sdkErrorCodes, serviceTypes, unixNow, validateCredentials, verify, verifyAccessToken006,
} = binding
