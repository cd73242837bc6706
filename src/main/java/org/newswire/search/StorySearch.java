package org.newswire.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One search over one point-in-time view of the index. Hits come in index order (newest
 * first), so each batch stops after the hits it needs — a word in every item costs what a
 * rare one does. The merged feed's rule holds: a story shows once, by the first-seen of its
 * items that match; a hit with an earlier-seen matching item in its story is skipped (one
 * query per batch for the batch's stories, visiting only their items).
 */
final class StorySearch {
  /** Words a prefix may stand for: beyond, the search would read too many posting lists. */
  static final int MAX_EXPANSIONS = 500;
  /** Hits looked at for one page; a run of one story's items longer than this ends a page. */
  static final int MAX_EXAMINED = 5_000;
  /**
   * Items of the page's stories visited at most per search to find each story's first-seen
   * match: a story reprinted tens of thousands of times would otherwise cost every search that
   * shows it a walk over all its items. Past the bound, the stories not yet resolved show by
   * their newest match (never an entry lost; at worst one story twice on a page).
   */
  static final int MAX_STORY_ITEMS = 20_000;

  private final IndexSearcher searcher;
  /** Items of stories visited by this search so far (see MAX_STORY_ITEMS). */
  private int storyItemsVisited;
  private final int maxStoryItems;

  StorySearch(IndexSearcher searcher) {
    this(searcher, MAX_STORY_ITEMS);
  }

  StorySearch(IndexSearcher searcher, int maxStoryItems) {
    this.searcher = searcher;
    this.maxStoryItems = maxStoryItems;
  }

  SearchIndex.Hits page(SearchQuery query, Optional<Set<String>> sources,
      Optional<SearchIndex.After> after, int limit, boolean grouped) throws IOException {
    Query base = filtered(toLucene(query), sources);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Columns columns = new Columns(leaves);
    List<Long> ids = new ArrayList<>();
    long[] pos = after.map(a -> new long[] {IndexSchema.micros(a.publishedAt()), a.itemId()})
        .orElse(null);
    int examined = 0;
    // Per story met so far, its first-seen matching item: the same whichever batch asks.
    Map<String, Seen> first = new HashMap<>();
    while (ids.size() <= limit && examined < MAX_EXAMINED) {
      Query q = pos == null ? base : new BooleanQuery.Builder().add(base, Occur.FILTER)
          .add(IndexSchema.olderThan(pos[0], pos[1]), Occur.FILTER).build();
      int want = limit + 1 - ids.size() + 8;
      // Threshold = page size: counting stops with the page, which lets collection stop too.
      TopFieldDocs top = searcher.search(q,
          new TopFieldCollectorManager(IndexSchema.NEWEST_FIRST, want, null, want));
      List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        FieldDoc hit = (FieldDoc) sd;
        long published = (Long) hit.fields[0];
        long id = (Long) hit.fields[1];
        hits.add(grouped ? columns.hit(hit.doc, published, id)
            : new Hit(published, id, "", new Seen(id, 0)));
      }
      if (grouped) {
        firstOfStories(base, hits, first);
      }
      for (Hit hit : hits) {
        pos = new long[] {hit.published(), hit.id()};
        examined++;
        Seen firstOfStory = grouped ? first.get(hit.story()) : null;
        if (firstOfStory != null && firstOfStory.id() != hit.id()) {
          continue; // an earlier-seen item of its story matches too: it stands for the story
        }
        ids.add(hit.id());
        if (ids.size() > limit) {
          break;
        }
      }
      if (top.scoreDocs.length < want) {
        break;
      }
    }
    boolean more = ids.size() > limit;
    return new SearchIndex.Hits(more ? ids.subList(0, limit) : ids, more);
  }

  /** A matching item: its place in the index order, its story and when it was first seen. */
  private record Hit(long published, long id, String story, Seen seen) {}

  /** An item by when it was first seen (then by id): the merged feed's order within a story. */
  private record Seen(long id, long firstSeen) {
    boolean before(Seen other) {
      return firstSeen < other.firstSeen || firstSeen == other.firstSeen && id < other.id;
    }
  }

  /**
   * Reads hits' story and first-seen time from doc values, per segment, moving forward through
   * each (a page's hits in one segment come in ascending doc order).
   */
  private static final class Columns {
    private final List<LeafReaderContext> leaves;
    private final SortedDocValues[] stories;
    private final NumericDocValues[] firstSeen;

    Columns(List<LeafReaderContext> leaves) {
      this.leaves = leaves;
      this.stories = new SortedDocValues[leaves.size()];
      this.firstSeen = new NumericDocValues[leaves.size()];
    }

    Hit hit(int doc, long published, long id) throws IOException {
      int n = ReaderUtil.subIndex(doc, leaves);
      LeafReaderContext leaf = leaves.get(n);
      int local = doc - leaf.docBase;
      if (stories[n] == null || stories[n].docID() > local) {
        stories[n] = DocValues.getSorted(leaf.reader(), IndexSchema.STORY);
        firstSeen[n] = DocValues.getNumeric(leaf.reader(), IndexSchema.FIRST_SEEN);
      }
      if (!stories[n].advanceExact(local) || !firstSeen[n].advanceExact(local)) {
        throw new IOException("document " + doc + " has no story or first-seen time");
      }
      return new Hit(published, id, stories[n].lookupOrd(stories[n].ordValue()).utf8ToString(),
          new Seen(id, firstSeen[n].longValue()));
    }
  }

  /**
   * Adds to {@code first}, per story of {@code hits} not in it yet, its first-seen item among
   * all that match {@code base} (not only those on this page): a hit that is not its story's
   * first is shown by that one. One query for those stories, visiting only their items.
   */
  private void firstOfStories(Query base, List<Hit> hits, Map<String, Seen> first)
      throws IOException {
    List<BytesRef> keys = hits.stream().map(Hit::story).filter(k -> !first.containsKey(k))
        .distinct().sorted().map(BytesRef::new).toList();
    if (keys.isEmpty() || storyItemsVisited > maxStoryItems) {
      return;
    }
    Query q = new BooleanQuery.Builder()
        .add(new TermInSetQuery(IndexSchema.STORY, keys), Occur.FILTER)
        .add(base, Occur.FILTER)
        .build();
    Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
    Map<String, Seen> found = new HashMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = w.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      SortedDocValues stories = DocValues.getSorted(leaf.reader(), IndexSchema.STORY);
      NumericDocValues seen = DocValues.getNumeric(leaf.reader(), IndexSchema.FIRST_SEEN);
      NumericDocValues ids = DocValues.getNumeric(leaf.reader(), IndexSchema.ID);
      DocIdSetIterator it = scorer.iterator();
      for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
        if (++storyItemsVisited > maxStoryItems) {
          return; // unresolved: these stories' hits show (see MAX_STORY_ITEMS)
        }
        if (live != null && !live.get(d) || !stories.advanceExact(d) || !seen.advanceExact(d)
            || !ids.advanceExact(d)) {
          continue;
        }
        String story = stories.lookupOrd(stories.ordValue()).utf8ToString();
        Seen s = new Seen(ids.longValue(), seen.longValue());
        Seen was = found.get(story);
        if (was == null || s.before(was)) {
          found.put(story, s);
        }
      }
    }
    first.putAll(found);
  }

  private static Query filtered(Query q, Optional<Set<String>> sources) {
    if (sources.isEmpty()) {
      return q;
    }
    if (sources.get().isEmpty()) {
      return new MatchNoDocsQuery("no source selected");
    }
    List<BytesRef> ids = sources.get().stream().sorted().map(BytesRef::new).toList();
    return new BooleanQuery.Builder().add(q, Occur.FILTER)
        .add(new TermInSetQuery(IndexSchema.SOURCE, ids), Occur.FILTER).build();
  }

  Query toLucene(SearchQuery query) throws IOException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (SearchQuery.Group g : query.required()) {
      if (g.anyOf().size() == 1) {
        b.add(clause(g.anyOf().get(0)), Occur.FILTER);
      } else {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (SearchQuery.Clause c : g.anyOf()) {
          any.add(clause(c), Occur.SHOULD);
        }
        b.add(any.build(), Occur.FILTER);
      }
    }
    for (SearchQuery.Clause c : query.excluded()) {
      b.add(clause(c), Occur.MUST_NOT);
    }
    return b.build();
  }

  private Query clause(SearchQuery.Clause c) throws IOException {
    if (c.prefix()) {
      String prefix = Terms.prefixTerm(c.text());
      if (expansions(prefix) > MAX_EXPANSIONS) {
        throw new SearchRefusedException(SearchRefusedException.Kind.MALFORMED,
            "q: more than " + MAX_EXPANSIONS + " words start with '" + prefix
                + "'; give more letters before '*'");
      }
      // As a disjunction of its (bounded) words rather than a bit set of all their documents:
      // it then stops with the page like any other clause.
      return new PrefixQuery(new Term(IndexSchema.TEXT, prefix),
          MultiTermQuery.CONSTANT_SCORE_BOOLEAN_REWRITE);
    }
    List<String> terms = Terms.analyze(c.text());
    return terms.size() == 1 ? new TermQuery(new Term(IndexSchema.TEXT, terms.get(0)))
        : new PhraseQuery(IndexSchema.TEXT, terms.toArray(String[]::new));
  }

  /** Distinct-per-segment words starting with {@code prefix}, counted up to just past the limit. */
  private int expansions(String prefix) throws IOException {
    BytesRef p = new BytesRef(prefix);
    int n = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      org.apache.lucene.index.Terms terms = leaf.reader().terms(IndexSchema.TEXT);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (te.seekCeil(p) == TermsEnum.SeekStatus.END) {
        continue;
      }
      for (BytesRef t = te.term(); t != null && startsWith(t, p); t = te.next()) {
        if (++n > MAX_EXPANSIONS) {
          return n;
        }
      }
    }
    return n;
  }

  private static boolean startsWith(BytesRef t, BytesRef p) {
    return t.length >= p.length && java.util.Arrays.equals(t.bytes, t.offset, t.offset + p.length,
        p.bytes, p.offset, p.offset + p.length);
  }
}
