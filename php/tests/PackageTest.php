<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

use AgoraToken\Internal\Native;
use PHPUnit\Framework\TestCase;

/**
 * The Composer package: its autoload rules resolve every class as Composer would, the C
 * declarations are bindings/c's, the README sample runs as a Composer user runs it, and the
 * preloading recipe for php-fpm works under a server SAPI (php-cgi) with ffi.enable=preload.
 */
final class PackageTest extends TestCase
{
    private static function package(): string
    {
        return dirname(__DIR__);
    }

    /** @return array<string, mixed> */
    private static function composer(): array
    {
        return json_decode((string) file_get_contents(self::package() . '/composer.json'), true, 16, JSON_THROW_ON_ERROR);
    }

    /** @return array<string, string> class => file, as the declarations in $directory say */
    private static function declared(string $directory): array
    {
        $found = [];
        $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator(self::package() . "/$directory", \FilesystemIterator::SKIP_DOTS));
        foreach ($files as $file) {
            $code = (string) file_get_contents($file->getPathname());
            $namespace = preg_match('/^namespace\s+([\w\\\\]+);/m', $code, $match) ? $match[1] . '\\' : '';
            preg_match_all('/^\s*(?:(?:final|abstract|readonly)\s+)*(?:class|interface|trait|enum)\s+(\w+)/m', $code, $classes);
            foreach ($classes[1] as $class) {
                $found[$namespace . $class] = substr($file->getPathname(), strlen(self::package()) + 1);
            }
        }
        ksort($found);
        return $found;
    }

    public function testComposerJsonDescribesThePackage(): void
    {
        $composer = self::composer();
        $this->assertSame('agora-token-rs/agora-token', $composer['name']);
        $this->assertSame(['php' => '>=8.1', 'ext-ffi' => '*'], $composer['require']);
        $this->assertSame(['AgoraToken\\' => 'src/'], $composer['autoload']['psr-4']);
        $this->assertSame(['dropin/'], $composer['autoload']['classmap']);
        $this->assertSame(['bin/agora-token-preload-header'], $composer['bin'] ?? null);
        $this->assertSame(['MIT', 'Apache-2.0'], $composer['license']);
        foreach (['LICENSE-MIT', 'LICENSE-APACHE'] as $licence) {
            $this->assertFileEquals(Vectors::repository() . "/$licence", self::package() . "/$licence", "php/$licence is a copy of the repository's");
        }
    }

    public function testEveryNamespacedClassIsWherePsr4LooksForIt(): void
    {
        $classes = self::declared('src');
        $this->assertGreaterThan(40, count($classes));
        foreach ($classes as $class => $file) {
            $this->assertStringStartsWith('AgoraToken\\', $class);
            $this->assertSame('src/' . str_replace('\\', '/', substr($class, strlen('AgoraToken\\'))) . '.php', $file, $class);
            $this->assertTrue(class_exists($class) || enum_exists($class), $class);
        }
    }

    public function testTheClassMapHoldsUpstreamsGlobalClasses(): void
    {
        $expected = [
            'AccessToken' => 'dropin/AccessToken.php',
            'AccessToken2' => 'dropin/AccessToken2.php',
            'ApaasTokenBuilder' => 'dropin/ApaasTokenBuilder.php',
            'ChatTokenBuilder2' => 'dropin/ChatTokenBuilder2.php',
            'ConvoAITokenBuilder' => 'dropin/ConvoAITokenBuilder.php',
            'EducationTokenBuilder' => 'dropin/EducationTokenBuilder.php',
            'FpaTokenBuilder' => 'dropin/FpaTokenBuilder.php',
            'Message' => 'dropin/AccessToken.php',
            'Rtm2Permissions' => 'dropin/AccessToken2.php',
            'RtcTokenBuilder' => 'dropin/RtcTokenBuilder.php',
            'RtcTokenBuilder2' => 'dropin/RtcTokenBuilder2.php',
            'RtmTokenBuilder' => 'dropin/RtmTokenBuilder.php',
            'RtmTokenBuilder2' => 'dropin/RtmTokenBuilder2.php',
            'Service' => 'dropin/AccessToken2.php',
            'ServiceApaas' => 'dropin/AccessToken2.php',
            'ServiceChat' => 'dropin/AccessToken2.php',
            'ServiceConvoAI' => 'dropin/AccessToken2.php',
            'ServiceFCdn' => 'dropin/AccessToken2.php',
            'ServiceFpa' => 'dropin/AccessToken2.php',
            'ServiceRtc' => 'dropin/AccessToken2.php',
            'ServiceRtm' => 'dropin/AccessToken2.php',
            'ServiceRtm2' => 'dropin/AccessToken2.php',
            'ServiceStreaming' => 'dropin/AccessToken2.php',
            'ServiceStt' => 'dropin/AccessToken2.php',
            'SttTokenBuilder' => 'dropin/SttTokenBuilder.php',
        ];
        ksort($expected);
        $this->assertSame($expected, self::declared('dropin'));
    }

    public function testTheCDeclarationsAreBindingsCs(): void
    {
        $header = (string) file_get_contents(Native::headerPath());
        $this->assertSame((string) file_get_contents(Vectors::repository() . '/bindings/c/include/agora_token_ffi.h'), $header, 'resources/agora_token_ffi.h differs from bindings/c/include/agora_token_ffi.h: copy it');
        // Every C function the PHP code names is declared.
        $code = '';
        foreach ([...array_values(self::declared('src')), ...array_values(self::declared('dropin'))] as $file) {
            $code .= file_get_contents(self::package() . '/' . $file);
        }
        preg_match_all("/'(agora_token_\\w+[a-z0-9])'/", $code, $called);
        // BuilderHandle::add('rtc_uid', ...) calls agora_token_builder_add_rtc_uid.
        preg_match_all("/->add\\('(\\w+)'/", $code, $added);
        foreach ($added[1] as $service) {
            $called[1][] = "agora_token_builder_add_$service";
        }
        foreach (['rtc', 'streaming', 'fcdn'] as $service) {
            $called[1][] = "agora_token_builder_add_{$service}_uid";
            $called[1][] = "agora_token_builder_add_{$service}_account";
        }
        $this->assertGreaterThan(40, count(array_unique($called[1])));
        foreach (array_unique($called[1]) as $function) {
            $this->assertMatchesRegularExpression("/\\b$function\\(/", $header, $function);
        }
    }

    public function testTheReadmeSampleRunsAsAComposerUserRunsIt(): void
    {
        $readme = (string) file_get_contents(self::package() . '/README.md');
        $this->assertSame(1, preg_match('/## Sample\n\n```php\n(.*?)```/s', $readme, $match), 'README has a ## Sample php block');
        $sample = (string) file_get_contents(self::package() . '/examples/sample.php');
        $this->assertSame($sample, $match[1], 'the README sample is examples/sample.php');
        $this->assertLessThanOrEqual(5, count(array_filter(explode("\n", $sample), static fn ($l) => $l !== '' && $l !== '<?php')));

        $project = sys_get_temp_dir() . '/agora-token-sample-' . getmypid();
        @mkdir("$project/vendor", 0777, true);
        file_put_contents("$project/vendor/autoload.php", "<?php require '" . self::package() . "/autoload.php';\n");
        file_put_contents("$project/sample.php", $sample);
        [$status, $output] = self::php(['-d', 'ffi.enable=1', 'sample.php'], $project);
        $this->assertSame(0, $status, $output);
        $token = trim($output);
        $this->assertMatchesRegularExpression('/^007[A-Za-z0-9+\/=]+$/', $token);
        $payload = \AgoraToken\Token::decode($token, Vectors::CERTIFICATE);
        $this->assertSame(['room', '42', [1 => 3600, 2 => 3600, 3 => 3600, 4 => 3600]], [$payload->services[0]->channelName, $payload->services[0]->uid, $payload->services[0]->privileges]);
    }

    public function testServersWithFfiEnablePreloadUseThePreloadedPackage(): void
    {
        $cgi = trim((string) shell_exec('command -v php-cgi'));
        $this->assertNotSame('', $cgi, 'php-cgi (Debian php-cgi) runs this test: scripts/test-php.sh installs it');
        $library = Native::libraryPath();
        $header = sys_get_temp_dir() . '/agora_token_preload_' . getmypid() . '.h';
        [$status, $output] = self::php([self::package() . '/bin/agora-token-preload-header', $library]);
        $this->assertSame(0, $status, $output);
        $this->assertStringStartsWith("#define FFI_SCOPE \"AGORA_TOKEN\"\n#define FFI_LIB ", $output);
        file_put_contents($header, $output);
        $script = sys_get_temp_dir() . '/agora_token_request_' . getmypid() . '.php';
        file_put_contents($script, "<?php\nrequire '" . self::package() . "/autoload.php';\necho ChatTokenBuilder2::buildAppToken('" . Vectors::APP_ID . "', '" . Vectors::CERTIFICATE . "', 600);\n");
        $server = ['-q', '-d', 'ffi.enable=preload', '-d', 'opcache.enable=1', '-d', 'opcache.preload_user=' . (get_current_user() ?: 'root')];
        $preload = ['-d', 'opcache.preload=' . self::package() . '/preload.php'];
        // A request without preloading: FFI is refused, and the error says what to set.
        [, $refused] = self::execute([$cgi, ...$server, $script]);
        $this->assertStringContainsString('FFI is disabled here (ffi.enable=preload)', $refused);
        // Preloaded classes may use FFI, with the declarations preloaded too or not.
        foreach ([[...$server, ...$preload, '-d', "ffi.preload=$header"], [...$server, ...$preload]] as $arguments) {
            [$status, $output] = self::execute([$cgi, ...$arguments, $script]);
            $this->assertSame(0, $status, $output);
            $this->assertMatchesRegularExpression('/^007[A-Za-z0-9+\/=]+$/', $output);
        }
    }

    /** @return array{int, string} */
    private static function php(array $arguments, ?string $directory = null): array
    {
        return self::execute([PHP_BINARY, ...$arguments], $directory);
    }

    /** @return array{int, string} exit status and stdout + stderr */
    private static function execute(array $command, ?string $directory = null): array
    {
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes, $directory, null);
        $output = (string) stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        return [proc_close($process), $output];
    }
}
