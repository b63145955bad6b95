package org.ufm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use it from Java" example, copied from README.md at test time, compiles against the library and
 * prints a certified optimum (so the README and the API cannot drift apart).
 */
class ReadmeExampleTest {

    static String example() throws Exception {
        String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Use it from Java");
        assertTrue(section >= 0, "README has a 'Use it from Java' section");
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(section), "the section has a java block");
        return m.group(1);
    }

    @Test
    void readmeExampleCompilesAndPrintsACertifiedOptimum(@TempDir Path dir) throws Exception {
        String source = example();
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(name.find());
        Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK compiler");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(),
                "-cp", Paths.get("target", "classes").toString(), file.toString());
        assertEquals(0, rc, diagnostics.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("CONVERGED after 46 iterations"), printed);
        assertTrue(printed.contains("objective 0.026143563118236665, closed form 0.026143563118236554"), printed);
        assertTrue(printed.contains("certified global optimum: true"), printed);
    }
}
