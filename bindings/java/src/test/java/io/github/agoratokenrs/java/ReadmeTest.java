package io.github.agoratokenrs.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of bindings/java/README.md, compiled (javac -Xlint:all -Werror) and
 * run: its import lines stay at the top, the rest becomes {@code main}. The first block, the
 * 5-line sample, is written to target/readme-sample/Sample.java, which scripts/test-java.sh
 * compiles again against the jar alone. Every block prints something; a block that prints a
 * token ({@code 007...} or {@code 006...}) prints nothing else on that line.
 */
class ReadmeTest {
    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRuns() throws Exception {
        List<String> blocks = javaBlocks(Fixtures.read(Fixtures.path("agora.readme")));
        assertTrue(blocks.size() >= 3, "only " + blocks.size() + " java blocks in the README");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String name = i == 0 ? "Sample" : "ReadmeBlock" + i;
            String block = blocks.get(i);
            tests.add(dynamicTest("README java block " + i + (i == 0 ? " (the sample)" : ""), () -> {
                Path dir = Path.of(System.getProperty("agora.readme.sample"), name.toLowerCase());
                Path source = dir.resolve(name + ".java");
                Files.createDirectories(dir);
                Files.writeString(source, asClass(name, block), StandardCharsets.UTF_8);
                String printed = SourceCompiler.runMain(SourceCompiler.compile(dir.resolve("classes"), List.of(source)), name);
                assertTrue(!printed.isBlank(), "the block printed nothing");
                if (name.equals("Sample")) {
                    String token = printed.trim();
                    assertTrue(token.startsWith("007"), token);
                    assertEquals("room", Tokens.decodeUnverified(token).services().get(0).fields().get("channel_name"));
                    Files.copy(source, Path.of(System.getProperty("agora.readme.sample"), "Sample.java"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }));
        }
        return tests.stream();
    }

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && line.equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** A block as a class: imports at the top, the statements in {@code main}. */
    static String asClass(String name, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "\npublic class " + name + " {\n    public static void main(String[] args) throws Exception {\n"
                + body.toString().indent(8) + "    }\n}\n";
    }
}
