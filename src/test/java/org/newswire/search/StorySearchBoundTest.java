package org.newswire.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.newswire.store.ItemChanges;

/**
 * One entry per story, by its first-seen match; and a story too large to walk within the bound
 * shows its matches rather than losing them.
 */
class StorySearchBoundTest {
  private static final Instant T0 = Instant.parse("2024-07-03T06:00:00Z");

  private static SearchQuery query(String q) {
    return ((SearchQuery.Valid) SearchQuery.parse(q)).query();
  }

  @Test
  void aStoryShowsOnceByItsFirstSeenMatchAndABusyStoryPastTheBoundShowsItsMatches()
      throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
         IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Terms.ANALYZER)
             .setIndexSort(IndexSchema.NEWEST_FIRST))) {
      // Story "s1": ten reprints; the first seen (id 1) was published last.
      for (int i = 1; i <= 10; i++) {
        w.addDocument(IndexSchema.document(new ItemChanges.Indexed(i, "agency" + i,
            T0.plusSeconds(i == 1 ? 100 : i), T0.plusSeconds(i), "s1",
            "Землетрясение в Оше, перепечатка " + i)));
      }
      w.addDocument(IndexSchema.document(new ItemChanges.Indexed(11, "kabar",
          T0.plusSeconds(50), T0.plusSeconds(50), "s2", "Землетрясение в Нарыне")));
      w.commit();
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(r);
        SearchIndex.Hits grouped = new StorySearch(searcher).page(query("землетрясение"),
            Optional.empty(), Optional.empty(), 50, true);
        assertThat(grouped.ids()).containsExactly(1L, 11L);
        // With a bound smaller than the story, its first-seen match is not worked out: its
        // matches show, none is lost.
        SearchIndex.Hits bounded = new StorySearch(searcher, 5).page(query("землетрясение"),
            Optional.empty(), Optional.empty(), 50, true);
        assertThat(bounded.ids()).hasSize(11).contains(1L, 11L);
      }
    }
  }
}
