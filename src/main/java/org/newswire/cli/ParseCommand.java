package org.newswire.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.newswire.clean.FeedCleaner;
import org.newswire.parse.FeedParser;
import org.newswire.parse.ParseContext;
import org.newswire.parse.ParseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newswire parse}: what Newswire makes of a feed, as JSON, for debugging a source. */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {
      "Parses and cleans feed files (RSS, Atom, JSON Feed) and prints what Newswire reads from"
          + " them as JSON: feed metadata and entries, dates in UTC, HTML already sanitized.",
      "Exit status is 1 when any input could not be read."})
final class ParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--jsonl", description = "One JSON object per line, one line per input.")
  boolean jsonl;

  @Option(names = "--content-type", paramLabel = "CT",
      description = "Content-Type the document was served with (its charset outranks the XML prolog).")
  String contentType;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The document's URL, the base for relative links.")
  String baseUrl;

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
    ParseContext ctx = new ParseContext(type, base, ZoneOffset.UTC, Instant.now());
    ParseResult result = parser.parse(body, ctx);
    if (result instanceof ParseResult.Parsed parsed) {
      return ParseJson.Record.of(input, FeedCleaner.clean(parsed.feed(), base));
    }
    return ParseJson.Record.error(input, ((ParseResult.Unreadable) result).reason());
  }
}
