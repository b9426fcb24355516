package dev.sts.loadtest;

import dev.sts.deploy.DevelopmentAccounts;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The credentials requests are signed with: a long-term key, or temporary credentials with their session token. */
record SigningKey(String accessKeyId, String secretAccessKey, String sessionToken) {

    /** The dev-admin development key ({@link DevelopmentAccounts#DEV_ADMIN}). */
    static SigningKey developmentAdmin() {
        return new SigningKey(DevelopmentAccounts.DEV_ADMIN.accessKeyId(),
                DevelopmentAccounts.DEV_ADMIN.secretAccessKey(), null);
    }

    /** Reads {@code [profile]} from an AWS shared credentials file (INI: {@code aws_access_key_id = …}). */
    static SigningKey fromProfileFile(Path file, String profile) throws IOException {
        Map<String, Map<String, String>> sections = new HashMap<>();
        List<String> order = new ArrayList<>();
        Map<String, String> current = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                current = sections.computeIfAbsent(name, n -> new HashMap<>());
                order.add(name);
            } else if (current != null && line.contains("=")) {
                int equals = line.indexOf('=');
                current.put(line.substring(0, equals).strip().toLowerCase(), line.substring(equals + 1).strip());
            }
        }
        Map<String, String> section = sections.get(profile);
        if (section == null) {
            throw new IllegalArgumentException("no profile [" + profile + "] in " + file + " (it has " + order + ")");
        }
        String id = section.get("aws_access_key_id");
        String secret = section.get("aws_secret_access_key");
        if (id == null || secret == null) {
            throw new IllegalArgumentException("profile [" + profile + "] in " + file
                    + " lacks aws_access_key_id or aws_secret_access_key");
        }
        return new SigningKey(id, secret, section.get("aws_session_token"));
    }

    AwsCredentialsIdentity identity() {
        return sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
    }

    @Override
    public String toString() {
        return "SigningKey[" + accessKeyId + (sessionToken == null ? "" : ", with session token") + "]";
    }
}
