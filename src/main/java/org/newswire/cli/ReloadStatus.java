package org.newswire.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How the last attempt to (re)load sources.yml went; shown by /healthz and status. */
record ReloadStatus(Instant at, boolean ok, List<String> errors, int sources) {
  ReloadStatus {
    errors = List.copyOf(errors);
  }

  Optional<String> summary() {
    return ok ? Optional.empty() : Optional.of("last reload of sources.yml at " + at
        + " failed with " + errors.size() + " error(s); still running the previous config");
  }
}
