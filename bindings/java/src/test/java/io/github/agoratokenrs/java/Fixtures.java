package io.github.agoratokenrs.java;

import io.github.agoratokenrs.java.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The shared vectors and the differential fixture, from the paths Surefire passes, and JSON helpers. */
final class Fixtures {
    private Fixtures() {}

    static final String APP_ID = "970CA35de60c44645bbae8a215061b33";
    static final String CERT = "5CFd2fd1755d40ecb72977518be15d3b";
    static final String CHANNEL = "7d72365eb983485397e3e3f9d460bdda";

    static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + property + " is not set: run the tests with scripts/test-java.sh");
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " = " + path + " does not exist (scripts/test-java.sh makes the generated files)");
        }
        return path;
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vectors of conformance/upstream.json. */
    static List<Map<String, Object>> vectors() {
        return list(Json.object(read(path("agora.conformance"))).get("vectors"));
    }

    static Map<String, Object> vector(String id) {
        return vectors().stream().filter(v -> id.equals(v.get("id"))).findFirst().orElseThrow();
    }

    /** The string stock zlib (level 6) makes for a vector: the expected one, or the derived one when upstream used another compressor. */
    static String stockToken(Map<String, Object> vector) {
        Object derived = vector.get("derived_c_zlib_level6_token");
        return (String) (derived != null ? derived : vector.get("expected_token"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object value) {
        return (List<T>) value;
    }

    static String str(Map<String, Object> map, String key) {
        return (String) map.get(key);
    }

    static long num(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value);
        }
        return (Long) value;
    }
}
