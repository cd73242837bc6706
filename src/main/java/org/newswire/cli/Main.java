package org.newswire.cli;

import org.newswire.config.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code newswire.jar}: one picocli command per task an operator or admin has. */
@Command(
    name = "newswire",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Polls news agencies' feeds, stores each item once, republishes one merged feed.",
    subcommands = {
      ParseCommand.class,
      RunCommand.class,
      PollCommand.class,
      StatusCommand.class,
      CheckConfigCommand.class,
      ImportOpmlCommand.class,
      PurgeCommand.class,
      ReindexCommand.class,
      ExtractCommand.class,
      StoriesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    if (System.getenv("INVOCATION_ID") != null && System.getProperty("NEWSWIRE_LOG_PATTERN") == null) {
      // Under systemd: journald stamps each line itself.
      System.setProperty("NEWSWIRE_LOG_PATTERN", "%-5level %logger{0}: %msg%n");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"newswire " + Version.current()};
    }
  }
}
