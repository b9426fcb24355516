package dev.sts.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Finds the repository's root directory: the first directory, walking up from a start directory, that holds
 * the {@code sts} script or the parent pom ({@code <artifactId>sts-parent</artifactId>} outside a
 * {@code <parent>} block). Maven runs tests with the module directory as working directory, so walking up
 * from there always reaches the root.
 */
public final class ProjectRoot {

    private static final Pattern PARENT_BLOCK = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);

    private ProjectRoot() {
    }

    /** The root above the JVM's working directory. */
    public static Path find() {
        return find(Path.of("").toAbsolutePath());
    }

    /**
     * The root at or above {@code start}.
     *
     * @throws IllegalStateException if no directory up to the file system root looks like the project root
     */
    public static Path find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (isProjectRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the STS project root at or above " + start
                + ": no directory there holds the ./sts script or the sts-parent pom.xml");
    }

    static boolean isProjectRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        if (Files.isRegularFile(dir.resolve("sts"))) {
            return true;
        }
        try {
            String withoutParent = PARENT_BLOCK.matcher(Files.readString(pom)).replaceAll("");
            return withoutParent.contains("<artifactId>sts-parent</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pom, e);
        }
    }
}
