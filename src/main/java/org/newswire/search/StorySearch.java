package org.newswire.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * One search over one point-in-time view of the index. Hits come in index order (newest
 * first), so each batch stops after the hits it needs — a word in every item costs what a
 * rare one does. The merged feed's rule holds: a story shows once, by the first-seen of its
 * items that match; a hit with an earlier-seen matching item in its story is skipped (one
 * small query, led by the story's few items, and only for stories of more than one item).
 */
final class StorySearch {
  /** Words a prefix may stand for: beyond, the search would read too many posting lists. */
  static final int MAX_EXPANSIONS = 500;
  /** Hits looked at for one page; a run of one story's items longer than this ends a page. */
  static final int MAX_EXAMINED = 5_000;

  private static final Set<String> STORED = Set.of(IndexSchema.STORY, IndexSchema.FIRST_SEEN);

  private final IndexSearcher searcher;

  StorySearch(IndexSearcher searcher) {
    this.searcher = searcher;
  }

  SearchIndex.Hits page(SearchQuery query, Optional<Set<String>> sources,
      Optional<SearchIndex.After> after, int limit, boolean grouped) throws IOException {
    Query base = filtered(toLucene(query), sources);
    StoredFields stored = searcher.storedFields();
    List<Long> ids = new ArrayList<>();
    long[] pos = after.map(a -> new long[] {IndexSchema.micros(a.publishedAt()), a.itemId()})
        .orElse(null);
    int examined = 0;
    while (ids.size() <= limit && examined < MAX_EXAMINED) {
      Query q = pos == null ? base : new BooleanQuery.Builder().add(base, Occur.FILTER)
          .add(IndexSchema.olderThan(pos[0], pos[1]), Occur.FILTER).build();
      int want = limit + 1 - ids.size() + 8;
      // Threshold = page size: counting stops with the page, which lets collection stop too.
      TopFieldDocs top = searcher.search(q,
          new TopFieldCollectorManager(IndexSchema.NEWEST_FIRST, want, null, want));
      for (ScoreDoc sd : top.scoreDocs) {
        FieldDoc hit = (FieldDoc) sd;
        pos = new long[] {(Long) hit.fields[0], (Long) hit.fields[1]};
        examined++;
        org.apache.lucene.document.Document fields = stored.document(hit.doc, STORED);
        String story = fields.get(IndexSchema.STORY);
        long firstSeen = fields.getField(IndexSchema.FIRST_SEEN).numericValue().longValue();
        if (grouped && seenEarlier(base, story, firstSeen, pos[1])) {
          continue;
        }
        ids.add(pos[1]);
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

  /** Whether another item of {@code story}, seen before this one, matches too. */
  private boolean seenEarlier(Query base, String story, long firstSeen, long id)
      throws IOException {
    Term t = new Term(IndexSchema.STORY, story);
    if (searcher.getIndexReader().docFreq(t) <= 1) {
      return false; // the usual case: a story of one item
    }
    Query q = new BooleanQuery.Builder()
        .add(new TermQuery(t), Occur.FILTER)
        .add(base, Occur.FILTER)
        .add(IndexSchema.seenBefore(firstSeen, id), Occur.FILTER)
        .build();
    return searcher.count(q) > 0;
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
