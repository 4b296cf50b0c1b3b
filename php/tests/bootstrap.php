<?php

/*
 * PHPUnit bootstrap: the package's own autoloader (composer.json's rules, with autoload-dev),
 * since Composer does not run here. The C library is found as the package finds it:
 * AGORA_TOKEN_LIBRARY (scripts/test-php.sh sets it), else lib/.
 */

declare(strict_types=1);

putenv('AGORA_TOKEN_AUTOLOAD_DEV=1');
require dirname(__DIR__) . '/autoload.php';
