package dev.deployer.server.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The shared {@link JournalFeed}s, one per app and host while anyone follows it there. Joining and
 * leaving take one lock, so a client never joins a feed the last leaver is closing: it gets a new one.
 */
final class JournalFeeds implements AutoCloseable {
    private record Key(String app, String host) {}

    private final JournalSource source;
    private final Executor workers;
    private final Clock clock;
    private final Map<Key, JournalFeed> feeds = new HashMap<>();
    private final Map<FeedClient, Key> joined = new HashMap<>();

    JournalFeeds(JournalSource source, Executor workers, Clock clock) {
        this.source = source;
        this.workers = workers;
        this.clock = clock;
    }

    /** Joins the feed of {@code app} on {@code host}; entries wait in the client until {@link #position} says where it starts. */
    FeedClient join(String app, String host, LogBuffer buffer) {
        return join(app, host, null, buffer);
    }

    /** {@link #join(String, String, LogBuffer)} for the entries of one process type ({@code type} null: all). */
    FeedClient join(String app, String host, String type, LogBuffer buffer) {
        FeedClient client = new FeedClient(host, buffer, clock, entry -> entry.of(app, type));
        Key key = new Key(app, host);
        synchronized (this) {
            feeds.computeIfAbsent(key, k -> new JournalFeed(source, app, host, workers, clock)).add(client);
            joined.put(client, key);
        }
        return client;
    }

    /** The client's backlog ended at {@code cursor} (null: none on this host), read from {@code readStart} on. */
    void position(FeedClient client, String cursor, Instant readStart) {
        client.position(cursor, readStart);
        JournalFeed feed = feedOf(client);
        if (feed != null) {
            feed.startWhenPositioned();
        }
    }

    /** The client is gone; the last one to leave a feed ends its remote journalctl. */
    void leave(FeedClient client) {
        JournalFeed feed;
        boolean last;
        synchronized (this) {
            Key key = joined.remove(client);
            feed = key == null ? null : feeds.get(key);
            if (feed == null) {
                return;
            }
            last = feed.remove(client);
            if (last) {
                feeds.remove(key);
                feed.markStopped();
            }
        }
        if (last) {
            feed.close(); // outside the lock: closing a channel to a slow host must not hold up everyone else
        } else {
            feed.startWhenPositioned(); // the leaver may have been the one the others waited for
        }
    }

    /** Feeds running now: one per followed app and host. */
    synchronized int size() {
        return feeds.size();
    }

    private synchronized JournalFeed feedOf(FeedClient client) {
        Key key = joined.get(client);
        return key == null ? null : feeds.get(key);
    }

    @Override
    public void close() {
        List<JournalFeed> all;
        synchronized (this) {
            all = new ArrayList<>(feeds.values());
            all.forEach(JournalFeed::markStopped);
            feeds.clear();
            joined.clear();
        }
        all.forEach(JournalFeed::close);
    }
}
