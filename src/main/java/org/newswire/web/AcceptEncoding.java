package org.newswire.web;

/** Just enough of RFC 9110 §12.5.3 to decide whether gzip is acceptable. */
final class AcceptEncoding {
  private AcceptEncoding() {}

  static boolean allowsGzip(String header) {
    if (header == null) {
      return false;
    }
    boolean viaStar = false;
    for (String part : header.split(",")) {
      String[] p = part.trim().split(";");
      String coding = p[0].trim();
      boolean refused = false;
      for (int i = 1; i < p.length; i++) {
        String param = p[i].trim().replace(" ", "");
        if (param.startsWith("q=")) {
          refused = param.substring(2).matches("0(\\.0{0,3})?");
        }
      }
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
        return !refused;
      }
      if (coding.equals("*")) {
        viaStar = !refused;
      }
    }
    return viaStar;
  }
}
