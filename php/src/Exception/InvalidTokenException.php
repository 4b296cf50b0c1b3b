<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** A token that cannot be read: one of the five subclasses (wrong_version, invalid_base64, invalid_zlib, truncated, invalid_utf8). */
class InvalidTokenException extends AgoraTokenException
{
}
