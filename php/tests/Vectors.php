<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

/** The shared vectors (conformance/upstream.json) and the repository paths the tests read. */
final class Vectors
{
    public const APP_ID = '970CA35de60c44645bbae8a215061b33';
    public const CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b';

    public static function repository(): string
    {
        return dirname(__DIR__, 2);
    }

    /** @return list<array<string, mixed>> */
    public static function all(): array
    {
        static $vectors = null;
        $vectors ??= json_decode((string) file_get_contents(self::repository() . '/conformance/upstream.json'), true, 64, JSON_THROW_ON_ERROR)['vectors'];
        return $vectors;
    }

    /** @return array<string, mixed> */
    public static function get(string $id): array
    {
        foreach (self::all() as $vector) {
            if ($vector['id'] === $id) {
                return $vector;
            }
        }
        throw new \LogicException("no vector $id");
    }

    /**
     * Data-provider rows: id => [vector], for one family and some kinds.
     *
     * @param list<string> $kinds
     * @return array<string, array{array<string, mixed>}>
     */
    public static function rows(string $family, array $kinds): array
    {
        $rows = [];
        foreach (self::all() as $vector) {
            if ($vector['family'] === $family && in_array($vector['kind'], $kinds, true)) {
                $rows[$vector['id']] = [$vector];
            }
        }
        return $rows;
    }

    /** The 007 string this package must build: what stock zlib level 6 makes of the payload. */
    public static function stockToken(array $vector): string
    {
        return $vector['derived_c_zlib_level6_token'] ?? $vector['expected_token'];
    }
}
