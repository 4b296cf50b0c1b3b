// A small JSON reader for the conformance file (the JVM has none built in and the test
// classpath is only kotlin-stdlib, kotlin-test and JNA). Objects keep their key order.

class JsonException(message: String) : Exception(message)

object Json {
    fun parse(text: String): Any? {
        val reader = Reader(text)
        val value = reader.value()
        reader.skipSpace()
        if (!reader.atEnd()) throw JsonException("trailing data at ${reader.pos}")
        return value
    }

    private class Reader(val s: String) {
        var pos = 0

        fun atEnd() = pos >= s.length

        fun skipSpace() {
            while (!atEnd() && s[pos].isWhitespace()) pos++
        }

        fun expect(c: Char) {
            skipSpace()
            if (atEnd() || s[pos] != c) throw JsonException("expected '$c' at $pos")
            pos++
        }

        fun value(): Any? {
            skipSpace()
            if (atEnd()) throw JsonException("unexpected end")
            return when (val c = s[pos]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> str()
                't' -> literal("true", true)
                'f' -> literal("false", false)
                'n' -> literal("null", null)
                else -> if (c == '-' || c.isDigit()) num() else throw JsonException("unexpected '$c' at $pos")
            }
        }

        fun literal(word: String, v: Any?): Any? {
            if (!s.startsWith(word, pos)) throw JsonException("bad literal at $pos")
            pos += word.length
            return v
        }

        fun obj(): Map<String, Any?> {
            expect('{')
            val out = LinkedHashMap<String, Any?>()
            skipSpace()
            if (s[pos] == '}') { pos++; return out }
            while (true) {
                skipSpace()
                val key = str()
                expect(':')
                out[key] = value()
                skipSpace()
                when (s[pos++]) {
                    ',' -> continue
                    '}' -> return out
                    else -> throw JsonException("expected ',' or '}' at ${pos - 1}")
                }
            }
        }

        fun arr(): List<Any?> {
            expect('[')
            val out = ArrayList<Any?>()
            skipSpace()
            if (s[pos] == ']') { pos++; return out }
            while (true) {
                out += value()
                skipSpace()
                when (s[pos++]) {
                    ',' -> continue
                    ']' -> return out
                    else -> throw JsonException("expected ',' or ']' at ${pos - 1}")
                }
            }
        }

        fun str(): String {
            expect('"')
            val out = StringBuilder()
            while (true) {
                if (atEnd()) throw JsonException("unterminated string")
                when (val c = s[pos++]) {
                    '"' -> return out.toString()
                    '\\' -> when (val e = s[pos++]) {
                        '"', '\\', '/' -> out.append(e)
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> { out.append(s.substring(pos, pos + 4).toInt(16).toChar()); pos += 4 }
                        else -> throw JsonException("bad escape '\\$e' at $pos")
                    }
                    else -> out.append(c)
                }
            }
        }

        /** Numbers as Long (the file has only integers) or Double. */
        fun num(): Any {
            val start = pos
            while (!atEnd() && (s[pos].isDigit() || s[pos] in "+-.eE")) pos++
            val text = s.substring(start, pos)
            return text.toLongOrNull() ?: text.toDouble()
        }
    }
}
