package org.newswire.search;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.SortField;
import org.newswire.store.ItemChanges;

/**
 * The index's fields and order. Documents are kept sorted newest first (published time, then
 * item id, as the merged feed), so a search that asks for that order stops after a page of
 * matches however many there are.
 */
final class IndexSchema {
  /**
   * Written into every commit; an index with another version is rebuilt. Bump it when the
   * analyzer, the fields or the order change.
   */
  static final String VERSION = "2";

  static final String ID = "id";
  static final String KEY = "key";
  static final String PUBLISHED = "published";
  static final String FIRST_SEEN = "first_seen";
  static final String SOURCE = "source";
  static final String STORY = "story";
  static final String TEXT = "text";

  static final String USER_VERSION = "newswire.version";
  static final String USER_SEQ = "newswire.seq";

  static final Sort NEWEST_FIRST = new Sort(new SortField(PUBLISHED, SortField.Type.LONG, true),
      new SortField(ID, SortField.Type.LONG, true));

  private IndexSchema() {}

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static Term key(long id) {
    return new Term(KEY, Long.toString(id));
  }

  static Document document(ItemChanges.Indexed item) {
    Document d = new Document();
    d.add(new StringField(KEY, Long.toString(item.id()), Field.Store.NO));
    d.add(new NumericDocValuesField(ID, item.id()));
    d.add(new LongPoint(ID, item.id()));
    long published = micros(item.publishedAt());
    d.add(new NumericDocValuesField(PUBLISHED, published));
    d.add(new LongPoint(PUBLISHED, published));
    long firstSeen = micros(item.firstSeenAt());
    d.add(new NumericDocValuesField(FIRST_SEEN, firstSeen));
    d.add(new LongPoint(FIRST_SEEN, firstSeen));
    d.add(new StringField(SOURCE, item.sourceId(), Field.Store.NO));
    // Indexed to find a story's items, and as doc values to read a hit's story: a column,
    // where a stored field would decompress a block of documents per hit.
    d.add(new StringField(STORY, item.storyKey(), Field.Store.NO));
    d.add(new SortedDocValuesField(STORY, new BytesRef(item.storyKey())));
    d.add(new TextField(TEXT, item.text(), Field.Store.NO));
    return d;
  }

  /**
   * Documents strictly after (older than) {@code publishedMicros}/{@code id} in index order.
   * Because the index is sorted on {@code published}, the time range is one run of doc ids per
   * segment, found by binary search instead of a walk over matches.
   */
  static Query olderThan(long publishedMicros, long id) {
    Query older = new IndexSortSortedNumericDocValuesRangeQuery(PUBLISHED, Long.MIN_VALUE,
        publishedMicros - 1, range(PUBLISHED, Long.MIN_VALUE, publishedMicros - 1));
    Query sameTimeLowerId = new BooleanQuery.Builder()
        .add(new IndexSortSortedNumericDocValuesRangeQuery(PUBLISHED, publishedMicros,
            publishedMicros, range(PUBLISHED, publishedMicros, publishedMicros)), Occur.FILTER)
        .add(range(ID, Long.MIN_VALUE, id - 1), Occur.FILTER)
        .build();
    return new BooleanQuery.Builder().add(older, Occur.SHOULD).add(sameTimeLowerId, Occur.SHOULD)
        .build();
  }

  /**
   * A range on a field indexed both as points and doc values: Lucene reads the points when the
   * range leads and checks doc values per candidate when a rarer clause leads (a story's few
   * items), instead of collecting every document in range.
   */
  private static Query range(String field, long from, long to) {
    return new IndexOrDocValuesQuery(LongPoint.newRangeQuery(field, from, to),
        NumericDocValuesField.newSlowRangeQuery(field, from, to));
  }
}
