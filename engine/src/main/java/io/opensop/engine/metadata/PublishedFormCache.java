package io.opensop.engine.metadata;

import io.opensop.engine.record.PublishedForm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Published versions never change, so a (key, version) entry is valid on every node forever;
 * which version is current is always read from the database, never from here.
 */
final class PublishedFormCache {

    private static final int CAPACITY = 1000;

    private final Map<String, PublishedForm> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PublishedForm> eldest) {
            return size() > CAPACITY;
        }
    };

    PublishedForm get(String key, int version, Supplier<PublishedForm> loader) {
        String cacheKey = key + "@" + version;
        synchronized (entries) {
            PublishedForm cached = entries.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        PublishedForm loaded = loader.get();
        synchronized (entries) {
            entries.put(cacheKey, loaded);
        }
        return loaded;
    }
}
