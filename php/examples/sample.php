<?php
require 'vendor/autoload.php';
$token = RtcTokenBuilder2::buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b',
    'room', 42, RtcTokenBuilder2::ROLE_PUBLISHER, 3600, 3600);
echo $token, PHP_EOL;
