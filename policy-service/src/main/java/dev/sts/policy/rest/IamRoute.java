package dev.sts.policy.rest;

import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.policy.config.IamEndpoint;
import dev.sts.support.QueryRoute;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The IAM Query endpoint, as the {@code aws iam} commands call it: {@code POST /} with a form body. */
@ApplicationScoped
public class IamRoute {
    void mount(@Observes Router router, @IamEndpoint QueryRequestPipeline pipeline,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        QueryRoute.mount(router, pipeline, (int) maxBody.asLongValue());
    }
}
