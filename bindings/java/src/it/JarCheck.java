import io.agora.media.RtcTokenBuilder;
import io.agora.media.RtcTokenBuilder2;
import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;

/**
 * The release suite's check of the agora-token-java jar (scripts/test-release.sh), compiled and
 * run against the jar and JNA alone: the vectors at2-rtc-uid-join (007) and at1-rtc-publisher
 * (006), whose expected tokens are the arguments, through the drop-in builders.
 */
public final class JarCheck {
    public static void main(String[] args) {
        String appId = "970CA35de60c44645bbae8a215061b33", cert = "5CFd2fd1755d40ecb72977518be15d3b";
        String channel = "7d72365eb983485397e3e3f9d460bdda";
        int uid = (int) 2_882_341_273L;
        String token007 = new RtcTokenBuilder2().buildTokenWithUid(appId, cert, channel, uid,
                RtcTokenBuilder2.Role.ROLE_SUBSCRIBER, 600, 600, TokenOptions.defaults().withIssuedAt(1_111_111).withSalt(1));
        String token006 = new RtcTokenBuilder().buildTokenWithUid(appId, cert, channel, uid,
                RtcTokenBuilder.Role.Role_Publisher, 1_446_455_471,
                TokenOptions.defaults().withIssuedAt(1_111_111 - 86_400).withSalt(1));
        if (!token007.equals(args[0]) || !token006.equals(args[1])) {
            System.err.println("jar check: tokens differ from the vectors:\n" + token007 + "\n" + token006);
            System.exit(1);
        }
        System.out.println("jar check: the 007 and 006 vectors' tokens, with " + AgoraTokenC.LIBRARY.getName());
    }
}
