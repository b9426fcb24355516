package dev.sts.policy.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sts.core.iam.BootstrapSeeder;
import dev.sts.core.iam.BootstrapSpec;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.PolicyGrammar;
import dev.sts.policy.config.PolicyServiceConfig;
import dev.sts.policy.messaging.IamChangePublisher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Seeds IAM from the bootstrap file at start. An unreadable or invalid file stops the service. */
@ApplicationScoped
public class BootstrapLoader {
    private static final Logger LOG = Logger.getLogger(BootstrapLoader.class);
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final PolicyServiceConfig config;
    private final IamRepository iam;
    private final PolicyGrammar grammar;
    private final IamChangePublisher publisher;

    BootstrapLoader(PolicyServiceConfig config, IamRepository iam, PolicyGrammar grammar, IamChangePublisher publisher) {
        this.config = config;
        this.iam = iam;
        this.grammar = grammar;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (config.bootstrapFile().isEmpty()) {
            LOG.info("No bootstrap file configured (sts.bootstrap-file); IAM starts as it is.");
            return;
        }
        Path file = config.bootstrapFile().get();
        List<IamChange> changes = new BootstrapSeeder(iam, grammar, Clock.systemUTC()).seed(read(file));
        changes.forEach(publisher::publish);
        LOG.infof("Bootstrap file %s applied: %d entities created.", file, changes.size());
    }

    static BootstrapSpec read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("bootstrap file " + file + " is larger than 1 MiB");
        }
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        return yaml.readValue(file.toFile(), BootstrapSpec.class);
    }
}
