package org.newswire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newswire.clean.FeedCleaner;
import org.newswire.clean.RelativeUrls;
import org.newswire.model.ParsedFeed;
import org.newswire.parse.FeedParser;
import org.newswire.parse.ParseContext;
import org.newswire.parse.ParseResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newswire parse}: what Newswire makes of a feed, as JSON, for debugging a source. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {
      "Parses and cleans feeds (RSS, Atom, JSON Feed) and prints what Newswire reads from"
          + " them as JSON.",
      "Per input: feed metadata and entries, dates in UTC, HTML already sanitized, and warnings"
          + " (e.g. a relative link dropped for want of a base URL).",
      "Exit status is 1 when any input could not be read."})
final class ParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--jsonl", description = "One JSON object per line, one line per input.")
  boolean jsonl;

  @Option(names = "--content-type", paramLabel = "CT",
      description = "Content-Type the document was served with (its charset outranks the XML prolog).")
  String contentType;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The document's URL, the base for relative links (default: a URL input's"
          + " address after redirects; for a file, the feed's self, else its alternate link).")
  String baseUrl;

  @Option(names = "--timezone", paramLabel = "ZONE", converter = ZoneConverter.class,
      description = "Zone of dates written without one, as a source's timezone in sources.yml"
          + " (default: UTC).")
  ZoneId timezone = ZoneId.of("UTC");

  @Option(names = "--allow-private-networks",
      description = "Let URL inputs reach loopback and private addresses (refused by default).")
  boolean allowPrivate;

  @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Feed files or URLs.")
  List<String> inputs;

  private final FeedParser parser = new FeedParser();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<URI> base;
    try {
      base = Optional.ofNullable(baseUrl).map(URI::create);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("newswire parse: --base-url is not a URL: " + baseUrl);
      return 2;
    }
    boolean pretty = !jsonl && inputs.size() == 1;
    int status = 0;
    try (UrlInputs urls = new UrlInputs(allowPrivate)) {
      for (String input : inputs) {
        ParseJson.Record record = parseOne(input, base, urls);
        if (record.error() != null) {
          status = 1;
        }
        out.println(ParseJson.write(record, pretty));
        out.flush();
      }
    }
    return status;
  }

  private ParseJson.Record parseOne(String input, Optional<URI> base, UrlInputs urls) {
    byte[] body;
    Optional<String> type = Optional.ofNullable(contentType);
    if (UrlInputs.isUrl(input)) {
      UrlInputs.Fetched f = urls.fetch(input, false);
      if (f.error().isPresent()) {
        return ParseJson.Record.error(input, f.error().get());
      }
      body = f.body();
      type = type.or(f::contentType);
      base = base.or(() -> Optional.of(f.finalUrl()));
    } else {
      try {
        body = Files.readAllBytes(Path.of(input));
      } catch (NoSuchFileException e) {
        return ParseJson.Record.error(input, "no such file: " + input);
      } catch (IOException | RuntimeException e) {
        return ParseJson.Record.error(input, "cannot read " + input + ": " + e.getMessage());
      }
    }
    ParseResult result = parser.parse(body, context(type, base));
    if (!(result instanceof ParseResult.Parsed parsed)) {
      return ParseJson.Record.error(input, ((ParseResult.Unreadable) result).reason());
    }
    ParsedFeed feed = parsed.feed();
    List<String> warnings = List.of();
    if (base.isEmpty()) {
      // A file has no URL of its own: the feed's self (else site) link is the best base there is.
      base = RelativeUrls.ownAddress(feed.feed());
      if (base.isPresent() && parser.parse(body, context(type, base))
          instanceof ParseResult.Parsed again) {
        feed = again.feed();
      } else {
        warnings = RelativeUrls.dropped(feed);
      }
    }
    return ParseJson.Record.of(input, FeedCleaner.clean(feed, base), warnings);
  }

  /** As the daemon's for a source: zone-less dates read in {@code --timezone}. */
  private ParseContext context(Optional<String> type, Optional<URI> base) {
    return new ParseContext(type, base, timezone, Instant.now());
  }

  /** A zone as sources.yml takes it: UTC, Europe/Moscow, +03:00. */
  static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value.strip());
      } catch (DateTimeException e) {
        throw new CommandLine.TypeConversionException(
            "not a time zone like UTC, Europe/Moscow or +03:00: " + value);
      }
    }
  }
}
