package dev.deployer.server.config;

import dev.deployer.api.Names;
import dev.deployer.server.apps.AppData;
import dev.deployer.server.secrets.Secret;
import dev.deployer.server.secrets.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An app's config vars: sealed at rest (AES-256-GCM, fresh nonce per value), write-only through
 * the API. Values go in as {@link Secret}s and come out only as Secrets or sealed text.
 */
public class ConfigVars implements AppData {
    /**
     * What GET shows for every value. Fixed, not even the length: a length tells "true" from
     * "false" and narrows a short password; the key and when it changed are what an operator needs.
     */
    public static final String MASK = "********";
    /** PORT is written from the app's port setting, so the unit and the health check agree on it. */
    public static final String PORT = "PORT";
    /** releases.config_snapshot holds the sealed snapshot; refusing here beats failing at the next release. */
    static final int MAX_SEALED_SNAPSHOT = 1_000_000;

    private final ConfigDao dao;
    private final SecretBox box;
    private final Clock clock;

    public ConfigVars(ConfigDao dao, SecretBox box, Clock clock) {
        this.dao = dao;
        this.box = box;
        this.clock = clock;
    }

    /** Key names only, for audit entries and answers. */
    public record Changes(SortedSet<String> set, SortedSet<String> unset) {
        public boolean isEmpty() {
            return set.isEmpty() && unset.isEmpty();
        }

        /** Every key set or unset, sorted: what a config release lists. */
        public SortedSet<String> keys() {
            SortedSet<String> keys = new java.util.TreeSet<>(set);
            keys.addAll(unset);
            return java.util.Collections.unmodifiableSortedSet(keys);
        }

        /** e.g. {@code set API_KEY, DB_URL; unset OLD}: keys only, never a value. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (!set.isEmpty()) {
                parts.add("set " + String.join(", ", set));
            }
            if (!unset.isEmpty()) {
                parts.add("unset " + String.join(", ", unset));
            }
            return parts.isEmpty() ? "no change" : String.join("; ", parts);
        }
    }

    public record StoredVar(String key, Instant updatedAt) {}

    /** The app's vars by key, opened: what a new release snapshots and the env file is written from. */
    public SortedMap<String, Secret> current(long appId) {
        SortedMap<String, Secret> vars = new TreeMap<>();
        dao.list(appId).forEach(row -> vars.put(row.varKey(), box.open(row.valueEncrypted())));
        return vars;
    }

    /** Keys and when each last changed, in key order; no value, not even sealed. */
    public List<StoredVar> keys(long appId) {
        return dao.list(appId).stream().map(row -> new StoredVar(row.varKey(), row.updatedAt())).toList();
    }

    public Changes set(long appId, Map<String, Secret> values) {
        return apply(appId, values, Set.of());
    }

    public Changes unset(long appId, Set<String> keys) {
        return apply(appId, Map.of(), keys);
    }

    /**
     * Sets and unsets in one transaction. A key set to the value it already has, or unset while
     * absent, is no change: an empty result means nothing needs a new release.
     */
    public Changes apply(long appId, Map<String, Secret> set, Set<String> unset) {
        checkKeys(set.keySet(), unset);
        SortedMap<String, Secret> before = current(appId);
        SortedMap<String, Secret> after = new TreeMap<>(before);
        after.putAll(set);
        after.keySet().removeAll(unset);
        if (sealSnapshot(after).length() > MAX_SEALED_SNAPSHOT) {
            throw new IllegalArgumentException("the config vars of an app may add up to about 700 KB; this change "
                    + "would exceed that");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<ConfigDao.VarRow> rows = new ArrayList<>();
        SortedSet<String> changed = new TreeSet<>();
        set.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                rows.add(new ConfigDao.VarRow(key, box.seal(value), now));
                changed.add(key);
            }
        });
        SortedSet<String> removed = new TreeSet<>(unset);
        removed.retainAll(before.keySet());
        dao.apply(appId, rows, List.copyOf(removed));
        return new Changes(changed, removed);
    }

    /** Drops every var of an app (its release snapshots keep theirs). */
    @Override
    public void forget(long appId) {
        clear(appId);
    }

    public void clear(long appId) {
        dao.deleteAll(appId);
    }

    /** The sealed JSON of a whole config, for {@code releases.config_snapshot}. */
    public String sealSnapshot(Map<String, Secret> vars) {
        return box.sealAll(new TreeMap<>(vars));
    }

    public SortedMap<String, Secret> openSnapshot(String sealed) {
        return box.openAll(sealed);
    }

    private static void checkKeys(Set<String> set, Set<String> unset) {
        for (String key : set) {
            Names.configKey(key);
            if (key.equals(PORT)) {
                throw new IllegalArgumentException("PORT is set from the app's port: change it with "
                        + "'deployer apps update APP --port N'");
            }
            if (unset.contains(key)) {
                throw new IllegalArgumentException(key + " is both set and unset in one change");
            }
        }
        unset.forEach(Names::configKey);
    }
}
