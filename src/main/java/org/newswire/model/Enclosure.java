package org.newswire.model;

import java.util.Optional;
import java.util.OptionalLong;

/** A media file attached to an entry (RSS enclosure, Atom rel="enclosure", media:content). */
public record Enclosure(String url, Optional<String> type, OptionalLong length) {}
