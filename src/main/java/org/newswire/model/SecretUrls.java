package org.newswire.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs fit to show: what sources.yml may hold in a feed's address (an agency's API key, a
 * password in user:pass@) must reach neither readers nor logs. The fetcher keeps the real URL;
 * everything that displays or logs one goes through here. Userinfo is dropped and the values of
 * secret-looking query and fragment parameters become {@value #REDACTED}.
 */
public final class SecretUrls {
  public static final String REDACTED = "REDACTED";

  /** Parameter names (lower case, without - and _) that always hold a secret. */
  private static final Set<String> NAMES = Set.of("key", "apikey", "token", "accesstoken",
      "auth", "authorization", "password", "passwd", "pwd", "pass", "secret", "signature", "sig",
      "session", "sessionid", "sid", "credential", "credentials", "hash", "code", "jwt");
  /** Endings that mark one too: client_secret, x-amz-signature, private_key, id_token. */
  private static final String[] ENDINGS = {"key", "token", "secret", "password", "passwd",
      "signature", "credential", "credentials", "auth"};
  private static final Pattern SCHEME_AND_USERINFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*@)"); // to the last @: p@ss
  /**
   * A URL inside free text (an error message, a log line): up to whitespace or a quote, and not
   * the punctuation that follows it in a sentence.
   */
  private static final Pattern URL_IN_TEXT =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]*[^\\s\"'<>.,:;!?)\\]]");

  private SecretUrls() {}

  /** {@code url} without userinfo and with secret parameter values replaced. */
  public static String redact(String url) {
    String s = SCHEME_AND_USERINFO.matcher(url).replaceFirst("$1");
    int hash = s.indexOf('#');
    String fragment = hash < 0 ? null : s.substring(hash + 1);
    String rest = hash < 0 ? s : s.substring(0, hash);
    int q = rest.indexOf('?');
    StringBuilder out = new StringBuilder(s.length());
    if (q < 0) {
      out.append(rest);
    } else {
      out.append(rest, 0, q + 1).append(parameters(rest.substring(q + 1)));
    }
    if (fragment != null) {
      out.append('#').append(parameters(fragment));
    }
    return out.toString();
  }

  public static String redact(java.net.URI url) {
    return redact(url.toString());
  }

  /** {@code text} with every URL in it redacted (error messages quote the URL they failed on). */
  public static String redactIn(String text) {
    if (text.indexOf("://") < 0) {
      return text;
    }
    Matcher m = URL_IN_TEXT.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(redact(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** True for a parameter name that announces a secret value. */
  public static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
    if (NAMES.contains(n)) {
      return true;
    }
    for (String e : ENDINGS) {
      if (n.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  private static String parameters(String query) {
    if (query.indexOf('=') < 0) {
      return query;
    }
    java.util.StringJoiner out = new java.util.StringJoiner("&");
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.add(eq >= 0 && isSecretName(decode(name)) ? name + "=" + REDACTED : pair);
    }
    return out.toString();
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
