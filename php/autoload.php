<?php

/*
 * For use without Composer (and by this package's tests, since Composer is not used to run
 * them): registers an autoloader that follows composer.json's "autoload" section exactly as
 * Composer does, PSR-4 for the AgoraToken\ namespace and a class map of the drop-in classes
 * (upstream's global names). With Composer, require vendor/autoload.php instead.
 *
 *     require '/path/to/agora-token/php/autoload.php';
 */

declare(strict_types=1);

(static function (): void {
    $root = __DIR__;
    $composer = json_decode((string) file_get_contents($root . '/composer.json'), true, 16, JSON_THROW_ON_ERROR);
    $sections = [$composer['autoload']];
    if (getenv('AGORA_TOKEN_AUTOLOAD_DEV') === '1') {
        $sections[] = $composer['autoload-dev'];
    }
    $prefixes = [];
    $classMap = [];
    foreach ($sections as $section) {
        foreach ($section['psr-4'] ?? [] as $prefix => $directory) {
            $prefixes[$prefix] = $root . '/' . rtrim($directory, '/') . '/';
        }
        foreach ($section['classmap'] ?? [] as $directory) {
            foreach (glob($root . '/' . rtrim($directory, '/') . '/*.php') ?: [] as $file) {
                preg_match_all('/^\s*(?:(?:final|abstract|readonly)\s+)*(?:class|interface|trait|enum)\s+(\w+)/m', (string) file_get_contents($file), $found);
                foreach ($found[1] as $class) {
                    $classMap[$class] = $file;
                }
            }
        }
    }
    // The longest prefix first (AgoraToken\Tests\ before AgoraToken\), as Composer does.
    uksort($prefixes, static fn (string $a, string $b): int => strlen($b) <=> strlen($a));
    spl_autoload_register(static function (string $class) use ($prefixes, $classMap): void {
        if (isset($classMap[$class])) {
            require $classMap[$class];
            return;
        }
        foreach ($prefixes as $prefix => $directory) {
            if (str_starts_with($class, $prefix)) {
                $file = $directory . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                if (is_file($file)) {
                    require $file;
                    return;
                }
            }
        }
    });
})();
