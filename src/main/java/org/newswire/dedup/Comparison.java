package org.newswire.dedup;

/** The measurements {@link StoryMatcher#compare} decides on, and the decision. */
record Comparison(
    double resemblance, double containment, int sample, double leadContainment, int leadShared,
    int titleShared, int titleMin, int titleMax, int namesShared, int namesEither,
    boolean numbersConflict, int leadTermsShared, int leadTermsMin, double hoursApart,
    int titleNamesUnmatched, int numbersShared, boolean namesConflict, int titleMatched,
    double titleGrams, boolean verbAgrees, boolean negationDiffers, boolean titleNamesConflict) {

  /**
   * How far two headlines must agree to tell one story ({@link #headline}); chosen on the
   * development pairs so that each half of them (by pair index parity) keeps precision 0.95.
   */
  static final double HEADLINE = 1.34;

  // The thresholds of verdict(), named once because mayAgree() must never ask for more than
  // the most lenient kind of agreement does.
  private static final int SKETCH_SAMPLE = 8;
  private static final double REPUBLISHED_CONTAINMENT = 0.5;
  private static final double REPUBLISHED_RESEMBLANCE = 0.3;
  private static final double PASSAGE_CONTAINMENT = 0.2;
  private static final int EXCERPT_LEAD_SHARED = 8;
  private static final double LEAD_WITH_NAMES = 0.3;
  private static final double LEAD_WITH_TITLE = 0.45;
  private static final double LEAD_ALONE = 0.5;
  private static final double LEAD_WITH_CLOSE_TITLES = 0.25;
  private static final double LEAD_LEAST = Math.min(Math.min(LEAD_WITH_NAMES, LEAD_WITH_TITLE),
      Math.min(LEAD_ALONE, LEAD_WITH_CLOSE_TITLES));
  private static final int HEADLINE_MATCHED = 2;

  static StoryVerdict of(StoryEvidence a, StoryEvidence b) {
    if (!a.lang.equals(b.lang) || !mayAgree(a, b)) {
      return StoryVerdict.DIFFERENT;
    }
    return measure(a, b).verdict();
  }

  /**
   * Whether any kind of agreement {@link #verdict()} accepts is still possible, from the few
   * measurements each kind needs at least. Most candidates share one common key and nothing
   * else, and the rest of {@link #measure} (names, numbers, the titles' names and trigrams)
   * is then not worth computing. {@code ComparisonTest} checks this never turns away a pair
   * that {@code measure(a, b).verdict()} accepts.
   */
  private static boolean mayAgree(StoryEvidence a, StoryEvidence b) {
    int leadTermsMin = Math.min(a.leadTerms.length, b.leadTerms.length);
    if (leadTermsMin > 0
        && (double) shared(a.leadTerms, b.leadTerms) / leadTermsMin >= LEAD_LEAST) {
      return true;
    }
    if (shared(a.lead, b.lead) >= EXCERPT_LEAD_SHARED || align(a, b).matched >= HEADLINE_MATCHED) {
      return true;
    }
    Sketch s = sketch(a, b);
    return s.sample >= SKETCH_SAMPLE
        && (s.containment >= Math.min(PASSAGE_CONTAINMENT, REPUBLISHED_CONTAINMENT)
        || s.resemblance >= REPUBLISHED_RESEMBLANCE);
  }

  /** The bodies' overlap estimated from their bottom-k sketches. */
  private record Sketch(double resemblance, double containment, int sample) {}

  private static Sketch sketch(StoryEvidence a, StoryEvidence b) {
    // Bottom-k sketches: below the smaller of the two sketches' largest kept hashes both sets
    // are complete, so the overlap there estimates overlap of the whole shingle sets.
    int[] x = a.sketch;
    int[] y = b.sketch;
    double resemblance = 0;
    double containment = 0;
    int sample = 0;
    if (x.length > 0 && y.length > 0) {
      long tau = Math.min(x.length < a.shingles ? x[x.length - 1] : Long.MAX_VALUE,
          y.length < b.shingles ? y[y.length - 1] : Long.MAX_VALUE);
      int i = 0;
      int j = 0;
      int inter = 0;
      int nx = 0;
      int ny = 0;
      while (i < x.length || j < y.length) {
        int v;
        if (j >= y.length || (i < x.length && x[i] < y[j])) {
          v = x[i++];
          if (v <= tau) {
            nx++;
          }
        } else if (i >= x.length || y[j] < x[i]) {
          v = y[j++];
          if (v <= tau) {
            ny++;
          }
        } else {
          v = x[i++];
          j++;
          if (v <= tau) {
            inter++;
            nx++;
            ny++;
          }
        }
        if (v > tau) {
          break;
        }
      }
      int union = nx + ny - inter;
      resemblance = union == 0 ? 0 : (double) inter / union;
      int smaller = a.shingles <= b.shingles ? nx : ny;
      sample = smaller;
      containment = smaller == 0 ? 0 : (double) inter / smaller;
    }
    return new Sketch(resemblance, containment, sample);
  }

  static Comparison measure(StoryEvidence a, StoryEvidence b) {
    Sketch s = sketch(a, b);
    double resemblance = s.resemblance();
    double containment = s.containment();
    int sample = s.sample();
    int leadShared = shared(a.lead, b.lead);
    int leadMin = Math.min(a.lead.length, b.lead.length);
    double hours = a.published == Long.MIN_VALUE || b.published == Long.MIN_VALUE ? Double.NaN
        : Math.abs(a.published - b.published) / 3600.0;
    int namesA = a.names.length;
    int namesB = b.names.length;
    int namesShared = shared(a.names, b.names);
    Alignment t = align(a, b);
    // Trigrams only matter to headlines that share two words (most candidates do not).
    int gramsShared = t.matched < 2 ? 0 : shared(a.titleGrams, b.titleGrams);
    int gramsUnion = a.titleGrams.length + b.titleGrams.length - gramsShared;
    int numbersShared = shared(a.numbers, b.numbers);
    int unmatchedA = unmatched(a.titleNames, b.title);
    int unmatchedB = unmatched(b.titleNames, a.title);
    return new Comparison(resemblance, containment, sample,
        leadMin == 0 ? 0 : (double) leadShared / leadMin, leadShared,
        sharedUnsorted(a.title, b.title), Math.min(a.title.length, b.title.length),
        Math.max(a.title.length, b.title.length), namesShared,
        Math.min(namesA, namesB), a.numbers.length > 0 && b.numbers.length > 0
            && numbersShared == 0,
        shared(a.leadTerms, b.leadTerms), Math.min(a.leadTerms.length, b.leadTerms.length), hours,
        unmatchedA + unmatchedB, numbersShared, unmatchedA > 0 && unmatchedB > 0,
        t.matched, gramsUnion == 0 ? 0 : (double) gramsShared / gramsUnion, t.verb,
        a.negated != b.negated, t.namesA > 0 && t.namesB > 0);
  }

  /** Title terms matched one to one, by stem or else by the word's first letters. */
  private record Alignment(int matched, boolean verb, int namesA, int namesB) {}

  private static Alignment align(StoryEvidence a, StoryEvidence b) {
    int[] x = a.title;
    int[] y = b.title;
    boolean[] usedX = new boolean[x.length];
    boolean[] usedY = new boolean[y.length];
    int matched = 0;
    boolean verb = false;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        if (!usedY[j] && x[i] == y[j]) {
          usedX[i] = usedY[j] = true;
          matched++;
          verb |= contains(a.titleVerbs, x[i]) || contains(b.titleVerbs, y[j]);
          break;
        }
      }
    }
    for (int i = 0; i < x.length && i < a.titlePrefixes.length; i++) {
      int p = a.titlePrefixes[i];
      if (usedX[i] || p == 0) {
        continue;
      }
      for (int j = 0; j < y.length && j < b.titlePrefixes.length; j++) {
        if (!usedY[j] && b.titlePrefixes[j] == p) {
          usedX[i] = usedY[j] = true;
          matched++;
          verb |= contains(a.titleVerbs, x[i]) || contains(b.titleVerbs, y[j]);
          break;
        }
      }
    }
    return new Alignment(matched, verb, unmatchedNames(a, usedX), unmatchedNames(b, usedY));
  }

  private static int unmatchedNames(StoryEvidence e, boolean[] used) {
    int n = 0;
    for (int i = 0; i < used.length; i++) {
      if (!used[i] && contains(e.titleNames, e.title[i])) {
        n++;
      }
    }
    return n;
  }

  private static boolean contains(int[] sorted, int v) {
    return java.util.Arrays.binarySearch(sorted, v) >= 0;
  }

  /**
   * How much two headlines agree: the share of their content words matched one to one (Dice),
   * plus the Jaccard overlap of the words' character trigrams (which sees derived and
   * inflected forms the stemmer leaves apart), plus a little when a matched word is a verb —
   * two headlines that agree on what happened, not just on whom, tell one event.
   */
  double headline() {
    int both = titleMin + titleMax;
    double dice = both == 0 ? 0 : 2.0 * titleMatched / both;
    return dice + titleGrams + (verbAgrees ? 0.2 : 0);
  }

  StoryVerdict verdict() {
    if (sample >= SKETCH_SAMPLE && (containment >= REPUBLISHED_CONTAINMENT
        || resemblance >= REPUBLISHED_RESEMBLANCE)) {
      return new StoryVerdict(true, 1 + Math.max(containment, resemblance), "republication");
    }
    if (leadShared >= EXCERPT_LEAD_SHARED && leadContainment >= 0.6) {
      return new StoryVerdict(true, 1 + leadContainment, "excerpt");
    }
    double title = titleMin == 0 ? 0 : (double) titleShared / titleMin;
    boolean close = Double.isNaN(hoursApart) || hoursApart <= 36;
    // Two write-ups of one event: their leads share a good part of their content words and
    // either two names or places and a title word, or two title words, or (titles in other
    // words altogether) half their content words and three names, or a quarter of them when the
    // titles share two words and two fifths of the shorter one; no number of one title
    // contradicts the other, and no title names a place or person the other lacks.
    double lead = leadTermsMin == 0 ? 0 : (double) leadTermsShared / leadTermsMin;
    // Two write-ups quoting one source (a press release, a study's summary): a fifth of the
    // shorter body's shingles recur in the other, far more than chance wording shares, and the
    // titles agree on two content words.
    if (close && !numbersConflict && sample >= SKETCH_SAMPLE
        && containment >= PASSAGE_CONTAINMENT && titleShared >= 2) {
      return new StoryVerdict(true, 0.5 + containment, "passage");
    }
    if (close && !numbersConflict && (lead >= LEAD_WITH_NAMES && namesShared >= 2
        && titleShared >= 1 && !namesConflict || lead >= LEAD_WITH_TITLE && titleShared >= 2
        || lead >= LEAD_ALONE && namesShared >= 3 && !namesConflict
        || lead >= LEAD_WITH_CLOSE_TITLES && titleShared >= 2 && title >= 0.4
        && !namesConflict)) {
      return new StoryVerdict(true, 0.5 + lead, "paraphrase");
    }
    // Headlines: they agree closely (see headline()), share two words, and neither numbers nor
    // names nor a negation contradict (each naming a place or person the other does not is two
    // events: «в Курске» / «в Омске»; «объявила» / «не объявляла» is a denial).
    if (!numbersConflict && !titleNamesConflict && !negationDiffers
        && titleMatched >= HEADLINE_MATCHED
        && headline() >= HEADLINE && (Double.isNaN(hoursApart) || hoursApart <= 48)) {
      return new StoryVerdict(true, headline() / 2, "paraphrase");
    }
    return new StoryVerdict(false, Math.max(containment, title / 2), "none");
  }

  /** Names of one title that the other title does not mention at all. */
  static int unmatched(int[] names, int[] title) {
    return names.length - sharedUnsorted(names, title);
  }

  /** Shared values of two ascending arrays. */
  static int shared(int[] x, int[] y) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < x.length && j < y.length) {
      if (x[i] < y[j]) {
        i++;
      } else if (x[i] > y[j]) {
        j++;
      } else {
        n++;
        i++;
        j++;
      }
    }
    return n;
  }

  /** Shared values of two short unsorted arrays (titles: a few terms each). */
  static int sharedUnsorted(int[] x, int[] y) {
    int n = 0;
    for (int v : x) {
      for (int w : y) {
        if (v == w) {
          n++;
          break;
        }
      }
    }
    return n;
  }
}
