package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectRootTest {

    @Test
    void findsTheRepositoryRootFromThisModule() {
        Path root = ProjectRoot.find();

        assertThat(root.resolve("deploy/launcher/pom.xml")).isRegularFile();
        assertThat(root.resolve("pom.xml")).content().contains("<artifactId>sts-parent</artifactId>");
    }

    @Test
    void aModulePomThatOnlyNamesTheParentIsNotTheRoot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>sts-parent</artifactId><modules/></project>");
        Path module = Files.createDirectories(dir.resolve("deploy/launcher"));
        Files.writeString(module.resolve("pom.xml"),
                "<project><parent><artifactId>sts-parent</artifactId></parent><artifactId>sts-launcher</artifactId></project>");

        assertThat(ProjectRoot.find(module)).isEqualTo(dir);
    }

    @Test
    void theStsScriptBesideAPomMarksTheRoot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.writeString(dir.resolve("sts"), "#!/bin/bash");

        assertThat(ProjectRoot.find(Files.createDirectories(dir.resolve("a/b")))).isEqualTo(dir);
    }

    @Test
    void saysWhatItLookedForWhenThereIsNoRoot(@TempDir Path dir) {
        assertThatThrownBy(() -> ProjectRoot.find(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./sts script or the sts-parent pom.xml");
    }
}
