package io.github.agoratokenrs.java;

import io.agora.media.RtcTokenBuilder2;
import java.util.Arrays;

/**
 * The Java side of scripts/bench-java.sh (not a test; asserts nothing): the median ns per RTC
 * publisher token (clock issue time, random salt) of seven rounds of CALLS tokens each, after a
 * warm-up round for the JIT, for the drop-in {@code RtcTokenBuilder2.buildTokenWithUid}: the
 * same call the script times for the official npm and PyPI builders.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        RtcTokenBuilder2 builder = new RtcTokenBuilder2();
        long total = 0;
        double[] rounds = new double[8];
        for (int round = 0; round < rounds.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                total += builder.buildTokenWithUid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b",
                        "7d72365eb983485397e3e3f9d460bdda", (int) 2_882_341_273L + i, RtcTokenBuilder2.Role.ROLE_PUBLISHER,
                        600, 600).length();
            }
            rounds[round] = (System.nanoTime() - start) / (double) calls;
        }
        double[] measured = Arrays.copyOfRange(rounds, 1, rounds.length); // round 0 warms up
        Arrays.sort(measured);
        System.out.printf("java drop-in RtcTokenBuilder2.buildTokenWithUid (publisher): %d ns/token (%d characters built)%n",
                Math.round(measured[3]), total);
    }
}
