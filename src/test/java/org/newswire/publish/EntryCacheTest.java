package org.newswire.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.newswire.model.Source;
import org.newswire.store.ItemQueries;

/** The rendered-entry cache stays within its bytes and keeps the entries used last. */
class EntryCacheTest {
  private static final URI BASE = URI.create("https://news.example");
  private static final Map<String, Source> SOURCES = Map.of();

  private static EntryCache.Key key(long row) {
    Instant t = Instant.parse("2024-07-03T06:00:00Z").plusSeconds(row);
    return new EntryCache.Key(Format.ATOM, BASE, new ItemQueries.Stamp(row, OptionalLong.of(row),
        t, t, Optional.empty(), Optional.empty(), List.of()));
  }

  private static Documents.Entry entry(int size) {
    byte[] plain = new byte[size];
    return new Documents.Entry(GzipParts.deflate(plain, 1), new byte[32]);
  }

  @Test
  void staysWithinItsBytesDroppingTheLeastRecentlyUsed() {
    Documents.Entry e = entry(1000);
    long each = key(0).size() + e.size();
    EntryCache cache = new EntryCache(each * 20);
    cache.sources(SOURCES);
    for (long row = 0; row < 20; row++) {
      cache.put(SOURCES, key(row), e);
    }
    assertThat(cache.size()).isEqualTo(20);
    cache.get(SOURCES, key(0)); // used: stays
    cache.put(SOURCES, key(20), e);
    cache.put(SOURCES, key(21), e);
    assertThat(cache.size()).isEqualTo(20);
    assertThat(cache.bytes()).isLessThanOrEqualTo(each * 20);
    assertThat(cache.get(SOURCES, key(0))).isPresent();
    assertThat(cache.get(SOURCES, key(1))).isEmpty();
    assertThat(cache.get(SOURCES, key(2))).isEmpty();
    assertThat(cache.get(SOURCES, key(21))).isPresent();
  }

  @Test
  void anEntryTooLargeForItsShareIsNotKeptAndAnEditedStampIsAnotherKey() {
    EntryCache cache = new EntryCache(16_000);
    cache.sources(SOURCES);
    Documents.Entry big = new Documents.Entry(new GzipParts.Part(new byte[2000], 0, 0,
        GzipParts.shift(0)), new byte[32]);
    cache.put(SOURCES, key(1), big);
    assertThat(cache.size()).isZero();
    cache.put(SOURCES, key(2), entry(10));
    ItemQueries.Stamp s = key(2).stamp();
    Optional<Instant> later = Optional.of(s.firstSeenAt().plusSeconds(60));
    EntryCache.Key edited = new EntryCache.Key(Format.ATOM, BASE, new ItemQueries.Stamp(
        s.rowId(), s.storyId(), s.publishedAt(), s.firstSeenAt(), later, later, s.others()));
    assertThat(cache.get(SOURCES, edited)).isEmpty();
    assertThat(cache.get(SOURCES, key(2))).isPresent();
  }

  @Test
  void entriesAreKeptForTheCurrentSourcesOnly() {
    Map<String, Source> old = new java.util.HashMap<>();
    Map<String, Source> now = new java.util.HashMap<>();
    EntryCache cache = new EntryCache(1 << 20);
    cache.sources(old);
    cache.put(old, key(1), entry(10));
    assertThat(cache.get(old, key(1))).isPresent();
    cache.sources(now); // equal maps, but another configuration: everything goes
    assertThat(cache.get(now, key(1))).isEmpty();
    cache.put(old, key(2), entry(10)); // rendered before the change, stored after: dropped
    assertThat(cache.size()).isZero();
    cache.put(now, key(2), entry(10));
    assertThat(cache.get(now, key(2))).isPresent();
    assertThat(cache.get(old, key(2))).isEmpty();
  }
}
