package dev.sts.audit.rest;

import dev.sts.audit.archive.ArchivedEvent;
import dev.sts.audit.archive.FileAuditArchive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the archive: {@code GET /v1/events?requestId=…&eventName=…&accountId=…&limit=…}, newest first,
 * as a JSON array of CloudTrail records. (CloudTrail's LookupEvents API comes with the audit issue.)
 */
@Path("/v1/events")
public class AuditEventsResource {
    private static final int MAX_LIMIT = 1000;
    private final FileAuditArchive archive;

    AuditEventsResource(FileAuditArchive archive) {
        this.archive = archive;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String events(@QueryParam("requestId") String requestId, @QueryParam("eventName") String eventName,
                         @QueryParam("accountId") String accountId, @QueryParam("limit") @DefaultValue("50") int limit) {
        Predicate<ArchivedEvent> filter = event -> matches(requestId, event.requestId())
                && matches(eventName, event.eventName()) && matches(accountId, event.accountId());
        List<String> found = archive.find(filter, Math.max(1, Math.min(limit, MAX_LIMIT)));
        return "[" + String.join(",", found) + "]";
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }
}
