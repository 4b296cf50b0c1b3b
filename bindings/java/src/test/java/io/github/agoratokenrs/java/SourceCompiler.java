package io.github.agoratokenrs.java;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources that live outside the test tree (README blocks, examples) against the test classpath. */
final class SourceCompiler {
    private SourceCompiler() {}

    /** Compiles {@code sources} into {@code out} (javac -Xlint:all -Werror) and returns a loader for the classes. */
    static ClassLoader compile(Path out, List<Path> sources) throws Exception {
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String[] args = new String[6 + sources.size()];
        args[0] = "-Xlint:all";
        args[1] = "-Werror";
        args[2] = "-cp";
        args[3] = System.getProperty("java.class.path");
        args[4] = "-d";
        args[5] = out.toString();
        for (int i = 0; i < sources.size(); i++) {
            args[6 + i] = sources.get(i).toString();
        }
        int status = javac.run(null, errors, errors, args);
        if (status != 0) {
            throw new AssertionError("javac failed for " + sources + ":\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return new URLClassLoader(new URL[] {out.toUri().toURL()}, SourceCompiler.class.getClassLoader());
    }

    /** Runs {@code main} of a compiled class and returns what it printed. */
    static String runMain(ClassLoader loader, String className) throws Exception {
        Method main = loader.loadClass(className).getMethod("main", String[].class);
        PrintStream saved = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
