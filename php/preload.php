<?php

/*
 * opcache.preload script for servers (php-fpm, Apache mod_php) that keep PHP's default
 * ffi.enable=preload: FFI is then usable only from preloaded code, so this compiles every
 * class of the package into the preloaded set. Pair it with ffi.preload (the header
 * bin/agora-token-preload-header writes) so that no request parses the C declarations:
 *
 *     opcache.preload=/path/to/agora-token/php/preload.php
 *     opcache.preload_user=www-data
 *     ffi.preload=/etc/php/agora_token.h
 */

declare(strict_types=1);

require __DIR__ . '/autoload.php';

foreach (['src', 'dropin'] as $directory) {
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator(__DIR__ . "/$directory", FilesystemIterator::SKIP_DOTS));
    foreach ($files as $file) {
        if ($file->getExtension() !== 'php') {
            continue;
        }
        preg_match_all('/^\s*(?:(?:final|abstract|readonly)\s+)*(?:class|interface|trait|enum)\s+(\w+)/m', (string) file_get_contents($file->getPathname()), $found);
        $namespace = preg_match('/^namespace\s+([\w\\\\]+);/m', (string) file_get_contents($file->getPathname()), $match) ? $match[1] . '\\' : '';
        foreach ($found[1] as $class) {
            class_exists($namespace . $class) || interface_exists($namespace . $class) || enum_exists($namespace . $class);
        }
    }
}
