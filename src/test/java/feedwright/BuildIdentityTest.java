package feedwright;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which build is running: the same code gives the same identity, other code another, whatever the version says. */
class BuildIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aJarIsKnownByItsContentsNotByItsName() throws IOException {
        Path a = jar("a.jar", "class bytes", "resource");
        Path sameAsA = jar("b.jar", "class bytes", "resource");
        Path oneClassChanged = jar("c.jar", "class bytez", "resource");

        assertThat(BuildIdentity.ofJar(a)).isEqualTo(BuildIdentity.ofJar(sameAsA))
                .isNotEqualTo(BuildIdentity.ofJar(oneClassChanged));
    }

    @Test
    void aFileWithoutAZipDirectoryIsKnownByAllItsBytes() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("x.jar"), "not a zip at all");
        Path other = Files.writeString(dir.resolve("y.jar"), "not a zip at al!");

        assertThat(BuildIdentity.ofJar(notAJar)).hasSize(32).isNotEqualTo(BuildIdentity.ofJar(other));
    }

    @Test
    void aFolderOfClassesIsKnownByEveryFileInIt() throws IOException {
        Files.createDirectories(dir.resolve("classes/feedwright"));
        Files.writeString(dir.resolve("classes/feedwright/A.class"), "one");
        byte[] before = BuildIdentity.ofFolder(dir.resolve("classes"));
        Files.writeString(dir.resolve("classes/feedwright/A.class"), "two");

        assertThat(BuildIdentity.ofFolder(dir.resolve("classes"))).isNotEqualTo(before);
    }

    @Test
    void theRunningBuildNamesItsVersionCodeAndJava() {
        assertThat(BuildIdentity.current()).get().asString()
                .matches("\\Q" + Version.NUMBER + "\\E; code [0-9a-f]{64}; java \\Q" + Runtime.version() + "\\E");
    }

    private Path jar(String name, String classBytes, String resource) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String[] entry : new String[][] {{"feedwright/A.class", classBytes}, {"r.txt", resource}}) {
                JarEntry jarEntry = new JarEntry(entry[0]);
                jarEntry.setTime(0);
                out.putNextEntry(jarEntry);
                out.write(entry[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
