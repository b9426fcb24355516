package dev.sts.token.rest;

import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.support.QueryRoute;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The STS Query endpoint: {@code POST /} with a form body, or {@code GET /?Action=…}. */
@ApplicationScoped
public class StsRoute {
    void mount(@Observes Router router, QueryRequestPipeline pipeline,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        QueryRoute.mount(router, pipeline, (int) maxBody.asLongValue());
    }
}
