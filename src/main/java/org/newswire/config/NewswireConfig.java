package org.newswire.config;

import java.nio.file.Path;

/** The daemon's settings ({@code newswire.yml}); {@code sourcesFile} is already resolved. */
public record NewswireConfig(
    Path file,
    Path sourcesFile,
    DbSettings db,
    FetchSettings fetch,
    HttpSettings http,
    SchedulerSettings scheduler,
    SearchSettings search, StorySettings stories) {}
