package org.newswire.parse;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the parser knows besides the bytes.
 *
 * @param contentType the HTTP Content-Type, whose charset outranks detection
 * @param baseUrl the document's URL, the base for relative links when no xml:base says otherwise
 * @param defaultZone zone for dates written without one (the source's {@code timezone})
 * @param fetchedAt dates later than this (plus a small tolerance) are clamped to it
 */
public record ParseContext(
    Optional<String> contentType, Optional<URI> baseUrl, ZoneId defaultZone, Instant fetchedAt) {}
