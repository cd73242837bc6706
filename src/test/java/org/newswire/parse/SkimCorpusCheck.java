package org.newswire.parse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.newswire.model.Entry;

/**
 * Checks {@link FeedParser#skim} against the whole read on every file under a directory (for
 * instance {@code ../shared/feedcorpus/files}): each entry left out in turn (odd, then even
 * ones), the rest must read exactly as the whole read has them. Run by hand; prints each
 * difference and a count.
 */
public final class SkimCorpusCheck {
  private SkimCorpusCheck() {}

  public static void main(String[] args) throws IOException {
    FeedParser parser = new FeedParser();
    ParseContext ctx = new ParseContext(Optional.empty(),
        Optional.of(URI.create("http://example.org/feed/")), ZoneOffset.UTC,
        Instant.parse("2030-01-01T00:00:00Z"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    int withSpans = 0;
    int checked = 0;
    int differences = 0;
    for (Path file : files) {
      byte[] body = Files.readAllBytes(file);
      ParseResult whole = parser.parse(body, ctx);
      Skim first = parser.skim(body, ctx, Optional.empty());
      if (!first.result().equals(whole)) {
        differences++;
        System.out.println("differs when spans are found: " + file);
        continue;
      }
      if (first.shell() == 0) {
        continue;
      }
      withSpans++;
      List<Entry> entries = ((ParseResult.Parsed) whole).feed().entries();
      if (first.spans().size() != entries.size()) {
        differences++;
        System.out.println("spans and entries differ in number: " + file);
        continue;
      }
      for (int start = 0; start < 2 && start < entries.size(); start++) {
        Set<Long> held = new HashSet<>();
        List<Entry> rest = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
          if (i % 2 == start) {
            held.add(first.spans().get(i));
          } else {
            rest.add(entries.get(i));
          }
        }
        Skim skim = parser.skim(body, ctx, Optional.of(new Skim.Known(first.shell(),
            held::contains)));
        ParseResult.Parsed read = (ParseResult.Parsed) skim.result();
        checked++;
        if (skim.skipped().size() != held.size() || !read.feed().entries().equals(rest)
            || !read.feed().feed().equals(((ParseResult.Parsed) whole).feed().feed())) {
          differences++;
          System.out.println("left-out read differs: " + file);
        }
      }
    }
    System.out.printf("%d files, %d with entry spans, %d reads leaving entries out, %d"
        + " differences%n", files.size(), withSpans, checked, differences);
  }
}
