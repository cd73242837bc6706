package org.newswire.web;

import java.util.EnumMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.newswire.publish.Format;

/** Content-Type fields per format, encoded once. */
final class Types {
  private static final Map<Format, PreEncodedHttpField> FIELDS = new EnumMap<>(Format.class);

  static {
    for (Format f : Format.values()) {
      FIELDS.put(f, new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, f.contentType()));
    }
  }

  private Types() {}

  static PreEncodedHttpField of(Format f) {
    return FIELDS.get(f);
  }
}
