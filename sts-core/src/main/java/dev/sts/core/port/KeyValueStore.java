package dev.sts.core.port;

import java.util.Optional;
import java.util.Set;

/**
 * The few storage operations IAM state needs, each atomic on its own: documents under keys, plus
 * index sets that list them. Implemented over Redis (Lua scripts) and in memory.
 */
public interface KeyValueStore {
    Optional<String> get(String key);

    /** Creates {@code key} and adds {@code member} to {@code index}, together; false if the key exists. */
    boolean create(String key, String value, String index, String member);

    /** Replaces the value only if it is still {@code expected}; false when someone changed it meanwhile. */
    boolean replace(String key, String expected, String value);

    /** Deletes the key if its value is still {@code expected} and removes {@code member} from {@code index}, together. */
    boolean delete(String key, String expected, String index, String member);

    Set<String> members(String index);

    void addMember(String index, String member);

    void removeMember(String index, String member);
}
