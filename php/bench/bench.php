<?php

/*
 * ns per token of the PHP drop-in and typed builders (scripts/bench-php.sh runs it next to the
 * official npm and PyPI builders, in the same run, and prints the ratios). Usage:
 *   php bench/bench.php CALLS
 * Prints "name: N ns/token" lines (the median of 7 rounds).
 */

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';

use AgoraToken\Credentials;
use AgoraToken\Role;
use AgoraToken\Token;
use AgoraToken\Tokens;

$calls = max((int) ($argv[1] ?? 20000), 1);
$appId = '970CA35de60c44645bbae8a215061b33';
$certificate = '5CFd2fd1755d40ecb72977518be15d3b';
$channel = '7d72365eb983485397e3e3f9d460bdda';
$credentials = new Credentials($appId, $certificate);

/** @param callable(int): mixed $call */
function median_ns(int $calls, callable $call): int
{
    $call(0);
    $rounds = [];
    for ($round = 0; $round < 7; $round++) {
        $start = hrtime(true);
        for ($i = 0; $i < $calls; $i++) {
            $call($i);
        }
        $rounds[] = (hrtime(true) - $start) / $calls;
    }
    sort($rounds);
    return (int) round($rounds[3]);
}

$dropIn = median_ns($calls, static fn (int $i) => RtcTokenBuilder2::buildTokenWithUid($appId, $certificate, $channel, 2882341273 + $i, RtcTokenBuilder2::ROLE_PUBLISHER, 600, 600));
echo "php drop-in RtcTokenBuilder2::buildTokenWithUid (publisher): $dropIn ns/token\n";
$typed = median_ns($calls, static fn (int $i) => Tokens::rtc($credentials, $channel, 2882341273 + $i, Role::Publisher, 600, 600));
echo "php typed Tokens::rtc (publisher): $typed ns/token\n";
$token = RtcTokenBuilder2::buildTokenWithUid($appId, $certificate, $channel, 2882341273, RtcTokenBuilder2::ROLE_PUBLISHER, 600, 600);
$verify = median_ns($calls, static fn (int $i) => Token::verify($token, $certificate));
echo "php Token::verify: $verify ns/token\n";
